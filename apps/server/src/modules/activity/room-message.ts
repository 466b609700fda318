import type { Outbox } from "../../db/transaction.js";
import { topics } from "../../realtime/bus.js";
import type { Activity } from "./activity.entity.js";

/** The message a room topic carries: the committed activity itself. */
export interface RoomActivityMessage {
  readonly type: "activity";
  readonly opportunityId: string;
  readonly seq: number;
  readonly activity: Activity;
}

/** Queues the room's message for after commit: the activity itself. */
export function announce(outbox: Outbox, activity: Activity): void {
  const message: RoomActivityMessage = { type: "activity", opportunityId: activity.opportunityId, seq: activity.seq, activity };
  outbox.publish(topics.room(activity.opportunityId), message);
}
