import { createHash } from "node:crypto";
import { EntityManager } from "typeorm";
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
  query(config: { name?: string; text: string; values: unknown[]; rowMode?: "array" }): Promise<{ rows: unknown[] }>;
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

/**
 * The rows of a statement that answers rows (a `SELECT`, or a `WITH` ending in one), as objects by
 * column name, run as a prepared statement named after its text: on the connection of `on`'s
 * transaction when it is a transaction's EntityManager, else on a pooled connection in autocommit.
 */
export function preparedRows<T = Record<string, unknown>>(on: DataSource | EntityManager, text: string, values: unknown[]): Promise<T[]> {
  return run<T>(on, { text, values });
}

/**
 * `preparedRows` with each row as an array of its columns in select-list order (pg's `rowMode:
 * "array"`): no object per row, for `leanEntity.fromArrays`.
 */
export function preparedArrays(on: DataSource | EntityManager, text: string, values: unknown[]): Promise<unknown[][]> {
  return run<unknown[]>(on, { text, values, rowMode: "array" });
}

async function run<T>(on: DataSource | EntityManager, statement: { text: string; values: unknown[]; rowMode?: "array" }): Promise<T[]> {
  const name = nameOf(statement.text);
  const config = name === undefined ? statement : { ...statement, name };
  if (on instanceof EntityManager && on.queryRunner) {
    // The transaction's own connection; a failure is the transaction's to roll back.
    const client = await (on.queryRunner as unknown as { connect(): Promise<PgClient> }).connect();
    return (await client.query(config)).rows as T[];
  }
  const dataSource = on instanceof EntityManager ? on.connection : on;
  const driver = dataSource.driver as unknown as { obtainMasterConnection(): Promise<[PgClient, Release]> };
  const [client, release] = await driver.obtainMasterConnection();
  try {
    const result = await client.query(config);
    release();
    return result.rows as T[];
  } catch (error) {
    // A broken connection leaves the pool; any other failure (a bad value, say) keeps it.
    release(isOutage(error) ? error : undefined);
    throw error;
  }
}
