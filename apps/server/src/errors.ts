import { GraphQLError } from "graphql";
import type { GraphQLFormattedError } from "graphql";
import { ArgumentValidationError } from "type-graphql";
import type { ValidationError } from "class-validator";

/** The error codes of the public API (DESIGN.md section 3). */
export enum ErrorCode {
  UNAUTHENTICATED = "UNAUTHENTICATED",
  FORBIDDEN = "FORBIDDEN",
  NOT_FOUND = "NOT_FOUND",
  BAD_USER_INPUT = "BAD_USER_INPUT",
  CONFLICT = "CONFLICT",
  RATE_LIMITED = "RATE_LIMITED",
  /** A cap on live connections: too many operations on one socket. Waiting does not help; ending one does. */
  LIMIT_EXCEEDED = "LIMIT_EXCEEDED",
}

/** A rule of the domain said no. Services throw these; `toGraphQLError` is the only mapping. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = (what = "Object"): DomainError =>
  new DomainError(ErrorCode.NOT_FOUND, `${what} not found`);
export const forbidden = (message: string): DomainError => new DomainError(ErrorCode.FORBIDDEN, message);
export const badInput = (field: string, message: string): DomainError =>
  new DomainError(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });
export const conflict = (message: string, details: Record<string, unknown> = {}): DomainError =>
  new DomainError(ErrorCode.CONFLICT, message, details);
export const unauthenticated = (message = "Sign in or send an API token"): DomainError =>
  new DomainError(ErrorCode.UNAUTHENTICATED, message);

/** Error codes graphql-js and Apollo produce themselves for malformed requests; safe to pass through. */
const REQUEST_ERROR_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

export const INTERNAL_ERROR_MESSAGE = "Internal server error";

function flattenValidation(errors: readonly ValidationError[], prefix = ""): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidation(error.children ?? [], field)];
  });
}

/**
 * Maps any error a resolver threw to what a client may see. Domain errors keep their code and message;
 * input validation becomes BAD_USER_INPUT naming the field; everything else is masked.
 */
export function toClientError(
  formatted: GraphQLFormattedError,
  error: unknown,
  onInternal: (error: unknown) => void,
): GraphQLFormattedError {
  let original: unknown = error;
  while (original instanceof GraphQLError && original.originalError) original = original.originalError;
  const base = { locations: formatted.locations, path: formatted.path };

  if (original instanceof DomainError) {
    return { ...base, message: original.message, extensions: { ...original.details, code: original.code } };
  }
  if (original instanceof ArgumentValidationError) {
    const problems = flattenValidation(original.extensions.validationErrors as ValidationError[]);
    const first = problems[0];
    return {
      ...base,
      message: first ? `${first.field}: ${first.message}` : "Invalid input",
      extensions: { code: ErrorCode.BAD_USER_INPUT, field: first?.field, problems },
    };
  }
  if (original instanceof GraphQLError && formatted.path === undefined) {
    // Raised by graphql-js or Apollo about the request itself (syntax, validation, variables): safe to show.
    const code = formatted.extensions?.code;
    return {
      message: formatted.message,
      locations: formatted.locations,
      extensions: { code: typeof code === "string" && REQUEST_ERROR_CODES.has(code) ? code : ErrorCode.BAD_USER_INPUT },
    };
  }
  onInternal(original);
  return { ...base, message: INTERNAL_ERROR_MESSAGE, extensions: { code: "INTERNAL_SERVER_ERROR" } };
}
