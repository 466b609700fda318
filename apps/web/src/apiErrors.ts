import type { ErrorLike } from "@apollo/client";
import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";

/** The `extensions.code` values the cosell API puts on its errors (DESIGN.md section 3). */
export type ApiErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "BAD_USER_INPUT"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "SERVICE_UNAVAILABLE";

const knownCodes: ReadonlySet<string> = new Set<ApiErrorCode>([
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "BAD_USER_INPUT",
  "CONFLICT",
  "RATE_LIMITED",
  "SERVICE_UNAVAILABLE",
]);

function isApiErrorCode(code: unknown): code is ApiErrorCode {
  return typeof code === "string" && knownCodes.has(code);
}

/** The domain codes of an operation's GraphQL errors; empty for transport failures. */
export function apiErrorCodes(error: unknown): ApiErrorCode[] {
  if (!CombinedGraphQLErrors.is(error)) return [];
  return error.errors.map((e) => e.extensions?.["code"]).filter(isApiErrorCode);
}

/**
 * True when the server no longer accepts the caller's credentials: a GraphQL error coded
 * UNAUTHENTICATED, or an HTTP 401 from in front of the GraphQL layer.
 */
export function isUnauthenticated(error: unknown): boolean {
  if (ServerError.is(error)) return error.statusCode === 401;
  return apiErrorCodes(error).includes("UNAUTHENTICATED");
}

/**
 * A sentence to show a person for a failed operation. The server's messages for domain errors
 * are written for people; anything else (a masked internal error, a network failure) is not.
 */
export function describeError(error: ErrorLike): string {
  if (CombinedGraphQLErrors.is(error)) {
    const messages = error.errors
      .filter((e) => isApiErrorCode(e.extensions?.["code"]))
      .map((e) => e.message);
    return messages.length > 0
      ? [...new Set(messages)].join(" ")
      : "Something went wrong on the server. Please try again.";
  }
  if (ServerError.is(error)) {
    return `The server could not answer (HTTP ${error.statusCode}). Please try again.`;
  }
  return "Could not reach the server. Check your connection and try again.";
}
