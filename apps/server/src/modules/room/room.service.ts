import { AccessLevel, ActivityKind, RoomRole } from "@cosell/schema";
import type { DataSource, EntityManager } from "typeorm";
import { signedPartnershipHolds } from "../../auth/policy.js";
import type { Policy } from "../../auth/policy.js";
import { attributedTo } from "../../auth/viewer.js";
import { returning } from "../../db/sql.js";
import type { Outbox, UnitOfWork } from "../../db/transaction.js";
import { badInput, conflict, forbidden, notFound } from "../../errors.js";
import { idOf } from "../../ids.js";
import { topics } from "../../realtime/bus.js";
import { appendActivity } from "../activity/activity.service.js";
import { trackBoardAccess } from "../opportunity/board-change.js";
import { Opportunity } from "../opportunity/opportunity.entity.js";
import { Organization } from "../organization/organization.entity.js";
import { User } from "../user/user.entity.js";
import { RoomMember } from "./room-member.entity.js";
import type { AddRoomMemberInput, RemoveRoomMemberInput } from "./room.inputs.js";
import { LIST_BOUNDS } from "../../limits/bounds.js";

/** What a room topic carries when its membership changes, so live subscriptions re-check access. */
export interface MembershipMessage {
  readonly type: "membership";
  readonly opportunityId: string;
  readonly userIds: readonly string[];
}

export function announceMembership(outbox: Outbox, opportunityId: string, userIds: readonly string[]): void {
  const message: MembershipMessage = { type: "membership", opportunityId, userIds };
  outbox.publish(topics.room(opportunityId), message);
}

export class RoomService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  private async target(
    policy: Policy,
    input: { opportunityId: string; userId: string },
  ): Promise<{ opportunity: Opportunity; user: User }> {
    const opportunityId = await policy.writableOpportunityId(input.opportunityId);
    const opportunity = await this.dataSource.manager.findOneByOrFail(Opportunity, { id: opportunityId });
    const userId = idOf("User", input.userId);
    const user = userId ? await this.dataSource.manager.findOneBy(User, { id: userId }) : null;
    if (!user || !(await policy.canReadUser(user.id, user.organizationId))) throw notFound("User");
    return { opportunity, user };
  }

  async add(policy: Policy, input: AddRoomMemberInput): Promise<RoomMember> {
    const { opportunity: found, user } = await this.target(policy, input);
    if (input.role === RoomRole.OWNER && user.id !== found.ownerId) {
      throw badInput("role", "OWNER is the opportunity's owner rep; choose another deal role");
    }
    const member = await this.uow.run(async (em, outbox) => {
      // Every rule is decided inside the write, under locks: the partnership row first (shared, as
      // terminatePartnership takes it before the rooms), then the opportunity's row, which every
      // change of the room takes.
      if (!(await signedPartnershipHolds(em, found.organizationId, user.organizationId))) {
        const [owner, theirs] = await Promise.all([
          em.findOneByOrFail(Organization, { id: found.organizationId }),
          em.findOneByOrFail(Organization, { id: user.organizationId }),
        ]);
        throw forbidden(`${theirs.name} has no signed partnership with ${owner.name}; sign one before adding its people`);
      }
      const opportunity = await lockOpportunity(em, found.id);
      await policy.assertChangeMemberWithin(em, opportunity, user, input.access);
      return trackBoardAccess(em, outbox, opportunity.id, [user.organizationId], () =>
        this.upsertMember(em, outbox, policy, opportunity, user, input),
      );
    });
    policy.forget();
    return member;
  }

  /** Adds the user to the room, or changes their role and access, with the activity that says so. */
  private async upsertMember(
    em: EntityManager,
    outbox: Outbox,
    policy: Policy,
    opportunity: Opportunity,
    user: User,
    input: AddRoomMemberInput,
  ): Promise<RoomMember> {
    const existing = await em.findOne(RoomMember, {
      where: { opportunityId: opportunity.id, userId: user.id },
      lock: { mode: "pessimistic_write" },
    });
    if (existing && existing.role === input.role && existing.access === input.access) return existing;
    const row = { opportunityId: opportunity.id, userId: user.id, role: input.role, access: input.access };
    if (existing) {
      await em.update(RoomMember, { opportunityId: opportunity.id, userId: user.id }, { role: input.role, access: input.access });
    } else {
      // The room's row is locked so that two people joining at once cannot both take the last seat.
      const [{ count }] = await em.query(
        `SELECT count(*)::int AS count FROM room_member WHERE opportunity_id = (SELECT id FROM opportunity WHERE id = $1 FOR UPDATE)`,
        [opportunity.id],
      );
      if (count >= LIST_BOUNDS.roomMembers)
        throw badInput("userId", `the room is full: a room holds at most ${LIST_BOUNDS.roomMembers} people; remove someone first`);
      await em.insert(RoomMember, { ...row, addedAt: new Date() });
    }
    const changes = existing
      ? [
          ...(existing.role !== input.role ? [{ field: "role", from: existing.role, to: input.role }] : []),
          ...(existing.access !== input.access ? [{ field: "access", from: existing.access, to: input.access }] : []),
        ]
      : undefined;
    await appendActivity(em, outbox, {
      opportunityId: opportunity.id,
      kind: existing ? ActivityKind.MEMBER_ACCESS_CHANGED : ActivityKind.MEMBER_JOINED,
      body: existing
        ? `${user.name} is now ${label(input.role)} with ${input.access} access`
        : `${user.name} joined as ${label(input.role)} with ${input.access} access`,
      ...attributedTo(policy.viewer),
      data: { userId: user.id, role: input.role, access: input.access },
      changes,
    });
    announceMembership(outbox, opportunity.id, [user.id]);
    return em.findOneByOrFail(RoomMember, { opportunityId: opportunity.id, userId: user.id });
  }

  async remove(policy: Policy, input: RemoveRoomMemberInput): Promise<Opportunity> {
    const opportunityId = idOf("Opportunity", input.opportunityId);
    const leaving = idOf("User", input.userId);
    const self = policy.viewer.kind === "user" && leaving === policy.viewer.userId;
    // Anyone may leave a room they can see; removing someone else takes write access.
    if (!opportunityId || !(await policy.canReadOpportunity(opportunityId))) throw notFound("Opportunity");
    const { opportunity, user } = self
      ? {
          opportunity: await this.dataSource.manager.findOneByOrFail(Opportunity, { id: opportunityId }),
          user: await this.dataSource.manager.findOneByOrFail(User, { id: leaving! }),
        }
      : await this.target(policy, input);
    await this.uow.run(async (em, outbox) => {
      const locked = await lockOpportunity(em, opportunity.id);
      if (!self) await policy.assertChangeMemberWithin(em, locked, user, null);
      if (user.id === locked.ownerId) throw badInput("userId", "the owner rep cannot leave; hand the opportunity to someone else first");
      // The board-change counter is taken last, after the activity, as in every other write.
      await trackBoardAccess(em, outbox, opportunity.id, [user.organizationId], async () => {
        const removed = await em.delete(RoomMember, { opportunityId: opportunity.id, userId: user.id });
        if (!removed.affected) throw notFound("Room member");
        await appendActivity(em, outbox, {
          opportunityId: opportunity.id,
          kind: ActivityKind.MEMBER_LEFT,
          body: self ? `${user.name} left the room` : `${user.name} was removed from the room`,
          ...attributedTo(policy.viewer),
          data: { userId: user.id },
        });
      });
      announceMembership(outbox, opportunity.id, [user.id]);
    });
    policy.forget();
    return opportunity;
  }
}

