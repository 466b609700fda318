import { ActivityKind, LOGGABLE_ACTIVITY_KINDS, WebhookEvent } from "@cosell/schema";
import { MoreThan } from "typeorm";
import type { DataSource, EntityManager } from "typeorm";
import { actorId } from "../../auth/viewer.js";
import type { Policy } from "../../auth/policy.js";
import { returning } from "../../db/sql.js";
import type { UnitOfWork, Outbox } from "../../db/transaction.js";
import { badInput, conflict } from "../../errors.js";
import { newId } from "../../ids.js";
import { topics } from "../../realtime/bus.js";
import { activityLogged, enqueueWebhookEvent, webhookWantsSql } from "../webhook/webhook.events.js";
import { Activity, seqOfCursor } from "./activity.entity.js";
import type { ActivityData, FieldChange } from "./activity.entity.js";

export interface NewActivity {
  readonly opportunityId: string;
  readonly kind: ActivityKind;
  readonly body?: string | null;
  readonly actorId: string | null;
  readonly data?: ActivityData | null;
  /** For edits: each changed field with its old and new value (`Activity.changes`). */
  readonly changes?: readonly FieldChange[];
  readonly idempotencyKey?: string | null;
}

/** The message a room topic carries: the committed activity itself. */
export interface RoomActivityMessage {
  readonly type: "activity";
  readonly opportunityId: string;
  readonly seq: number;
  readonly activity: Activity;
}

/**
 * Appends to a room's log inside the caller's transaction. The opportunity row is locked while its
 * counter moves, so seqs are gapless and commit in order; the message goes out after commit.
 */
export async function appendActivity(em: EntityManager, outbox: Outbox, entry: NewActivity): Promise<Activity> {
  const rows = await returning<{ last_activity_seq: number }>(em, 
    `UPDATE opportunity SET last_activity_seq = last_activity_seq + 1 WHERE id = $1 RETURNING last_activity_seq`,
    [entry.opportunityId],
  );
  const seq = rows[0]?.last_activity_seq;
  if (seq === undefined) throw new Error(`opportunity ${entry.opportunityId} vanished inside its transaction`);
  const activity = newActivity(em, entry);
  activity.seq = seq;
  await em.insert(Activity, activity);
  await enqueueWebhookEvent(em, activityLogged(activity));
  announce(outbox, activity);
  return activity;
}

/** The entity for `entry`, before its seq is known. */
function newActivity(em: EntityManager, entry: NewActivity): Activity {
  return em.create(Activity, {
    id: newId(),
    opportunityId: entry.opportunityId,
    kind: entry.kind,
    body: entry.body ?? null,
    actorId: entry.actorId,
    data: entry.data ?? null,
    idempotencyKey: entry.idempotencyKey ?? null,
    createdAtDate: new Date(),
  });
}

/** Queues the room's message for after commit: the activity itself. */
function announce(outbox: Outbox, activity: Activity): void {
  const message: RoomActivityMessage = { type: "activity", opportunityId: activity.opportunityId, seq: activity.seq, activity };
  outbox.publish(topics.room(activity.opportunityId), message);
}

/**
 * `appendActivity` as one statement, for callers with nothing else to write: the seq moves and the
 * entry is inserted together (the UPDATE's row lock keeps seqs gapless and in commit order), with
 * no BEGIN and COMMIT round trips. Writes nothing and answers null when some webhook may want to
 * hear of the entry (or the opportunity is gone): the caller then uses `appendActivity` in a
 * transaction, so that the deliveries commit with the entry.
 */
export async function appendActivityAlone(em: EntityManager, outbox: Outbox, entry: NewActivity): Promise<Activity | null> {
  const activity = newActivity(em, entry);
  const rows = await returning<{ seq: number }>(
    em,
    `WITH moved AS (
       UPDATE opportunity o SET last_activity_seq = o.last_activity_seq + 1
        WHERE o.id = $1 AND NOT ${webhookWantsSql("$9::text")}
        RETURNING o.last_activity_seq AS seq)
     INSERT INTO activity (id, opportunity_id, seq, kind, body, actor_id, data, idempotency_key, created_at)
     SELECT $2::uuid, $1::uuid, moved.seq, $3::text, $4::text, $5::uuid, $6::jsonb, $7::text, $8::timestamptz FROM moved
     RETURNING seq`,
    [
      activity.opportunityId,
      activity.id,
      activity.kind,
      activity.body,
      activity.actorId,
      activity.data === null ? null : JSON.stringify(activity.data),
      activity.idempotencyKey,
      activity.createdAtDate,
      WebhookEvent.ACTIVITY_LOGGED,
    ],
  );
  const seq = rows[0]?.seq;
  if (seq === undefined) return null;
  activity.seq = seq;
  announce(outbox, activity);
  return activity;
}

