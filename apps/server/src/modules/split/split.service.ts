import {
  ActivityKind,
  DealStage,
  NotificationKind,
  PartnershipStatus,
  SplitStatus,
  SplitType,
  TOTAL_BP,
  allocate,
  formatMinor,
  revenueTotal,
  shareOf,
} from "@cosell/schema";
import type { DataSource, EntityManager } from "typeorm";
import type { Policy } from "../../auth/policy.js";
import { actorId, attributedTo } from "../../auth/viewer.js";
import { findVisible } from "../../db/find.js";
import type { Outbox, UnitOfWork } from "../../db/transaction.js";
import { badInput, conflict, forbidden } from "../../errors.js";
import { idOf, newId } from "../../ids.js";
import { appendActivity } from "../activity/activity.service.js";
import { actorNameOf, notify } from "../notification/notify.js";
import { Opportunity } from "../opportunity/opportunity.entity.js";
import { Organization } from "../organization/organization.entity.js";
import { User } from "../user/user.entity.js";
import { approversOf, lineChanges } from "./revision.js";
import type { LineTerms } from "./revision.js";
import { CreditSplit, SplitApproval, SplitLine, SplitRevision, SuggestedSplit } from "./split.entity.js";
import type { ApproveSplitInput, ProposeSplitInput } from "./split.inputs.js";

/**
 * What each kind of recorded work is worth in `suggestedSplit` (documented in docs/PARTNERING.md).
 * A commitment delivered on time weighs most: it is work someone else counted on. Asking for help
 * earns nothing; answering it does.
 */
export const SUGGESTION_WEIGHTS = {
  COMMITMENT_ON_TIME: 6,
  RESULT: 5,
  MEETING: 3,
  HELP_ANSWER: 3,
  CALL: 2,
  EMAIL: 1,
  NOTE: 1,
  COMMITMENT_LATE: 1,
} as const;

/**
 * The most entries of each kind that count for one person: volume beyond these earns nothing, so a
 * flood of entries cannot outweigh results. Help answers count once per help request and person.
 */
export const SUGGESTION_CAPS: Readonly<Record<keyof typeof SUGGESTION_WEIGHTS, number>> = {
  COMMITMENT_ON_TIME: 10,
  RESULT: 5,
  MEETING: 5,
  HELP_ANSWER: 5,
  CALL: 5,
  EMAIL: 5,
  NOTE: 5,
  COMMITMENT_LATE: 5,
};

/**
 * A logged entry counts only with at least this many letters or digits: empty, punctuation-only or
 * "ok" entries are not work. The same text logged twice (ignoring case, spaces and punctuation) by
 * the same person as the same kind counts once.
 */
export const SUGGESTION_MIN_LETTERS = 8;

type Work = keyof typeof SUGGESTION_WEIGHTS;

const WORK_LABELS: Record<Work, [one: string, many: string]> = {
  COMMITMENT_ON_TIME: ["commitment delivered on time", "commitments delivered on time"],
  RESULT: ["result", "results"],
  MEETING: ["meeting", "meetings"],
  HELP_ANSWER: ["help answer", "help answers"],
  CALL: ["call", "calls"],
  EMAIL: ["email", "emails"],
  NOTE: ["note", "notes"],
  COMMITMENT_LATE: ["commitment delivered late", "commitments delivered late"],
};

const counted = (n: number, work: Work) => `${n} ${WORK_LABELS[work][n === 1 ? 0 : 1]}`;

/** The letters and digits of an entry, lower-cased: what makes it substantive, and what makes two entries the same. */
const substanceOf = (body: string | null): string => (body ?? "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");

/** One person's work of one kind, as the suggestion scores it. */
interface Tally {
  work: Work;
  logged: number;
  trivial: number;
  repeated: number;
  counted: number;
}

