import { useApolloClient, useQuery } from "@apollo/client/react";
import { useCallback, useEffect } from "react";
import { apiErrorCodes, describeError } from "../../apiErrors";
import { graphql } from "../../gql";
import type { RoomQuery } from "../../gql/graphql";
import { Link } from "../../router";
import { CommitmentPlan } from "../commitments/CommitmentPlan";
import { MeetingsPanel } from "../meetings/MeetingsPanel";
import { OutlinePanel } from "../meetings/OutlinePanel";
import { useRoomPresence } from "../live/live";
import type { LiveActivity } from "../live/live";
import { rememberRoom } from "../shell/lastRoom";
import { SplitPanel } from "../split/SplitPanel";
import { ActivityFeed } from "./ActivityFeed";
import { DealHeader } from "./DealHeader";
import { Composer } from "./Composer";
import { firmsInRoom } from "./mentions";
import { HelpRequests } from "./HelpRequests";
import { RoomMembers } from "./RoomMembers";
import { WonDeal } from "./WonDeal";
import { roomVariables } from "./roomQuery";

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
      ...WonDeal
      ...RoomMembers
      ...CommitmentPlan
      ...HelpRequests
      ...SplitPanel
      ...MeetingsPanel
      ...OutlinePanel
      ...RoomFeedPage
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
    case "MEETING_SCHEDULED":
    case "MEETING_RESCHEDULED":
    case "MEETING_CANCELLED":
      return ["RoomMeetings"];
    case "OUTLINE_PUBLISHED":
    case "OUTLINE_SIGNED":
      return ["RoomOutline"];
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
      <WonDeal opportunity={opportunity} viewerId={viewer?.id ?? null} writable={writable} />
      <DealHeader opportunity={opportunity} writable={writable} viewer={viewer} />
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
              <MeetingsPanel opportunityId={opportunity.id} viewerId={viewer.id} writable={writable} members={people} />
              <OutlinePanel opportunityId={opportunity.id} viewer={viewer} writable={writable} />
            </>
          )}
        </aside>
      </div>
    </article>
  );
}
