import { Field, ObjectType } from "type-graphql";
import { badInput } from "./errors.js";

export const PAGE_MAX = 100;
export const PAGE_DEFAULT = 20;

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** The one check for page sizes on every connection. */
export function pageSize(value: number | null | undefined, field = "first"): number {
  if (value == null) return PAGE_DEFAULT;
  if (!Number.isInteger(value) || value < 1 || value > PAGE_MAX) throw badInput(field, `must be from 1 to ${PAGE_MAX}`);
  return value;
}

export function encodeCursor(parts: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString("base64url");
}

export function decodeCursor(cursor: string, field = "after"): unknown[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parsed)) return parsed;
  } catch {
    // fall through
  }
  throw badInput(field, "is not a cursor of this list");
}

/**
 * The cursors of a feed numbered by `seq` (a log in commit order): opaque text naming the feed, so a
 * cursor of one feed is refused by another. `seqOf` gives null for text that is not such a cursor.
 */
export function seqCursors(tag: string): { cursorOf(seq: number): string; seqOf(cursor: string): number | null } {
  return {
    cursorOf: (seq) => encodeCursor([tag, seq]),
    seqOf(cursor) {
      let parts: unknown[];
      try {
        parts = decodeCursor(cursor);
      } catch {
        return null;
      }
      const [found, seq] = parts;
      return parts.length === 2 && found === tag && typeof seq === "number" && Number.isSafeInteger(seq) && seq >= 0 ? seq : null;
    },
  };
}

/** A Relay connection from one page of edges. */
export function connection<E extends { cursor: string }>(
  edges: E[],
  hasNextPage: boolean,
  hasPreviousPage: boolean,
): { edges: E[]; pageInfo: PageInfo } {
  return {
    edges,
    pageInfo: { hasNextPage, hasPreviousPage, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
