/**
 * The `extensions.code` values the API puts on domain errors (DESIGN.md section 3). The server
 * throws them; clients branch on them.
 */
export const ErrorCode = {
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  BAD_USER_INPUT: "BAD_USER_INPUT",
  CONFLICT: "CONFLICT",
  RATE_LIMITED: "RATE_LIMITED",
  /** A cap on live connections: too many operations on one socket. Waiting does not help; ending one does. */
  LIMIT_EXCEEDED: "LIMIT_EXCEEDED",
  /** PostgreSQL or Redis is unreachable: retry after `extensions.retryAfter` seconds. */
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  /** Another partner firm's registration of the same account is already approved and protected: this one cannot be approved. */
  REGISTRATION_CONFLICT: "REGISTRATION_CONFLICT",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const ERROR_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

export const isErrorCode = (code: unknown): code is ErrorCode => typeof code === "string" && ERROR_CODES.has(code);
