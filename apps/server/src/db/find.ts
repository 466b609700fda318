import type { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from "typeorm";
import { notFound } from "../errors.js";
import { idOf } from "../ids.js";
import type { NodeType } from "../ids.js";

/**
 * The row a caller names by global id, when it exists and `visible` (a policy rule) lets the caller
 * see it; otherwise NOT_FOUND (`what not found`), the same for a malformed id, a missing row and a
 * hidden one, so nobody learns what exists by probing.
 */
export async function findVisible<E extends ObjectLiteral & { readonly id: string }>(
  em: EntityManager,
  entity: EntityTarget<E>,
  type: NodeType,
  globalId: string,
  what: string,
  visible: (row: E) => boolean | Promise<boolean>,
): Promise<E> {
  const id = idOf(type, globalId);
  const row = id ? await em.findOneBy(entity, { id } as FindOptionsWhere<E>) : null;
  if (!row || !(await visible(row))) throw notFound(what);
  return row;
}
