import { useApolloClient, useQuery } from "@apollo/client/react";
import { STAGE_ORDER, isClosedStage } from "@cosell/schema";
import { useCallback, useEffect, useId } from "react";
import type { ChangeEvent } from "react";
import { apiErrorCodes, describeError } from "../../apiErrors";
import { formatMoney, stageLabel } from "../../format";
import { getFragmentData, graphql } from "../../gql";
import type { FragmentType } from "../../gql";
import type { RoomQuery } from "../../gql/graphql";
import { Link } from "../../router";
import { useMoveStage } from "../board/useMoveStage";
import { CommitmentPlan } from "../commitments/CommitmentPlan";
import { useRoomPresence } from "../live/live";
import type { LiveActivity } from "../live/live";
import { rememberRoom } from "../shell/lastRoom";
import { SplitPanel } from "../split/SplitPanel";
import { ActivityFeed } from "./ActivityFeed";
import { Composer } from "./Composer";
import { firmsInRoom } from "./mentions";
import { HelpRequests } from "./HelpRequests";
import { RoomMembers } from "./RoomMembers";
import { refetchRoom, roomVariables } from "./roomQuery";

/** The room's header: the deal at a glance and its stage. */
export const RoomHeaderFragment = graphql(`
  fragment RoomHeader on Opportunity {
    id
    title
    stage
    version
    closeDate
    amount {
      amount
      currency
    }
    account {
      id
      name
    }
    organization {
      id
      name
    }
    owner {
      id
      name
    }
  }
`);

/**
 * Everything the room shows when it opens, in one request: each panel's fragment, the newest page
 * of the feed ($before stays null here; it is the feed's "load older" cursor), and what the page
 * itself needs to decide who may write. The panels' own queries then read from the cache.
 */
const Room = graphql(`
  query Room($id: ID!, $last: Int!, $before: String) {
    viewer {
      id
      role
      organization {
        id
      }
    }
    opportunity(id: $id) {
      id
      title
      organization {
        id
      }
      members {
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
      ...RoomHeader
      ...RoomMembers
      ...CommitmentPlan
      ...HelpRequests
      ...SplitPanel
      # The feed's first page, as RoomFeed (ActivityFeed.tsx) asks for it.
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
  }
`);

/** The room's panels each entry kind can change, refetched when someone else's entry arrives live. */
function queriesChangedBy(kind: LiveActivity["kind"]): string[] {
  switch (kind) {
    case "COMMITMENT_ADDED":
    case "COMMITMENT_PROPOSED":
    case "COMMITMENT_ACCEPTED":
    case "COMMITMENT_DECLINED":
    case "COMMITMENT_DONE":
    case "COMMITMENT_MISSED":
    case "COMMITMENT_CANCELLED":
      return ["RoomPlan"];
    case "HELP_REQUEST":
    case "HELP_ANSWER":
      return ["RoomHelpRequests"];
    case "SPLIT_PROPOSED":
    case "SPLIT_APPROVED":
    case "SPLIT_AGREED":
    case "SPLIT_LOCKED":
    case "SPLIT_NOT_AGREED":
    case "SPLIT_WITHDRAWN":
      return ["RoomSplit"];
    case "STAGE_CHANGED":
    case "DEAL_WON":
    case "DEAL_LOST":
    case "OPPORTUNITY_UPDATED":
      return ["Room"];
    case "MEMBER_JOINED":
    case "MEMBER_LEFT":
    case "MEMBER_ACCESS_CHANGED":
      return ["Room"];
    default:
      return [];
  }
}

type Viewer = NonNullable<RoomQuery["viewer"]>;
type RoomOpportunity = RoomQuery["opportunity"];

/**
 * Whether the viewer may write in the room, by the API's rule (DESIGN.md section 2): a WRITE member,
 * or a manager or admin of the owner organization. The server decides; this only shapes the screen.
 */
export function canWrite(viewer: Viewer | null | undefined, opportunity: RoomOpportunity): boolean {
  if (!viewer) return false;
  const membership = opportunity.members.find((member) => member.user.id === viewer.id);
  if (membership?.access === "WRITE") return true;
  return opportunity.organization.id === viewer.organization.id && (viewer.role === "MANAGER" || viewer.role === "ADMIN");
}

