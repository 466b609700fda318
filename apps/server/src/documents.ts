import { GraphQLError, NoSchemaIntrospectionCustomRule, parse, specifiedRules, validate } from "graphql";
import type { DocumentNode, GraphQLSchema, ValidationRule } from "graphql";
import { LIMIT_RULES, PARSE_OPTIONS, withoutSuggestions } from "./limits/index.js";

/** How documents are judged; the defaults are development's. */
export interface DocumentRules {
  /** Whether `__schema` and `__type` may be asked (off: graphql-js's NoSchemaIntrospectionCustomRule). Default true. */
  readonly introspection?: boolean;
  /** Whether validation errors may say "Did you mean …?" (which spells out the schema). Default true. */
  readonly suggestions?: boolean;
}

/** graphql-js's rules plus cosell's limits (and, with introspection off, the rule that refuses it). */
export function validationRules(rules: DocumentRules = {}): readonly ValidationRule[] {
  return [...specifiedRules, ...LIMIT_RULES, ...(rules.introspection === false ? [NoSchemaIntrospectionCustomRule] : [])];
}

/** A document ready to execute, or the errors that refuse it. */
export type PreparedDocument =
  | { readonly document: DocumentNode; readonly errors?: undefined }
  | { readonly document?: undefined; readonly errors: readonly GraphQLError[] };

/** Documents longer than this are prepared every time instead of being cached (bounds the cache's memory). */
export const CACHEABLE_QUERY_LENGTH = 16 * 1024;

/**
 * Parses and validates documents once: a bounded LRU keyed by the query text. Results depend only
 * on the text and the schema, so refusals are cached too.
 */
export class DocumentCache {
  private readonly entries = new Map<string, PreparedDocument>();
  private readonly rules: readonly ValidationRule[];
  private readonly message: (message: string) => string;

  constructor(
    private readonly schema: GraphQLSchema,
    /** Most documents kept; the least recently used goes first. */
    readonly capacity = 1_000,
    rules: DocumentRules = {},
  ) {
    this.rules = validationRules(rules);
    this.message = rules.suggestions === false ? withoutSuggestions : (message) => message;
  }

  get size(): number {
    return this.entries.size;
  }

  prepare(query: string): PreparedDocument {
    const cached = this.entries.get(query);
    if (cached) {
      this.entries.delete(query);
      this.entries.set(query, cached);
      return cached;
    }
    const prepared = this.prepareUncached(query);
    if (query.length <= CACHEABLE_QUERY_LENGTH) {
      this.entries.set(query, prepared);
      if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    }
    return prepared;
  }

  private prepareUncached(query: string): PreparedDocument {
    let document: DocumentNode;
    try {
      document = parse(query, PARSE_OPTIONS);
    } catch (error) {
      const message = error instanceof GraphQLError ? error.message : "Malformed query";
      return { errors: [new GraphQLError(message, { extensions: { code: "GRAPHQL_PARSE_FAILED" } })] };
    }
    const errors = validate(this.schema, document, this.rules);
    if (errors.length > 0) {
      return {
        errors: errors.map(
          (e) =>
            new GraphQLError(this.message(e.message), {
              nodes: e.nodes,
              extensions: { ...e.extensions, code: "GRAPHQL_VALIDATION_FAILED" },
            }),
        ),
      };
    }
    return { document };
  }
}
