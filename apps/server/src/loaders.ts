import type { CommitmentStatus } from "@cosell/schema";
import DataLoader from "dataloader";
import { In } from "typeorm";
import type { DataSource, ObjectLiteral } from "typeorm";
import { leanEntity } from "./db/lean.js";
import { propertiesFor } from "./db/projection.js";
import type { OperationReads, ProjectedEntity } from "./db/projection.js";
import { Account } from "./modules/account/account.entity.js";
import { Activity } from "./modules/activity/activity.entity.js";
import { Commitment } from "./modules/commitment/commitment.entity.js";
import { Meeting } from "./modules/meeting/meeting.entity.js";
import { Outline, OutlineSignature } from "./modules/outline/outline.entity.js";
import type { ReliabilityCounts } from "./modules/commitment/commitment.entity.js";
import { loadReliabilityCounts } from "./modules/commitment/commitment.service.js";
import type { MappingSide } from "./modules/mapping/mapping.types.js";
import { Opportunity } from "./modules/opportunity/opportunity.entity.js";
import { Organization } from "./modules/organization/organization.entity.js";
import { Partnership } from "./modules/partnership/partnership.entity.js";
import { PartnershipTerms } from "./modules/partnership/terms.entity.js";
import { CreditSplit, SplitApproval, SplitLine, SplitRevision } from "./modules/split/split.entity.js";
import { RoomMember } from "./modules/room/room-member.entity.js";
import { User } from "./modules/user/user.entity.js";
import { preparedArrays, preparedRows } from "./db/prepared.js";

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
  /** Commitments by `commitmentsKey(opportunityId, status)` (every status without one), by due time. */
  readonly commitments: DataLoader<string, Commitment[]>;
  readonly userReliability: DataLoader<string, ReliabilityCounts>;
  readonly organizationReliability: DataLoader<string, ReliabilityCounts>;
  /** The credit split by opportunity id. */
  readonly creditSplit: DataLoader<string, CreditSplit | null>;
  /** Revisions by split id, oldest first. */
  readonly splitRevisions: DataLoader<string, SplitRevision[]>;
  /** Lines and approvals of one revision, by `revisionKey(splitId, revision)`. */
  readonly splitLines: DataLoader<string, SplitLine[]>;
  readonly splitApprovals: DataLoader<string, SplitApproval[]>;
  /** Each side's account-mapping opt-in, by partnership id. */
  readonly accountMapping: DataLoader<string, MappingSide[]>;
  /** Every revision of a partnership's terms, by partnership id, newest first. */
  readonly partnershipTerms: DataLoader<string, PartnershipTerms[]>;
  /** Meetings by opportunity id, by start time. */
  readonly meetings: DataLoader<string, Meeting[]>;
  /** The people invited to a meeting, by meeting id, in the order given. */
  readonly meetingAttendees: DataLoader<string, User[]>;
  /** Published outlines by opportunity id, newest version first. */
  readonly outlines: DataLoader<string, Outline[]>;
  /** Signatures of an outline, by outline id, in the order signed. */
  readonly outlineSignatures: DataLoader<string, OutlineSignature[]>;
}

/**
 * The key of one room's commitments in the `commitments` loader: those in `status`, or all of them.
 * The status is read in SQL, so a board asking for open commitments reads only those.
 */
export const commitmentsKey = (opportunityId: string, status: CommitmentStatus | null): string =>
  status ? `${opportunityId}:${status}` : opportunityId;

/** The key of one revision of a split in the `splitLines` and `splitApprovals` loaders. */
export const revisionKey = (splitId: string, revision: number): string => `${splitId}:${revision}`;
const revisionOfKey = (key: string): { splitId: string; revision: number } => {
  const [splitId, revision] = key.split(":");
  return { splitId: splitId!, revision: Number(revision) };
};

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

/**
 * Rows of `entity` by opportunity, each joined with its user (alias `u`), in one query: the user
 * loader is primed with those users, saving a round trip. `rest` follows the select list (alias
 * `alias` for the entity, `$1` the opportunity ids).
 */
function byOpportunityWithUsers<T extends { opportunityId: string }>(
  dataSource: DataSource,
  loaders: Loaders,
  entity: new () => T,
  alias: string,
  rest: string,
): DataLoader<string, T[]> {
  return grouped(
    (ids) => withUsers(dataSource, loaders, entity, alias, rest, [ids]),
    (row) => row.opportunityId,
  );
}

/**
 * Where a row keeps the user read joined with it (a room member's user, a commitment's assignee): a
 * property of the row under a symbol (unseen by TypeORM, GraphQL and JSON). A WeakMap kept every
 * row of every request as an entry until the next GC; its inserts alone were about 3% of the
 * board's CPU in a profile of a page of 20.
 */
const JOINED_USER = Symbol("joinedUser");

/**
 * The user a loader read in the same query as `row` (`roomMembers`: the member; `commitments`: the
 * assignee), or undefined. A field resolver answers with it at once, with no promise: the board
 * asks for the user of each of its rows.
 */