/**
 * Adds a person of a partner firm to the room as PARTNER_REP with WRITE access, as the system does
 * when a request to work the deal together is granted (a deal registration approved, a co-sell
 * request accepted), with the entry that says so and the board news of their firm. The caller has
 * checked the signed partnership under lock. Someone already in the room stays as they are. Returns
 * whether they joined; the caller announces the membership once the room is complete.
 */
export async function admitPartnerRep(
  em: EntityManager,
  outbox: Outbox,
  opportunityId: string,
  user: User,
  actor: string | null,
): Promise<boolean> {
  // The room's row is locked so that two people joining at once cannot both take the last seat.
  const [room] = await em.query<{ count: number; member: boolean }[]>(
    `SELECT count(*)::int AS count, bool_or(user_id = $2) AS member FROM room_member
      WHERE opportunity_id = (SELECT id FROM opportunity WHERE id = $1 FOR UPDATE)`,
    [opportunityId, user.id],
  );
  if (room?.member) return false;
  if ((room?.count ?? 0) >= LIST_BOUNDS.roomMembers) {
    throw conflict(`The room is full: a room holds at most ${LIST_BOUNDS.roomMembers} people; someone must leave it first`);
  }
  await trackBoardAccess(em, outbox, opportunityId, [user.organizationId], async () => {
    await em.insert(RoomMember, {
      opportunityId,
      userId: user.id,
      role: RoomRole.PARTNER_REP,
      access: AccessLevel.WRITE,
      addedAt: new Date(),
    });
    await appendActivity(em, outbox, {
      opportunityId,
      kind: ActivityKind.MEMBER_JOINED,
      body: `${user.name} joined as partner rep with WRITE access`,
      actorId: actor,
      data: { userId: user.id, role: RoomRole.PARTNER_REP, access: AccessLevel.WRITE },
    });
  });
  return true;
}

/** Demotes every member of `memberOrg` to READ in rooms owned by `ownerOrg` (a partnership ended). */
export async function revokePartnerWriteAccess(
  em: EntityManager,
  outbox: Outbox,
  ownerOrg: string,
  memberOrg: string,
  actor: string | null,
): Promise<number> {
  const rows = await returning<{ opportunity_id: string; user_id: string; name: string }>(
    em,
    `UPDATE room_member m SET access = 'READ'
       FROM opportunity o, app_user u
      WHERE o.id = m.opportunity_id AND u.id = m.user_id
        AND o.organization_id = $1 AND u.organization_id = $2 AND m.access = 'WRITE'
      RETURNING m.opportunity_id, m.user_id, u.name`,
    [ownerOrg, memberOrg],
  );
  for (const row of rows) {
    await appendActivity(em, outbox, {
      opportunityId: row.opportunity_id,
      kind: ActivityKind.MEMBER_ACCESS_CHANGED,
      body: `${row.name} now has READ access: the partnership ended`,
      actorId: actor,
      data: { userId: row.user_id, access: "READ", reason: "PARTNERSHIP_TERMINATED" },
      changes: [
        { field: "access", from: "WRITE", to: "READ" },
        { field: "partnership", from: "SIGNED", to: "TERMINATED" },
      ],
    });
    announceMembership(outbox, row.opportunity_id, [row.user_id]);
  }
  return rows.length;
}

/** The opportunity's row, locked until commit: room changes take turns on it. */
async function lockOpportunity(em: EntityManager, id: string): Promise<Opportunity> {
  return em.findOneOrFail(Opportunity, { where: { id }, lock: { mode: "pessimistic_write" } });
}

const label = (role: RoomRole): string => role.toLowerCase().replace(/_/g, " ");