/** The opportunity room: the deal at a glance, its people, and its feed. */
export function RoomPage({ opportunityId }: { opportunityId: string }) {
  const client = useApolloClient();
  const { data, loading, error, refetch } = useQuery(Room, { variables: roomVariables(opportunityId) });
  const present = useRoomPresence(opportunityId);
  const onLiveActivity = useCallback(
    (activity: LiveActivity) => {
      const include = queriesChangedBy(activity.kind);
      if (include.length > 0) void client.refetchQueries({ include }).catch(() => undefined);
    },
    [client],
  );
  const title = data?.opportunity.title;

  useEffect(() => {
    if (title) {
      document.title = `${title} · cosell`;
      rememberRoom(opportunityId);
    }
  }, [title, opportunityId]);

  if (!data && loading) {
    return (
      <p className="muted" role="status">
        Loading the room…
      </p>
    );
  }
  if (!data) {
    if (error && apiErrorCodes(error).includes("NOT_FOUND")) {
      return (
        <section className="card notice room-missing">
          <h1>Room not found</h1>
          <p>This deal does not exist, or you have no access to it.</p>
          <Link to="/">Back to the board</Link>
        </section>
      );
    }
    return (
      <div className="card notice" role="alert">
        <p>Could not open the room. {error ? describeError(error) : ""}</p>
        <button type="button" className="button-secondary" onClick={() => void refetch()}>
          Try again
        </button>
      </div>
    );
  }

  const { opportunity, viewer } = data;
  const writable = canWrite(viewer, opportunity);
  const people = opportunity.members.map((member) => ({
    id: member.user.id,
    name: member.user.name,
    organizationName: member.user.organization.name,
  }));

  return (
    <article className="room" aria-labelledby="room-title">
      <RoomHeader opportunity={opportunity} writable={writable} decidesOutcome={viewer?.organization.id === opportunity.organization.id} />
      <div className="room-body">
        <section className="room-feed" aria-labelledby="feed-heading">
          <h2 id="feed-heading">Feed</h2>
          <ActivityFeed opportunityId={opportunity.id} onLiveActivity={onLiveActivity} />
          {writable ? (
            <Composer
              opportunityId={opportunity.id}
              members={people.filter((person) => person.id !== viewer?.id)}
              firms={firmsInRoom(opportunity.members)}
            />
          ) : (
            <p className="muted read-only-note">You have read-only access to this room.</p>
          )}
        </section>
        <aside className="room-side">
          <RoomMembers opportunity={opportunity} writable={writable} present={present} />
          {viewer && (
            <>
              <CommitmentPlan opportunityId={opportunity.id} viewerId={viewer.id} writable={writable} members={people} />
              <HelpRequests opportunityId={opportunity.id} viewerId={viewer.id} writable={writable} />
              <SplitPanel opportunityId={opportunity.id} viewer={viewer} writable={writable} people={people} />
            </>
          )}
        </aside>
      </div>
    </article>
  );
}

/**
 * The room's header. The stage picker follows the API's rules: a won deal is final (no picker), and
 * only the opportunity's own organization closes it, so partners are not offered the closed stages.
 */
function RoomHeader(props: { opportunity: FragmentType<typeof RoomHeaderFragment>; writable: boolean; decidesOutcome: boolean }) {
  const { writable, decidesOutcome } = props;
  const opportunity = getFragmentData(RoomHeaderFragment, props.opportunity);
  const stageId = useId();
  // The room's query holds the feed's newest page too, so the move's entry shows with it.
  const { move, notice, dismissNotice } = useMoveStage({ refetchQueries: refetchRoom(opportunity.id) });

  function onStageChange(event: ChangeEvent<HTMLSelectElement>) {
    const stage = STAGE_ORDER.find((s) => s === event.target.value);
    if (stage) void move(opportunity, stage);
  }

  const slug = opportunity.stage.toLowerCase().replaceAll("_", "-");
  return (
    <header className="room-header card">
      <div className="room-breadcrumb">
        <Link to="/">Board</Link> <span aria-hidden="true">›</span> <span>{opportunity.account.name}</span>
      </div>
      <h1 id="room-title">{opportunity.title}</h1>
      <dl className="room-facts">
        <div>
          <dt>Account</dt>
          <dd>{opportunity.account.name}</dd>
        </div>
        <div>
          <dt>Amount</dt>
          <dd className="room-amount">{formatMoney(opportunity.amount)}</dd>
        </div>
        <div>
          <dt>Owner</dt>
          <dd>
            {opportunity.owner.name} <span className="muted">· {opportunity.organization.name}</span>
          </dd>
        </div>
        {opportunity.closeDate && (
          <div>
            <dt>Close date</dt>
            <dd>{opportunity.closeDate}</dd>
          </div>
        )}
        <div>
          <dt>{writable && opportunity.stage !== "CLOSED_WON" ? <label htmlFor={stageId}>Stage</label> : "Stage"}</dt>
          <dd>
            {writable && opportunity.stage !== "CLOSED_WON" ? (
              <select id={stageId} className={`stage-select stage-${slug}`} value={opportunity.stage} onChange={onStageChange}>
                {STAGE_ORDER.filter((stage) => decidesOutcome || stage === opportunity.stage || !isClosedStage(stage)).map((stage) => (
                  <option key={stage} value={stage}>
                    {stageLabel(stage)}
                  </option>
                ))}
              </select>
            ) : (
              <span className={`stage stage-${slug}`}>{stageLabel(opportunity.stage)}</span>
            )}
          </dd>
        </div>
      </dl>
      {notice && (
        <div className={`banner banner-${notice.tone}`} role={notice.tone === "error" ? "alert" : "status"}>
          <span>{notice.message}</span>
          <button type="button" className="button-link" onClick={dismissNotice} aria-label="Dismiss">
            ✕
          </button>
        </div>
      )}
    </header>
  );
}
