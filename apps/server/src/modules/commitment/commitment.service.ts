import { ActivityKind, COMMITMENT_DECLINE_REASON_MAX, CommitmentStatus, NotificationKind } from "@cosell/schema";
import type { DataSource, EntityManager } from "typeorm";
import { mayAnswerCommitment } from "../../auth/policy.js";
import type { Policy } from "../../auth/policy.js";
import { actorId, attributedTo } from "../../auth/viewer.js";
import { findVisible } from "../../db/find.js";
import { returning } from "../../db/sql.js";
import type { UnitOfWork } from "../../db/transaction.js";
import { badInput, conflict, forbidden } from "../../errors.js";
import { idOf, newId } from "../../ids.js";
import { appendActivity } from "../activity/activity.service.js";
import { actorNameOf, notify } from "../notification/notify.js";
import { Opportunity } from "../opportunity/opportunity.entity.js";
import { RoomMember } from "../room/room-member.entity.js";
import { User } from "../user/user.entity.js";
import { Commitment } from "./commitment.entity.js";
import type { ReliabilityCounts } from "./commitment.entity.js";
import type {
  AcceptCommitmentInput,
  AddCommitmentInput,
  CancelCommitmentInput,
  CompleteCommitmentInput,
  DeclineCommitmentInput,
} from "./commitment.inputs.js";

/** Commitments the sweep turns to MISSED per transaction; it loops until none are left. */
export const SWEEP_BATCH = 200;

interface CommitmentRow {
  id: string;
  opportunity_id: string;
  assignee_id: string;
  title: string;
  due_at: Date;
  created_by_id: string | null;
}

