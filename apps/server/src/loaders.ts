import DataLoader from "dataloader";
import { In } from "typeorm";
import type { DataSource } from "typeorm";
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
  return {
    user: byId((ids) => m.findBy(User, { id: In(ids) })),
    organization: byId((ids) => m.findBy(Organization, { id: In(ids) })),
    account: byId((ids) => m.findBy(Account, { id: In(ids) })),
    opportunity: byId((ids) => m.findBy(Opportunity, { id: In(ids) })),
    roomMembers: grouped(
      (ids) => m.find(RoomMember, { where: { opportunityId: In(ids) }, order: { addedAt: "ASC" } }),
      (row) => row.opportunityId,
    ),
    lastActivity: new DataLoader(async (ids) => {
      // The counter on the opportunity row names the newest seq: one index lookup per room.
      const rows = await m
        .createQueryBuilder(Activity, "a")
        .innerJoin(Opportunity, "o", "o.id = a.opportunityId AND a.seq = o.lastActivitySeq")
        .where("o.id IN (:...ids)", { ids: [...ids] })
        .getMany();
      const byOpportunity = new Map(rows.map((row) => [row.opportunityId, row]));
      return ids.map((id) => byOpportunity.get(id) ?? null);
    }),
    organizationMembers: grouped(
      (ids) => m.find(User, { where: { organizationId: In(ids) }, order: { name: "ASC" } }),
      (row) => row.organizationId,
    ),
    commitments: grouped(
      (ids) => m.find(Commitment, { where: { opportunityId: In(ids) }, order: { dueAtDate: "ASC", id: "ASC" } }),
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
