import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { DomainError, ErrorCode, INTERNAL_ERROR_MESSAGE, isOutage, toClientError } from "./errors.js";

const formatted = (error: GraphQLError) => error.toJSON();

describe("toClientError", () => {
  it("keeps a domain error's code and message", () => {
    const error = new GraphQLError("x", { path: ["opportunity"], originalError: new DomainError(ErrorCode.CONFLICT, "stale") });
    expect(toClientError(formatted(error), error, () => undefined)).toMatchObject({ message: "stale", extensions: { code: "CONFLICT" } });
  });

  it("masks anything else, SQL and stack included, and reports it", () => {
    const seen: unknown[] = [];
    const sqlError = Object.assign(new Error('relation "opportunity" does not exist'), { query: "SELECT * FROM opportunity" });
    const error = new GraphQLError(sqlError.message, { path: ["opportunities"], originalError: sqlError });
    const result = toClientError(formatted(error), error, (e) => seen.push(e));
    expect(result).toEqual({
      message: INTERNAL_ERROR_MESSAGE,
      path: ["opportunities"],
      locations: undefined,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
    expect(JSON.stringify(result)).not.toMatch(/SELECT|relation|stack/);
    expect(seen).toEqual([sqlError]);
  });

  it("passes request errors (syntax, validation) through with their code", () => {
    const error = new GraphQLError('Cannot query field "nope" on type "Query".', { extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
    expect(toClientError(formatted(error), error, () => undefined).extensions).toEqual({ code: "GRAPHQL_VALIDATION_FAILED" });
  });

  it("answers SERVICE_UNAVAILABLE with retryAfter when PostgreSQL or Redis is out of reach, and reports it", () => {
    const seen: unknown[] = [];
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const error = new GraphQLError(refused.message, { path: ["logActivity"], originalError: refused });
    expect(toClientError(formatted(error), error, (e) => seen.push(e))).toEqual({
      message: "The service is temporarily unavailable; retry in 5 s",
      path: ["logActivity"],
      locations: undefined,
      extensions: { code: "SERVICE_UNAVAILABLE", retryAfter: 5 },
    });
    expect(seen).toEqual([refused]);
  });
});

describe("isOutage", () => {
  const pgError = (code: string, severity = "ERROR", message = "x") => Object.assign(new Error(message), { code, severity });
  class ClientClosedError extends Error {}
  it.each([
    ["a refused connection", Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })],
    ["both addresses refused (AggregateError)", new AggregateError([Object.assign(new Error("a"), { code: "ECONNREFUSED" })], "")],
    ["the pool's connect timeout", new Error("timeout exceeded when trying to connect")],
    ["a cut connection", new Error("Connection terminated unexpectedly")],
    ["admin shutdown (57P01) inside TypeORM's QueryFailedError", Object.assign(new Error("q"), { driverError: pgError("57P01", "FATAL") })],
    ["the server starting or stopping (57P03)", pgError("57P03")],
    ["a connection exception (class 08)", pgError("08006")],
    ["a FATAL at sign-in (database not accepting connections)", pgError("55000", "FATAL")],
    ["a closed Redis client", new ClientClosedError("The client is closed")],
  ])("sees %s", (_what, error) => expect(isOutage(error)).toBe(true));

  it.each([
    ["a unique violation", pgError("23505")],
    ["invalid text (22021)", pgError("22021")],
    ["a plain bug", new TypeError("x is undefined")],
    ["not an error", "ECONNREFUSED"],
  ])("does not see %s", (_what, error) => expect(isOutage(error)).toBe(false));
});
