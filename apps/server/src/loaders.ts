import DataLoader from "dataloader";
import { In } from "typeorm";
import type { DataSource } from "typeorm";
import { leanEntity } from "./db/lean.js";
import type { LeanEntity } from "./db/lean.js";
import { Account } from "./modules/account/account.entity.js";
import { Activity } from "./modules/activity/activity.entity.js";
import { Commitment } from "./modules/commitment/commitment.entity.js";
import type { ReliabilityCounts } from "./modules/commitment/commitment.entity.js";
import { loadReliabilityCounts } from "./modules/commitment/commitment.service.js";
import { Opportunity } from "./modules/opportunity/opportunity.entity.js";
import { Organization } from "./modules/organization/organization.entity.js";
import { CreditSplit, SplitApproval, SplitLine } from "./modules/split/split.entity.js";
import { RoomMember } from "./modules/room/room-member.entity.js";
import { User } from "./modules/user/user.entity.js";

/**
 * Per-request batch loaders for related rows: one query per kind per tick, never one per row.
 * They load rows without checking visibility; callers reach them from objects already authorized.
 */
export interface Loaders {
  readonly user: DataLoader<string, User | null>;
  readonly organization: DataLoader<string, Organization | null>;
  readonly account: DataLoader<string, Account | null>;
  readonly opportunity: DataLoader<string, Opportunity | null>;
  readonly roomMembers: DataLoader<string, RoomMember[]>;
  /** The newest activity of each opportunity (by id), or null for an empty log. */
  readonly lastActivity: DataLoader<string, Activity | null>;
  readonly organizationMembers: DataLoader<string, User[]>;
  /** Commitments by opportunity id, by due time. */
  readonly commitments: DataLoader<string, Commitment[]>;
  readonly userReliability: DataLoader<string, ReliabilityCounts>;
  readonly organizationReliability: DataLoader<string, ReliabilityCounts>;
  /** The credit split by opportunity id. */
  readonly creditSplit: DataLoader<string, CreditSplit | null>;
  readonly splitLines: DataLoader<string, SplitLine[]>;
  readonly splitApprovals: DataLoader<string, SplitApproval[]>;
}

function byId<T extends { id: string }>(load: (ids: string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const rows = await load([...ids]);
    const map = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

function grouped<T>(load: (keys: string[]) => Promise<T[]>, keyOf: (row: T) => string): DataLoader<string, T[]> {
  return new DataLoader(async (keys) => {
    const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
    for (const row of await load([...keys])) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

export function createLoaders(dataSource: DataSource): Loaders {
  const m = dataSource.manager;
  // The board's loaders (users, rooms, last activities, commitments) read with lean SQL.
  const users = leanEntity(dataSource, User);
  const members = leanEntity(dataSource, RoomMember);
  const activities = leanEntity(dataSource, Activity);
  const commitments = leanEntity(dataSource, Commitment);
  const user = byId(async (ids) => users.from(await dataSource.query(`SELECT ${users.select("u")} FROM app_user u WHERE u.id = ANY($1::uuid[])`, [ids])));
  /** Rows joined with their user (prefix `u_`): the user loader is primed with each, saving a round trip. */
  const withUsers = <T>(rows: Record<string, unknown>[], lean: LeanEntity<T>): T[] => {
    for (const found of users.from(rows, "u_")) user.prime(found.id, found);
    return lean.from(rows);
  };
  return {
    user,
    organization: byId((ids) => m.findBy(Organization, { id: In(ids) })),
    account: byId((ids) => m.findBy(Account, { id: In(ids) })),
    opportunity: byId((ids) => m.findBy(Opportunity, { id: In(ids) })),
    roomMembers: grouped(
      async (ids) =>
        withUsers(
          await dataSource.query(
            `SELECT ${members.select("m")}, ${users.select("u", "u_")} FROM room_member m JOIN app_user u ON u.id = m.user_id WHERE m.opportunity_id = ANY($1::uuid[]) ORDER BY m.added_at`,
            [ids],
          ),
          members,
        ),
      (row) => row.opportunityId,
    ),
    lastActivity: new DataLoader(async (ids) => {
      // The counter on the opportunity row names the newest seq: one index lookup per room.
      const rows = activities.from(
        await dataSource.query(
          `SELECT ${activities.select("a")} FROM activity a JOIN opportunity o ON o.id = a.opportunity_id AND a.seq = o.last_activity_seq WHERE o.id = ANY($1::uuid[])`,
          [[...ids]],
        ),
      );
      const byOpportunity = new Map(rows.map((row) => [row.opportunityId, row]));
      return ids.map((id) => byOpportunity.get(id) ?? null);
    }),
    organizationMembers: grouped(
      (ids) => m.find(User, { where: { organizationId: In(ids) }, order: { name: "ASC" } }),
      (row) => row.organizationId,
    ),
    commitments: grouped(
      async (ids) =>
        withUsers(
          await dataSource.query(
            `SELECT ${commitments.select("c")}, ${users.select("u", "u_")} FROM commitment c JOIN app_user u ON u.id = c.assignee_id WHERE c.opportunity_id = ANY($1::uuid[]) ORDER BY c.due_at, c.id`,
            [ids],
          ),
          commitments,
        ),
      (row) => row.opportunityId,
    ),
    userReliability: new DataLoader((ids) => loadReliabilityCounts(dataSource, "user", ids)),
    organizationReliability: new DataLoader((ids) => loadReliabilityCounts(dataSource, "organization", ids)),
    creditSplit: new DataLoader(async (ids) => {
      const rows = await m.findBy(CreditSplit, { opportunityId: In([...ids]) });
      return ids.map((id) => rows.find((row) => row.opportunityId === id) ?? null);
    }),
    splitLines: grouped((ids) => m.find(SplitLine, { where: { splitId: In(ids) }, order: { position: "ASC" } }), (row) => row.splitId),
    splitApprovals: grouped((ids) => m.find(SplitApproval, { where: { splitId: In(ids) }, order: { approvedAtDate: "ASC" } }), (row) => row.splitId),
  };
}
