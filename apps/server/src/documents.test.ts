import { describe, expect, it } from "vitest";
import { cosellSchema } from "./schema/build.js";
import { DocumentCache } from "./documents.js";
import { LIMITS } from "./limits/index.js";

const nested = (depth: number): string => `{ viewer { ${"organization { members { ".repeat(depth)} name ${"} } ".repeat(depth)} } }`;

describe("the document cache of the socket path", () => {
  it("parses and validates a query once, and forgets the least recently used beyond its capacity", async () => {
    const cache = new DocumentCache(await cosellSchema(), 2);
    const a = cache.prepare("{ viewer { id } }");
    expect(a.errors).toBeUndefined();
    expect(cache.prepare("{ viewer { id } }").document).toBe(a.document);
    cache.prepare("{ viewer { name } }");
    cache.prepare("{ viewer { id } }"); // now the most recent
    cache.prepare("{ viewer { email } }");
    expect(cache.size).toBe(2);
    expect(cache.prepare("{ viewer { id } }").document).toBe(a.document);
  });

  it("refuses documents nested deeper than the limit, fragments included, without looping on cycles", async () => {
    const cache = new DocumentCache(await cosellSchema());
    expect(cache.prepare(nested(4)).errors).toBeUndefined(); // depth 10
    expect(cache.prepare(nested(5)).errors?.[0]?.message).toMatch(new RegExp(`depth limit of ${LIMITS.depth}`, "i"));
    const viaFragments = `{ viewer { ...A } } fragment A on User { organization { members { ...B } } } fragment B on User { organization { members { organization { members { organization { members { organization { members { name } } } } } } } } }`;
    expect(cache.prepare(viaFragments).errors?.map((e) => e.extensions.code)).toContain("GRAPHQL_VALIDATION_FAILED");
    // A spread adds no level of its own: the same ten levels as nested(4), split across fragments, pass.
    const tenLevelsViaFragments = `{ viewer { ...C } } fragment C on User { organization { members { ...D } } } fragment D on User { organization { members { organization { members { organization { members { name } } } } } } }`;
    expect(cache.prepare(tenLevelsViaFragments).errors).toBeUndefined();
    const cycle = `{ viewer { ...A } } fragment A on User { organization { members { ...A } } }`;
    expect(cache.prepare(cycle).errors?.length).toBeGreaterThan(0);
  });

  it("reports syntax errors as GRAPHQL_PARSE_FAILED", async () => {
    const cache = new DocumentCache(await cosellSchema());
    expect(cache.prepare("{ viewer {").errors?.[0]?.extensions.code).toBe("GRAPHQL_PARSE_FAILED");
  });

  it("refuses introspection and drops field suggestions when told to, as production's HTTP path does", async () => {
    const schema = await cosellSchema();
    const open = new DocumentCache(schema);
    expect(open.prepare("{ __schema { queryType { name } } }").errors).toBeUndefined();
    expect(open.prepare("{ viewr { id } }").errors?.[0]?.message).toMatch(/Did you mean "viewer"\?/);

    const closed = new DocumentCache(schema, 10, { introspection: false, suggestions: false });
    expect(closed.prepare("{ __schema { queryType { name } } }").errors?.[0]?.message).toMatch(/introspection has been disabled/);
    expect(closed.prepare('{ __type(name: "User") { name } }').errors?.[0]?.extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(closed.prepare("{ __typename viewer { __typename id } }").errors).toBeUndefined();
    const typo = closed.prepare("{ viewr { id } }").errors;
    expect(typo?.[0]?.message).toBe('Cannot query field "viewr" on type "Query".');
  });
});
