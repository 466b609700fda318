import { useQuery } from "@apollo/client/react";
import { useEffect, useRef } from "react";
import { formatMoney, stageLabel } from "../../format";
import { getFragmentData, graphql } from "../../gql";
import { Link, roomPath } from "../../router";
import { RoomHeaderFragment } from "../room/DealHeader";
import { readableSystemText, roomRoleLabel } from "../room/labels";
import { LoadState } from "../shared/LoadState";

/**
 * A deal at a glance from the board. Read without the cache: the room keeps its own page of the
 * same feed, which a five-entry page here would cut short.
 */
const DealPreviewQuery = graphql(`
  query DealPreview($id: ID!) {
    opportunity(id: $id) {
      id
      title
      # The deal's facts, as the room's header shows them.
      ...RoomHeader
      members {
        role
        access
        user {
          id
          name
          organization {
            id
            name
          }
        }
      }
      commitments {
        id
        title
        status
        dueAt
        assignee {
          id
          name
        }
      }
      activities(last: 5) {
        edges {
          node {
            id
            kind
            body
            createdAt
            actor {
              id
              name
            }
            apiTokenName
          }
        }
      }
    }
  }
`);

const dayFormat = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });
const whenFormat = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

/**
 * A side panel over the board with the deal's header, its people, the next commitments and the
 * latest activity, and a link to the full room. Escape or ✕ closes it; the caller puts focus back
 * on the card it was opened from.
 */
export function DealPreview({ opportunityId, onClose }: { opportunityId: string; onClose: () => void }) {
  const { data, loading, error, refetch } = useQuery(DealPreviewQuery, { variables: { id: opportunityId }, fetchPolicy: "no-cache" });
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    closeButton.current?.focus();
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === "Escape") onClose();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [onClose, opportunityId]);

  const deal = data?.opportunity;
  const facts = deal ? getFragmentData(RoomHeaderFragment, deal) : null;
  const next = deal?.commitments.filter((c) => c.status === "OPEN" || c.status === "MISSED" || c.status === "PROPOSED").slice(0, 3) ?? [];
  const recent = deal ? [...deal.activities.edges].reverse().map((edge) => edge.node) : [];

  return (
    <aside className="deal-preview" role="dialog" aria-modal="false" aria-labelledby="deal-preview-title">
      <div className="deal-preview-head">
        <h2 id="deal-preview-title">{deal?.title ?? "Deal preview"}</h2>
        <button ref={closeButton} type="button" className="button-link" onClick={onClose} aria-label="Close the preview">
          ✕
        </button>
      </div>
      <LoadState what="the deal" loading={loading} error={error} hasData={!!deal} retry={() => void refetch()} />
      {deal && facts && (
        <>
          <dl className="room-facts deal-preview-facts">
            <div>
              <dt>Account</dt>
              <dd>{facts.account.name}</dd>
            </div>
            <div>
              <dt>Amount</dt>
              <dd>{formatMoney(facts.amount)}</dd>
            </div>
            <div>
              <dt>Stage</dt>
              <dd>{stageLabel(facts.stage)}</dd>
            </div>
            <div>
              <dt>Owner</dt>
              <dd>
                {facts.owner.name} <span className="muted">· {facts.organization.name}</span>
              </dd>
            </div>
            {facts.closeDate && (
              <div>
                <dt>Close date</dt>
                <dd>{facts.closeDate}</dd>
              </div>
            )}
          </dl>
          <section aria-labelledby="deal-preview-people">
            <h3 id="deal-preview-people">People</h3>
            <ul className="deal-preview-list">
              {deal.members.map((member) => (
                <li key={member.user.id}>
                  {member.user.name}{" "}
                  <span className="muted">
                    · {member.user.organization.name} · {roomRoleLabel(member.role)}
                  </span>
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="deal-preview-next">
            <h3 id="deal-preview-next">Next commitments</h3>
            {next.length === 0 ? (
              <p className="muted">Nothing planned.</p>
            ) : (
              <ul className="deal-preview-list">
                {next.map((c) => (
                  <li key={c.id} className={c.status === "MISSED" ? "deal-next-overdue" : undefined}>
                    {c.status === "MISSED" && <strong>Overdue: </strong>}
                    {c.title}{" "}
                    <span className="muted">
                      · {c.assignee.name} · due <time dateTime={c.dueAt}>{dayFormat.format(new Date(c.dueAt))}</time>
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="deal-preview-recent">
            <h3 id="deal-preview-recent">Recent activity</h3>
            {recent.length === 0 ? (
              <p className="muted">Nothing yet.</p>
            ) : (
              <ul className="deal-preview-list">
                {recent.map((entry) => (
                  <li key={entry.id}>
                    <span className="muted">
                      {entry.actor?.name ?? entry.apiTokenName ?? "cosell"} ·{" "}
                      <time dateTime={entry.createdAt}>{whenFormat.format(new Date(entry.createdAt))}</time>
                    </span>
                    <br />
                    {entry.body ? readableSystemText(entry.body) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <Link to={roomPath(deal.id)} className="button-primary deal-preview-open">
            Open the room
          </Link>
        </>
      )}
    </aside>
  );
}
