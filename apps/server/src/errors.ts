import { GraphQLError } from "graphql";
import type { GraphQLFormattedError } from "graphql";
import { ArgumentValidationError } from "type-graphql";
import type { ValidationError } from "class-validator";
import { ErrorCode } from "@cosell/schema";

/** The error codes of the public API (DESIGN.md section 3), shared with clients; re-exported for the server's modules. */
export { ErrorCode };

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

export const notFound = (what = "Object"): DomainError => new DomainError(ErrorCode.NOT_FOUND, `${what} not found`);
export const forbidden = (message: string): DomainError => new DomainError(ErrorCode.FORBIDDEN, message);
export const badInput = (field: string, message: string, details: Record<string, unknown> = {}): DomainError =>
  new DomainError(ErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { ...details, field });
export const conflict = (message: string, details: Record<string, unknown> = {}): DomainError =>
  new DomainError(ErrorCode.CONFLICT, message, details);
export const unauthenticated = (message = "Sign in or send an API token"): DomainError =>
  new DomainError(ErrorCode.UNAUTHENTICATED, message);

/** Seconds a client should wait before retrying after SERVICE_UNAVAILABLE (`extensions.retryAfter`). */
export const RETRY_AFTER_SECONDS = 5;

export const SERVICE_UNAVAILABLE_MESSAGE = `The service is temporarily unavailable; retry in ${RETRY_AFTER_SECONDS} s`;

export const serviceUnavailable = (): DomainError =>
  new DomainError(ErrorCode.SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE_MESSAGE, { retryAfter: RETRY_AFTER_SECONDS });

/** Network errors of a socket to PostgreSQL or Redis that never opened or was cut. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
]);
/**
 * PostgreSQL: admin or crash shutdown, starting up or shutting down, too many connections; class
 * 08 (connection exception) is matched by its prefix.
 */
const POSTGRES_CODES = new Set(["57P01", "57P02", "57P03", "53300"]);
/** node-redis errors of a client that is not connected (by class name: errors.ts stays free of drivers). */
const REDIS_ERRORS = new Set([
  "ClientClosedError",
  "ClientOfflineError",
  "ConnectionTimeoutError",
  "SocketTimeoutError",
  "SocketClosedUnexpectedlyError",
  "ReconnectStrategyError",
]);
/** pg and pg-pool say these only in prose. */
const CONNECTION_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|is not queryable|not currently accepting connections/;

/**
 * Whether `error` (or what it wraps: TypeORM's driverError, a cause, an AggregateError's errors)
 * says PostgreSQL or Redis could not be reached, rather than that this request was wrong.
 */
export function isOutage(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const { code, severity } = error as { code?: unknown; severity?: unknown };
  if (typeof code === "string" && (NETWORK_CODES.has(code) || POSTGRES_CODES.has(code) || /^08/.test(code))) return true;
  // A FATAL or PANIC from PostgreSQL ends the session: the connection is gone, whatever the code.
  if (severity === "FATAL" || severity === "PANIC") return true;
  if (REDIS_ERRORS.has(error.constructor.name) || CONNECTION_MESSAGES.test(error.message)) return true;
  const wrapped = [(error as { driverError?: unknown }).driverError, error.cause, ...(error instanceof AggregateError ? error.errors : [])];
  return wrapped.some((inner) => isOutage(inner, depth + 1));
}

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
 * input validation becomes BAD_USER_INPUT naming the field; PostgreSQL or Redis out of reach becomes
 * SERVICE_UNAVAILABLE with `retryAfter` (seconds); everything else is masked.
 */
export function toClientError(
  formatted: GraphQLFormattedError,
  error: unknown,
  onInternal: (error: unknown) => void,
): GraphQLFormattedError {
  let original: unknown = error;
  while (original instanceof GraphQLError && original.originalError) original = original.originalError;
  const base = { locations: formatted.locations, path: formatted.path };

  if (isOutage(original)) {
    onInternal(original);
    return {
      ...base,
      message: SERVICE_UNAVAILABLE_MESSAGE,
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryAfter: RETRY_AFTER_SECONDS },
    };
  }
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
