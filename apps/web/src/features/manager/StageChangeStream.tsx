import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { formatMoney, stageLabel } from "../../format";
import { getFragmentData, graphql } from "../../gql";
import { Link, roomPath } from "../../router";
import { StageMoveFragment, useDealStageChangesLive } from "../live/live";
import type { LiveStageChange } from "../live/live";
import { RECENT_MOVES, mergeMoves, moveKey } from "./recentStageChanges";

/** How many moves the stream keeps on screen, newest first. */
export const STREAM_LENGTH = 50;

/** The newest stored moves, with the same selection as the live feed so both merge into one list. */
export const RecentStageChanges = graphql(`
  query RecentStageChanges($first: Int) {
    stageChanges(first: $first) {
      edges {
        cursor
        node {
          ...StageMove
        }
      }
    }
  }
`);

/** This week's stored moves, loaded on open (stageChanges). */
function useRecentStageChanges(): { moves: LiveStageChange[]; loading: boolean } {
  const { data, loading } = useQuery(RecentStageChanges, { variables: { first: RECENT_MOVES }, fetchPolicy: "network-only" });
  return { moves: data?.stageChanges.edges.map((edge) => getFragmentData(StageMoveFragment, edge.node)) ?? [], loading };
}

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: "medium" });

/**
 * Every stage move on the deals the manager can see: this week's from the stored history when the
 * page opens (stageChanges), then each one as it happens (dealStageChanged). `onMove` hears every
 * live move, for the figures beside it to follow.
 */
export function StageChangeStream({ onMove }: { onMove?: (change: LiveStageChange) => void }) {
  const [liveChanges, setLiveChanges] = useState<readonly LiveStageChange[]>([]);
  const recent = useRecentStageChanges();
  const live = useDealStageChangesLive((change) => {
    setLiveChanges((current) => [change, ...current].slice(0, STREAM_LENGTH));
    onMove?.(change);
  });
  const changes = mergeMoves(liveChanges, recent.moves, Date.now(), STREAM_LENGTH);

  return (
    <section className="card stage-stream" aria-labelledby="stream-heading">
      <div className="section-head">
        <h2 id="stream-heading">Stage changes</h2>
        <span className="muted">
          {live ? (
            <>
              <span className="live-dot" aria-hidden="true" /> Live
            </>
          ) : (
            "Reconnecting…"
          )}
        </span>
      </div>
      {changes.length === 0 ? (
        <p className="muted">
          {recent.loading
            ? "Loading this week's moves…"
            : "No moves this week. Stage changes across your pipeline appear here as they happen."}
        </p>
      ) : (
        <ol className="stream-list" aria-label="Stage changes" aria-live="polite">
          {changes.map((change) => (
            <li key={moveKey(change)} className={`stream-item${change.toStage === "CLOSED_WON" ? " stream-won" : ""}`}>
              <Link to={roomPath(change.opportunity.id)} className="stream-title">
                {change.opportunity.title}
              </Link>
              <span className="muted">
                {" "}
                · {change.opportunity.account.name} · {formatMoney(change.opportunity.amount)}
              </span>
              <div>
                {change.fromStage ? stageLabel(change.fromStage) : "New"} → <strong>{stageLabel(change.toStage)}</strong>
                <span className="muted">
                  {" "}
                  by {change.changedBy?.name ?? "a partner system"} at{" "}
                  <time dateTime={change.at}>{timeFormat.format(new Date(change.at))}</time>
                </span>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
