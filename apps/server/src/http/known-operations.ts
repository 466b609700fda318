import type { ApolloServerPlugin } from "@apollo/server";
import { getOperationAST } from "graphql";
import type { DocumentNode } from "graphql";

/**
 * Operations Apollo Server has already parsed and validated (with cosell's limit rules), by their
 * source text, so the next request with the same text can skip Apollo's request pipeline (hashing
 * the text, looking the document up, running each plugin hook, shaping the result) and go straight
 * to the caller's context, the cost budget and the compiled execution: see `answerKnown` in app.ts.
 * Queries and mutations are remembered (subscriptions are the socket's), at most
 * `KNOWN_OPERATIONS_MAX`. Only an answer without errors is sent from there; any other is Apollo's
 * to shape from the result already computed, so Apollo stays the one that speaks for the API.
 */
export const KNOWN_OPERATIONS_MAX = 1_000;

/** How many content types (one per distinct `Accept` header) are remembered. */
const CONTENT_TYPES_MAX = 64;

/** A request that can take the known path: its validated document and what to answer it as. */
export interface KnownOperation {
  readonly document: DocumentNode;
  readonly operationName: string | undefined;
  readonly variables: Readonly<Record<string, unknown>> | undefined;
  /** The content type Apollo chose for this `Accept` header. */
  readonly contentType: string;
}

export interface KnownOperations {
  /** Remembers each query and mutation Apollo resolved (after parsing and validation). */
  readonly plugin: ApolloServerPlugin<object>;
  /** Remembers the content type Apollo answered a successful request with, per `Accept` header. */
  learnContentType(accept: string | undefined, contentType: string | undefined): void;
  /** The known operation a POST body asks for, or null when Apollo must answer it. */
  match(body: unknown, accept: string | undefined): KnownOperation | null;
  /** How many requests ran on the known path: answered there, or handed to Apollo with their result. */
  readonly counts: { readonly answered: number; readonly handedOver: number };
  /** Counts one request that ran on the known path. */
  count(outcome: "answered" | "handedOver"): void;
}

export function knownOperations(): KnownOperations {
  const documents = new Map<string, DocumentNode>();
  const contentTypes = new Map<string, string>();
  const counts = { answered: 0, handedOver: 0 };
  return {
    plugin: {
      async requestDidStart() {
        return {
          async didResolveOperation({ request, document, operation }) {
            const kind = operation?.operation;
            if ((kind !== "query" && kind !== "mutation") || typeof request.query !== "string") return;
            if (documents.size < KNOWN_OPERATIONS_MAX || documents.has(request.query)) documents.set(request.query, document);
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
      // Anything Apollo would read or refuse beyond a plain operation (persisted queries, other fields) is Apollo's.
      if (typeof query !== "string" || extensions !== undefined || Object.keys(rest).length > 0) return null;
      if (operationName !== undefined && operationName !== null && typeof operationName !== "string") return null;
      if (variables !== undefined && variables !== null && (typeof variables !== "object" || Array.isArray(variables))) return null;
      const document = documents.get(query);
      const contentType = contentTypes.get(accept ?? "");
      if (!document || !contentType) return null;
      const name = operationName ?? undefined;
      const kind = getOperationAST(document, name)?.operation;
      if (kind !== "query" && kind !== "mutation") return null;
      return { document, operationName: name, variables: (variables ?? undefined) as KnownOperation["variables"], contentType };
    },
    counts,
    count(outcome) {
      counts[outcome] += 1;
    },
  };
}
