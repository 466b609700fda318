import { useQuery } from "@apollo/client/react";
import { describeError } from "../../apiErrors";
import { graphql } from "../../gql";
import type { FragmentType } from "../../gql";
import { ReliabilityBadge } from "../reliability/ReliabilityBadge";
import type { ReliabilityFiguresFragment } from "../reliability/ReliabilityBadge";

const ManagerReliability = graphql(`
  query ManagerReliability {
    viewer {
      id
      organization {
        id
        name
        reliability {
          ...ReliabilityFigures
          delivered
          missed
          open
          onTimeRate
          helpGiven
        }
      }
    }
    partnerships {
      id
      status
      proposer {
        id
        name
        reliability {
          ...ReliabilityFigures
          delivered
          missed
          open
          onTimeRate
          helpGiven
        }
      }
      partner {
        id
        name
        reliability {
          ...ReliabilityFigures
          delivered
          missed
          open
          onTimeRate
          helpGiven
        }
      }
    }
  }
`);

interface Row {
  readonly id: string;
  readonly name: string;
  readonly relation: string;
  readonly reliability: FragmentType<typeof ReliabilityFiguresFragment> & {
    readonly delivered: number;
    readonly missed: number;
    readonly open: number;
    readonly onTimeRate: number | null;
    readonly helpGiven: number;
  };
}

/** On-time delivery per firm: the viewer's own and every firm it has a partnership with. */
export function PartnerReliability() {
  const { data, loading, error, refetch } = useQuery(ManagerReliability, { fetchPolicy: "cache-and-network" });

  const rows: Row[] = [];
  if (data?.viewer) {
    const own = data.viewer.organization;
    rows.push({ id: own.id, name: own.name, relation: "Your firm", reliability: own.reliability });
    for (const partnership of data.partnerships) {
      const other = partnership.proposer.id === own.id ? partnership.partner : partnership.proposer;
      if (rows.some((row) => row.id === other.id)) continue;
      const relation = { SIGNED: "Signed partner", PROPOSED: "Proposed partner", TERMINATED: "Former partner" }[partnership.status];
      rows.push({ id: other.id, name: other.name, relation, reliability: other.reliability });
    }
  }
  // Worst first: that is where a manager looks.
  rows.sort((a, b) => (a.reliability.onTimeRate ?? 2) - (b.reliability.onTimeRate ?? 2));

  return (
    <section className="card partner-reliability" aria-labelledby="reliability-heading">
      <h2 id="reliability-heading">Partner reliability</h2>
      {!data && loading && (
        <p className="muted" role="status">
          Loading reliability…
        </p>
      )}
      {!data && error && (
        <div role="alert">
          <p>Could not load reliability. {describeError(error)}</p>
          <button type="button" className="button-secondary" onClick={() => void refetch()}>
            Try again
          </button>
        </div>
      )}
      {data && rows.length <= 1 && <p className="muted">No partner firms yet. Propose a partnership on the Partners page.</p>}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table className="reliability-table">
            <thead>
              <tr>
                <th scope="col">Firm</th>
                <th scope="col">On time</th>
                <th scope="col">Delivered</th>
                <th scope="col">Missed</th>
                <th scope="col">Open</th>
                <th scope="col">Help given</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    {row.name} <span className="muted">· {row.relation}</span>
                  </th>
                  <td>
                    <ReliabilityBadge reliability={row.reliability} who={row.name} />
                  </td>
                  <td>{row.reliability.delivered}</td>
                  <td>{row.reliability.missed}</td>
                  <td>{row.reliability.open}</td>
                  <td>{row.reliability.helpGiven}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
