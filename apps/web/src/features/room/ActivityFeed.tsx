import { useApolloClient, useQuery } from "@apollo/client/react";
import { isLoggableActivityKind } from "@cosell/schema";
import { useCallback, useState } from "react";
import { describeError } from "../../apiErrors";
import { getFragmentData, graphql } from "../../gql";
import type { FragmentType } from "../../gql";
import { RoomFeedDocument } from "../../gql/graphql";
import { useRoomActivityLive } from "../live/live";
import type { LiveActivity } from "../live/live";
import { FormError } from "../shared/FormError";
import { activityKindLabel, readableSystemText } from "./labels";

/** Activities per page of the feed: the newest first, then "Load older". */
export const FEED_PAGE_SIZE = 30;
/** While the live connection is down, the feed looks for others' entries this often. */
export const FEED_POLL_MS = 15_000;

export const ActivityItemFragment = graphql(`
  fragment ActivityItem on Activity {
    id
    seq
    kind
    body
    createdAt
    apiTokenName
    actor {
      id
      name
      organization {
        id
        name
      }
    }
    actorOrganization {
      id
      name
    }
    changes {
      field
      from
      to
    }
  }
`);

/**
 * A page of the feed: the newest `$last` entries before `$before` (the newest of all without it).
 * The room's query (RoomPage) spreads the same fragment, so the feed opens from the cache.
 */
export const RoomFeedPageFragment = graphql(`
  fragment RoomFeedPage on Opportunity {
    activities(last: $last, before: $before) {
      edges {
        cursor
        node {
          id
          seq
          ...ActivityItem
        }
      }
      pageInfo {
        hasPreviousPage
        startCursor
      }
    }
  }
`);

const RoomFeed = graphql(`
  query RoomFeed($id: ID!, $last: Int!, $before: String) {
    opportunity(id: $id) {
      id
      ...RoomFeedPage
    }
  }
`);

export function roomFeedVariables(opportunityId: string) {
  return { id: opportunityId, last: FEED_PAGE_SIZE };
}

/** Refetches the feed's newest page after the viewer's own change (a post, a move, a new member). */
export const refetchRoomFeed = (opportunityId: string) => [{ query: RoomFeedDocument, variables: roomFeedVariables(opportunityId) }];

/** The room's log: oldest at the top, newest at the bottom next to the composer. */
export function ActivityFeed({
  opportunityId,
  onLiveActivity,
}: {
  opportunityId: string;
  /** Called for each live entry, e.g. to refresh the plan or the split it is about. */
  onLiveActivity?: (activity: LiveActivity) => void;
}) {
  const client = useApolloClient();
  const variables = roomFeedVariables(opportunityId);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<string | null>(null);

  const addLive = useCallback(
    (activity: LiveActivity) => {
      const feedOfRoom = { query: RoomFeedDocument, variables: roomFeedVariables(opportunityId) };
      client.cache.updateQuery(feedOfRoom, (feed) => {
        if (!feed) return undefined;
        const activities = feed.opportunity.activities;
        // Data masking is off: the live entry carries every field of ActivityItem, as the feed's do.
        const node = activity as unknown as (typeof activities.edges)[number]["node"];
        const edge = { __typename: "ActivityEdge" as const, cursor: activity.cursor, node };
        return {
          ...feed,
          opportunity: { ...feed.opportunity, activities: { ...activities, edges: [...activities.edges, edge] } },
        };
      });
      onLiveActivity?.(activity);
    },
    [client, opportunityId, onLiveActivity],
  );

  // Subscribed from the newest entry on screen once the feed has loaded; the server replays
  // whatever came after it. Without live updates, poll instead.
  const [liveFrom, setLiveFrom] = useState<string | null | undefined>(undefined);
  const live = useRoomActivityLive(opportunityId, liveFrom ?? null, addLive, liveFrom === undefined);
  const { data, loading, error, refetch, fetchMore } = useQuery(RoomFeed, {
    variables,
    pollInterval: live ? 0 : FEED_POLL_MS,
  });
  const activities = getFragmentData(RoomFeedPageFragment, data?.opportunity)?.activities ?? null;
  const edges = activities?.edges ?? [];
  if (data && liveFrom === undefined) setLiveFrom(edges.at(-1)?.cursor ?? null);

  async function loadOlder() {
    const before = activities?.pageInfo.startCursor;
    if (!before) return;
    setLoadingOlder(true);
    setOlderError(null);
    try {
      await fetchMore({ variables: { before } });
    } catch (e) {
      setOlderError(describeError(e as Error));
    } finally {
      setLoadingOlder(false);
    }
  }

  if (!data && loading) {
    return (
      <p className="muted" role="status">
        Loading the feed…
      </p>
    );
  }
  if (!data) {
    return (
      <div className="card notice" role="alert">
        <p>Could not load the feed. {error ? describeError(error) : ""}</p>
        <button type="button" className="button-secondary" onClick={() => void refetch()}>
          Try again
        </button>
      </div>
    );
  }

  return (
    <div className="feed">
      <div className="feed-tools">
        {activities?.pageInfo.hasPreviousPage && (
          <button type="button" className="button-secondary" onClick={() => void loadOlder()} disabled={loadingOlder}>
            {loadingOlder ? "Loading older…" : "Load older"}
          </button>
        )}
        {olderError && (
          <span className="form-error-inline" role="alert">
            {olderError}
          </span>
        )}
        <span className="feed-status muted">
          {live ? (
            <>
              <span className="live-dot" aria-hidden="true" /> Live
            </>
          ) : (
            <button type="button" className="button-link" onClick={() => void refetch()}>
              Refresh
            </button>
          )}
        </span>
      </div>
      {edges.length === 0 ? (
        <p className="muted">Nothing here yet. Log the first note below.</p>
      ) : (
        <ol className="feed-list" aria-label="Activity" aria-live="polite" aria-relevant="additions">
          {edges.map((edge) => (
            <ActivityItem key={edge.node.id} activity={edge.node} />
          ))}
        </ol>
      )}
      <FormError error={error} prefix="Could not refresh the feed." />
    </div>
  );
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function ActivityItem(props: { activity: FragmentType<typeof ActivityItemFragment> }) {
  const activity = getFragmentData(ActivityItemFragment, props.activity);
  const byPerson = isLoggableActivityKind(activity.kind);
  const at = new Date(activity.createdAt);
  return (
    <li
      className={`activity ${byPerson ? "activity-person" : "activity-system"} activity-${activity.kind.toLowerCase().replaceAll("_", "-")}`}
    >
      <div className="activity-meta">
        <span className="activity-kind">{activityKindLabel(activity.kind)}</span>
        {activity.actor ? (
          <span className="activity-actor">
            {activity.actor.name} <span className="muted">· {activity.actor.organization.name}</span>
          </span>
        ) : (
          activity.apiTokenName && (
            <span className="activity-actor">
              {activity.apiTokenName} <span className="muted">(API token) · {activity.actorOrganization.name}</span>
            </span>
          )
        )}
        <time className="muted" dateTime={activity.createdAt}>
          {Number.isNaN(at.getTime()) ? activity.createdAt : timeFormat.format(at)}
        </time>
      </div>
      {activity.body && <p className="activity-body">{byPerson ? activity.body : readableSystemText(activity.body)}</p>}
      {activity.changes.length > 0 && (
        <ul className="activity-changes" aria-label="Changes">
          {activity.changes.map((change) => (
            <li key={change.field}>
              <span className="activity-change-field">{change.field}</span> <del>{change.from || "—"}</del> → <ins>{change.to || "—"}</ins>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
