import { useQuery } from "@apollo/client/react";
import { formatMoney, stageLabel } from "../../format";
import { graphql } from "../../gql";
import { Link, roomPath } from "../../router";
import { LoadState } from "../shared/LoadState";

const RoomPicker = graphql(`
  query RoomPicker {
    opportunities(first: 100) {
      edges {
        cursor
        node {
          id
          title
          stage
          amount {
            amount
            currency
          }
          account {
            id
            name
          }
        }
      }
    }
  }
`);

/** /room without a deal: the rooms the viewer can open. */
export function RoomIndex() {
  const { data, loading, error, refetch } = useQuery(RoomPicker);
  const edges = data?.opportunities.edges ?? [];

  return (
    <section className="room-index" aria-labelledby="room-index-heading">
      <h1 id="room-index-heading">Rooms</h1>
      <p className="muted">Every deal has a room: its people, its plan and one shared feed. Pick one.</p>
      <LoadState what="your rooms" loading={loading} error={error} hasData={!!data} retry={() => void refetch()} className="card notice" />
      {data && edges.length === 0 && <p className="card notice">You are in no rooms yet.</p>}
      {edges.length > 0 && (
        <ul className="room-list card">
          {edges.map(({ node }) => (
            <li key={node.id}>
              <Link to={roomPath(node.id)}>{node.title}</Link>
              <span className="muted">
                {node.account.name} · {stageLabel(node.stage)} · {formatMoney(node.amount)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