export class CommitmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  /** A commitment in a room the viewer can see, else NOT_FOUND (as for a random id). */
  async get(policy: Policy, globalId: string): Promise<Commitment> {
    return findVisible(this.dataSource.manager, Commitment, "Commitment", globalId, "Commitment", (commitment) =>
      policy.canReadOpportunity(commitment.opportunityId),
    );
  }

  async add(policy: Policy, input: AddCommitmentInput): Promise<Commitment> {
    const opportunityId = await policy.writableOpportunityId(input.opportunityId);
    const dueAt = new Date(input.dueAt);
    if (Number.isNaN(dueAt.getTime())) throw badInput("dueAt", "is not a real time");
    if (dueAt.getTime() <= Date.now()) throw badInput("dueAt", "must be in the future");
    const assigneeId = idOf("User", input.assigneeId);
    const member = assigneeId ? await this.dataSource.manager.findOneBy(RoomMember, { opportunityId, userId: assigneeId }) : null;
    if (!member) throw badInput("assigneeId", "must be a member of this room");
    const assignee = await this.dataSource.manager.findOneByOrFail(User, { id: member.userId });
    const title = input.title.trim();
    const me = actorId(policy.viewer);
    // Nobody commits someone else: only a self-assigned commitment is agreed (OPEN) at once.
    const selfAssigned = me === assignee.id;
    const due = dueAt.toISOString().slice(0, 10);

    return this.uow.run(async (em, outbox) => {
      const now = new Date();
      const commitment = em.create(Commitment, {
        id: newId(),
        opportunityId,
        assigneeId: assignee.id,
        createdById: me,
        title,
        dueAtDate: dueAt,
        status: selfAssigned ? CommitmentStatus.OPEN : CommitmentStatus.PROPOSED,
        completedAtDate: null,
        missedAtDate: null,
        cancelledAtDate: null,
        cancelledById: null,
        acceptedAtDate: selfAssigned ? now : null,
        acceptedById: selfAssigned ? me : null,
        declinedAtDate: null,
        declinedById: null,
        declineReason: null,
        createdAtDate: now,
      });
      await em.insert(Commitment, commitment);
      await appendActivity(em, outbox, {
        opportunityId,
        kind: selfAssigned ? ActivityKind.COMMITMENT_ADDED : ActivityKind.COMMITMENT_PROPOSED,
        body: selfAssigned
          ? `${assignee.name} committed to “${title}” by ${due}`
          : `${assignee.name} was asked to commit to “${title}” by ${due}`,
        ...attributedTo(policy.viewer),
        data: { commitmentId: commitment.id, assigneeId: assignee.id, dueAt: dueAt.toISOString() },
      });
      if (!selfAssigned) {
        await notify(em, outbox, {
          kind: NotificationKind.COMMITMENT_PROPOSED,
          audience: { users: [assignee.id] },
          actorId: me,
          actorName: actorNameOf(policy.viewer),
          opportunityId,
          subjectId: commitment.id,
          say: ({ actor, deal }) => `${actor} asks you to commit to “${title}” by ${due} on “${deal}”`,
        });
      }
      return commitment;
    });
  }

  /**
   * The assignee, or a manager/admin of the assignee's organization, agrees to a PROPOSED
   * commitment: it becomes OPEN and from then on counts in reliability. A proposal whose due time
   * has passed can no longer be accepted (BAD_USER_INPUT): its author proposes a new one instead.
   */
  async accept(policy: Policy, input: AcceptCommitmentInput): Promise<Commitment> {
    const found = await this.get(policy, input.id);
    const assignee = await this.assertMayAnswer(policy, found, "accept");
    const me = actorId(policy.viewer);
    return this.uow.run(async (em, outbox) => {
      const rows = await returning<{ id: string }>(
        em,
        `UPDATE commitment SET status = 'OPEN', accepted_at = now(), accepted_by_id = $2
          WHERE id = $1 AND status = 'PROPOSED' AND due_at > now() RETURNING id`,
        [found.id, me],
      );
      if (rows.length === 0) {
        const current = await em.findOneByOrFail(Commitment, { id: found.id });
        if (current.status !== CommitmentStatus.PROPOSED) throw notProposed(current, "accepted");
        throw badInput("id", `was due ${current.dueAt} before anyone accepted it; its author can propose it again with a later due date`);
      }
      const accepted = await em.findOneByOrFail(Commitment, { id: found.id });
      await appendActivity(em, outbox, {
        opportunityId: accepted.opportunityId,
        kind: ActivityKind.COMMITMENT_ACCEPTED,
        body: `${await answered(em, me, assignee, "accepted", accepted.title)}, due ${accepted.dueAt.slice(0, 10)}`,
        ...attributedTo(policy.viewer),
        data: { commitmentId: accepted.id, assigneeId: accepted.assigneeId, dueAt: accepted.dueAt },
        changes: [{ field: "status", from: CommitmentStatus.PROPOSED, to: CommitmentStatus.OPEN }],
      });
      return accepted;
    });
  }

  /** The assignee's side turns a PROPOSED commitment down, saying why; it then counts nowhere. */
  async decline(policy: Policy, input: DeclineCommitmentInput): Promise<Commitment> {
    const reason = input.reason.trim();
    if (!reason) throw badInput("reason", "must not be empty");
    if (reason.length > COMMITMENT_DECLINE_REASON_MAX)
      throw badInput("reason", `must be at most ${COMMITMENT_DECLINE_REASON_MAX} characters`);
    const found = await this.get(policy, input.id);
    const assignee = await this.assertMayAnswer(policy, found, "decline");
    const me = actorId(policy.viewer);
    return this.uow.run(async (em, outbox) => {
      const rows = await returning<{ id: string }>(
        em,
        `UPDATE commitment SET status = 'DECLINED', declined_at = now(), declined_by_id = $2, decline_reason = $3
          WHERE id = $1 AND status = 'PROPOSED' RETURNING id`,
        [found.id, me, reason],
      );
      if (rows.length === 0) throw notProposed(await em.findOneByOrFail(Commitment, { id: found.id }), "declined");
      const declined = await em.findOneByOrFail(Commitment, { id: found.id });
      await appendActivity(em, outbox, {
        opportunityId: declined.opportunityId,
        kind: ActivityKind.COMMITMENT_DECLINED,
        body: `${await answered(em, me, assignee, "declined", declined.title)}: ${reason}`,
        ...attributedTo(policy.viewer),
        data: { commitmentId: declined.id, assigneeId: declined.assigneeId, reason },
        changes: [{ field: "status", from: CommitmentStatus.PROPOSED, to: CommitmentStatus.DECLINED }],
      });
      return declined;
    });
  }

  /** The assignee of `commitment`, when the viewer may answer for them; FORBIDDEN otherwise. */
  private async assertMayAnswer(policy: Policy, commitment: Commitment, verb: "accept" | "decline"): Promise<User> {
    const assignee = await this.dataSource.manager.findOneByOrFail(User, { id: commitment.assigneeId });
    if (!mayAnswerCommitment(policy.viewer, assignee)) {
      throw forbidden(`Only ${assignee.name}, the assignee, or a manager of their organization can ${verb} this commitment`);
    }
    return assignee;
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
      const from = await transition(
        em,
        found.id,
        [CommitmentStatus.OPEN, CommitmentStatus.MISSED],
        CommitmentStatus.DONE,
        "completed_at = now()",
        [],
      );
      if (!from) {
        const current = await em.findOneByOrFail(Commitment, { id: found.id });
        if (current.status === CommitmentStatus.PROPOSED)
          throw conflict("The commitment must be accepted before it can be marked done", { status: current.status });
        throw conflict(`The commitment is already ${current.status.toLowerCase()}`, { status: current.status });
      }
      const done = await em.findOneByOrFail(Commitment, { id: found.id });
      const assignee = await em.findOneByOrFail(User, { id: done.assigneeId });
      await appendActivity(em, outbox, {
        opportunityId: done.opportunityId,
        kind: ActivityKind.COMMITMENT_DONE,
        body: `${assignee.name} delivered “${done.title}”${done.onTime ? " on time" : " late"}`,
        ...attributedTo(policy.viewer),
        data: { commitmentId: done.id, assigneeId: done.assigneeId, onTime: Boolean(done.onTime) },
        changes: [{ field: "status", from, to: CommitmentStatus.DONE }],
      });
      return done;
    });
  }

  /**
   * Cancels an OPEN commitment (the assignee, whoever added it, the owner rep, or a manager with
   * write access) or withdraws a PROPOSED one (the same people but the assignee, who declines it
   * with a reason instead).
   */
  async cancel(policy: Policy, input: CancelCommitmentInput): Promise<Commitment> {
    const found = await this.get(policy, input.id);
    await policy.assertWriteOpportunity(found.opportunityId);
    const opportunity = await this.dataSource.manager.findOneByOrFail(Opportunity, { id: found.opportunityId });
    const me = actorId(policy.viewer);
    const proposed = found.status === CommitmentStatus.PROPOSED;
    const authors = proposed ? [found.createdById, opportunity.ownerId] : [found.assigneeId, found.createdById, opportunity.ownerId];
    const allowed = policy.isManagerOf() || (me !== null && authors.includes(me));
    if (!allowed && proposed && me === found.assigneeId)
      throw forbidden("A commitment proposed to you is declined, with a reason, not cancelled");
    if (!allowed) throw forbidden("Only the assignee, whoever added the commitment, the owner rep or a manager can cancel it");
    const reason = input.reason?.trim() || null;
    return this.uow.run(async (em, outbox) => {
      // Only the status read above: whoever may withdraw a proposal may also cancel it once accepted, not the reverse.
      const from = CANCELLABLE.includes(found.status)
        ? await transition(em, found.id, [found.status], CommitmentStatus.CANCELLED, "cancelled_at = now(), cancelled_by_id = $4", [me])
        : null;
      if (!from) {
        const current = await em.findOneByOrFail(Commitment, { id: found.id });
        throw conflict(`Only an open or proposed commitment can be cancelled; this one is ${current.status.toLowerCase()}`, {
          status: current.status,
        });
      }
      const cancelled = await em.findOneByOrFail(Commitment, { id: found.id });
      await appendActivity(em, outbox, {
        opportunityId: cancelled.opportunityId,
        kind: ActivityKind.COMMITMENT_CANCELLED,
        body: `${from === CommitmentStatus.PROPOSED ? "Withdrew the proposal" : "Cancelled"} “${cancelled.title}”${reason ? `: ${reason}` : ""}`,
        ...attributedTo(policy.viewer),
        data: { commitmentId: cancelled.id, assigneeId: cancelled.assigneeId, reason },
        changes: [{ field: "status", from, to: CommitmentStatus.CANCELLED }],
      });
      return cancelled;
    });
  }

  /**
   * Turns OPEN commitments whose due time has passed into MISSED (never PROPOSED ones: nobody
   * agreed to those, so they count against no one), each with a COMMITMENT_MISSED
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
           RETURNING c.id, c.opportunity_id, c.assignee_id, c.title, c.due_at, c.created_by_id`,
          [now, SWEEP_BATCH],
        );
        // One room at a time, oldest first, so each room's log reads in due order.
        rows.sort(
          (a, b) => a.opportunity_id.localeCompare(b.opportunity_id) || new Date(a.due_at).getTime() - new Date(b.due_at).getTime(),
        );
        const names = new Map<string, string>();
        for (const row of rows) {
          if (!names.has(row.assignee_id)) names.set(row.assignee_id, (await em.findOneByOrFail(User, { id: row.assignee_id })).name);
          await appendActivity(em, outbox, {
            opportunityId: row.opportunity_id,
            kind: ActivityKind.COMMITMENT_MISSED,
            body: `${names.get(row.assignee_id)} missed “${row.title}” (due ${new Date(row.due_at).toISOString().slice(0, 10)})`,
            actorId: null,
            data: { commitmentId: row.id, assigneeId: row.assignee_id },
            changes: [{ field: "status", from: CommitmentStatus.OPEN, to: CommitmentStatus.MISSED }],
          });
          const assignee = names.get(row.assignee_id);
          await notify(em, outbox, {
            kind: NotificationKind.COMMITMENT_MISSED,
            audience: { users: [row.assignee_id, ...(row.created_by_id ? [row.created_by_id] : [])] },
            actorId: null,
            opportunityId: row.opportunity_id,
            subjectId: row.id,
            say: ({ deal }) => `${assignee} missed “${row.title}” on “${deal}”`,
          });
        }
        return rows.length;
      });
      total += swept;
      if (swept < SWEEP_BATCH) return total;
    }
  }

  /**
   * Tells each assignee of an OPEN commitment due within `DUE_SOON_MS` (once per commitment: the
   * unique index on due-soon notifications drops a repeat, whichever instance sweeps). Returns how
   * many were told.
   */
  async announceDueSoon(now: Date = new Date()): Promise<number> {
    return this.uow.run(async (em, outbox) => {
      const due: CommitmentRow[] = await em.query(
        `SELECT c.id, c.opportunity_id, c.assignee_id, c.title, c.due_at, c.created_by_id FROM commitment c
          WHERE c.status = 'OPEN' AND c.due_at > $1 AND c.due_at <= $2
            AND NOT EXISTS (SELECT 1 FROM notification n WHERE n.kind = 'COMMITMENT_DUE_SOON' AND n.subject_id = c.id AND n.recipient_id = c.assignee_id)
          ORDER BY c.due_at LIMIT $3`,
        [now, new Date(now.getTime() + DUE_SOON_MS), SWEEP_BATCH],
      );
      let told = 0;
      for (const row of due) {
        const when = new Date(row.due_at).toISOString().slice(0, 16).replace("T", " ");
        const recipients = await notify(em, outbox, {
          kind: NotificationKind.COMMITMENT_DUE_SOON,
          audience: { users: [row.assignee_id] },
          actorId: null,
          opportunityId: row.opportunity_id,
          subjectId: row.id,
          say: ({ deal }) => `“${row.title}” on “${deal}” is due ${when} UTC`,
        });
        told += recipients.length;
      }
      return told;
    });
  }
}

