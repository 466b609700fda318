import { createHash } from "node:crypto";
import type { DataSource } from "typeorm";
import { isOutage } from "../errors.js";

/**
 * Reads through server-side prepared statements. PostgreSQL parses, analyzes and plans an unnamed
 * statement every time it runs; for the board's short queries that is half or more of PostgreSQL's
 * work (bench/: 0.17–0.23 ms of its CPU per query unnamed, 0.08–0.12 ms named). A statement named
 * after its text is parsed once per connection, and PostgreSQL keeps a generic plan once it finds
 * one as good as the custom ones.
 *
 * For statements whose text comes from code (every value a parameter), so that the set of texts
 * is small and fixed: each stays prepared on each pooled connection that ran it. Past
 * `PREPARED_TEXTS_MAX` distinct texts in a process, a new text runs unnamed, so a text built with
 * values in it cannot grow the server's memory or PostgreSQL's without bound.
 *
 * The connection comes from TypeORM's pool through its driver, as `dataSource.query` takes it, so
 * the pool's limits and the rule against a second connection inside a transaction
 * (`refuseSecondConnections`) hold; a connection that failed is discarded, as TypeORM does.
 */
export const PREPARED_TEXTS_MAX = 500;

interface PgClient {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}
type Release = (error?: unknown) => void;

const names = new Map<string, string>();

/** The statement's name: a digest of its text (the same text, the same name, on every connection). */
function nameOf(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < PREPARED_TEXTS_MAX) {
    name = `cosell_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

/** The rows of a read (`SELECT`), run as a prepared statement named after its text. */
export async function preparedRows<T = Record<string, unknown>>(dataSource: DataSource, text: string, values: unknown[]): Promise<T[]> {
  const driver = dataSource.driver as unknown as { obtainMasterConnection(): Promise<[PgClient, Release]> };
  const [client, release] = await driver.obtainMasterConnection();
  try {
    const name = nameOf(text);
    const result = await client.query(name === undefined ? { text, values } : { name, text, values });
    release();
    return result.rows as T[];
  } catch (error) {
    // A broken connection leaves the pool; any other failure (a bad value, say) keeps it.
    release(isOutage(error) ? error : undefined);
    throw error;
  }
}
