import { ActivityKind, CommitmentStatus } from "@cosell/schema";
import type { DataSource } from "typeorm";
import type { Policy } from "../../auth/policy.js";
import { actorId, isManager } from "../../auth/viewer.js";
import { returning } from "../../db/sql.js";
import type { UnitOfWork } from "../../db/transaction.js";
import { badInput, conflict, forbidden, notFound } from "../../errors.js";
import { idOf, newId } from "../../ids.js";
import { appendActivity } from "../activity/activity.service.js";
import { Opportunity } from "../opportunity/opportunity.entity.js";
import { RoomMember } from "../room/room-member.entity.js";
import { User } from "../user/user.entity.js";
import { Commitment } from "./commitment.entity.js";
import type { ReliabilityCounts } from "./commitment.entity.js";
import type { AddCommitmentInput, CancelCommitmentInput, CompleteCommitmentInput } from "./commitment.inputs.js";

/** Commitments the sweep turns to MISSED per transaction; it loops until none are left. */
export const SWEEP_BATCH = 200;

interface CommitmentRow {
  id: string;
  opportunity_id: string;
  assignee_id: string;
  title: string;
  due_at: Date;
}

export class CommitmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  /** A commitment in a room the viewer can see, else NOT_FOUND (as for a random id). */
  async get(policy: Policy, globalId: string): Promise<Commitment> {
    const id = idOf("Commitment", globalId);
    const commitment = id ? await this.dataSource.manager.findOneBy(Commitment, { id }) : null;
    if (!commitment || !(await policy.canReadOpportunity(commitment.opportunityId))) throw notFound("Commitment");
    return commitment;
  }

  async add(policy: Policy, input: AddCommitmentInput): Promise<Commitment> {
    const opportunityId = idOf("Opportunity", input.opportunityId);
    if (!opportunityId) throw notFound("Opportunity");
    await policy.assertWriteOpportunity(opportunityId);
    const dueAt = new Date(input.dueAt);
    if (Number.isNaN(dueAt.getTime())) throw badInput("dueAt", "is not a real time");
    if (dueAt.getTime() <= Date.now()) throw badInput("dueAt", "must be in the future");
    const assigneeId = idOf("User", input.assigneeId);
    const member = assigneeId ? await this.dataSource.manager.findOneBy(RoomMember, { opportunityId, userId: assigneeId }) : null;
    if (!member) throw badInput("assigneeId", "must be a member of this room");
    const assignee = await this.dataSource.manager.findOneByOrFail(User, { id: member.userId });
    const title = input.title.trim();

    return this.uow.run(async (em, outbox) => {
      const commitment = em.create(Commitment, {
        id: newId(),
        opportunityId,
        assigneeId: assignee.id,
        createdById: actorId(policy.viewer),
        title,
        dueAtDate: dueAt,
        status: CommitmentStatus.OPEN,
        completedAtDate: null,
        missedAtDate: null,
        cancelledAtDate: null,
        cancelledById: null,
        createdAtDate: new Date(),
      });
      await em.insert(Commitment, commitment);
      await appendActivity(em, outbox, {
        opportunityId,
        kind: ActivityKind.COMMITMENT_ADDED,
        body: `${assignee.name} committed to “${title}” by ${dueAt.toISOString().slice(0, 10)}`,
        actorId: actorId(policy.viewer),
        data: { commitmentId: commitment.id, assigneeId: assignee.id, dueAt: dueAt.toISOString() },
      });
      return commitment;
    });
  }

  /** Only the assignee marks a commitment done; a MISSED one can still be delivered, late. */
  async complete(policy: Policy, input: CompleteCommitmentInput): Promise<Commitment> {
    const found = await this.get(policy, input.id);
    await policy.assertWriteOpportunity(found.opportunityId);
    if (policy.viewer.kind !== "user" || policy.viewer.userId !== found.assigneeId) {
      const assignee = await this.dataSource.manager.findOneByOrFail(User, { id: found.assigneeId });
      throw forbidden(`Only ${assignee.name}, the assignee, can mark this commitment done`);
    }
    return this.uow.run(async (em, outbox) => {
      const rows = await returning<{ id: string }>(
        em,
        `UPDATE commitment SET status = 'DONE', completed_at = now() WHERE id = $1 AND status IN ('OPEN', 'MISSED') RETURNING id`,
        [found.id],
      );
      if (rows.length === 0) throw conflict(`The commitment is already ${found.status.toLowerCase()}`);
      const done = await em.findOneByOrFail(Commitment, { id: found.id });
      const assignee = await em.findOneByOrFail(User, { id: done.assigneeId });
      await appendActivity(em, outbox, {
        opportunityId: done.opportunityId,
        kind: ActivityKind.COMMITMENT_DONE,
        body: `${assignee.name} delivered “${done.title}”${done.onTime ? " on time" : " late"}`,
        actorId: actorId(policy.viewer),
        data: { commitmentId: done.id, assigneeId: done.assigneeId, onTime: Boolean(done.onTime) },
      });
      return done;
    });
  }

  /** The assignee, whoever added it, the owner rep, or a manager with write access may cancel an open commitment. */
  async cancel(policy: Policy, input: CancelCommitmentInput): Promise<Commitment> {
    const found = await this.get(policy, input.id);
    await policy.assertWriteOpportunity(found.opportunityId);
    const opportunity = await this.dataSource.manager.findOneByOrFail(Opportunity, { id: found.opportunityId });
    const me = actorId(policy.viewer);
    const allowed =
      isManager(policy.viewer) || (me !== null && [found.assigneeId, found.createdById, opportunity.ownerId].includes(me));
    if (!allowed) throw forbidden("Only the assignee, whoever added the commitment, the owner rep or a manager can cancel it");
    const reason = input.reason?.trim() || null;
    return this.uow.run(async (em, outbox) => {
      const rows = await returning<{ id: string }>(
        em,
        `UPDATE commitment SET status = 'CANCELLED', cancelled_at = now(), cancelled_by_id = $2 WHERE id = $1 AND status = 'OPEN' RETURNING id`,
        [found.id, me],
      );
      if (rows.length === 0) throw conflict(`Only an open commitment can be cancelled; this one is ${found.status.toLowerCase()}`);
      const cancelled = await em.findOneByOrFail(Commitment, { id: found.id });
      await appendActivity(em, outbox, {
        opportunityId: cancelled.opportunityId,
        kind: ActivityKind.COMMITMENT_CANCELLED,
        body: `Cancelled “${cancelled.title}”${reason ? `: ${reason}` : ""}`,
        actorId: me,
        data: { commitmentId: cancelled.id, assigneeId: cancelled.assigneeId, reason },
      });
      return cancelled;
    });
  }

  /**
   * Turns OPEN commitments whose due time has passed into MISSED, each with a COMMITMENT_MISSED
   * activity in its room. Rows are claimed with SKIP LOCKED, so instances sweeping at once never
   * miss one twice. Returns how many it turned.
   */
  async sweepOverdue(now: Date = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const swept = await this.uow.run(async (em, outbox) => {
        const rows = await returning<CommitmentRow>(
          em,
          `WITH due AS (
             SELECT id FROM commitment WHERE status = 'OPEN' AND due_at < $1
              ORDER BY due_at LIMIT $2 FOR UPDATE SKIP LOCKED)
           UPDATE commitment c SET status = 'MISSED', missed_at = $1 FROM due WHERE c.id = due.id
           RETURNING c.id, c.opportunity_id, c.assignee_id, c.title, c.due_at`,
          [now, SWEEP_BATCH],
        );
        // One room at a time, oldest first, so each room's log reads in due order.
        rows.sort((a, b) => a.opportunity_id.localeCompare(b.opportunity_id) || new Date(a.due_at).getTime() - new Date(b.due_at).getTime());
        const names = new Map<string, string>();
        for (const row of rows) {
          if (!names.has(row.assignee_id)) names.set(row.assignee_id, (await em.findOneByOrFail(User, { id: row.assignee_id })).name);
          await appendActivity(em, outbox, {
            opportunityId: row.opportunity_id,
            kind: ActivityKind.COMMITMENT_MISSED,
            body: `${names.get(row.assignee_id)} missed “${row.title}” (due ${new Date(row.due_at).toISOString().slice(0, 10)})`,
            actorId: null,
            data: { commitmentId: row.id, assigneeId: row.assignee_id },
          });
        }
        return rows.length;
      });
      total += swept;
      if (swept < SWEEP_BATCH) return total;
    }
  }
}

