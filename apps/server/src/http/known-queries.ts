import type { ApolloServerPlugin } from "@apollo/server";
import { getOperationAST } from "graphql";
import type { DocumentNode } from "graphql";

/**
 * Queries Apollo Server has already parsed and validated (with cosell's limit rules), by their
 * source text, so the next request with the same text can skip Apollo's request pipeline (hashing
 * the text, looking the document up, running each plugin hook, formatting the result) and go
 * straight to the caller's context, the cost budget and the compiled execution: see `answerKnown`
 * in app.ts. Only queries are remembered, only as many as `KNOWN_QUERIES_MAX`; anything else, and
 * any answer with an error, takes Apollo's path, which stays the one that speaks for the API.
 */
export const KNOWN_QUERIES_MAX = 1_000;

/** How many content types (one per distinct `Accept` header) are remembered. */
const CONTENT_TYPES_MAX = 64;

/** A request that can take the known path: its validated document and what to answer it as. */
export interface KnownQuery {
  readonly document: DocumentNode;
  readonly operationName: string | undefined;
  readonly variables: Readonly<Record<string, unknown>> | undefined;
  /** The content type Apollo chose for this `Accept` header. */
  readonly contentType: string;
}

export interface KnownQueries {
  /** Remembers each query operation Apollo resolved (after parsing and validation). */
  readonly plugin: ApolloServerPlugin<object>;
  /** Remembers the content type Apollo answered a successful request with, per `Accept` header. */
  learnContentType(accept: string | undefined, contentType: string | undefined): void;
  /** The known query a POST body asks for, or null when Apollo must answer it. */
  match(body: unknown, accept: string | undefined): KnownQuery | null;
  /** How many requests took the known path (tests and benchmarks read it). */
  readonly answered: number;
  /** Counts one request answered on the known path. */
  count(): void;
}

export function knownQueries(): KnownQueries {
  const documents = new Map<string, DocumentNode>();
  const contentTypes = new Map<string, string>();
  let answered = 0;
  return {
    plugin: {
      async requestDidStart() {
        return {
          async didResolveOperation({ request, document, operation }) {
            if (operation?.operation !== "query" || typeof request.query !== "string") return;
            if (documents.size < KNOWN_QUERIES_MAX || documents.has(request.query)) documents.set(request.query, document);
          },
        };
      },
    },
    learnContentType(accept, contentType) {
      if (!contentType || (contentTypes.size >= CONTENT_TYPES_MAX && !contentTypes.has(accept ?? ""))) return;
      contentTypes.set(accept ?? "", contentType);
    },
    match(body, accept) {
      if (typeof body !== "object" || body === null || Array.isArray(body)) return null;
      const { query, operationName, variables, extensions, ...rest } = body as Record<string, unknown>;
      // Anything Apollo would read or refuse beyond a plain query (persisted queries, other fields) is Apollo's.
      if (typeof query !== "string" || extensions !== undefined || Object.keys(rest).length > 0) return null;
      if (operationName !== undefined && operationName !== null && typeof operationName !== "string") return null;
      if (variables !== undefined && variables !== null && (typeof variables !== "object" || Array.isArray(variables))) return null;
      const document = documents.get(query);
      const contentType = contentTypes.get(accept ?? "");
      if (!document || !contentType) return null;
      const name = operationName ?? undefined;
      if (getOperationAST(document, name)?.operation !== "query") return null;
      return { document, operationName: name, variables: (variables ?? undefined) as KnownQuery["variables"], contentType };
    },
    get answered() {
      return answered;
    },
    count() {
      answered += 1;
    },
  };
}
