import { useQuery } from "@apollo/client/react";
import { Suspense, lazy } from "react";
import { describeError } from "../../apiErrors";
import { formatMoney, stageLabel } from "../../format";
import { graphql } from "../../gql";
import { PartnerReliability } from "./PartnerReliability";
import { pipelineByStage, STAGE_PROBABILITY } from "./pipelineFigures";
import { StageChangeStream } from "./StageChangeStream";

const PipelineChart = lazy(() => import("./PipelineChart").then((module) => ({ default: module.PipelineChart })));

const ManagerPipeline = graphql(`
  query ManagerPipeline {
    opportunities(first: 100) {
      edges {
        cursor
        node {
          id
          stage
          amount {
            amount
            currency
          }
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

/** The manager's view: the live stream of stage changes, the pipeline by stage, partner reliability. */
export function ManagerPage() {
  const { data, loading, error, refetch } = useQuery(ManagerPipeline, { fetchPolicy: "cache-and-network" });
  const deals = data?.opportunities.edges.map((edge) => edge.node) ?? [];
  const pipeline = pipelineByStage(deals);

  return (
    <section className="manager" aria-labelledby="manager-heading">
      <h1 id="manager-heading">Manager</h1>
      <div className="manager-grid">
        <StageChangeStream />
        <section className="card manager-pipeline" aria-labelledby="pipeline-heading">
          <h2 id="pipeline-heading">Pipeline by stage</h2>
          {loading && !data && (
            <p className="muted" role="status">
              Loading the pipeline…
            </p>
          )}
          {error && !data && (
            <div role="alert">
              <p>Could not load the pipeline. {describeError(error)}</p>
              <button type="button" className="button-secondary" onClick={() => void refetch()}>
                Try again
              </button>
            </div>
          )}
          {data && pipeline.currency === null && <p className="muted">No deals in your pipeline yet.</p>}
          {data && pipeline.currency !== null && (
            <>
              <Suspense fallback={<div className="chart-placeholder" aria-hidden="true" />}>
                <div aria-hidden="true">
                  <PipelineChart bars={pipeline.bars} currency={pipeline.currency} />
                </div>
              </Suspense>
              {/* The same figures as a table, for screen readers and for exact numbers. */}
              <table className="pipeline-table">
                <caption className="visually-hidden">Pipeline by stage in {pipeline.currency}</caption>
                <thead>
                  <tr>
                    <th scope="col">Stage</th>
                    <th scope="col">Deals</th>
                    <th scope="col">Amount</th>
                    <th scope="col">Weighted</th>
                  </tr>
                </thead>
                <tbody>
                  {pipeline.bars.map((bar) => (
                    <tr key={bar.stage}>
                      <th scope="row">
                        {stageLabel(bar.stage)} <span className="muted">({Math.round(STAGE_PROBABILITY[bar.stage] * 100)}%)</span>
                      </th>
                      <td>{bar.deals}</td>
                      <td>{formatMoney({ amount: String(bar.amount), currency: pipeline.currency ?? "USD" })}</td>
                      <td>{formatMoney({ amount: String(bar.weighted), currency: pipeline.currency ?? "USD" })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {(pipeline.otherCurrencyDeals > 0 || data.opportunities.pageInfo.hasNextPage) && (
                <p className="muted">
                  {pipeline.otherCurrencyDeals > 0 && `${pipeline.otherCurrencyDeals} deals in other currencies are not shown. `}
                  {data.opportunities.pageInfo.hasNextPage && "Showing the 100 most recent deals."}
                </p>
              )}
            </>
          )}
        </section>
        <PartnerReliability />
      </div>
    </section>
  );
}
