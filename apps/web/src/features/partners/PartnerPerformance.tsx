import { useQuery } from "@apollo/client/react";
import { Suspense, lazy, useState } from "react";
import { formatMoney } from "../../format";
import { graphql } from "../../gql";
import type { PartnerPerformanceQuery } from "../../gql/graphql";
import { formatDays, formatRate, periodOf } from "../reporting/figures";
import type { PeriodChoice } from "../reporting/figures";
import { LoadState } from "../shared/LoadState";
import { PeriodPicker } from "../reporting/PeriodPicker";
import { RatesNote, Unconverted } from "../reporting/Unconverted";

const WinRateChart = lazy(() => import("./WinRateChart").then((module) => ({ default: module.WinRateChart })));

export const PartnerPerformanceDocument = graphql(`
  query PartnerPerformance($from: String!, $to: String!) {
    viewer {
      id
      organization {
        id
        reportingCurrency
      }
    }
    partnerPerformance(from: $from, to: $to) {
      organization {
        id
        name
      }
      sourcedDeals
      influencedDeals
      wonDeals
      wonAmount {
        amount
        currency
      }
      wonUnconverted {
        amount
        currency
      }
      ratesUsed {
        fromCurrency
        toCurrency
        rate
        validFrom
      }
      winRate
      winRateWithout
      medianDaysToClose
      medianDaysToCloseWithout
      onTimeRate
    }
  }
`);

export type PerformanceRow = PartnerPerformanceQuery["partnerPerformance"][number];

/**
 * What each partner firm was worth on the organization's own deals closed in a chosen period:
 * deals it sourced (registered) and influenced (took part in), won amount in the reporting
 * currency, and win rate and cycle time with it and without it. Derived on the server from the
 * record (docs/PARTNERING.md), never from a field someone sets.
 */
export function PartnerPerformance() {
  const [choice, setChoice] = useState<PeriodChoice>("LAST_90_DAYS");
  const { data, loading, error, refetch } = useQuery(PartnerPerformanceDocument, {
    variables: periodOf(choice),
    fetchPolicy: "cache-and-network",
  });
  return (
    <section className="card partner-performance" aria-labelledby="performance-heading">
      <div className="section-head">
        <h2 id="performance-heading">Partner performance</h2>
        <PeriodPicker value={choice} onChange={setChoice} />
      </div>
      <LoadState
        what="partner performance"
        loading={loading}
        error={error}
        hasData={Boolean(data)}
        retry={() => void refetch()}
        reserve={<div className="chart-placeholder" data-testid="performance-placeholder" aria-hidden="true" />}
      />
      {data && <PerformanceTable rows={data.partnerPerformance} currency={data.viewer?.organization.reportingCurrency ?? "USD"} />}
    </section>
  );
}

/** The table and its chart (exported for tests: they render from plain rows). */
export function PerformanceTable({ rows, currency }: { rows: readonly PerformanceRow[]; currency: string }) {
  if (rows.length === 0) return <p className="muted">No signed partners yet: sign a partnership to see what partners bring.</p>;
  const rates = rows.flatMap((row) => row.ratesUsed);
  const unique = [...new Map(rates.map((r) => [`${r.fromCurrency}-${r.validFrom}`, r])).values()];
  return (
    <>
      <Suspense fallback={<div className="chart-placeholder" aria-hidden="true" />}>
        <div aria-hidden="true">
          <WinRateChart rows={rows} />
        </div>
      </Suspense>
      <div className="table-scroll">
        <table className="pipeline-table" aria-label="Partner performance">
          <thead>
            <tr>
              <th scope="col">Partner</th>
              <th scope="col">Sourced</th>
              <th scope="col">Influenced</th>
              <th scope="col">Won</th>
              <th scope="col">Win rate with / without</th>
              <th scope="col">Median days to close with / without</th>
              <th scope="col">Commitments on time</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.organization.id}>
                <th scope="row">{row.organization.name}</th>
                <td>{row.sourcedDeals}</td>
                <td>{row.influencedDeals}</td>
                <td>
                  {row.wonAmount ? formatMoney(row.wonAmount) : "—"}
                  <Unconverted amounts={row.wonUnconverted} />
                </td>
                <td>
                  {formatRate(row.winRate)} / {formatRate(row.winRateWithout)}
                </td>
                <td>
                  {formatDays(row.medianDaysToClose)} / {formatDays(row.medianDaysToCloseWithout)}
                </td>
                <td>{formatRate(row.onTimeRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <RatesNote currency={currency} rates={unique} />
    </>
  );
}
