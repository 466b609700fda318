import type { Outbox } from "../../db/transaction.js";
import { topics } from "../../realtime/bus.js";
import type { Organization } from "../organization/organization.entity.js";
import type { User } from "../user/user.entity.js";
import type { Activity } from "./activity.entity.js";

/**
 * Rows the statement that wrote an activity read with it: its actor and the organization it is
 * written for, as of the write. A live subscriber's execution answers `actor` and
 * `actorOrganization` from them (see the `roomActivity` resolver) instead of reading them again for
 * every event on every instance. Absent for entries written another way: those read them as usual.
 */
export interface WrittenWith {
  readonly actor: User | null;
  readonly actorOrganization: Organization | null;
}

/** The message a room topic carries: the committed activity itself, and the rows written with it. */
export interface RoomActivityMessage {
  readonly type: "activity";
  readonly opportunityId: string;
  readonly seq: number;
  readonly activity: Activity;
  readonly writtenWith?: WrittenWith;
}

const writtenWith = new WeakMap<Activity, WrittenWith>();
/** A written actor's own organization, where the entry was written for it (`User.organization` answers with it). */
const actorsOrganization = new WeakMap<User, Organization>();

/** Keeps the rows read with `activity` (see `WrittenWith`), for its room message and its subscribers. */
export function rememberWrittenWith(activity: Activity, rows: WrittenWith): void {
  writtenWith.set(activity, rows);
  if (rows.actor && rows.actorOrganization?.id === rows.actor.organizationId) actorsOrganization.set(rows.actor, rows.actorOrganization);
}

/** The organization read with `user` where it is an entry's written actor (see `WrittenWith`). */
export function organizationWrittenWith(user: User): Organization | undefined {
  return actorsOrganization.get(user);
}

/** The rows read with `activity` when it was written, if they came with it. */
export function writtenWithOf(activity: Activity): WrittenWith | undefined {
  return writtenWith.get(activity);
}

/** Queues the room's message for after commit: the activity itself, and the rows written with it. */
export function announce(outbox: Outbox, activity: Activity): void {
  const rows = writtenWith.get(activity);
  const message: RoomActivityMessage = {
    type: "activity",
    opportunityId: activity.opportunityId,
    seq: activity.seq,
    activity,
    ...(rows ? { writtenWith: rows } : {}),
  };
  outbox.publish(topics.room(activity.opportunityId), message);
}
