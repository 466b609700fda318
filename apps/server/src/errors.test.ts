import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { DomainError, ErrorCode, INTERNAL_ERROR_MESSAGE, toClientError } from "./errors.js";

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
    expect(result).toEqual({ message: INTERNAL_ERROR_MESSAGE, path: ["opportunities"], locations: undefined, extensions: { code: "INTERNAL_SERVER_ERROR" } });
    expect(JSON.stringify(result)).not.toMatch(/SELECT|relation|stack/);
    expect(seen).toEqual([sqlError]);
  });

  it("passes request errors (syntax, validation) through with their code", () => {
    const error = new GraphQLError('Cannot query field "nope" on type "Query".', { extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
    expect(toClientError(formatted(error), error, () => undefined).extensions).toEqual({ code: "GRAPHQL_VALIDATION_FAILED" });
  });
});
