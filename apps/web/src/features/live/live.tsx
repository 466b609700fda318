import { useApolloClient, useQuery, useSubscription } from "@apollo/client/react";
import { useEffect, useRef, useSyncExternalStore } from "react";
import { socketStatus, subscribeSocketStatus } from "../../apollo";
import { getFragmentData, graphql } from "../../gql";
import { useConnectionState } from "./connection";
import type {
  BoardChangedLiveSubscription,
  RoomActivityLiveSubscription,
  StageMoveFragment as StageMoveFragmentData,
} from "../../gql/graphql";
import { applyBoardChange } from "./boardCache";

/**
 * Live updates over graphql-ws, in one place. The socket reconnects by itself (src/apollo.ts) and
 * re-sends each subscription; `resumeFeedLink` there moves `after` to the newest item received
 * (room activity, board change), so a reconnected feed replays only what it missed.
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

/** A deal's move from one stage to another, as the manager's stream shows it (live or stored). */
export const StageMoveFragment = graphql(`
  fragment StageMove on StageChange {
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
`);

export const DealStageChangedLive = graphql(`
  subscription DealStageChangedLive($filter: StageChangeFilter) {
    dealStageChanged(filter: $filter) {
      ...StageMove
    }
  }
`);

/**
 * Everything that happens to the deals the viewer may see (boardChanged). The opportunity carries
 * what the board's list, its cards, the manager's pipeline and the room header show, so writing it
 * into the cache brings every screen up to date; a deal that arrives is also added to the lists.
 */
export const BoardChangedLive = graphql(`
  subscription BoardChangedLive($after: String) {
    boardChanged(after: $after) {
      cursor
      kind
      opportunityId
      opportunity {
        # The card's fragment holds all the board's list reads of a deal.
        id
        title
        stage
        ...OpportunityCard
        ...RoomHeader
      }
    }
  }
`);

const BoardChangesCursor = graphql(`
  query BoardChangesCursor {
    boardChangesCursor
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
export function useSocketUp(): boolean {
  const online = useConnectionState() === "online";
  return useSyncExternalStore(subscribeSocketStatus, socketStatus) !== false && online;
}

export type LiveActivity = RoomActivityLiveSubscription["roomActivity"];
export type LiveStageChange = StageMoveFragmentData;

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
      if (data.data && onChange) onChange(getFragmentData(StageMoveFragment, data.data.dealStageChanged));
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

export type LiveBoardChange = BoardChangedLiveSubscription["boardChanged"];

const boardChangeListeners = new Set<(change: LiveBoardChange) => void>();

/**
 * Calls `onChange` with every boardChanged event while mounted: for screens that show something
 * else a board change implies (e.g. a registration approved: its deal arrives), without a second
 * subscription.
 */
export function useBoardChanges(onChange: (change: LiveBoardChange) => void): void {
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    const listener = (change: LiveBoardChange) => latest.current(change);
    boardChangeListeners.add(listener);
    return () => void boardChangeListeners.delete(listener);
  }, []);
}

/**
 * Keeps every board, the manager's pipeline and the room header current (mounted once for the
 * signed-in app): each boardChanged event is written into Apollo's cache, a deal the viewer gains
 * is added to the loaded lists and one they lose is taken out. After a reconnect the subscription
 * resumes from the last cursor received (`resumeFeedLink`), so nothing is missed.
 */
export function BoardChangesLive(): null {
  const client = useApolloClient();
  // Starting from a cursor (not "from now on") is what lets the first reconnect replay what it missed.
  const { data: start } = useQuery(BoardChangesCursor, { fetchPolicy: "network-only" });
  useSubscription(BoardChangedLive, {
    variables: { after: start?.boardChangesCursor ?? null },
    skip: !start,
    onData: ({ data }) => {
      if (!data.data) return;
      applyBoardChange(client.cache, data.data.boardChanged);
      // A CSV import is one change for all its deals: the board reads its list again.
      if (data.data.boardChanged.kind === "IMPORTED") void client.refetchQueries({ include: ["Board"] });
      for (const listener of [...boardChangeListeners]) listener(data.data.boardChanged);
    },
  });
  return null;
}
