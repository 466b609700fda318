import { useState } from "react";
import { formatMoney, stageLabel } from "../../format";
import { Link, roomPath } from "../../router";
import { useDealStageChangesLive } from "../live/live";
import type { LiveStageChange } from "../live/live";

/** How many moves the stream keeps on screen, newest first. */
export const STREAM_LENGTH = 50;

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: "medium" });

/**
 * Every stage move on the deals the manager can see, as it happens (dealStageChanged). The moves
 * also land in Apollo's cache, so the pipeline chart next to it follows by itself.
 */
export function StageChangeStream() {
  const [changes, setChanges] = useState<readonly (LiveStageChange & { key: string })[]>([]);
  const live = useDealStageChangesLive((change) =>
    setChanges((current) => [{ ...change, key: `${change.opportunity.id}-${change.at}` }, ...current].slice(0, STREAM_LENGTH)),
  );

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
        <p className="muted">Waiting for the next move. Stage changes across your pipeline appear here as they happen.</p>
      ) : (
        <ol className="stream-list" aria-label="Stage changes" aria-live="polite">
          {changes.map((change) => (
            <li key={change.key} className={`stream-item${change.toStage === "CLOSED_WON" ? " stream-won" : ""}`}>
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