export function joinedUser(row: object): User | undefined {
  return (row as { [JOINED_USER]?: User })[JOINED_USER];
}

/** The entities read joined with their users, by their GraphQL type's name (for their projection). */
const JOINED_WITH_USERS = new Map<new () => ObjectLiteral, ProjectedEntity>([
  [RoomMember, "RoomMember"],
  [Commitment, "Commitment"],
]);

/** Rows of `entity` each joined with its user (alias `u`), the user loader primed with those users. */
async function withUsers<T extends ObjectLiteral>(
  dataSource: DataSource,
  loaders: Loaders,
  entity: new () => T,
  alias: string,
  rest: string,
  params: unknown[],
): Promise<T[]> {
  const reads = readsOf(loaders);
  const lean = leanEntity(dataSource, entity, propertiesFor(reads, JOINED_WITH_USERS.get(entity)));
  const users = leanEntity(dataSource, User, propertiesFor(reads, "User"));
  const rows = await preparedArrays(dataSource, `SELECT ${lean.select(alias)}, ${users.select("u", "u_")} ${rest}`, params);
  const entities = lean.fromArrays(rows);
  const found = users.fromArrays(rows, lean.width);
  entities.forEach((entity, i) => {
    loaders.user.prime(found[i]!.id, found[i]!);
    (entity as { [JOINED_USER]?: User })[JOINED_USER] = found[i]!;
  });
  return entities;
}

/** How each loader is made; the board's (users, rooms, last activities, commitments) read with lean SQL. */
const FACTORIES: { readonly [K in keyof Loaders]: (dataSource: DataSource, loaders: Loaders) => Loaders[K] } = {
  user: (ds, loaders) =>
    byId(async (ids) => {
      const users = leanEntity(ds, User, propertiesFor(readsOf(loaders), "User"));
      return users.fromArrays(await preparedArrays(ds, `SELECT ${users.select("u")} FROM app_user u WHERE u.id = ANY($1::uuid[])`, [ids]));
    }),
  organization: (ds) => byId((ids) => ds.manager.findBy(Organization, { id: In(ids) })),
  account: (ds) => byId((ids) => ds.manager.findBy(Account, { id: In(ids) })),
  opportunity: (ds) => byId((ids) => ds.manager.findBy(Opportunity, { id: In(ids) })),
  roomMembers: (ds, loaders) =>
    byOpportunityWithUsers(
      ds,
      loaders,
      RoomMember,
      "m",
      `FROM room_member m JOIN app_user u ON u.id = m.user_id WHERE m.opportunity_id = ANY($1::uuid[]) ORDER BY m.added_at`,
    ),
  lastActivity: (ds, loaders) =>
    new DataLoader(async (ids) => {
      const activities = leanEntity(ds, Activity, propertiesFor(readsOf(loaders), "Activity"));
      // The counter on the opportunity row names the newest seq: one index lookup per room.
      const rows = activities.fromArrays(
        await preparedArrays(
          ds,
          `SELECT ${activities.select("a")} FROM activity a JOIN opportunity o ON o.id = a.opportunity_id AND a.seq = o.last_activity_seq WHERE o.id = ANY($1::uuid[])`,
          [[...ids]],
        ),
      );
      const byOpportunity = new Map(rows.map((row) => [row.opportunityId, row]));
      return ids.map((id) => byOpportunity.get(id) ?? null);
    }),
  organizationMembers: (ds) =>
    grouped(
      (ids) => ds.manager.find(User, { where: { organizationId: In(ids) }, order: { name: "ASC" } }),
      (row) => row.organizationId,
    ),
  commitments: (ds, loaders) =>
    new DataLoader(async (keys) => {
      // One query per status asked for in the tick (a board asks for one), each room's rows in it.
      const byStatus = new Map<CommitmentStatus | null, string[]>();
      for (const key of keys) {
        const [opportunityId, status = null] = key.split(":") as [string, CommitmentStatus?];
        let ids = byStatus.get(status);
        if (!ids) byStatus.set(status, (ids = []));
        ids.push(opportunityId);
      }
      const found = new Map<string, Commitment[]>(keys.map((key) => [key, []]));
      await Promise.all(
        [...byStatus].map(async ([status, ids]) => {
          const rows = await withUsers(
            ds,
            loaders,
            Commitment,
            "c",
            `FROM commitment c JOIN app_user u ON u.id = c.assignee_id
              WHERE c.opportunity_id = ANY($1::uuid[])${status ? " AND c.status = $2" : ""} ORDER BY c.due_at, c.id`,
            status ? [ids, status] : [ids],
          );
          for (const row of rows) found.get(commitmentsKey(row.opportunityId, status))?.push(row);
        }),
      );
      return keys.map((key) => found.get(key)!);
    }),
  userReliability: (ds) => new DataLoader((ids) => loadReliabilityCounts(ds, "user", ids)),
  organizationReliability: (ds) => new DataLoader((ids) => loadReliabilityCounts(ds, "organization", ids)),
  creditSplit: (ds) =>
    new DataLoader(async (ids) => {
      const rows = await ds.manager.findBy(CreditSplit, { opportunityId: In([...ids]) });
      return ids.map((id) => rows.find((row) => row.opportunityId === id) ?? null);
    }),
  splitRevisions: (ds) =>
    grouped(
      (ids) => ds.manager.find(SplitRevision, { where: { splitId: In(ids) }, order: { revision: "ASC" } }),
      (row) => row.splitId,
    ),
  splitLines: (ds) =>
    grouped(
      (keys) => ds.manager.find(SplitLine, { where: keys.map(revisionOfKey), order: { position: "ASC" } }),
      (row) => revisionKey(row.splitId, row.revision),
    ),
  splitApprovals: (ds) =>
    grouped(
      (keys) => ds.manager.find(SplitApproval, { where: keys.map(revisionOfKey), order: { approvedAtDate: "ASC" } }),
      (row) => revisionKey(row.splitId, row.revision),
    ),
  accountMapping: (ds) =>
    grouped(
      (ids) =>
        ds.query(
          `SELECT partnership_id, organization_id, enabled, default_level FROM account_mapping WHERE partnership_id = ANY($1::uuid[])`,
          [ids],
        ),
      (row: MappingSide) => row.partnership_id,
    ),
  partnershipTerms: (ds) =>
    grouped(
      async (ids) => {
        const [revisions, partnerships] = await Promise.all([
          ds.manager.find(PartnershipTerms, { where: { partnershipId: In(ids) }, order: { revision: "DESC" } }),
          ds.manager.findBy(Partnership, { id: In(ids) }),
        ]);
        const byId = new Map(partnerships.map((p) => [p.id, p]));
        for (const terms of revisions) terms.parties = byId.get(terms.partnershipId)!;
        return revisions;
      },
      (row) => row.partnershipId,
    ),
  meetings: (ds) =>
    grouped(
      (ids) => ds.manager.find(Meeting, { where: { opportunityId: In(ids) }, order: { startsAtDate: "ASC", id: "ASC" } }),
      (row) => row.opportunityId,
    ),
  meetingAttendees: (ds, loaders) => {
    const users = leanEntity(ds, User);
    return new DataLoader(async (ids) => {
      const rows = await preparedRows(
        ds,
        `SELECT a.meeting_id, ${users.select("u", "u_")} FROM meeting_attendee a JOIN app_user u ON u.id = a.user_id
          WHERE a.meeting_id = ANY($1::uuid[]) ORDER BY a.position`,
        [[...ids]],
      );
      const found = users.from(rows, "u_");
      const byMeeting = new Map<string, User[]>(ids.map((id) => [id, []]));
      rows.forEach((row, i) => {
        loaders.user.prime(found[i]!.id, found[i]!);
        byMeeting.get(row.meeting_id as string)?.push(found[i]!);
      });
      return ids.map((id) => byMeeting.get(id) ?? []);
    });
  },
  outlines: (ds) =>
    grouped(
      (ids) => ds.manager.find(Outline, { where: { opportunityId: In(ids) }, order: { version: "DESC" } }),
      (row) => row.opportunityId,
    ),
  outlineSignatures: (ds) =>
    grouped(
      (ids) => ds.manager.find(OutlineSignature, { where: { outlineId: In(ids) }, order: { signedAtDate: "ASC" } }),
      (row) => row.outlineId,
    ),
};