/** How far ahead an open commitment counts as due soon. */
export const DUE_SOON_MS = 24 * 60 * 60 * 1000;

const CANCELLABLE: readonly CommitmentStatus[] = [CommitmentStatus.OPEN, CommitmentStatus.PROPOSED];

/**
 * Moves one commitment to `to` in one guarded statement, if it is in one of `from` once its row is
 * locked; answers the status it had, or null when it was in none (someone moved it first).
 * `set` assigns further columns with placeholders from $4 on, filled by `params`.
 */
async function transition(
  em: EntityManager,
  id: string,
  from: readonly CommitmentStatus[],
  to: CommitmentStatus,
  set: string,
  params: readonly unknown[],
): Promise<CommitmentStatus | null> {
  const rows = await returning<{ previous: CommitmentStatus }>(
    em,
    `WITH old AS (SELECT id, status FROM commitment WHERE id = $1 FOR UPDATE)
     UPDATE commitment c SET status = $2, ${set} FROM old WHERE c.id = old.id AND old.status = ANY($3::text[])
     RETURNING old.status AS previous`,
    [id, to, [...from], ...params],
  );
  return rows[0]?.previous ?? null;
}

/** CONFLICT for answering a commitment that is no longer PROPOSED. */
function notProposed(current: Commitment, verb: "accepted" | "declined"): Error {
  return conflict(`Only a proposed commitment can be ${verb}; this one is ${current.status.toLowerCase()}`, { status: current.status });
}

/** "Lee Lindqvist accepted “Artwork”" or, when a manager answers for them, "Pat Park accepted “Artwork” for Lee Lindqvist". */
async function answered(em: EntityManager, me: string | null, assignee: User, verb: string, title: string): Promise<string> {
  if (me === assignee.id || me === null) return `${assignee.name} ${verb} “${title}”`;
  const manager = await em.findOneByOrFail(User, { id: me });
  return `${manager.name} ${verb} “${title}” for ${assignee.name}`;
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
  const rows: { key: string; delivered: number; delivered_on_time: number; missed: number; open: number; help: number }[] =
    await dataSource.query(
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
    return {
      delivered: r?.delivered ?? 0,
      deliveredOnTime: r?.delivered_on_time ?? 0,
      missed: r?.missed ?? 0,
      open: r?.open ?? 0,
      helpGiven: r?.help ?? 0,
    };
  });
}