export interface ActivityPage {
  readonly activities: Activity[];
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
}

export const BODY_MAX = 20_000;

export class ActivityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async log(
    policy: Policy,
    input: { opportunityId: string; kind: ActivityKind; body: string; idempotencyKey?: string | null },
  ): Promise<Activity> {
    if (!LOGGABLE_ACTIVITY_KINDS.includes(input.kind)) {
      throw badInput("kind", `${input.kind} is written by the system; log one of ${LOGGABLE_ACTIVITY_KINDS.join(", ")}`);
    }
    const body = input.body.trim();
    if (!body) throw badInput("body", "must not be empty");
    await policy.assertWriteOpportunity(input.opportunityId);
    const key = input.idempotencyKey ?? null;
    const actor = actorId(policy.viewer);
    if (key) {
      const earlier = await this.byIdempotencyKey(input.opportunityId, key);
      if (earlier) return this.replay(earlier, { kind: input.kind, body, actorId: actor });
    }
    try {
      const entry: NewActivity = { opportunityId: input.opportunityId, kind: input.kind, body, actorId: actor, idempotencyKey: key };
      return (
        (await this.uow.runStatement((em, outbox) => appendActivityAlone(em, outbox, entry))) ??
        (await this.uow.run((em, outbox) => appendActivity(em, outbox, entry)))
      );
    } catch (error) {
      // Two requests with one key raced; the loser answers with the winner's activity.
      const earlier = key ? await this.byIdempotencyKey(input.opportunityId, key) : null;
      if (earlier) return this.replay(earlier, { kind: input.kind, body, actorId: actor });
      throw error;
    }
  }

  private replay(earlier: Activity, attempt: { kind: ActivityKind; body: string; actorId: string | null }): Activity {
    if (earlier.kind !== attempt.kind || earlier.body !== attempt.body || earlier.actorId !== attempt.actorId) {
      throw conflict("idempotencyKey was already used with a different activity", { field: "idempotencyKey" });
    }
    return earlier;
  }

  private byIdempotencyKey(opportunityId: string, key: string): Promise<Activity | null> {
    return this.dataSource.manager.findOneBy(Activity, { opportunityId, idempotencyKey: key });
  }

  /** Activities of a room (already authorized), in log order; `first`/`after` or `last`/`before`. */
  async page(
    opportunityId: string,
    args: { first?: number | null; after?: string | null; last?: number | null; before?: string | null },
  ): Promise<ActivityPage> {
    const afterSeq = args.after ? seqOfCursor(args.after) : 0;
    if (afterSeq === null) throw badInput("after", "is not a cursor of this list");
    const beforeSeq = args.before ? seqOfCursor(args.before) : null;
    if (args.before && beforeSeq === null) throw badInput("before", "is not a cursor of this list");
    const fromEnd = args.last != null && args.first == null;
    const limit = (fromEnd ? args.last : args.first) ?? 50;
    const rows = await this.dataSource.manager
      .createQueryBuilder(Activity, "a")
      .where("a.opportunityId = :opportunityId", { opportunityId })
      .andWhere("a.seq > :afterSeq", { afterSeq })
      .andWhere(beforeSeq === null ? "TRUE" : "a.seq < :beforeSeq", { beforeSeq })
      .orderBy("a.seq", fromEnd ? "DESC" : "ASC")
      .limit(limit + 1)
      .getMany();
    const more = rows.length > limit;
    const page = rows.slice(0, limit);
    if (fromEnd) page.reverse();
    return {
      activities: page,
      hasNextPage: fromEnd ? beforeSeq !== null : more,
      hasPreviousPage: fromEnd ? more : afterSeq > 0,
    };
  }

  /** Everything in a room's log after `afterSeq`, in order (replay and gap fill). */
  since(opportunityId: string, afterSeq: number, limit = 1000): Promise<Activity[]> {
    return this.dataSource.manager.find(Activity, {
      where: { opportunityId, seq: MoreThan(afterSeq) },
      order: { seq: "ASC" },
      take: limit,
    });
  }
}
