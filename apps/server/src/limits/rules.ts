import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import { GraphQLError, Kind, getOperationAST } from "graphql";
import type { DocumentNode, FragmentDefinitionNode, ParseOptions, SelectionNode, ValidationContext, ValidationRule } from "graphql";

/**
 * What one GraphQL operation may ask, on HTTP and WebSocket alike. The numbers start from
 * graphql-armor's defaults; where they differ, the reason is given.
 */
export const LIMITS = {
  /** Nesting of fields. graphql-armor: 6; Relay connections spend two levels on `edges { node }`. */
  depth: 10,
  /** Aliased fields per operation (graphql-armor's default). Stops `a1: node(…) a2: node(…) …` batching. */
  aliases: 15,
  /** Directives per operation (graphql-armor's default). */
  directives: 50,
  /** Lexical tokens per document (graphql-armor's default); checked while parsing, before anything else. */
  tokens: 1000,
  /**
   * Cost per operation, with graphql-armor's weights: a scalar field costs 1, an object field 2 plus
   * its children, and a list asked with `first`/`last` multiplies by that size. Unlike graphql-armor,
   * nesting is not weighted again (armor multiplies each level by 1.5), meta fields such as
   * `__typename` are free, `first`/`last` given as variables count too, and the limit is 10,000
   * rather than 5,000: the web app's board (100 deals with members and partner firms) costs about 7,000.
   */
  cost: 10_000,
  objectCost: 2,
  scalarCost: 1,
  depthCostFactor: 1,
} as const;

/** For `parse(source, PARSE_OPTIONS)`: refuses documents longer than `LIMITS.tokens`. */
export const PARSE_OPTIONS: ParseOptions = { maxTokens: LIMITS.tokens };

/** Armor's rules report through the validation context, so they work in Apollo and in plain `validate()`. */
const report = [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)];

/** Validation rules to add to graphql-js's own: `validate(schema, document, [...specifiedRules, ...LIMIT_RULES])`. */
export const LIMIT_RULES: readonly ValidationRule[] = [
  maxDepthRule({ n: LIMITS.depth, onReject: report, propagateOnRejection: false }) as unknown as ValidationRule,
  maxAliasesRule({ n: LIMITS.aliases, onReject: report, propagateOnRejection: false }) as unknown as ValidationRule,
  maxDirectivesRule({ n: LIMITS.directives, onReject: report, propagateOnRejection: false }) as unknown as ValidationRule,
];

/**
 * The cost of the operation that will run (see `LIMITS.cost` for the formula), rounded up.
 * Meta fields (`__schema`, `__typename`) are free.
 */
export function operationCost(document: DocumentNode, operationName: string | null | undefined, variables: Readonly<Record<string, unknown>> | null | undefined): number {
  const operation = getOperationAST(document, operationName);
  if (!operation) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const pageSizeOf = (selection: SelectionNode): number => {
    if (selection.kind !== Kind.FIELD) return 1;
    let size = 1;
    for (const argument of selection.arguments ?? []) {
      if (argument.name.value !== "first" && argument.name.value !== "last") continue;
      const value = argument.value;
      const raw = value.kind === Kind.INT ? Number(value.value) : value.kind === Kind.VARIABLE ? variables?.[value.name.value] : undefined;
      if (typeof raw === "number" && Number.isFinite(raw)) size = Math.max(size, Math.trunc(raw));
    }
    return size;
  };
  // Fragments spread inside themselves are refused by validation; `seen` only guards this walk.
  const costOf = (selections: readonly SelectionNode[], seen: ReadonlySet<string>): number => {
    let total = 0;
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) {
        // Introspection and `__typename` (which clients such as Apollo add everywhere) are free.
        if (selection.name.value.startsWith("__")) continue;
        if (!selection.selectionSet) {
          total += LIMITS.scalarCost;
          continue;
        }
        const inner = LIMITS.objectCost + LIMITS.depthCostFactor * costOf(selection.selectionSet.selections, seen);
        total += inner * pageSizeOf(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += LIMITS.depthCostFactor * costOf(selection.selectionSet.selections, seen);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        total += LIMITS.depthCostFactor * costOf(fragment.selectionSet.selections, new Set([...seen, fragment.name.value]));
      }
    }
    return total;
  };
  return Math.ceil(costOf(operation.selectionSet.selections, new Set()));
}

/** Refuses an operation whose cost is over `LIMITS.cost`; returns the cost otherwise. */
export function assertCostWithinLimit(document: DocumentNode, operationName: string | null | undefined, variables: Readonly<Record<string, unknown>> | null | undefined): number {
  const cost = operationCost(document, operationName, variables);
  if (cost > LIMITS.cost) {
    throw new GraphQLError(`Query cost limit of ${LIMITS.cost} exceeded, found ${cost}. Ask for smaller pages or fewer fields.`, {
      extensions: { code: "GRAPHQL_VALIDATION_FAILED", cost, limit: LIMITS.cost, http: { status: 400 } },
    });
  }
  return cost;
}

/** Removes graphql-js's "Did you mean …?" hints, which would reveal the schema when introspection is off. */
export const withoutSuggestions = (message: string): string => message.replace(/ ?Did you mean .+\?$/, "");