/** Scores entries of one person and kind: trivial ones and repeats drop out, then the cap applies. */
function tally(work: Work, entries: readonly { body: string | null; requestId: string | null }[]): Tally {
  const isCommitment = work === "COMMITMENT_ON_TIME" || work === "COMMITMENT_LATE";
  const substantive = isCommitment ? entries : entries.filter((e) => substanceOf(e.body).length >= SUGGESTION_MIN_LETTERS);
  // A help answer counts once per request; any other entry once per distinct text.
  const distinct = isCommitment
    ? substantive.length
    : new Set(substantive.map((e) => (work === "HELP_ANSWER" ? e.requestId : substanceOf(e.body)))).size;
  return {
    work,
    logged: entries.length,
    trivial: entries.length - substantive.length,
    repeated: substantive.length - distinct,
    counted: Math.min(distinct, SUGGESTION_CAPS[work]),
  };
}

const percent = (bp: number | bigint): string => `${(Number(bp) / 100).toFixed(2)}%`;

function line(
  fields: Pick<SplitLine, "userId" | "organizationId" | "basisPoints" | "type"> & { position: number; splitId?: string },
): SplitLine {
  return Object.assign(new SplitLine(), { splitId: "", revision: 0, payoutMinor: null, payoutCurrency: null, ...fields });
}

