import {
  AccessLevel,
  ActivityKind,
  BoardChangeKind,
  DealStage,
  NotificationKind,
  RoomRole,
  formatMinor,
  isClosedStage,
  mayChangeOwner,
} from "@cosell/schema";
import type { DataSource, EntityManager } from "typeorm";
import type { Policy } from "../../auth/policy.js";
import { visibleOpportunitySql } from "../../auth/policy.js";
import { actorId, attributedTo, isManager } from "../../auth/viewer.js";
import type { Attribution, Viewer } from "../../auth/viewer.js";
import { idempotent } from "../../db/idempotency.js";
import { leanEntity } from "../../db/lean.js";
import { preparedArrays } from "../../db/prepared.js";
import { returning } from "../../db/sql.js";
import type { Outbox, UnitOfWork } from "../../db/transaction.js";
import { badInput, conflict, forbidden, notFound } from "../../errors.js";
import { idOf, newId, rowIdOf } from "../../ids.js";
import { decodeCursor, encodeCursor, pageSize } from "../../paging.js";
import { topics } from "../../realtime/bus.js";
import { Account } from "../account/account.entity.js";
import type { FieldChange } from "../activity/activity.entity.js";
import { appendActivity } from "../activity/activity.service.js";
import { notify } from "../notification/notify.js";
import { recordDealClosed } from "../split/split.service.js";
import { RoomMember } from "../room/room-member.entity.js";
import { announceMembership } from "../room/room.service.js";
import { LIST_BOUNDS } from "../../limits/bounds.js";
import { User } from "../user/user.entity.js";
import { enqueueStageChange } from "../webhook/webhook.events.js";
import { toMinor } from "./money.js";
import type { CreateOpportunityInput, MoveOpportunityStageInput, OpportunityFilter, UpdateOpportunityInput } from "./opportunity.inputs.js";
import { Opportunity } from "./opportunity.entity.js";
import { organizationsSeeing, recordBoardChange } from "./board-change.js";
import { recordStageChange } from "./stage-change.entity.js";

/** What `stages:<orgId>` topics carry. */
export interface StageChangeMessage {
  readonly type: "stageChanged";
  /** The move's number in `stage_change` (commit order across every opportunity). */
  readonly seq: number;
  readonly opportunityId: string;
  readonly fromStage: DealStage | null;
  readonly toStage: DealStage;
  readonly changedById: string | null;
  readonly at: string;
  readonly amountMinor: string;
  readonly currency: string;
  readonly organizationId: string;
}

/** What an edit replaced, read from the locked row by the same statement that changed it. */
interface OpportunityBefore {
  readonly stage: DealStage;
  readonly title: string;
  readonly amountMinor: string;
  readonly currency: string;
  readonly closeDate: string | null;
  readonly ownerId: string;
}

const FIELD_LABELS: Readonly<Record<string, string>> = { closeDate: "close date" };

/** Money as an activity's change shows it: "12500.00 USD". */
const moneyText = (minor: string, currency: string): string => `${formatMinor(BigInt(minor), currency)} ${currency}`;

export interface OpportunityPage {
  readonly edges: { cursor: string; node: Opportunity }[];
  readonly hasNextPage: boolean;
}

const opportunityId = (globalId: string): string => rowIdOf("Opportunity", globalId, "Opportunity");

/**
 * Opens an opportunity inside the caller's transaction: its row, first stage, the owner rep as
 * OWNER with WRITE access, and the room's first activity.
 */
