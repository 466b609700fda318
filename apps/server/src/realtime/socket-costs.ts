import { GraphQLError } from "graphql";
import { DomainError, ErrorCode } from "../errors.js";
import { admitOperation } from "../limits/index.js";
import type { CostBudget, CostExtension } from "../limits/index.js";

/**
 * What an operation over a socket costs, as on HTTP: the caps on operations per socket, each
 * operation's cost charged to the caller's budget (shared with HTTP) when it starts, and that cost
 * reported in `extensions.cost` of its first result. Knows nothing of graphql-ws: the glue in
 * websocket.ts keeps one `OperationCosts` per socket and asks it.
 */

/** An error answering an operation over the socket's cap, or null while it is within it. */
export function operationCapRefusal(operationsOpen: number, maxPerSocket: number): GraphQLError | null {
  if (operationsOpen <= maxPerSocket) return null;
  const refusal = new DomainError(
    ErrorCode.LIMIT_EXCEEDED,
    `This socket already runs ${maxPerSocket} operations, the most one socket may; complete one first`,
    { limit: maxPerSocket },
  );
  return new GraphQLError(refusal.message, { originalError: refusal });
}

/**
 * One socket's operations whose cost is charged but not yet reported, by operation id. A reported
 * cost leaves `undefined` behind until the operation ends: deleting the socket's only entry would
 * shrink the map's table, a new allocation on every subscriber's first event.
 */
export class OperationCosts {
  private readonly pending = new Map<string, CostExtension | undefined>();

  /**
   * Charges the operation to the caller's budget and keeps its cost to report. Throws a
   * GraphQLError when it is anonymous (UNAUTHENTICATED), over the cost limit or over the budget
   * (RATE_LIMITED). Answers the cost, as its first result will report it.
   */
  async admit(id: string, budget: CostBudget, operation: Parameters<typeof admitOperation>[1]): Promise<CostExtension> {
    const cost = await admitOperation(budget, operation);
    this.pending.set(id, cost);
    return cost;
  }

  /** Whether the operation's cost still waits to be reported (its first result is not out yet). */
  isPending(id: string): boolean {
    return this.pending.get(id) !== undefined;
  }

  /** The cost to report with the operation's first result (once), or undefined. */
  take(id: string): CostExtension | undefined {
    const cost = this.pending.get(id);
    if (cost !== undefined) this.pending.set(id, undefined);
    return cost;
  }

  /** The operation ended. */
  forget(id: string): void {
    this.pending.delete(id);
  }
}
