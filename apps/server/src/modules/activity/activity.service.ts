import { ActivityKind, LOGGABLE_ACTIVITY_KINDS, isLoggableActivityKind } from "@cosell/schema";
import { MoreThan } from "typeorm";
import type { DataSource, EntityManager } from "typeorm";
import { attributedTo } from "../../auth/viewer.js";
import { writableOpportunitySql, writerFacts } from "../../auth/policy.js";
import type { Policy } from "../../auth/policy.js";
import type { Viewer } from "../../auth/viewer.js";
import { returning } from "../../db/sql.js";
import type { UnitOfWork, Outbox } from "../../db/transaction.js";
import { badInput, conflict, notFound } from "../../errors.js";
import { newId } from "../../ids.js";
import { entryNotices } from "../notification/entry-notices.js";
import type { EntryNotices } from "../notification/entry-notices.js";
import { activityLogged, enqueueWebhookEvent } from "../webhook/webhook.events.js";
import { Activity, AuditVerification, seqOfCursor } from "./activity.entity.js";
import { activityContent, checkChain, nextHashSql } from "./audit-chain.js";
import type { ChainCheck } from "./audit-chain.js";
import { GroupCommit, groupCommitOptions } from "./group-commit.js";
import type { AppendOutcome } from "./group-commit.js";
import type { GroupCommitOptions } from "./group-commit.js";
import { announce } from "./room-message.js";
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

/**
 * Appends to a room's log inside the caller's transaction. The opportunity row is locked while its
 * counter and hash chain move, so seqs are gapless, commit in order and chain in that order; the
 * message goes out after commit.
 */
export async function appendActivity(em: EntityManager, outbox: Outbox, entry: NewActivity): Promise<Activity> {
  const activity = await insertActivity(em, newActivity(em, entry), entry.actorOrganizationId ?? null);
  if (!activity) throw new Error(`opportunity ${entry.opportunityId} vanished inside its transaction`);
  await enqueueWebhookEvent(em, activityLogged(activity));
  announce(outbox, activity);
  return activity;
}

