import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import { GraphQLError, Kind, getNamedType, getOperationAST, isInterfaceType, isListType, isNonNullType, isObjectType } from "graphql";
import type {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLField,
  GraphQLNamedType,
  GraphQLSchema,
  ParseOptions,
  SelectionNode,
  ValidationContext,
  ValidationRule,
} from "graphql";
import { PAGE_DEFAULT } from "../paging.js";
import { LIST_BOUNDS, PAGE_SIZED } from "./bounds.js";

/**
 * What one GraphQL operation may ask, on HTTP and WebSocket alike. The numbers start from
 * graphql-armor's defaults; where they differ, the reason is given.
 */
export const LIMITS = {
  /**
   * Nesting of fields. graphql-armor: 6; Relay connections spend two levels on `edges { node }`.
   * Fragments are flattened: a spread or inline fragment adds no level of its own, so a colocated
   * fragment costs what its fields would cost written out in place.
   */
  depth: 10,
  /** Aliased fields per operation (graphql-armor's default). Stops `a1: node(…) a2: node(…) …` batching. */
  aliases: 15,
  /** Directives per operation (graphql-armor's default). */
  directives: 50,
  /** Lexical tokens per document (graphql-armor's default); checked while parsing, before anything else. */
  tokens: 1000,
  /**
   * Cost per operation, with graphql-armor's weights: a scalar field costs 1, an object field 2 plus
   * its children, a field with `first`/`last` multiplies by that page (20 when not given), and a
   * list without them by the bound its field declares (bounds.ts). Unlike graphql-armor, nesting is
   * not weighted again (armor multiplies each level by 1.5), meta fields such as `__typename` are
   * free, `first`/`last` given as variables count too, fields asked twice under one name count
   * once, and the limit is 100,000 rather than 5,000: with lists counted at their bounds, the web
   * app's board (100 deals with up to 25 members and 50 commitments each) costs about 76,000.
   */
  cost: 100_000,
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
  maxDepthRule({ n: LIMITS.depth, flattenFragments: true, onReject: report, propagateOnRejection: false }) as unknown as ValidationRule,
  maxAliasesRule({ n: LIMITS.aliases, onReject: report, propagateOnRejection: false }) as unknown as ValidationRule,
  maxDirectivesRule({ n: LIMITS.directives, onReject: report, propagateOnRejection: false }) as unknown as ValidationRule,
];

/** The page size a connection asks for when it gives no `first`/`last` (see paging.ts). */
const DEFAULT_PAGE = PAGE_DEFAULT;

interface Merged {
  readonly field: GraphQLField<unknown, unknown> | undefined;
  readonly nodes: FieldNode[];
}

/**
 * The cost of the operation that will run (see `LIMITS.cost` for the formula), read against the
 * schema: a field with `first`/`last` arguments multiplies by the page asked (given as a literal, a
 * variable or a variable's default; 20 when none is given, as the resolvers do), and a list
 * without them by the bound its field declares (`@Extensions(maxItems(N))`, bounds.ts; lists that
 * declare none count as `LIST_BOUNDS.default`). Fields selected twice under one response key (a
 * query and a fragment both asking for `members`) are merged as execution merges them. Meta
 * fields (`__schema`, `__typename`) are free.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): number {
  let perDocument = knownCosts.get(schema);
  if (!perDocument) knownCosts.set(schema, (perDocument = new WeakMap()));
  let perOperation = perDocument.get(document);
  if (!perOperation) perDocument.set(document, (perOperation = new Map()));
  const name = operationName ?? "";
  const known = perOperation.get(name);
  const pages = known ? pageKey(known.pageVariables, variables) : null;
  const cost = known && pages !== null ? known.byPages.get(pages) : undefined;
  if (cost !== undefined) return cost;
  const pageVariables = new Set<string>();
  const computed = computeCost(schema, document, operationName, variables, pageVariables);
  const entry = known ?? { pageVariables: [...pageVariables], byPages: new Map<string, number>() };
  if (!known) perOperation.set(name, entry);
  if (entry.byPages.size < MAX_KNOWN_PAGES) entry.byPages.set(pages ?? pageKey(entry.pageVariables, variables), computed);
  return computed;
}

/**
 * Costs already computed, by schema, document and operation name, then by the values of the
 * variables that give page sizes (the only ones a cost reads): a client sends the same few
 * documents again and again, and walking one cost a few percent of a board request's CPU.
 */
const knownCosts = new WeakMap<
  GraphQLSchema,
  WeakMap<DocumentNode, Map<string, { readonly pageVariables: readonly string[]; readonly byPages: Map<string, number> }>>
