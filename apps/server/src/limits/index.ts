import { HeaderMap } from "@apollo/server";
import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError, Kind, getOperationAST } from "graphql";
import type { DocumentNode, FragmentDefinitionNode, GraphQLSchema, SelectionSetNode } from "graphql";
import type { Viewer } from "../auth/viewer.js";
import { DomainError, ErrorCode, unauthenticated } from "../errors.js";
import type { BudgetReport, CostBudget } from "./budget.js";

export { LIMITS, LIMIT_RULES, PARSE_OPTIONS, assertCostWithinLimit, operationCost, withoutSuggestions } from "./rules.js";
export { BUDGET_WINDOW_MS, memoryBudget, redisBudget } from "./budget.js";
export { LIST_BOUNDS, PAGE_SIZED, maxItems } from "./bounds.js";
export type { BudgetReport, CostBudget } from "./budget.js";
export { LOGIN_THROTTLE_DEFAULTS, LoginThrottle, memoryLedger, redisLedger } from "./login-throttle.js";
export type { FailureLedger, LoginAttempt } from "./login-throttle.js";
export { clientAddress, trustFunction } from "./client-address.js";
export type { TrustFunction } from "./client-address.js";
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

/**
 * The root fields a caller without a token may run: signing in (`login`, and `signIn` for the web
 * app's cookie session), the public steps of single-use links, whose token is the credential
 * (`invitationPreview`, `acceptInvitation`, `resetPassword`), and `__typename`. Every other
 * operation is refused with UNAUTHENTICATED before it is parsed for cost or charged to any budget.
 */
export const ANONYMOUS_ROOT_FIELDS: ReadonlySet<string> = new Set([
  "login",
  "signIn",
  "invitationPreview",
  "acceptInvitation",
  "resetPassword",
  "__typename",
]);

/** The names of the root fields the operation selects, through fragments too. */
export function rootFieldsOf(document: DocumentNode, operationName: string | null | undefined): string[] {
  const operation = getOperationAST(document, operationName);
  if (!operation) return [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const names: string[] = [];
  const walk = (set: SelectionSetNode, seen: ReadonlySet<string>): void => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) names.push(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet, seen);
      else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value)) walk(fragment.selectionSet, new Set([...seen, fragment.name.value]));
      }
    }
  };
  walk(operation.selectionSet, new Set());
  return names;
}

/** Refuses an anonymous caller's operation unless every root field is in `ANONYMOUS_ROOT_FIELDS`. */
export function assertAnonymousMayRun(document: DocumentNode, operationName: string | null | undefined): void {
  const refused = rootFieldsOf(document, operationName).filter((name) => !ANONYMOUS_ROOT_FIELDS.has(name));
  if (refused.length === 0) return;
  const refusal = unauthenticated(
    `Sign in or send an API token: without one only ${[...ANONYMOUS_ROOT_FIELDS].filter((f) => !f.startsWith("__")).join(", ")} may run`,
  );
  throw new GraphQLError(refusal.message, { originalError: refusal, extensions: { http: { status: 401 } } });
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
 * What one request outside `/graphql` costs (an export, the import, a file up or down, a calendar or
 * outline download): as much as a large query, so a caller's budget covers both, and a script that
 * downloads in a loop is slowed like one that queries in a loop.
 */
export const SIDE_REQUEST_COST = 10_000;

/**
 * Charges a request outside `/graphql` to its caller's budget (the person, the API token, or for
 * no valid credential the client address), the budget queries draw on. Answers with the cost
 * extension; `allowed` false means the caller must wait `resetInSeconds`.
 */
export async function chargeSideRequest(
  budget: CostBudget,
  viewer: Viewer | null,
  address: string | null | undefined,
): Promise<CostExtension & { readonly allowed: boolean }> {
  const report = await budget.charge(callerKey(viewer, address), SIDE_REQUEST_COST);
  return { ...costExtension(SIDE_REQUEST_COST, report), allowed: report.allowed };
}

/** The headers every HTTP answer that ran carries about the caller's budget. */
export const rateLimitHeaders = (cost: CostExtension): [string, string][] => [
  ["x-ratelimit-limit", String(cost.limit)],
  ["x-ratelimit-remaining", String(cost.remaining)],
  ["x-ratelimit-reset", String(cost.resetInSeconds)],
];

/**
 * Refuses an anonymous caller's operation outside `ANONYMOUS_ROOT_FIELDS` (UNAUTHENTICATED), checks
 * the operation's cost against `LIMITS.cost`, then charges it to the caller's budget. Throws a
 * GraphQL error (cost over the limit) or RATE_LIMITED with `retryAfterSeconds` (and `retryAfter`).
 */
export async function admitOperation(
  budget: CostBudget,
  request: {
    schema: GraphQLSchema;
    document: DocumentNode;
    operationName?: string | null;
    variables?: Readonly<Record<string, unknown>> | null;
    viewer: Viewer | null;
    address: string | null | undefined;
  },
): Promise<CostExtension> {
  if (!request.viewer) assertAnonymousMayRun(request.document, request.operationName);
  const cost = assertCostWithinLimit(request.schema, request.document, request.operationName, request.variables);
  const report = await budget.charge(callerKey(request.viewer, request.address), cost);
  const extension = costExtension(cost, report);
  if (!report.allowed) {
    const refusal = new DomainError(
      ErrorCode.RATE_LIMITED,
      `Rate limit reached: this operation costs ${cost} points and ${report.remaining} of ${report.limit} are left this minute; retry in ${report.resetInSeconds} s`,
      { retryAfterSeconds: report.resetInSeconds, retryAfter: report.resetInSeconds, cost: extension },
    );
    throw new GraphQLError(refusal.message, {
      originalError: refusal,
      extensions: { http: { status: 429, headers: new HeaderMap([["retry-after", String(report.resetInSeconds)]]) } },
    });
  }
  return extension;
}

/**
 * The HTTP side: cost limit and budget per operation, and `extensions.cost` on every answer that
 * ran. `prepaid` names the cost of a request already admitted and charged (the known-query path
 * handing Apollo an answer with errors to format), which is not charged again.
 */
export function limitsPlugin<TContext extends { viewer: Viewer | null; clientAddress?: string | null }>(
  budget: CostBudget,
  prepaid: (context: TContext) => CostExtension | undefined = () => undefined,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      let cost: CostExtension | undefined;
      return {
        async didResolveOperation({ schema, document, operationName, request, contextValue }) {
          cost = prepaid(contextValue);
          if (cost) return;
          cost = await admitOperation(budget, {
            schema,
            document,
            operationName,
            variables: request.variables,
            viewer: contextValue.viewer,
            address: contextValue.clientAddress,
          });
        },
        async willSendResponse({ response }) {
          if (!cost || response.body.kind !== "single") return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost };
          for (const [name, value] of rateLimitHeaders(cost)) response.http.headers.set(name, value);
        },
      };
    },
  };
}
