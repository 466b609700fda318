import { useQuery } from "@apollo/client/react";
import { getFragmentData, graphql } from "../../gql";
import type { FragmentType } from "../../gql";
import { ReliabilityBadge } from "../reliability/ReliabilityBadge";
import { LoadState } from "../shared/LoadState";

/** A firm's row of the table: the badge's figures and the columns beside it. */
const FirmReliabilityFragment = graphql(`
  fragment FirmReliability on Reliability {
    ...ReliabilityFigures
    delivered
    missed
    open
    onTimeRate
    helpGiven
  }
`);

const ManagerReliability = graphql(`
  query ManagerReliability {
    viewer {
      id
      organization {
        id
        name
        reliability {
          ...FirmReliability
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
          ...FirmReliability
        }
      }
      partner {
        id
        name
        reliability {
          ...FirmReliability
        }
      }
    }
  }
`);

interface Row {
  readonly id: string;
  readonly name: string;
  readonly relation: string;
  readonly reliability: FragmentType<typeof FirmReliabilityFragment>;
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
  const figures = (row: Row) => getFragmentData(FirmReliabilityFragment, row.reliability);
  // Worst first: that is where a manager looks.
  rows.sort((a, b) => (figures(a).onTimeRate ?? 2) - (figures(b).onTimeRate ?? 2));

  return (
    <section className="card partner-reliability" aria-labelledby="reliability-heading">
      <h2 id="reliability-heading">Partner reliability</h2>
      <LoadState what="reliability" loading={loading} error={error} hasData={!!data} retry={() => void refetch()} />
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
                <FirmRow key={row.id} row={row} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function FirmRow({ row }: { row: Row }) {
  const figures = getFragmentData(FirmReliabilityFragment, row.reliability);
  return (
    <tr>
      <th scope="row">
        {row.name} <span className="muted">· {row.relation}</span>
      </th>
      <td>
        <ReliabilityBadge reliability={figures} who={row.name} />
      </td>
      <td>{figures.delivered}</td>
      <td>{figures.missed}</td>
      <td>{figures.open}</td>
      <td>{figures.helpGiven}</td>
    </tr>
  );
}
