import { createHash } from "node:crypto";
import type { EntityManager } from "typeorm";
import type { Viewer } from "../auth/viewer.js";
import { conflict, notFound } from "../errors.js";
import { returning } from "./sql.js";
import type { Outbox, UnitOfWork } from "./transaction.js";

/** A create request that may carry an `idempotencyKey` (keys are per organization and mutation). */
export interface IdempotentRequest {
  readonly viewer: Viewer;
  /** The mutation's name, e.g. `createOpportunity`. */
  readonly operation: string;
  readonly key: string | null | undefined;
  /** What was asked, without the key; compared on a repeat. The caller is added to it. */
  readonly payload: unknown;
}

/** JSON with sorted keys, so the same request always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

const callerOf = (viewer: Viewer): string => (viewer.kind === "user" ? `user:${viewer.userId}` : `token:${viewer.tokenId}`);

/**
 * Runs a create in one transaction, at most once per key: the key is claimed in the same transaction
 * as the rows it creates, so a retry (even a concurrent one, which waits on the claim) answers with
 * the first result, and the same key with a different request answers CONFLICT. Without a key it
 * simply runs `work`.
 */
export async function idempotent<T extends { id: string }>(
  uow: UnitOfWork,
  request: IdempotentRequest,
  work: (em: EntityManager, outbox: Outbox) => Promise<T>,
  load: (id: string) => Promise<T | null>,
): Promise<T> {
  const key = request.key?.trim();
  if (!key) return uow.run(work);
  const hash = createHash("sha256")
    .update(canonical({ caller: callerOf(request.viewer), request: request.payload }))
    .digest("hex");
  const scope = [request.viewer.organizationId, request.operation, key];
  const outcome = await uow.run(async (em, outbox): Promise<{ created: T } | { earlierId: string | null }> => {
    const claimed = await returning<{ key: string }>(
      em,
      `INSERT INTO idempotency_key (organization_id, operation, key, request_hash) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING key`,
      [...scope, hash],
    );
    if (claimed.length === 0) {
      const rows: { request_hash: string; result_id: string | null }[] = await em.query(
        `SELECT request_hash, result_id FROM idempotency_key WHERE organization_id = $1 AND operation = $2 AND key = $3`,
        scope,
      );
      if (rows[0]?.request_hash !== hash) {
        throw conflict(`idempotencyKey was already used with a different ${request.operation} request`, { field: "idempotencyKey" });
      }
      return { earlierId: rows[0].result_id };
    }
    const created = await work(em, outbox);
    await em.query(`UPDATE idempotency_key SET result_id = $4 WHERE organization_id = $1 AND operation = $2 AND key = $3`, [
      ...scope,
      created.id,
    ]);
    return { created };
  });
  if ("created" in outcome) return outcome.created;
  const earlier = outcome.earlierId ? await load(outcome.earlierId) : null;
  if (!earlier) throw notFound();
  return earlier;
}