>();
/** Page sizes remembered per operation (beyond them, costs are computed each time). */
const MAX_KNOWN_PAGES = 32;

const pageKey = (names: readonly string[], variables: Readonly<Record<string, unknown>> | null | undefined): string =>
  names.length === 0 ? "" : JSON.stringify(names.map((name) => variables?.[name] ?? null));

/** `operationCost` itself; the names of the variables it read as page sizes go into `pageVariables`. */
function computeCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  pageVariables: Set<string>,
): number {
  const operation = getOperationAST(document, operationName);
  if (!operation) return 0;
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const defaults = new Map<string, unknown>();
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue?.kind === Kind.INT) defaults.set(definition.variable.name.value, Number(definition.defaultValue.value));
  }

  const pageOf = (node: FieldNode): number | null => {
    let size: number | null = null;
    for (const argument of node.arguments ?? []) {
      if (argument.name.value !== "first" && argument.name.value !== "last") continue;
      const value = argument.value;
      if (value.kind === Kind.VARIABLE) pageVariables.add(value.name.value);
      const raw =
        value.kind === Kind.INT
          ? Number(value.value)
          : value.kind === Kind.VARIABLE
            ? (variables?.[value.name.value] ?? defaults.get(value.name.value))
            : undefined;
      if (typeof raw === "number" && Number.isFinite(raw)) size = Math.max(size ?? 1, Math.trunc(raw));
    }
    return size;
  };

  /** How many times what is selected in `field` is paid for. */
  const multiplier = (field: GraphQLField<unknown, unknown> | undefined, nodes: readonly FieldNode[]): number => {
    if (!field) return 1;
    if (field.args.some((a) => a.name === "first" || a.name === "last")) {
      return Math.max(...nodes.map((node) => pageOf(node) ?? DEFAULT_PAGE));
    }
    let type = field.type;
    if (isNonNullType(type)) type = type.ofType;
    if (!isListType(type)) return 1;
    const declared = (field.extensions as { maxItems?: unknown } | undefined)?.maxItems;
    if (declared === PAGE_SIZED) return 1;
    return typeof declared === "number" ? declared : LIST_BOUNDS.default;
  };

  // Fragments spread inside themselves are refused by validation; `seen` only guards this walk.
  const collect = (
    selections: readonly SelectionNode[],
    parent: GraphQLNamedType,
    into: Map<string, Merged>,
    seen: ReadonlySet<string>,
  ): void => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) {
        // Introspection and `__typename` (which clients such as Apollo add everywhere) are free.
        if (selection.name.value.startsWith("__")) continue;
        const key = selection.alias?.value ?? selection.name.value;
        const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
        const merged = into.get(key);
        if (merged) merged.nodes.push(selection);
        else into.set(key, { field, nodes: [selection] });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) ?? parent) : parent;
        collect(selection.selectionSet.selections, type, into, seen);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        collect(
          fragment.selectionSet.selections,
          schema.getType(fragment.typeCondition.name.value) ?? parent,
          into,
          new Set([...seen, fragment.name.value]),
        );
      }
    }
  };

  const costOf = (selections: readonly SelectionNode[], parent: GraphQLNamedType): number => {
    const fields = new Map<string, Merged>();
    collect(selections, parent, fields, new Set());
    let total = 0;
    for (const { field, nodes } of fields.values()) {
      const children = nodes.flatMap((node) => node.selectionSet?.selections ?? []);
      const each =
        children.length === 0 || !field
          ? LIMITS.scalarCost
          : LIMITS.objectCost + LIMITS.depthCostFactor * costOf(children, getNamedType(field.type));
      total += each * multiplier(field, nodes);
    }
    return total;
  };
  return Math.ceil(costOf(operation.selectionSet.selections, root));
}

/** Refuses an operation whose cost is over `LIMITS.cost`; returns the cost otherwise. */
export function assertCostWithinLimit(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): number {
  const cost = operationCost(schema, document, operationName, variables);
  if (cost > LIMITS.cost) {
    throw new GraphQLError(`Query cost limit of ${LIMITS.cost} exceeded, found ${cost}. Ask for smaller pages or fewer fields.`, {
      extensions: { code: "GRAPHQL_VALIDATION_FAILED", cost, limit: LIMITS.cost, http: { status: 400 } },
    });
  }
  return cost;
}

/** Removes graphql-js's "Did you mean …?" hints, which would reveal the schema when introspection is off. */
export const withoutSuggestions = (message: string): string => message.replace(/ ?Did you mean .+\?$/, "");
