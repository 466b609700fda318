import { GraphQLError, parse, specifiedRules, validate } from "graphql";
import type { DocumentNode, GraphQLSchema } from "graphql";
import { LIMIT_RULES, PARSE_OPTIONS } from "./limits/index.js";

/** graphql-js's rules plus cosell's limits: what every document on the socket is validated with. */
const VALIDATION_RULES = [...specifiedRules, ...LIMIT_RULES];

/** A document ready to execute, or the errors that refuse it. */
export type PreparedDocument = { readonly document: DocumentNode; readonly errors?: undefined } | { readonly document?: undefined; readonly errors: readonly GraphQLError[] };

/** Documents longer than this are prepared every time instead of being cached (bounds the cache's memory). */
export const CACHEABLE_QUERY_LENGTH = 16 * 1024;

/**
 * Parses and validates documents once: a bounded LRU keyed by the query text. Results depend only
 * on the text and the schema, so refusals are cached too.
 */
export class DocumentCache {
  private readonly entries = new Map<string, PreparedDocument>();

  constructor(
    private readonly schema: GraphQLSchema,
    /** Most documents kept; the least recently used goes first. */
    readonly capacity = 1_000,
  ) {}

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
    const errors = validate(this.schema, document, VALIDATION_RULES);
    if (errors.length > 0) {
      return {
        errors: errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { ...e.extensions, code: "GRAPHQL_VALIDATION_FAILED" } })),
      };
    }
    return { document };
  }
}