export class SplitService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  /** A split of an opportunity the viewer can see, else NOT_FOUND (as for a random id). */
  async get(policy: Policy, globalId: string): Promise<CreditSplit> {
    return findVisible(this.dataSource.manager, CreditSplit, "CreditSplit", globalId, "Credit split", (split) =>
      policy.canReadOpportunity(split.opportunityId),
    );
  }

  /**
   * Proposes a new revision. The revision in force (the last agreed one) stays in force until this
   * one is agreed; a still-pending earlier proposal is closed (replaced). Every organization with a
   * line in it must approve it, and so must every organization whose agreed lines it lowers or
   * removes. A line may name a room member, or someone with a line in the revision in force (leaving
   * the room takes no one's credit away).
   */
  async propose(policy: Policy, input: ProposeSplitInput): Promise<CreditSplit> {
    const opportunityId = await policy.writableOpportunityId(input.opportunityId);

    const revenue = revenueTotal(input.lines);
    if (revenue !== TOTAL_BP) {
      throw badInput("lines", `REVENUE lines total ${revenue} basis points; they must total exactly ${TOTAL_BP}`);
    }
    const requested = input.lines.map((l) => idOf("User", l.userId));
    const proposer = actorId(policy.viewer);

    return this.uow.run(async (em, outbox) => {
      const opportunity = await em.findOneOrFail(Opportunity, { where: { id: opportunityId }, lock: { mode: "pessimistic_write" } });
      if (opportunity.stage === DealStage.CLOSED_LOST) throw conflict("The deal was lost; there is no credit to split");
      let split = await em.findOne(CreditSplit, { where: { opportunityId }, lock: { mode: "pessimistic_write" } });
      if (split?.status === SplitStatus.LOCKED) throw conflict("The split was locked when the deal was won; it can no longer change");
      const inForce = split?.agreedRevision != null ? await linesOf(em, split.id, split.agreedRevision) : null;

      const people = await peopleOf(em, opportunityId, [
        ...requested.filter((id): id is string => id !== null),
        ...(inForce ?? []).map((l) => l.userId),
      ]);
      const seen = new Set<string>();
      const lines = input.lines.map((l, i) => {
        const userId = requested[i];
        const person = userId ? people.get(userId) : undefined;
        const eligible = person && (person.inRoom || inForce?.some((agreed) => agreed.userId === person.id));
        if (!person || !eligible) throw badInput(`lines.${i}.userId`, "must be a member of this room or have a line in the agreed split");
        const key = `${person.id}:${l.type}`;
        if (seen.has(key)) throw badInput(`lines.${i}`, `${person.name} already has a ${l.type} line`);
        seen.add(key);
        return line({ position: i, userId: person.id, organizationId: person.organizationId, basisPoints: l.basisPoints, type: l.type });
      });

      const now = new Date();
      if (split) {
        if (split.revision !== split.agreedRevision) {
          // The earlier proposal was still pending: this one replaces it.
          await em.update(SplitRevision, { splitId: split.id, revision: split.revision }, { closedAtDate: now });
        }
        Object.assign(split, {
          status: SplitStatus.PROPOSED,
          revision: split.revision + 1,
          proposedById: proposer,
          proposedAtDate: now,
          agreedAtDate: null,
        });
        await em.save(CreditSplit, split);
      } else {
        split = em.create(CreditSplit, {
          id: newId(),
          opportunityId,
          status: SplitStatus.PROPOSED,
          revision: 1,
          agreedRevision: null,
          proposedById: proposer,
          proposedAtDate: now,
          agreedAtDate: null,
          lockedAtDate: null,
        });
        await em.insert(CreditSplit, split);
      }
      const { id: splitId, revision } = split;
      await em.insert(SplitRevision, {
        splitId,
        revision,
        proposedById: proposer,
        proposedAtDate: now,
        agreedAtDate: null,
        closedAtDate: null,
      });
      await em.insert(
        SplitLine,
        lines.map((l) => ({ ...l, splitId, revision })),
      );

      const label = (l: LineTerms) => {
        const person = people.get(l.userId);
        return person ? `${person.name} (${person.organizationName})` : "someone";
      };
      let body = `Proposed a credit split: ${describeLines(lines, people)}`;
      if (inForce) {
        const approvers = await organizationNames(em, approversOf(lines, inForce));
        body += `. Revision ${split.agreedRevision} stays in force until ${approvers.join(", ")} approve${approvers.length === 1 ? "s" : ""} this one`;
      }
      await appendActivity(em, outbox, {
        opportunityId,
        kind: ActivityKind.SPLIT_PROPOSED,
        body,
        ...attributedTo(policy.viewer),
        data: { splitId, revision },
        changes: lineChanges(lines, inForce ?? [], label),
      });
      await notify(em, outbox, {
        kind: NotificationKind.SPLIT_AWAITING_APPROVAL,
        audience: { managersOf: approversOf(lines, inForce) },
        actorId: proposer,
        actorName: actorNameOf(policy.viewer),
        opportunityId,
        subjectId: splitId,
        say: ({ actor, deal }) => `${actor} proposed a credit split on “${deal}”; it awaits your firm's approval`,
      });
      return split;
    });
  }

  /**
   * A manager or admin approves the current revision for their organization. The rule (who must
   * approve) is read inside the transaction, with the opportunity and split rows locked, so no
   * interleaving of proposals, approvals and the win lets a revision that cuts a firm out be agreed
   * or locked without that firm's approval.
   */
  async approve(policy: Policy, input: ApproveSplitInput): Promise<CreditSplit> {
    const found = await this.get(policy, input.splitId);
    const viewer = policy.viewer;
    const approverId = policy.assertManager("Only a manager or admin approves a split for their organization");
    if (input.organizationId != null && idOf("Organization", input.organizationId) !== viewer.organizationId) {
      throw forbidden("You can approve only for your own organization");
    }
    const organization = await this.dataSource.manager.findOneByOrFail(Organization, { id: viewer.organizationId });
    const approver = await this.dataSource.manager.findOneByOrFail(User, { id: approverId });

    return this.uow.run(async (em, outbox) => {
      const opportunity = await em.findOneOrFail(Opportunity, { where: { id: found.opportunityId }, lock: { mode: "pessimistic_write" } });
      const split = await em.findOneOrFail(CreditSplit, { where: { id: found.id }, lock: { mode: "pessimistic_write" } });
      if (input.revision != null && input.revision !== split.revision) {
        throw conflict(`The split was proposed again (now revision ${split.revision}); review it and approve that one`, {
          currentRevision: split.revision,
        });
      }
      if (split.status === SplitStatus.LOCKED) throw conflict("The split is already locked");
      const lines = await linesOf(em, split.id, split.revision);
      const inForce =
        split.agreedRevision != null && split.agreedRevision !== split.revision ? await linesOf(em, split.id, split.agreedRevision) : null;
      const approvers = approversOf(lines, inForce);
      if (!approvers.includes(organization.id)) {
        throw forbidden(`${organization.name} has no line in this split and loses none by it; only participating organizations approve it`);
      }
      const approvals = await em.find(SplitApproval, { where: { splitId: split.id, revision: split.revision } });
      if (approvals.some((a) => a.organizationId === organization.id))
        throw conflict(`${organization.name} has already approved this split`);

      await em.insert(SplitApproval, {
        splitId: split.id,
        organizationId: organization.id,
        revision: split.revision,
        approvedById: approver.id,
        approvedAtDate: new Date(),
      });
      await appendActivity(em, outbox, {
        opportunityId: split.opportunityId,
        kind: ActivityKind.SPLIT_APPROVED,
        body: `${approver.name} approved the credit split for ${organization.name}`,
        actorId: approver.id,
        data: { splitId: split.id, revision: split.revision, organizationId: organization.id },
      });
      const approved = new Set([...approvals.map((a) => a.organizationId), organization.id]);
      if (approvers.every((org) => approved.has(org))) {
        const now = new Date();
        if (split.agreedRevision != null) {
          await em.update(SplitRevision, { splitId: split.id, revision: split.agreedRevision }, { closedAtDate: now });
        }
        await em.update(SplitRevision, { splitId: split.id, revision: split.revision }, { agreedAtDate: now });
        Object.assign(split, { status: SplitStatus.AGREED, agreedRevision: split.revision, agreedAtDate: now });
        await em.save(CreditSplit, split);
        await appendActivity(em, outbox, {
          opportunityId: split.opportunityId,
          kind: ActivityKind.SPLIT_AGREED,
          body: `Credit split agreed by all ${approvers.length} participating organization${approvers.length === 1 ? "" : "s"}`,
          actorId: approver.id,
          data: { splitId: split.id, revision: split.revision },
        });
        // The deal was already won while the split was open: lock it now.
        if (opportunity.stage === DealStage.CLOSED_WON) {
          await lockSplit(em, outbox, split, opportunity, approver.id, ActivityKind.SPLIT_LOCKED);
        }
      }
      return split;
    });
  }

  /** The split of an opportunity (already authorized), if any. */
  forOpportunity(opportunityId: string): Promise<CreditSplit | null> {
    return this.dataSource.manager.findOneBy(CreditSplit, { opportunityId });
  }

  /**
   * A split computed from the room's record of who did what, totalling 10000 bp across current
   * members, with one explanation line per contributor. It counts substance, not volume: trivial
   * entries and repeats count nothing, each kind is capped per person (SUGGESTION_CAPS), help
   * answers count once per request, and commitments delivered on time weigh most.
   */
  async suggest(policy: Policy, globalId: string): Promise<SuggestedSplit> {
    const opportunityId = await policy.readableOpportunityId(globalId);
    const opportunity = await this.dataSource.manager.findOneByOrFail(Opportunity, { id: opportunityId });
    const members: { user_id: string; organization_id: string; name: string; org_name: string }[] = await this.dataSource.query(
      `SELECT m.user_id, u.organization_id, u.name, o.name AS org_name
         FROM room_member m JOIN app_user u ON u.id = m.user_id JOIN organization o ON o.id = u.organization_id
        WHERE m.opportunity_id = $1 ORDER BY m.added_at, u.name`,
      [opportunityId],
    );
    const entries: { user_id: string; work: Work; body: string | null; request_id: string | null }[] = await this.dataSource.query(
      `SELECT actor_id AS user_id, kind AS work, body, data->>'requestId' AS request_id FROM activity
        WHERE opportunity_id = $1 AND actor_id IS NOT NULL AND kind = ANY($2::text[])
       UNION ALL
       SELECT assignee_id, CASE WHEN completed_at <= due_at THEN 'COMMITMENT_ON_TIME' ELSE 'COMMITMENT_LATE' END, NULL, NULL
         FROM commitment WHERE opportunity_id = $1 AND status = 'DONE'`,
      [opportunityId, ["RESULT", "MEETING", "HELP_ANSWER", "CALL", "EMAIL", "NOTE"]],
    );
    const order = Object.keys(SUGGESTION_WEIGHTS) as Work[];
    const scored = members.map((m) => {
      const mine = entries.filter((e) => e.user_id === m.user_id);
      const tallies = order
        .map((work) =>
          tally(
            work,
            mine.filter((e) => e.work === work).map((e) => ({ body: e.body, requestId: e.request_id })),
          ),
        )
        .filter((t) => t.logged > 0);
      const points = tallies.reduce((sum, t) => sum + t.counted * SUGGESTION_WEIGHTS[t.work], 0);
      const parts = tallies
        .filter((t) => t.counted > 0)
        .map((t) => {
          const cap = SUGGESTION_CAPS[t.work];
          const distinct = t.logged - t.trivial - t.repeated;
          const capped = distinct > cap ? ` (${WORK_LABELS[t.work][1]} capped at ${cap}; ${distinct} recorded)` : "";
          return `${counted(t.counted, t.work)} ×${SUGGESTION_WEIGHTS[t.work]}${capped}`;
        });
      const ignored = [
        ...tallies
          .filter((t) => t.trivial > 0)
          .map((t) => `${counted(t.trivial, t.work)} with fewer than ${SUGGESTION_MIN_LETTERS} letters or digits`),
        ...tallies
          .filter((t) => t.repeated > 0)
          .map((t) =>
            t.work === "HELP_ANSWER"
              ? `${counted(t.repeated, t.work)} to a help request already answered`
              : `${counted(t.repeated, t.work)} repeating an earlier one`,
          ),
      ];
      return { member: m, points, parts, ignored };
    });
    const total = scored.reduce((sum, s) => sum + s.points, 0);
    const notCounted = scored.filter((s) => s.ignored.length > 0).map((s) => `Not counted for ${s.member.name}: ${s.ignored.join("; ")}`);
    const result = new SuggestedSplit();
    if (total === 0) {
      const owner = await this.dataSource.manager.findOneByOrFail(User, { id: opportunity.ownerId });
      result.lines = [
        line({ position: 0, userId: owner.id, organizationId: owner.organizationId, basisPoints: TOTAL_BP, type: SplitType.REVENUE }),
      ];
      result.explanation = [`No work is recorded in the room yet: 100.00% (10000 bp) to the owner rep, ${owner.name}`, ...notCounted];
      return result;
    }
    const contributors = scored.filter((s) => s.points > 0).sort((a, b) => b.points - a.points);
    const bps = allocate(
      BigInt(TOTAL_BP),
      contributors.map((c) => BigInt(c.points)),
    );
    result.lines = contributors
      .map((c, i) => ({ c, bp: Number(bps[i]) }))
      .filter(({ bp }) => bp > 0)
      .map(({ c, bp }, i) =>
        line({ position: i, userId: c.member.user_id, organizationId: c.member.organization_id, basisPoints: bp, type: SplitType.REVENUE }),
      );
    result.explanation = contributors.map(
      (c, i) =>
        `${c.member.name} (${c.member.org_name}): ${percent(bps[i]!)} (${bps[i]} bp) for ${c.parts.join(", ")} = ${c.points} of ${total} points`,
    );
    const idle = scored.filter((s) => s.points === 0).map((s) => s.member.name);
    if (idle.length > 0) result.explanation.push(`No credited work recorded yet for ${idle.join(", ")}`);
    result.explanation.push(...notCounted);
    return result;
  }

  /**
   * The proposal the partnership agreements imply: each partner organization in the room gets its
   * agreement's default revenue split (shared evenly by its members there), the owner rep the rest.
   */
  async draftFromAgreements(opportunity: Opportunity): Promise<SuggestedSplit> {
    const members: {
      user_id: string;
      organization_id: string;
      name: string;
      org_name: string;
      default_bp: number | null;
      signed: boolean;
    }[] = await this.dataSource.query(
      `SELECT m.user_id, u.organization_id, u.name, o.name AS org_name, t.default_credit_split_bp AS default_bp, p.id IS NOT NULL AS signed
           FROM room_member m JOIN app_user u ON u.id = m.user_id JOIN organization o ON o.id = u.organization_id
           LEFT JOIN partnership p ON p.status = $3 AND (
                (p.proposer_organization_id = $2 AND p.partner_organization_id = u.organization_id)
             OR (p.partner_organization_id = $2 AND p.proposer_organization_id = u.organization_id))
           LEFT JOIN partnership_terms t ON t.partnership_id = p.id AND t.revision = p.in_force_revision
          WHERE m.opportunity_id = $1 AND u.organization_id <> $2
          ORDER BY m.added_at, u.name`,
      [opportunity.id, opportunity.organizationId, PartnershipStatus.SIGNED],
    );
    const partners = new Map<string, { name: string; bp: number; users: string[]; userNames: string[] }>();
    for (const m of members) {
      const entry = partners.get(m.organization_id) ?? {
        name: m.org_name,
        bp: m.signed ? (m.default_bp ?? 0) : 0,
        users: [],
        userNames: [],
      };
      entry.users.push(m.user_id);
      entry.userNames.push(m.name);
      partners.set(m.organization_id, entry);
    }
    const explanation: string[] = [];
    let shares = [...partners.entries()].map(([org, p]) => ({ org, ...p }));
    const claimed = shares.reduce((sum, p) => sum + p.bp, 0);
    if (claimed > TOTAL_BP) {
      // More promised than there is: scale every partner's default down in proportion.
      const scaled = allocate(
        BigInt(TOTAL_BP),
        shares.map((p) => BigInt(p.bp)),
      );
      shares = shares.map((p, i) => ({ ...p, bp: Number(scaled[i]) }));
      explanation.push(`The agreements' defaults add up to ${percent(claimed)}; each is scaled down in proportion`);
    }
    const lines: SplitLine[] = [];
    for (const p of shares) {
      if (p.bp === 0) {
        explanation.push(`${p.name}: its agreement sets no default revenue split`);
        continue;
      }
      const each = allocate(
        BigInt(p.bp),
        p.users.map(() => 1n),
      );
      p.users.forEach((userId, i) => {
        if (each[i]! > 0n)
          lines.push(
            line({ position: lines.length, userId, organizationId: p.org, basisPoints: Number(each[i]), type: SplitType.REVENUE }),
          );
      });
      explanation.push(`${p.name}: ${percent(p.bp)} by its agreement's default revenue split, shared by ${p.userNames.join(", ")}`);
    }
    const rest = TOTAL_BP - shares.reduce((sum, p) => sum + p.bp, 0);
    if (rest > 0) {
      const owner = await this.dataSource.manager.findOneByOrFail(User, { id: opportunity.ownerId });
      lines.unshift(
        line({ position: 0, userId: owner.id, organizationId: owner.organizationId, basisPoints: rest, type: SplitType.REVENUE }),
      );
      lines.forEach((l, i) => (l.position = i));
      explanation.unshift(`${owner.name} (owner rep): the remaining ${percent(rest)}`);
    }
    return Object.assign(new SuggestedSplit(), { lines, explanation });
  }
}

