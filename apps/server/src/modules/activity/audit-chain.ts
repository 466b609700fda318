import { createHash } from "node:crypto";
import type { ActivityData, FieldChange } from "./activity.entity.js";

/**
 * The tamper evidence of a room's log: each entry's `hash` is the hex SHA-256 of
 *
 *   previous entry's hash (empty for seq 1) \n seq \n actor organization id \n content
 *
 * where `content` is `activityContent` of the entry. The database writes the hash in the same
 * statement that takes the seq (`insertActivity`, or for a batch `writeBatch` in activity-batch.ts), so the chain follows commit order; this
 * module recomputes it to verify. The format is frozen: changing it breaks every stored chain.
 */

/** The fields of an entry that its hash covers, besides seq, actor organization and the chain. */
export interface ChainedFields {
  readonly id: string;
  readonly opportunityId: string;
  readonly kind: string;
  readonly body: string | null;
  readonly actorId: string | null;
  readonly apiTokenId: string | null;
  readonly apiTokenName: string | null;
  readonly data: ActivityData | null;
  readonly changes: readonly FieldChange[];
  readonly createdAtDate: Date;
}

/** The entry's content as one string: JSON with fixed order, data keys sorted. */
export function activityContent(entry: ChainedFields): string {
  const data = entry.data === null ? null : Object.fromEntries(Object.entries(entry.data).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify([
    1,
    entry.id,
    entry.opportunityId,
    entry.kind,
    entry.body,
    entry.actorId,
    entry.apiTokenId,
    entry.apiTokenName,
    data,
    entry.changes.map((c) => [c.field, c.from, c.to]),
    new Date(entry.createdAtDate).toISOString(),
  ]);
}

/** The hash of an entry: the same formula as the SQL in `insertActivitySql`. */
export function chainHash(previous: string, seq: number, actorOrganizationId: string, content: string): string {
  return createHash("sha256").update(`${previous}\n${seq}\n${actorOrganizationId}\n${content}`, "utf8").digest("hex");
}

/**
 * The SQL expression of `chainHash` for the next entry of opportunity `o`, with the actor
 * organization and content given as SQL expressions.
 */
export const nextHashSql = (actorOrganization: string, content: string): string =>
  chainHashSql("o.last_activity_hash", "(o.last_activity_seq + 1)", actorOrganization, content);

/** `chainHash` as SQL, every argument a SQL expression. */
export const chainHashSql = (previous: string, seq: string, actorOrganization: string, content: string): string =>
  `encode(sha256(convert_to(${previous} || E'\\n' || ${seq}::text || E'\\n' || ${actorOrganization}::text || E'\\n' || ${content}, 'UTF8')), 'hex')`;

/** A stored entry as the verifier reads it. */
export interface StoredEntry extends ChainedFields {
  readonly seq: number;
  readonly actorOrganizationId: string;
  readonly hash: string;
}

export interface ChainCheck {
  /** Entries checked so far. */
  checked: number;
  /** The first seq whose entry does not match the chain (altered, missing or out of place), or null. */
  firstBrokenSeq: number | null;
  /** The hash the chain has reached: the last good entry's. */
  head: string;
}

/** Checks entries in seq order, continuing `check`; stops looking once one is broken. */
export function checkChain(check: ChainCheck, entries: readonly StoredEntry[]): ChainCheck {
  let { checked, firstBrokenSeq, head } = check;
  for (const entry of entries) {
    if (firstBrokenSeq !== null) break;
    const expectedSeq = checked + 1;
    if (entry.seq !== expectedSeq) {
      firstBrokenSeq = expectedSeq;
      break;
    }
    checked += 1;
    const hash = chainHash(head, entry.seq, entry.actorOrganizationId, activityContent(entry));
    if (hash !== entry.hash) {
      firstBrokenSeq = entry.seq;
      break;
    }
    head = hash;
  }
  return { checked, firstBrokenSeq, head };
}
