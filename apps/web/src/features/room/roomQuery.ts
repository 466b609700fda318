import { RoomDocument } from "../../gql/graphql";
import { roomFeedVariables } from "./ActivityFeed";

/** The variables of the room's one query: the room, and the newest page of its feed. */
export function roomVariables(opportunityId: string) {
  return roomFeedVariables(opportunityId);
}

/** Refetches the whole room (header, people, plan, help, split and the feed's newest page). */
export const refetchRoom = (opportunityId: string) => [{ query: RoomDocument, variables: roomVariables(opportunityId) }];