function describeLines(lines: readonly SplitLine[], names: ReadonlyMap<string, { name: string }>): string {
  return lines
    .map((l) => `${names.get(l.userId)?.name ?? "someone"} ${percent(l.basisPoints)}${l.type === SplitType.OVERLAY ? " overlay" : ""}`)
    .join(", ");
}

/** The lines of one revision of a split, in order. */
function linesOf(em: EntityManager, splitId: string, revision: number): Promise<SplitLine[]> {
  return em.find(SplitLine, { where: { splitId, revision }, order: { position: "ASC" } });
}

interface Person {
  readonly id: string;
  readonly name: string;
  readonly organizationId: string;
  readonly organizationName: string;
  readonly inRoom: boolean;
}

/** People by id, with their organization and whether they are in the room now. */
async function peopleOf(em: EntityManager, opportunityId: string, userIds: readonly string[]): Promise<Map<string, Person>> {
  const rows: { id: string; name: string; organization_id: string; org_name: string; in_room: boolean }[] = await em.query(
    `SELECT u.id, u.name, u.organization_id, o.name AS org_name,
            EXISTS (SELECT 1 FROM room_member m WHERE m.opportunity_id = $1 AND m.user_id = u.id) AS in_room
       FROM app_user u JOIN organization o ON o.id = u.organization_id WHERE u.id = ANY($2::uuid[])`,
    [opportunityId, [...new Set(userIds)]],
  );
  return new Map(
    rows.map((r) => [r.id, { id: r.id, name: r.name, organizationId: r.organization_id, organizationName: r.org_name, inRoom: r.in_room }]),
  );
}