/**
 * Reliability counts for users (`by: "user"`) or organizations (`by: "organization"`), from the
 * whole history of commitments and help answers. One query for any number of keys.
 */
export async function loadReliabilityCounts(
  dataSource: DataSource,
  by: "user" | "organization",
  keys: readonly string[],
): Promise<ReliabilityCounts[]> {
  const key = by === "user" ? "u.id" : "u.organization_id";
  const rows: { key: string; delivered: number; delivered_on_time: number; missed: number; open: number; help: number }[] = await dataSource.query(
    `SELECT k.key,
            coalesce(c.delivered, 0)::int AS delivered, coalesce(c.delivered_on_time, 0)::int AS delivered_on_time,
            coalesce(c.missed, 0)::int AS missed, coalesce(c.open, 0)::int AS open, coalesce(h.help, 0)::int AS help
       FROM unnest($1::uuid[]) AS k(key)
       LEFT JOIN (
         SELECT ${key} AS key,
                count(*) FILTER (WHERE c.status = 'DONE') AS delivered,
                count(*) FILTER (WHERE c.status = 'DONE' AND c.completed_at <= c.due_at) AS delivered_on_time,
                count(*) FILTER (WHERE c.status = 'MISSED') AS missed,
                count(*) FILTER (WHERE c.status = 'OPEN') AS open
           FROM commitment c JOIN app_user u ON u.id = c.assignee_id
          WHERE ${key} = ANY($1::uuid[]) GROUP BY 1) c ON c.key = k.key
       LEFT JOIN (
         SELECT ${key} AS key, count(*) AS help
           FROM activity a JOIN app_user u ON u.id = a.actor_id
          WHERE a.kind = 'HELP_ANSWER' AND ${key} = ANY($1::uuid[]) GROUP BY 1) h ON h.key = k.key`,
    [keys],
  );
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return keys.map((k) => {
    const r = byKey.get(k);
    return { delivered: r?.delivered ?? 0, deliveredOnTime: r?.delivered_on_time ?? 0, missed: r?.missed ?? 0, open: r?.open ?? 0, helpGiven: r?.help ?? 0 };
  });
}
