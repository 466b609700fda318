import type { EntityManager } from "typeorm";

/**
 * Runs an UPDATE/DELETE … RETURNING and gives back its rows. TypeORM's postgres driver answers such
 * statements with `[rows, affectedCount]` rather than the rows, unlike SELECT.
 */
export async function returning<T>(em: EntityManager, sql: string, params: readonly unknown[]): Promise<T[]> {
  const result: unknown = await em.query(sql, [...params]);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === "number") {
    return result[0] as T[];
  }
  return result as T[];
}