/** Organization names, in the order of the ids. */
async function organizationNames(em: EntityManager, ids: readonly string[]): Promise<string[]> {
  const rows = await em.findBy(
    Organization,
    ids.map((id) => ({ id })),
  );
  return ids.map((id) => rows.find((o) => o.id === id)?.name ?? "an organization");
}

/**
 * Fixes the payouts of the revision in force in the opportunity's currency and locks the split.
 * REVENUE lines share the amount by largest remainder (they sum to it exactly); OVERLAY lines are
 * each rounded. Writes `kind` (DEAL_WON at the win, SPLIT_LOCKED when agreement comes after it)
 * with the payouts.
 */
async function lockSplit(
  em: EntityManager,
  outbox: Outbox,
  split: CreditSplit,
  opportunity: Opportunity,
  actor: string | null,
  kind: ActivityKind,
): Promise<void> {
  const revision = split.agreedRevision;
  if (revision == null) throw new Error(`split ${split.id} has no agreed revision to lock`);
  const lines = await linesOf(em, split.id, revision);
  const amount = BigInt(opportunity.amountMinor);
  const revenue = lines.filter((l) => l.type === SplitType.REVENUE);
  const revenueParts = allocate(
    amount,
    revenue.map((l) => BigInt(l.basisPoints)),
  );
  const payout = new Map(revenue.map((l, i) => [l.position, revenueParts[i]!]));
  for (const l of lines) if (l.type === SplitType.OVERLAY) payout.set(l.position, shareOf(amount, l.basisPoints));
  for (const l of lines) {
    await em.update(
      SplitLine,
      { splitId: split.id, revision, position: l.position },
      { payoutMinor: payout.get(l.position)!.toString(), payoutCurrency: opportunity.currency },
    );
  }
  split.status = SplitStatus.LOCKED;
  split.lockedAtDate = new Date();
  await em.save(CreditSplit, split);
  const users = await em.findBy(
    User,
    lines.map((l) => ({ id: l.userId })),
  );
  const name = (id: string) => users.find((u) => u.id === id)?.name ?? "someone";
  const money = (minor: bigint) => `${formatMinor(minor, opportunity.currency)} ${opportunity.currency}`;
  const payouts = lines
    .map((l) => `${name(l.userId)} ${money(payout.get(l.position)!)}${l.type === SplitType.OVERLAY ? " (overlay)" : ""}`)
    .join(", ");
  await appendActivity(em, outbox, {
    opportunityId: opportunity.id,
    kind,
    body: kind === ActivityKind.DEAL_WON ? `Deal won: ${money(amount)}! Payouts: ${payouts}` : `Credit split locked. Payouts: ${payouts}`,
    actorId: actor,
    data: { splitId: split.id, revision, payouts: true, amountMinor: opportunity.amountMinor, currency: opportunity.currency },
  });
}

