import { HeaderMap } from "@apollo/server";
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { DocumentNode, GraphQLSchema } from "graphql";
import type { Viewer } from "../auth/viewer.js";
import { DomainError, ErrorCode } from "../errors.js";
import type { BudgetReport, CostBudget } from "./budget.js";

export { LIMITS, LIMIT_RULES, PARSE_OPTIONS, assertCostWithinLimit, operationCost, withoutSuggestions } from "./rules.js";
export { BUDGET_WINDOW_MS, memoryBudget, redisBudget } from "./budget.js";
export { LIST_BOUNDS, PAGE_SIZED, maxItems } from "./bounds.js";
export type { BudgetReport, CostBudget } from "./budget.js";
import { assertCostWithinLimit } from "./rules.js";

/**
 * Limits on what callers may ask, applied the same way on every transport:
 *
 * - HTTP: Apollo gets `PARSE_OPTIONS` (tokens), `LIMIT_RULES` (depth, aliases, directives) and
 *   `limitsPlugin` (cost per operation and per caller per minute); batching stays off.
 * - WebSocket (graphql-ws `onSubscribe`): `parse(source, PARSE_OPTIONS)`, then
 *   `validate(schema, document, [...specifiedRules, ...LIMIT_RULES])`, then `admitOperation(…)`.
 */

/** Whose budget a request spends: its API token, its user, else its network address. */
export function callerKey(viewer: Viewer | null, address: string | null | undefined): string {
  if (viewer?.kind === "token") return `token:${viewer.tokenId}`;
  if (viewer?.kind === "user") return `user:${viewer.userId}`;
  return `anonymous:${address ?? "unknown"}`;
}

/** What every response reports in `extensions.cost`. */
export interface CostExtension {
  /** Points this operation cost. */
  readonly requested: number;
  /** Points per minute for this caller (`RATE_LIMIT_POINTS`). */
  readonly limit: number;
  /** Points left in the current minute. */
  readonly remaining: number;
  /** Seconds until the budget is full again. */
  readonly resetInSeconds: number;
}

export const costExtension = (cost: number, report: BudgetReport): CostExtension => ({
  requested: cost,
  limit: report.limit,
  remaining: report.remaining,
  resetInSeconds: report.resetInSeconds,
});

/**
 * Checks the operation's cost against `LIMITS.cost`, then charges it to the caller's budget.
 * Throws a GraphQL error (cost over the limit) or RATE_LIMITED with `retryAfterSeconds`.
 */
export async function admitOperation(
  budget: CostBudget,
  request: { schema: GraphQLSchema; document: DocumentNode; operationName?: string | null; variables?: Readonly<Record<string, unknown>> | null; caller: string },
): Promise<CostExtension> {
  const cost = assertCostWithinLimit(request.schema, request.document, request.operationName, request.variables);
  const report = await budget.charge(request.caller, cost);
  const extension = costExtension(cost, report);
  if (!report.allowed) {
    const refusal = new DomainError(
      ErrorCode.RATE_LIMITED,
      `Rate limit reached: this operation costs ${cost} points and ${report.remaining} of ${report.limit} are left this minute; retry in ${report.resetInSeconds} s`,
      { retryAfterSeconds: report.resetInSeconds, cost: extension },
    );
    throw new GraphQLError(refusal.message, {
      originalError: refusal,
      extensions: { http: { status: 429, headers: new HeaderMap([["retry-after", String(report.resetInSeconds)]]) } },
    });
  }
  return extension;
}

/** The HTTP side: cost limit and budget per operation, and `extensions.cost` on every answer that ran. */
export function limitsPlugin<TContext extends { viewer: Viewer | null; clientAddress?: string | null }>(budget: CostBudget): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      let cost: CostExtension | undefined;
      return {
        async didResolveOperation({ schema, document, operationName, request, contextValue }) {
          cost = await admitOperation(budget, {
            schema,
            document,
            operationName,
            variables: request.variables,
            caller: callerKey(contextValue.viewer, contextValue.clientAddress),
          });
        },
        async willSendResponse({ response }) {
          if (!cost || response.body.kind !== "single") return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost };
          response.http.headers.set("x-ratelimit-limit", String(cost.limit));
          response.http.headers.set("x-ratelimit-remaining", String(cost.remaining));
          response.http.headers.set("x-ratelimit-reset", String(cost.resetInSeconds));
        },
      };
    },
  };
}
