import { useSubscription } from "@apollo/client/react";
import { useSyncExternalStore } from "react";
import { socketStatus, subscribeSocketStatus } from "../../apollo";
import { graphql } from "../../gql";
import { useConnectionState } from "./connection";
import type { DealStageChangedLiveSubscription, RoomActivityLiveSubscription } from "../../gql/graphql";

/**
 * Live updates over graphql-ws, in one place. The socket reconnects by itself (src/apollo.ts) and
 * re-sends each subscription; `resumeRoomActivityLink` there moves `after` to the newest activity
 * received, so a reconnected room replays only what it missed.
 */

export const RoomActivityLive = graphql(`
  subscription RoomActivityLive($opportunityId: ID!, $after: String) {
    roomActivity(opportunityId: $opportunityId, after: $after) {
      id
      seq
      cursor
      kind
      ...ActivityItem
    }
  }
`);

export const DealStageChangedLive = graphql(`
  subscription DealStageChangedLive($filter: StageChangeFilter) {
    dealStageChanged(filter: $filter) {
      fromStage
      toStage
      at
      changedBy {
        id
        name
      }
      opportunity {
        id
        title
        stage
        version
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
`);

const RoomPresenceLive = graphql(`
  subscription RoomPresenceLive($opportunityId: ID!) {
    roomPresence(opportunityId: $opportunityId) {
      opportunityId
      at
      users {
        id
        name
      }
    }
  }
`);

/**
 * The socket is up (false while it reconnects or the browser is offline; true when unknown, e.g.
 * a test's MockLink).
 */
function useSocketUp(): boolean {
  const online = useConnectionState() === "online";
  return useSyncExternalStore(subscribeSocketStatus, socketStatus) !== false && online;
}

export type LiveActivity = RoomActivityLiveSubscription["roomActivity"];
export type LiveStageChange = DealStageChangedLiveSubscription["dealStageChanged"];

/**
 * The room's new activities as they happen, from just after `after` (the newest cursor on screen;
 * the server replays anything in between, so nothing is missed). Returns whether it is live.
 */
export function useRoomActivityLive(
  opportunityId: string,
  after: string | null,
  onActivity: (activity: LiveActivity) => void,
  /** Not yet: e.g. until the feed has loaded and `after` is known. */
  wait = false,
): boolean {
  const up = useSocketUp();
  const { error } = useSubscription(RoomActivityLive, {
    variables: { opportunityId, after },
    skip: wait,
    onData: ({ data }) => {
      if (data.data) onActivity(data.data.roomActivity);
    },
  });
  return !wait && !error && up;
}

/**
 * Stage changes of every deal the viewer can see. The selection includes each opportunity's id,
 * stage and version, so Apollo's cache moves the card on every board by itself.
 */
export function useDealStageChangesLive(onChange?: (change: LiveStageChange) => void): boolean {
  const up = useSocketUp();
  const { error } = useSubscription(DealStageChangedLive, {
    onData: ({ data }) => {
      if (data.data && onChange) onChange(data.data.dealStageChanged);
    },
  });
  return !error && up;
}

/**
 * Who has the room open now (the viewer included); null until the first snapshot, and while the
 * app is offline or reconnecting: the last list would be stale (the server has already dropped
 * this viewer's own presence), so the room shows nobody as present until it hears again.
 */
export function useRoomPresence(opportunityId: string): ReadonlySet<string> | null {
  const connected = useConnectionState() === "online";
  const { data } = useSubscription(RoomPresenceLive, { variables: { opportunityId } });
  return data && connected ? new Set(data.roomPresence.users.map((user) => user.id)) : null;
}
