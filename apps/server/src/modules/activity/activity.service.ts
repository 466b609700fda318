import { ActivityKind, LOGGABLE_ACTIVITY_KINDS, WebhookEvent, isLoggableActivityKind } from "@cosell/schema";
import { MoreThan } from "typeorm";
import type { DataSource, EntityManager } from "typeorm";
import { actorId, attributedTo } from "../../auth/viewer.js";
import type { Policy } from "../../auth/policy.js";
import { returning } from "../../db/sql.js";
import type { UnitOfWork, Outbox } from "../../db/transaction.js";
import { badInput, conflict, notFound } from "../../errors.js";
import { newId } from "../../ids.js";
import { topics } from "../../realtime/bus.js";
import { entryNotices } from "../notification/entry-notices.js";
import { activityLogged, enqueueWebhookEvent, webhookWantsSql } from "../webhook/webhook.events.js";
import { Activity, AuditVerification, seqOfCursor } from "./activity.entity.js";
import { activityContent, checkChain, nextHashSql } from "./audit-chain.js";
import type { ChainCheck } from "./audit-chain.js";
import type { ActivityData, FieldChange } from "./activity.entity.js";

export interface NewActivity {
  readonly opportunityId: string;
  readonly kind: ActivityKind;
  readonly body?: string | null;
  /** The person who did it; null for the system or an API token. */
  readonly actorId: string | null;
  /** Defaults to the actor's organization, or for the system the opportunity's (`attributedTo` sets all three). */
  readonly actorOrganizationId?: string;
  readonly apiTokenId?: string | null;
  readonly apiTokenName?: string | null;
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
 * counter and hash chain move, so seqs are gapless, commit in order and chain in that order; the
 * message goes out after commit.
 */
export async function appendActivity(em: EntityManager, outbox: Outbox, entry: NewActivity): Promise<Activity> {
  const activity = await insertActivity(em, entry, { unlessWebhookWants: false });
  if (!activity) throw new Error(`opportunity ${entry.opportunityId} vanished inside its transaction`);
  await enqueueWebhookEvent(em, activityLogged(activity));
  announce(outbox, activity);
  return activity;
}

/**
 * `appendActivity` as one statement, for callers with nothing else to write, without the BEGIN and
 * COMMIT round trips. Writes nothing and answers null when some webhook may want to hear of the
 * entry (or the opportunity is gone): the caller then uses `appendActivity` in a transaction, so
 * that the deliveries commit with the entry.
 */
export async function appendActivityAlone(em: EntityManager, outbox: Outbox, entry: NewActivity): Promise<Activity | null> {
  const activity = await insertActivity(em, entry, { unlessWebhookWants: true });
  if (activity) announce(outbox, activity);
  return activity;
}

/**
 * The one statement that appends an entry: the opportunity's seq and hash chain move (its row lock
 * keeps seqs gapless and chained in commit order) and the entry is inserted with both. Null when
 * nothing was written.
 */
async function insertActivity(em: EntityManager, entry: NewActivity, options: { unlessWebhookWants: boolean }): Promise<Activity | null> {
  const activity = em.create(Activity, {
    id: newId(),
    opportunityId: entry.opportunityId,
    kind: entry.kind,
    body: entry.body ?? null,
    actorId: entry.actorId,
    apiTokenId: entry.apiTokenId ?? null,
    apiTokenName: entry.apiTokenName ?? null,
    data: entry.data ?? null,
    changes: (entry.changes ?? []).map(({ field, from, to }) => ({ field, from, to })),
    idempotencyKey: entry.idempotencyKey ?? null,
    createdAtDate: new Date(),
  });
  const rows = await returning<{ seq: number; hash: string; actor_organization_id: string }>(
    em,
    `WITH actor AS (SELECT COALESCE($11::uuid, (SELECT u.organization_id FROM app_user u WHERE u.id = $5::uuid)) AS org),
     moved AS (
       UPDATE opportunity o SET last_activity_seq = o.last_activity_seq + 1,
              last_activity_hash = ${nextHashSql("COALESCE(actor.org, o.organization_id)", "$12::text")}
         FROM actor
        WHERE o.id = $1 ${options.unlessWebhookWants ? `AND NOT ${webhookWantsSql("$13::text")}` : "AND $13::text IS NULL"}
        RETURNING o.last_activity_seq AS seq, o.last_activity_hash AS hash, COALESCE(actor.org, o.organization_id) AS actor_organization_id)
     INSERT INTO activity (id, opportunity_id, seq, kind, body, actor_id, actor_organization_id, api_token_id, api_token_name, data, changes, idempotency_key, created_at, hash)
     SELECT $2::uuid, $1::uuid, moved.seq, $3::text, $4::text, $5::uuid, moved.actor_organization_id, $9::uuid, $10::text, $6::jsonb, $14::jsonb, $7::text, $8::timestamptz, moved.hash
       FROM moved
     RETURNING seq, hash, actor_organization_id`,
    [
      activity.opportunityId,
      activity.id,
      activity.kind,
      activity.body,
      activity.actorId,
      activity.data === null ? null : JSON.stringify(activity.data),
      activity.idempotencyKey,
      activity.createdAtDate,
      activity.apiTokenId,
      activity.apiTokenName,
      entry.actorOrganizationId ?? null,
      activityContent(activity),
      ...(options.unlessWebhookWants ? [WebhookEvent.ACTIVITY_LOGGED] : [null]),
      JSON.stringify(activity.changes),
    ],
  );
  const row = rows[0];
  if (!row) return null;
  return Object.assign(activity, { seq: row.seq, hash: row.hash, actorOrganizationId: row.actor_organization_id });
}

/** Queues the room's message for after commit: the activity itself. */
function announce(outbox: Outbox, activity: Activity): void {
  const message: RoomActivityMessage = { type: "activity", opportunityId: activity.opportunityId, seq: activity.seq, activity };
  outbox.publish(topics.room(activity.opportunityId), message);
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
    input: {
      opportunityId: string;
      kind: ActivityKind;
      body: string;
      idempotencyKey?: string | null;
      mentions?: readonly string[] | null;
      askOrganizationId?: string | null;
    },
  ): Promise<Activity> {
    if (!isLoggableActivityKind(input.kind)) {
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
      const entry: NewActivity = {
        opportunityId: input.opportunityId,
        kind: input.kind,
        body,
        ...attributedTo(policy.viewer),
        idempotencyKey: key,
      };
      // An entry that tells someone (mentions, help requests) writes its notifications with it.
      const notices = await entryNotices(this.dataSource.manager, input);
      if (notices) {
        return await this.uow.run(async (em, outbox) => {
          const activity = await appendActivity(em, outbox, entry);
          await notices(em, outbox, activity);
          return activity;
        });
      }
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

  /**
   * Recomputes a room's hash chain (already authorized) from its first entry: reads it in pages, so
   * a long log is never in memory at once.
   */
  async verifyChain(opportunityId: string): Promise<AuditVerification> {
    const [room] = await this.dataSource.query<{ last_activity_seq: number; last_activity_hash: string }[]>(
      `SELECT last_activity_seq, last_activity_hash FROM opportunity WHERE id = $1`,
      [opportunityId],
    );
    if (!room) throw notFound("Opportunity");
    let check: ChainCheck = { checked: 0, firstBrokenSeq: null, head: "" };
    for await (const page of this.storedPages(opportunityId)) {
      check = checkChain(check, page);
      if (check.firstBrokenSeq !== null) break;
    }
    let firstBrokenSeq = check.firstBrokenSeq;
    // The room's head remembers the last entry: one missing or rewritten at the end shows there.
    if (firstBrokenSeq === null && check.checked < room.last_activity_seq) firstBrokenSeq = check.checked + 1;
    if (firstBrokenSeq === null && check.head !== room.last_activity_hash) firstBrokenSeq = room.last_activity_seq;
    return Object.assign(new AuditVerification(), { ok: firstBrokenSeq === null, checked: check.checked, firstBrokenSeq });
  }

  /** A room's log as stored, in seq order, a page at a time (verification and export). */
  async *storedPages(opportunityId: string, pageSize = 1000): AsyncGenerator<Activity[]> {
    let afterSeq = 0;
    for (;;) {
      const rows = await this.dataSource.manager.find(Activity, {
        where: { opportunityId, seq: MoreThan(afterSeq) },
        order: { seq: "ASC" },
        take: pageSize,
      });
      if (rows.length === 0) return;
      yield rows;
      afterSeq = rows.at(-1)!.seq;
      if (rows.length < pageSize) return;
    }
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