const prototypes = new WeakMap<DataSource, object>();

/**
 * The loaders of one request (or one live subscription), each made on first use: a subscription's
 * context lives as long as its socket and needs one or two of them. A made loader becomes an own
 * enumerable property, so `Object.values(loaders)` lists exactly the loaders in use.
 */
/** Where a context's loaders find what its operation needs of the rows they read (`projection.ts`). */
const READS = Symbol("reads");

function readsOf(loaders: Loaders): OperationReads | undefined {
  return (loaders as { [READS]?: OperationReads })[READS];
}

/**
 * `reads`: what the context's operation needs, decided when it is executed; the lean loaders read
 * only those columns. Without it (exports, jobs), every column.
 */
export function createLoaders(dataSource: DataSource, reads?: OperationReads): Loaders {
  let prototype = prototypes.get(dataSource);
  if (!prototype) {
    const made: object = {};
    for (const name of Object.keys(FACTORIES) as (keyof Loaders)[]) {
      Object.defineProperty(made, name, {
        get(this: Loaders) {
          const loader = FACTORIES[name](dataSource, this);
          Object.defineProperty(this, name, { value: loader, enumerable: true });
          return loader;
        },
      });
    }
    prototypes.set(dataSource, (prototype = made));
  }
  const loaders = Object.create(prototype) as Loaders;
  // A symbol, so `Object.values(loaders)` still lists the loaders only.
  if (reads) (loaders as { [READS]?: OperationReads })[READS] = reads;
  return loaders;
}
