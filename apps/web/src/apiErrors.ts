import type { ErrorLike } from "@apollo/client";
import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";
import { ErrorCode, isErrorCode } from "@cosell/schema";

/** The domain codes of an operation's GraphQL errors; empty for transport failures. */
export function apiErrorCodes(error: unknown): ErrorCode[] {
  if (!CombinedGraphQLErrors.is(error)) return [];
  return error.errors.map((e) => e.extensions?.["code"]).filter(isErrorCode);
}

/**
 * True when the server no longer accepts the caller's credentials: a GraphQL error coded
 * UNAUTHENTICATED, or an HTTP 401 from in front of the GraphQL layer.
 */
export function isUnauthenticated(error: unknown): boolean {
  if (ServerError.is(error)) return error.statusCode === 401;
  return apiErrorCodes(error).includes(ErrorCode.UNAUTHENTICATED);
}

/**
 * A sentence to show a person for a failed operation. The server's messages for domain errors
 * are written for people; anything else (a masked internal error, a network failure) is not.
 */
export function describeError(error: ErrorLike): string {
  if (CombinedGraphQLErrors.is(error)) {
    const messages = error.errors.filter((e) => isErrorCode(e.extensions?.["code"])).map((e) => e.message);
    return messages.length > 0 ? [...new Set(messages)].join(" ") : "Something went wrong on the server. Please try again.";
  }
  if (ServerError.is(error)) {
    return `The server could not answer (HTTP ${error.statusCode}). Please try again.`;
  }
  return "Could not reach the server. Check your connection and try again.";
}