/** The entry as an entity, complete but for seq, hash and actor organization (which the append decides). */
function newActivity(em: EntityManager, entry: NewActivity): Activity {
  return em.create(Activity, {
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
}

/**
 * The statement that appends one entry inside a transaction that may have locked nothing yet: the
 * opportunity's seq and hash chain move (its row lock keeps seqs gapless and chained in commit
 * order) and the entry is inserted with both. Null when the opportunity is gone. (Batches of
 * entries logged by many callers at once take `GroupCommit`, group-commit.ts.)
 */
async function insertActivity(em: EntityManager, activity: Activity, organizationId: string | null): Promise<Activity | null> {
  const rows = await returning<{ seq: number; hash: string; actor_organization_id: string }>(
    em,
    `WITH actor AS (SELECT COALESCE($11::uuid, (SELECT u.organization_id FROM app_user u WHERE u.id = $5::uuid)) AS org),
     moved AS (
       UPDATE opportunity o SET last_activity_seq = o.last_activity_seq + 1,
              last_activity_hash = ${nextHashSql("COALESCE(actor.org, o.organization_id)", "$12::text")}
         FROM actor
        WHERE o.id = $1
        RETURNING o.last_activity_seq AS seq, o.last_activity_hash AS hash, COALESCE(actor.org, o.organization_id) AS actor_organization_id)
     INSERT INTO activity (id, opportunity_id, seq, kind, body, actor_id, actor_organization_id, api_token_id, api_token_name, data, changes, idempotency_key, created_at, hash)
     SELECT $2::uuid, $1::uuid, moved.seq, $3::text, $4::text, $5::uuid, moved.actor_organization_id, $9::uuid, $10::text, $6::jsonb, $13::jsonb, $7::text, $8::timestamptz, moved.hash
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
      organizationId,
      activityContent(activity),
      JSON.stringify(activity.changes),
    ],
  );
  const row = rows[0];
  if (!row) return null;
  return Object.assign(activity, { seq: row.seq, hash: row.hash, actorOrganizationId: row.actor_organization_id });
}

export interface ActivityPage {
  readonly activities: Activity[];
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
}

export const BODY_MAX = 20_000;

export class ActivityService {
  private readonly batches: GroupCommit;

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    groupCommit: Partial<GroupCommitOptions> = {},
  ) {
    const poolSize = Number((dataSource.options as { extra?: { max?: unknown } }).extra?.max ?? 10);
    this.batches = new GroupCommit(uow, groupCommitOptions(poolSize, groupCommit));
  }

  /** Batches written by group commit so far (tests and benchmarks). */
  get groupCommitStats(): GroupCommit["stats"] {
    return this.batches.stats;
  }

  /**
   * Logs a person's (or partner system's) entry. Written with whatever else is being logged at the
   * same moment (`GroupCommit`), which also decides write access inside the writing statement;
   * answers once the entry has committed.
   */
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
    const key = input.idempotencyKey ?? null;
    const attribution = attributedTo(policy.viewer);
    const entry: NewActivity = { opportunityId: input.opportunityId, kind: input.kind, body, ...attribution, idempotencyKey: key };
    // An entry that tells someone (mentions, help requests) is written alone, with its notifications;
    // any other joins whatever else is being logged at the same moment.
    // Whom it may mention is checked against the room's members: only for a caller who may write
    // there (an outsider must not learn who is in a room it cannot see). Decided again when writing.
    if (input.mentions?.length || input.askOrganizationId != null) await policy.assertWriteOpportunity(input.opportunityId);
    const notices = await entryNotices(this.dataSource.manager, input);
    const append = (): Promise<AppendOutcome> =>
      notices
        ? this.appendWithNotices(policy.viewer, entry, notices)
        : this.batches.append(policy.viewer, newActivity(this.dataSource.manager, entry), attribution.actorOrganizationId);
    let outcome = await append();
    if (outcome.kind === "refused") {
      // Refused inside the statement; the policy says why (NOT_FOUND or FORBIDDEN), as of now. Had
      // access come back meanwhile, the entry gets one more try.
      policy.forget();
      await policy.assertWriteOpportunity(input.opportunityId);
      outcome = await append();
      if (outcome.kind === "refused") throw notFound("Opportunity");
    }
    if (outcome.kind === "written") return outcome.activity;
    const earlier = await this.dataSource.manager.findOneByOrFail(Activity, { id: outcome.id });
    if (earlier.kind !== input.kind || earlier.body !== body || earlier.actorId !== attribution.actorId) {
      throw conflict("idempotencyKey was already used with a different activity", { field: "idempotencyKey" });
    }
    return earlier;
  }

  /**
   * Writes one entry and the notifications it causes in one transaction. Write access is decided
   * by the same rule as the group commit's, in the statement that locks the room's row (a member
   * removed before it is refused), and a used idempotency key answers with the earlier entry.
   */
  private appendWithNotices(viewer: Viewer, entry: NewActivity, notices: EntryNotices): Promise<AppendOutcome> {
    const facts = writerFacts(viewer);
    return this.uow.run(async (em, outbox): Promise<AppendOutcome> => {
      const writable = writableOpportunitySql({
        userId: "$2::uuid",
        organizationId: "$3::uuid",
        manager: "$4::boolean",
        token: "$5::boolean",
        tokenWrites: "$6::boolean",
      });
      const rooms = await em.query<{ id: string }[]>(`SELECT o.id FROM opportunity o WHERE o.id = $1 AND ${writable} FOR UPDATE OF o`, [
        entry.opportunityId,
        facts.userId,
        facts.organizationId,
        facts.manager,
        facts.token,
        facts.tokenWrites,
      ]);
      if (rooms.length === 0) return { kind: "refused" };
      if (entry.idempotencyKey) {
        const earlier = await em.findOne(Activity, {
          select: { id: true },
          where: { opportunityId: entry.opportunityId, idempotencyKey: entry.idempotencyKey },
        });
        if (earlier) return { kind: "earlier", id: earlier.id };
      }
      const activity = await appendActivity(em, outbox, entry);
      await notices(em, outbox, activity);
      return { kind: "written", activity };
    });
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