export async function openOpportunity(
  em: EntityManager,
  outbox: Outbox,
  spec: {
    accountId: string;
    organizationId: string;
    owner: User;
    title: string;
    amountMinor: bigint;
    currency: string;
    closeDate: string | null;
    /** An open stage; PROSPECTING when not given. */
    stage?: DealStage;
    /** Who opens it, for the room's first entry. */
    by: Attribution;
  },
): Promise<Opportunity> {
  const stage = spec.stage ?? DealStage.PROSPECTING;
  const opportunity = em.create(Opportunity, {
    id: newId(),
    accountId: spec.accountId,
    organizationId: spec.organizationId,
    ownerId: spec.owner.id,
    title: spec.title,
    amountMinor: spec.amountMinor.toString(),
    currency: spec.currency,
    stage,
    closeDate: spec.closeDate,
    version: 1,
    lastActivitySeq: 0,
  });
  await em.insert(Opportunity, opportunity);
  await em.insert(RoomMember, {
    opportunityId: opportunity.id,
    userId: spec.owner.id,
    role: RoomRole.OWNER,
    access: AccessLevel.WRITE,
    addedAt: new Date(),
  });
  await appendActivity(em, outbox, {
    opportunityId: opportunity.id,
    kind: ActivityKind.MEMBER_JOINED,
    body: `${spec.owner.name} opened the opportunity as owner`,
    ...spec.by,
    data: { userId: spec.owner.id, role: RoomRole.OWNER, access: AccessLevel.WRITE },
  });
  // Last: it holds the stage-change counter's lock until COMMIT.
  await recordStageChange(em, {
    opportunityId: opportunity.id,
    fromStage: null,
    toStage: stage,
    changedById: spec.by.actorId,
    amountMinor: opportunity.amountMinor,
    currency: opportunity.currency,
    at: new Date(),
  });
  await recordBoardChange(em, outbox, opportunity.id, BoardChangeKind.CREATED);
  return em.findOneByOrFail(Opportunity, { id: opportunity.id });
}

export class OpportunityService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async create(policy: Policy, input: CreateOpportunityInput): Promise<Opportunity> {
    const viewer = policy.viewer;
    const accountId = idOf("Account", input.accountId);
    const account = accountId ? await this.dataSource.manager.findOneBy(Account, { id: accountId }) : null;
    if (!account || !(await policy.canReadAccount(account.id, account.organizationId))) throw notFound("Account");
    if (account.organizationId !== viewer.organizationId) {
      throw forbidden("Opportunities are opened on your own organization's accounts; register the deal with the vendor instead");
    }
    const ownerId = input.ownerId ? idOf("User", input.ownerId) : actorId(viewer);
    if (!ownerId) throw badInput("ownerId", "is required when an API token creates an opportunity");
    const owner = await this.dataSource.manager.findOneBy(User, { id: ownerId });
    if (!owner || owner.organizationId !== viewer.organizationId) throw badInput("ownerId", "must be a user of your organization");
    if (input.stage && isClosedStage(input.stage)) {
      throw badInput("stage", "must be an open stage: a deal is closed by moving it (moveOpportunityStage), never created closed");
    }
    const money = toMinor(input.amount);
    const closeDate = input.closeDate ?? null;
    const { idempotencyKey, ...payload } = input;
    const request = { viewer, operation: "createOpportunity", key: idempotencyKey, payload };

