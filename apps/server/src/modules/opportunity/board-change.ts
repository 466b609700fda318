import { BoardChangeKind } from "@cosell/schema";
import type { EntityManager } from "typeorm";
import { whoSeesOpportunity } from "../../auth/policy.js";
import { returning } from "../../db/sql.js";
import type { Outbox } from "../../db/transaction.js";
import { seqCursors } from "../../paging.js";
import { topics } from "../../realtime/bus.js";

/** What `board:<orgId>` topics carry: only news that the `board_change` log has grown (the log is the truth). */
export interface BoardChangeMessage {
  readonly type: "boardChanged";
  readonly opportunityId: string;
}

/** One row for the log: a change everyone who sees the deal learns of, or an access change for one audience. */
interface BoardChangeRow {
  readonly kind: BoardChangeKind;
  /** A user who gained or lost sight of the deal. */
  readonly userId?: string;
  /** An organization whose API tokens gained or lost sight of it. */
  readonly tokenOrganizationId?: string;
}

const cursors = seqCursors("BoardChange");

/** The opaque `BoardChange.cursor` of the row numbered `seq`. */
export const boardChangeCursor = cursors.cursorOf;

/** The seq a `BoardChange.cursor` stands for, or null when the text is not such a cursor. */
export const seqOfBoardChangeCursor = cursors.seqOf;

/**
 * The organizations whose people may see the opportunity now (read in the caller's transaction):
 * the owner, every organization with a room member, and those with a line in the agreed split.
 * Their topics are where news of the deal goes.
 */
export async function organizationsSeeing(em: EntityManager, opportunityId: string): Promise<string[]> {
  const rows: { organization_id: string }[] = await em.query(
    `SELECT o.organization_id FROM opportunity o WHERE o.id = $1
     UNION
     SELECT u.organization_id FROM room_member m JOIN app_user u ON u.id = m.user_id WHERE m.opportunity_id = $1
     UNION
     SELECT l.organization_id FROM credit_split s JOIN split_line l ON l.split_id = s.id AND l.revision = s.agreed_revision WHERE s.opportunity_id = $1`,
    [opportunityId],
  );
  return rows.map((r) => r.organization_id);
}

/**
 * Appends rows to the `board_change` log inside the caller's transaction and queues news to the
 * board topic of every organization concerned. The seqs come from the one-row
 * `board_change_counter`, whose lock is held until COMMIT: rows commit in seq order, without gaps
 * (see `recordStageChange`). Call it as the transaction's last write; where both are written, after
 * `recordStageChange` (the two counters are always locked in that order).
 */
async function appendBoardChanges(
  em: EntityManager,
  outbox: Outbox,
  opportunityId: string,
  rows: readonly BoardChangeRow[],
  fields: readonly string[] = [],
): Promise<void> {
  if (rows.length === 0) return;
  await returning(
    em,
    `WITH next AS (UPDATE board_change_counter SET last_seq = last_seq + $2 RETURNING last_seq)
     INSERT INTO board_change (seq, opportunity_id, kind, audience_user_id, audience_organization_id, fields)
     SELECT next.last_seq - $2 + r.ord, $1::uuid, r.kind, r.user_id, r.organization_id, $6::text[]
       FROM next, unnest($3::text[], $4::uuid[], $5::uuid[]) WITH ORDINALITY AS r(kind, user_id, organization_id, ord)`,
    [
      opportunityId,
      rows.length,
      rows.map((r) => r.kind),
      rows.map((r) => r.userId ?? null),
      rows.map((r) => r.tokenOrganizationId ?? null),
      [...fields],
    ],
  );
  const orgs = new Set(await organizationsSeeing(em, opportunityId));
  for (const row of rows) if (row.tokenOrganizationId) orgs.add(row.tokenOrganizationId);
  const userIds = rows.flatMap((r) => (r.userId ? [r.userId] : []));
  if (userIds.length > 0) {
    const users: { organization_id: string }[] = await em.query(
      `SELECT DISTINCT organization_id FROM app_user WHERE id = ANY($1::uuid[])`,
      [userIds],
    );
    for (const user of users) orgs.add(user.organization_id);
  }
  const message: BoardChangeMessage = { type: "boardChanged", opportunityId };
  for (const org of orgs) outbox.publish(topics.board(org), message);
}

/** Records, for everyone who sees the deal, that it was opened, edited (`fields`), moved or closed. */
export function recordBoardChange(
  em: EntityManager,
  outbox: Outbox,
  opportunityId: string,
  kind: Exclude<BoardChangeKind, "ACCESS_GAINED" | "ACCESS_LOST">,
  fields: readonly string[] = [],
): Promise<void> {
  return appendBoardChanges(em, outbox, opportunityId, [{ kind }], fields);
}

/**
 * Runs `change` (a change of who may see the opportunity, e.g. of its room) inside the caller's
 * transaction, and records who among the people and tokens of `organizationIds` gained or lost
 * sight of the deal by it, as the policy decides before and after.
 */
export async function trackBoardAccess<T>(
  em: EntityManager,
  outbox: Outbox,
  opportunityId: string,
  organizationIds: readonly string[],
  change: () => Promise<T>,
): Promise<T> {
  const orgs = [...new Set([...organizationIds, ...(await organizationsSeeing(em, opportunityId))])];
  const before = await whoSeesOpportunity(em, opportunityId, orgs);
  const result = await change();
  const after = await whoSeesOpportunity(em, opportunityId, orgs);
  const diff = <K extends string>(was: ReadonlySet<K>, is: ReadonlySet<K>, row: (id: K, kind: BoardChangeKind) => BoardChangeRow) => [
    ...[...is].filter((id) => !was.has(id)).map((id) => row(id, BoardChangeKind.ACCESS_GAINED)),
    ...[...was].filter((id) => !is.has(id)).map((id) => row(id, BoardChangeKind.ACCESS_LOST)),
  ];
  await appendBoardChanges(em, outbox, opportunityId, [
    ...diff(before.userIds, after.userIds, (userId, kind) => ({ kind, userId })),
    ...diff(before.tokenOrganizationIds, after.tokenOrganizationIds, (tokenOrganizationId, kind) => ({ kind, tokenOrganizationId })),
  ]);
  return result;
}
