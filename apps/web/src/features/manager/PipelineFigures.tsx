import { useQuery } from "@apollo/client/react";
import { Suspense, lazy, useEffect, useRef, useState } from "react";
import { formatMoney, stageLabel } from "../../format";
import { graphql } from "../../gql";
import type { PipelineFiguresQuery } from "../../gql/graphql";
import { formatDays, formatRate, periodOf } from "../reporting/figures";
import type { PeriodChoice } from "../reporting/figures";
import { LoadState } from "../shared/LoadState";
import { PeriodPicker } from "../reporting/PeriodPicker";
import { RatesNote, Unconverted } from "../reporting/Unconverted";

const PipelineChart = lazy(() => import("./PipelineChart").then((module) => ({ default: module.PipelineChart })));

export const PipelineFiguresDocument = graphql(`
  query PipelineFigures($from: String!, $to: String!) {
    pipelineFigures(from: $from, to: $to) {
      reportingCurrency
      asOf
      stages {
        stage
        weight
        deals
        total {
          amount
          currency
        }
        weighted {
          amount
          currency
        }
        unconverted {
          amount
          currency
        }
      }
      total {
        amount
        currency
      }
      weighted {
        amount
        currency
      }
      unconverted {
        amount
        currency
      }
      won
      lost
      winRate
      wonAmount {
        amount
        currency
      }
      wonUnconverted {
        amount
        currency
      }
      medianDaysToClose
      conversions {
        fromStage
        toStage
        entered
        advanced
        rate
      }
      reps {
        rep {
          id
          name
        }
        openDeals
        pipeline {
          amount
          currency
        }
        weighted {
          amount
          currency
        }
        won
        lost
        winRate
        wonAmount {
          amount
          currency
        }
        unconverted {
          amount
          currency
        }
      }
      ratesUsed {
        fromCurrency
        toCurrency
        rate
        validFrom
      }
    }
  }
`);

type Figures = PipelineFiguresQuery["pipelineFigures"];

/**
 * The manager's figures, computed by the server in the organization's reporting currency: the
 * open pipeline per stage (total and weighted), win rate, stage-to-stage conversion, median cycle
 * time and each rep's share over a chosen period. `movesSeen` counts the live deal changes the page
 * has received; each one refetches the figures, so they follow the deals as they move.
 */
export function PipelineFigures({ movesSeen }: { movesSeen: number }) {
  const [choice, setChoice] = useState<PeriodChoice>("LAST_90_DAYS");
  const period = periodOf(choice);
  const { data, loading, error, refetch } = useQuery(PipelineFiguresDocument, { variables: period, fetchPolicy: "cache-and-network" });
  const seen = useRef(movesSeen);
  useEffect(() => {
    if (movesSeen === seen.current) return;
    seen.current = movesSeen;
    void refetch();
  }, [movesSeen, refetch]);
  const figures = data?.pipelineFigures;

  return (
    <section className="card manager-pipeline" aria-labelledby="pipeline-heading">
      <div className="section-head">
        <h2 id="pipeline-heading">Pipeline by stage</h2>
        <PeriodPicker value={choice} onChange={setChoice} />
      </div>
      <LoadState what="the pipeline" loading={loading} error={error} hasData={Boolean(figures)} retry={() => void refetch()} />
      {figures && <FiguresBody figures={figures} />}
    </section>
  );
}

/** The figures themselves (exported for tests: they render from a plain result). */
export function FiguresBody({ figures }: { figures: Figures }) {
  const currency = figures.reportingCurrency;
  if (figures.reps.length === 0) return <p className="muted">No deals in your pipeline yet.</p>;
  const bars = figures.stages.map((s) => ({
    stage: s.stage,
    deals: s.deals,
    amount: Number(s.total.amount),
    weighted: Number(s.weighted.amount),
  }));
  return (
    <>
      <dl className="figure-tiles" aria-label="Pipeline figures">
        <div>
          <dt>Open pipeline</dt>
          <dd>
            {formatMoney(figures.total)}
            <Unconverted amounts={figures.unconverted} />
          </dd>
        </div>
        <div>
          <dt>Weighted</dt>
          <dd>{formatMoney(figures.weighted)}</dd>
        </div>
        <div>
          <dt>Win rate</dt>
          <dd>
            {formatRate(figures.winRate)}{" "}
            <span className="muted">
              ({figures.won} won, {figures.lost} lost)
            </span>
          </dd>
        </div>
        <div>
          <dt>Won</dt>
          <dd>
            {formatMoney(figures.wonAmount)}
            <Unconverted amounts={figures.wonUnconverted} />
          </dd>
        </div>
        <div>
          <dt>Median cycle time</dt>
          <dd>{formatDays(figures.medianDaysToClose)}</dd>
        </div>
      </dl>
      <Suspense fallback={<div className="chart-placeholder" aria-hidden="true" />}>
        <div aria-hidden="true">
          <PipelineChart bars={bars} currency={currency} />
        </div>
      </Suspense>
      <div className="table-scroll">
        <table className="pipeline-table">
          <caption className="visually-hidden">Open pipeline by stage in {currency}</caption>
          <thead>
            <tr>
              <th scope="col">Stage</th>
              <th scope="col">Deals</th>
              <th scope="col">Amount</th>
              <th scope="col">Weighted</th>
            </tr>
          </thead>
          <tbody>
            {figures.stages.map((s) => (
              <tr key={s.stage}>
                <th scope="row">
                  {stageLabel(s.stage)} <span className="muted">({s.weight}%)</span>
                </th>
                <td>{s.deals}</td>
                <td>
                  {formatMoney(s.total)}
                  <Unconverted amounts={s.unconverted} />
                </td>
                <td>{formatMoney(s.weighted)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Conversion to the next stage</h3>
      <table className="pipeline-table" aria-label="Stage conversion">
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">Entered</th>
            <th scope="col">Went on</th>
            <th scope="col">Conversion</th>
          </tr>
        </thead>
        <tbody>
          {figures.conversions.map((c) => (
            <tr key={c.fromStage}>
              <th scope="row">
                {stageLabel(c.fromStage)} → {stageLabel(c.toStage)}
              </th>
              <td>{c.entered}</td>
              <td>{c.advanced}</td>
              <td>{formatRate(c.rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>By rep</h3>
      <div className="table-scroll">
        <table className="pipeline-table" aria-label="By rep">
          <thead>
            <tr>
              <th scope="col">Rep</th>
              <th scope="col">Open deals</th>
              <th scope="col">Pipeline</th>
              <th scope="col">Weighted</th>
              <th scope="col">Won / lost</th>
              <th scope="col">Win rate</th>
              <th scope="col">Won</th>
            </tr>
          </thead>
          <tbody>
            {figures.reps.map((r) => (
              <tr key={r.rep.id}>
                <th scope="row">{r.rep.name}</th>
                <td>{r.openDeals}</td>
                <td>
                  {formatMoney(r.pipeline)}
                  <Unconverted amounts={r.unconverted} />
                </td>
                <td>{formatMoney(r.weighted)}</td>
                <td>
                  {r.won} / {r.lost}
                </td>
                <td>{formatRate(r.winRate)}</td>
                <td>{formatMoney(r.wonAmount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <RatesNote currency={currency} rates={figures.ratesUsed} asOf={figures.asOf} />
    </>
  );
}