    return idempotent(
      this.uow,
      request,
      (em, outbox) =>
        openOpportunity(em, outbox, {
          accountId: account.id,
          organizationId: account.organizationId,
          owner,
          title: input.title.trim(),
          amountMinor: money.minor,
          currency: money.currency,
          closeDate,
          ...(input.stage ? { stage: input.stage } : {}),
          by: attributedTo(viewer),
        }),
      (id) => this.dataSource.manager.findOneBy(Opportunity, { id }),
    );
  }

  async update(policy: Policy, input: UpdateOpportunityInput): Promise<Opportunity> {
    const id = opportunityId(input.id);
    await policy.assertWriteOpportunity(id);
    const sets: string[] = [];
    const params: unknown[] = [id, input.expectedVersion];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    const title = input.title == null ? null : input.title.trim();
    const money = input.amount == null ? null : toMinor(input.amount);
    const closeDate = input.closeDate;
    if (title !== null) set("title", title);
    if (money !== null) {
      set("amount_minor", money.minor.toString());
      set("currency", money.currency);
    }
    if (closeDate !== undefined) set("close_date", closeDate);
    const newOwner = input.ownerId == null ? null : await this.ownerCandidate(id, input.ownerId);
    if (newOwner) set("owner_id", newOwner.id);
    if (sets.length === 0) throw badInput("input", "change at least one of title, amount, closeDate, ownerId");
    // Amount, currency and close date are the record the payouts were fixed on; the title is not.
    const touchesWonRecord = money !== null ? "amount" : closeDate !== undefined ? "closeDate" : null;

    const updated = await this.uow.run(async (em, outbox) => {
      const before = await this.guardedUpdate(em, id, input.expectedVersion, sets, params, {
        wonIsFinal: touchesWonRecord,
        // Decided on the locked row, so the owner it checks is the one being replaced.
        ...(newOwner ? { check: (row) => assertMayChangeOwner(policy.viewer, row) } : {}),
      });
      const changes: FieldChange[] = [];
      if (title !== null && title !== before.title) changes.push({ field: "title", from: before.title, to: title });
      if (money !== null) {
        const from = moneyText(before.amountMinor, before.currency);
        const to = moneyText(money.minor.toString(), money.currency);
        if (from !== to) changes.push({ field: "amount", from, to });
      }
      if (closeDate !== undefined && closeDate !== before.closeDate)
        changes.push({ field: "closeDate", from: before.closeDate ?? "", to: closeDate ?? "" });
      if (newOwner && newOwner.id !== before.ownerId) {
        const formerOwner = await em.findOneByOrFail(User, { id: before.ownerId });
        changes.push({ field: "owner", from: formerOwner.name, to: newOwner.name });
        await handOverRoom(em, id, before.ownerId, newOwner.id);
        announceMembership(outbox, id, [before.ownerId, newOwner.id]);
      }
      await appendActivity(em, outbox, {
        opportunityId: id,
        kind: ActivityKind.OPPORTUNITY_UPDATED,
        body: changes.length > 0 ? `Updated ${changes.map((c) => FIELD_LABELS[c.field] ?? c.field).join(", ")}` : "Saved without changes",
        ...attributedTo(policy.viewer),
        data: { fields: changes.map((c) => c.field).join(",") },
        changes,
      });
      // Last: it holds the board-change counter's lock until COMMIT.
      await recordBoardChange(
        em,
        outbox,
        id,
        BoardChangeKind.UPDATED,
        changes.map((c) => c.field),
      );
      return em.findOneByOrFail(Opportunity, { id });
    });
    // The room's people changed with the owner: access decided earlier in this request is stale.
    if (newOwner) policy.forget();
    return updated;
  }

  /** The rep a deal may be handed to: an active user of the opportunity's own organization. */
  private async ownerCandidate(opportunityId: string, globalId: string): Promise<User> {
    const userId = idOf("User", globalId);
    const [user, opportunity] = await Promise.all([
      userId ? this.dataSource.manager.findOneBy(User, { id: userId }) : null,
      this.dataSource.manager.findOne(Opportunity, { select: { id: true, organizationId: true }, where: { id: opportunityId } }),
    ]);
    if (!opportunity) throw notFound("Opportunity");
    if (!user || user.organizationId !== opportunity.organizationId || !user.active) {
      throw badInput("ownerId", "must be an active user of the opportunity's own organization");
    }
    return user;
  }

  async moveStage(policy: Policy, input: MoveOpportunityStageInput): Promise<Opportunity> {
    const id = opportunityId(input.id);
    if (isClosedStage(input.stage)) {
      // The owner organization never changes, so reading it outside the transaction is safe.
      const owner = await this.dataSource.manager.findOne(Opportunity, { select: { id: true, organizationId: true }, where: { id } });
      if (!owner) throw notFound("Opportunity");
      await policy.assertDecideOutcome(owner);
    } else {
      await policy.assertWriteOpportunity(id);
    }
    const by = attributedTo(policy.viewer);
    const actor = by.actorId;

    return this.uow.run(async (em, outbox) => {
      const from = await this.guardedUpdate(em, id, input.expectedVersion, ["stage = $3"], [id, input.expectedVersion, input.stage], {
        wonIsFinal: "stage",
        notAlreadyIn: input.stage,
      });
      const at = new Date();
      await appendActivity(em, outbox, {
        opportunityId: id,
        kind: ActivityKind.STAGE_CHANGED,
        body: `Stage ${from.stage} → ${input.stage}`,
        ...by,
        data: { fromStage: from.stage, toStage: input.stage },
      });
      const moved = await em.findOneByOrFail(Opportunity, { id });
      await recordDealClosed(em, outbox, moved, actor);
      if (isClosedStage(moved.stage)) {
        const won = moved.stage === DealStage.CLOSED_WON;
        await notify(em, outbox, {
          kind: won ? NotificationKind.DEAL_WON : NotificationKind.DEAL_LOST,
          audience: { roomMembersOf: id },
          actorId: actor,
          opportunityId: id,
          subjectId: id,
          say: ({ deal }) => (won ? `“${deal}” was won!` : `“${deal}” was lost`),
        });
      }
      const change = {
        opportunityId: id,
        fromStage: from.stage,
        toStage: input.stage,
        changedById: actor,
        amountMinor: moved.amountMinor,
        currency: moved.currency,
      };
      await enqueueStageChange(em, { ...change, at: at.toISOString() });
      // Last: it holds the stage-change counter's lock until COMMIT.
      const seq = await recordStageChange(em, { ...change, at });
      await this.announceStageChange(em, outbox, {
        type: "stageChanged",
        seq,
        ...change,
        at: at.toISOString(),
        organizationId: moved.organizationId,
      });
      await recordBoardChange(em, outbox, id, isClosedStage(input.stage) ? BoardChangeKind.CLOSED : BoardChangeKind.STAGE_MOVED);
      return moved;
    });
  }

  /**
   * The optimistic-concurrency guard, and the rules that must hold at the same instant. The row is
   * locked first (FOR UPDATE: its values are then exactly the ones the update replaces, and the
   * UPDATE, a new statement, sees the latest committed row), then updated only where its version
   * is the expected one and, when `wonIsFinal` names the field being changed, it is not
   * CLOSED_WON; so no interleaving of requests can reopen a won deal or change its amount. When no
   * row comes back, the locked row says why: won (BAD_USER_INPUT), someone else's edit (CONFLICT)
   * or already in that stage (BAD_USER_INPUT). Returns the row as it was before the update.
   */
  private async guardedUpdate(
    em: EntityManager,
    id: string,
    expectedVersion: number,
    sets: string[],
    params: unknown[],
    rules: {
      wonIsFinal: string | null;
      notAlreadyIn?: DealStage;
      /** A rule decided on the locked row, before anything is written (throws to refuse). */
      check?: (row: { organizationId: string; ownerId: string }) => void;
    },
  ): Promise<OpportunityBefore> {
    const locked: {
      stage: DealStage;
      version: number;
      title: string;
      amount_minor: string;
      currency: string;
      close_date: string | null;
      owner_id: string;
      organization_id: string;
    }[] = await em.query(
      `SELECT stage, version, title, amount_minor::text AS amount_minor, currency, close_date::text AS close_date, owner_id, organization_id
       FROM opportunity WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const before = locked[0];
    if (!before) throw notFound("Opportunity");
    rules.check?.({ organizationId: before.organization_id, ownerId: before.owner_id });
    const guards = ["version = $2"];
    if (rules.wonIsFinal !== null) guards.push(`stage <> '${DealStage.CLOSED_WON}'`);
    if (rules.notAlreadyIn !== undefined) {
      params = [...params, rules.notAlreadyIn];
      guards.push(`stage <> $${params.length}`);
    }
    const updated = await returning<{ id: string }>(
      em,
      `UPDATE opportunity SET ${sets.join(", ")}, version = version + 1, updated_at = now() WHERE id = $1 AND ${guards.join(" AND ")} RETURNING id`,
      params,
    );
    if (updated.length > 0) {
      return {
        stage: before.stage,
        title: before.title,
        amountMinor: before.amount_minor,
        currency: before.currency,
        closeDate: before.close_date,
        ownerId: before.owner_id,
      };
    }
    if (rules.wonIsFinal !== null && before.stage === DealStage.CLOSED_WON) {
      throw badInput(
        rules.wonIsFinal,
        "a won deal is final: its stage, amount, currency and close date no longer change (the payouts were fixed on them)",
      );
    }
    if (before.version !== expectedVersion) {
      throw conflict(`The opportunity was changed by someone else (now version ${before.version}); reload and try again`, {
        currentVersion: before.version,
      });
    }
    throw badInput("stage", `the opportunity is already in ${before.stage}`);
  }

  /** Publishes to the stage topic of every organization whose people may see the opportunity. */
  private async announceStageChange(em: EntityManager, outbox: Outbox, message: StageChangeMessage): Promise<void> {
    for (const org of await organizationsSeeing(em, message.opportunityId)) outbox.publish(topics.stages(org), message);
  }

  async get(policy: Policy, globalId: string): Promise<Opportunity> {
    const id = await policy.readableOpportunityId(globalId);
    const opportunity = await this.dataSource.manager.findOneBy(Opportunity, { id });
    if (!opportunity) throw notFound("Opportunity");
    return opportunity;
  }

  /** The viewer's opportunities, newest first, as a Relay page. */
  async list(
    policy: Policy,
    args: { first?: number | null; after?: string | null; filter?: OpportunityFilter | null },
    /** The columns to read (`db/projection.ts`); all of them without. */
    properties?: ReadonlySet<string> | null,
  ): Promise<OpportunityPage> {
    const first = pageSize(args.first);
    const visible = visibleOpportunitySql(policy.viewer, 1);
    const where = [visible.sql];
    const params: unknown[] = [...visible.params];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    const filter = args.filter;
    if (filter?.stages?.length) add((p) => `o.stage = ANY(${p}::text[])`, filter.stages);
    if (filter?.accountId) add((p) => `o.account_id = ${p}`, idOf("Account", filter.accountId) ?? "00000000-0000-0000-0000-000000000000");
    if (filter?.organizationId)
      add((p) => `o.organization_id = ${p}`, idOf("Organization", filter.organizationId) ?? "00000000-0000-0000-0000-000000000000");
    if (filter?.search?.trim()) add((p) => `o.title ILIKE ${p}`, `%${filter.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    if (args.after) {
      // UUIDv7 ids are time-ordered, so the id alone is an exact, stable "newest first" key.
      const [id] = decodeCursor(args.after);
      if (typeof id !== "string" || !/^[0-9a-f-]{36}$/.test(id)) throw badInput("after", "is not a cursor of this list");
      add((p) => `o.id < ${p}::uuid`, id);
    }
    params.push(first + 1);
    const lean = leanEntity(this.dataSource, Opportunity, properties);
    const rows = lean.fromArrays(
      await preparedArrays(
        this.dataSource,
        `SELECT ${lean.select("o")} FROM opportunity o WHERE ${where.join(" AND ")} ORDER BY o.id DESC LIMIT $${params.length}`,
        params,
      ),
    );
    return {
      edges: rows.slice(0, first).map((node) => ({ cursor: encodeCursor([node.id]), node })),
      hasNextPage: rows.length > first,
    };
  }
}

function assertMayChangeOwner(viewer: Viewer, opportunity: { organizationId: string; ownerId: string }): void {
  const asked = { organizationId: viewer.organizationId, userId: actorId(viewer), isManager: isManager(viewer) };
  if (!mayChangeOwner(asked, opportunity)) {
    throw forbidden("Only the owner rep, or a manager or admin of the opportunity's organization, hands the deal to another owner");
  }
}

/**
 * The room follows a change of owner: the new owner rep is in it as OWNER with WRITE access, and the
 * former one stays with WRITE access as an OBSERVER (OWNER is only ever the owner rep's role).
 */
async function handOverRoom(em: EntityManager, opportunityId: string, formerOwnerId: string, newOwnerId: string): Promise<void> {
  const [{ seated, count }] = await em.query(
    `SELECT bool_or(user_id = $2) AS seated, count(*)::int AS count FROM room_member WHERE opportunity_id = $1`,
    [opportunityId, newOwnerId],
  );
  if (!seated && count >= LIST_BOUNDS.roomMembers) {
    throw badInput("ownerId", `the room is full: a room holds at most ${LIST_BOUNDS.roomMembers} people; remove someone first`);
  }
  await em.query(
    `INSERT INTO room_member (opportunity_id, user_id, role, access, added_at) VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (opportunity_id, user_id) DO UPDATE SET role = EXCLUDED.role, access = EXCLUDED.access`,
    [opportunityId, newOwnerId, RoomRole.OWNER, AccessLevel.WRITE],
  );
  await em.update(RoomMember, { opportunityId, userId: formerOwnerId }, { role: RoomRole.OBSERVER });
}