/**
 * The split side of closing a deal, inside the stage move's transaction. Won with a revision in
 * force: a proposal still pending on top of it is withdrawn (SPLIT_WITHDRAWN: a PROPOSED revision
 * never locks) and the revision in force is locked with its payouts in the DEAL_WON activity.
 * Won with nothing agreed yet: DEAL_WON is followed by a SPLIT_NOT_AGREED warning and the proposal
 * stays open, to lock once agreed. Lost: DEAL_LOST.
 */
export async function recordDealClosed(em: EntityManager, outbox: Outbox, opportunity: Opportunity, actor: string | null): Promise<void> {
  const amount = `${formatMinor(BigInt(opportunity.amountMinor), opportunity.currency)} ${opportunity.currency}`;
  if (opportunity.stage === DealStage.CLOSED_LOST) {
    await appendActivity(em, outbox, {
      opportunityId: opportunity.id,
      kind: ActivityKind.DEAL_LOST,
      body: `Deal lost (${amount})`,
      actorId: actor,
      data: { amountMinor: opportunity.amountMinor, currency: opportunity.currency },
    });
    return;
  }
  if (opportunity.stage !== DealStage.CLOSED_WON) return;
  const split = await em.findOne(CreditSplit, { where: { opportunityId: opportunity.id }, lock: { mode: "pessimistic_write" } });
  if (split && split.agreedRevision != null && split.status !== SplitStatus.LOCKED) {
    if (split.revision !== split.agreedRevision) {
      const pending = split.revision;
      const inForce = await em.findOneByOrFail(SplitRevision, { splitId: split.id, revision: split.agreedRevision });
      await em.update(SplitRevision, { splitId: split.id, revision: pending }, { closedAtDate: new Date() });
      Object.assign(split, {
        revision: inForce.revision,
        proposedById: inForce.proposedById,
        proposedAtDate: inForce.proposedAtDate,
        agreedAtDate: inForce.agreedAtDate,
      });
      await appendActivity(em, outbox, {
        opportunityId: opportunity.id,
        kind: ActivityKind.SPLIT_WITHDRAWN,
        body: `The proposed credit split (revision ${pending}) was withdrawn unagreed: the deal was won, so the agreed revision ${inForce.revision} is the one that locks`,
        actorId: actor,
        data: { splitId: split.id, revision: pending, inForceRevision: inForce.revision },
      });
    }
    await lockSplit(em, outbox, split, opportunity, actor, ActivityKind.DEAL_WON);
    return;
  }
  await appendActivity(em, outbox, {
    opportunityId: opportunity.id,
    kind: ActivityKind.DEAL_WON,
    body: `Deal won: ${amount}!`,
    actorId: actor,
    data: { splitId: split?.id ?? null, amountMinor: opportunity.amountMinor, currency: opportunity.currency },
  });
  let waitingFor: string[] = [];
  if (split) {
    const lines = await linesOf(em, split.id, split.revision);
    const approved = new Set(
      (await em.find(SplitApproval, { where: { splitId: split.id, revision: split.revision } })).map((a) => a.organizationId),
    );
    waitingFor = (
      await organizationNames(
        em,
        approversOf(lines, null).filter((org) => !approved.has(org)),
      )
    ).sort();
  }
  await appendActivity(em, outbox, {
    opportunityId: opportunity.id,
    kind: ActivityKind.SPLIT_NOT_AGREED,
    body: split
      ? `Warning: the deal closed without an agreed credit split; still waiting for ${waitingFor.join(", ")} to approve. Payouts are fixed once it is agreed.`
      : "Warning: the deal closed without a credit split; propose one and have every participating organization approve it to fix the payouts.",
    actorId: actor,
    data: { splitId: split?.id ?? null },
  });
}
