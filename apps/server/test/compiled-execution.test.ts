import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  GraphQLError,
  Kind,
  execute,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  parse,
  print,
  specifiedRules,
  typeFromAST,
  validate,
} from "graphql";
import type { DocumentNode, ExecutionResult, GraphQLInputType, GraphQLSchema, OperationDefinitionNode } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../src/auth/viewer.js";
import { loadConfig } from "../src/config.js";
import { createContext, viewerFromAuthorization } from "../src/context.js";
import { toClientError } from "../src/errors.js";
import { compiledExecutor } from "../src/execution.js";
import { cosellSchema } from "../src/schema/build.js";
import { DEMO_PASSWORD } from "../src/seed/demo.js";
import { startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { randomGlobalId } from "./helpers.js";

/**
 * Compiled execution answers exactly as graphql-js does. Every operation the web app sends
 * (apps/web/src/gql/graphql.ts) and every document the server's tests send (the GraphQL in
 * test/*.ts) runs on the same seeded database, as people of every organization, an API token and
 * nobody, with typical, foreign and malformed variables, once through graphql-js's `execute` and
 * once compiled; data and the errors a client receives (after `toClientError`) must be equal.
 * Queries run both ways; a mutation runs compiled only after graphql-js refused it (a refusal
 * writes nothing, so the second run meets the same state), which covers every refusal path.
 * `GRAPHQL_EXECUTION=verify` does the same inside any test file's server (test/fixtures.ts).
 */
let t: TestServer;
let schema: GraphQLSchema;
const viewers = new Map<string, Viewer | null>();
const ids: Record<string, string[]> = {};

beforeAll(async () => {
  // Failed sign-ins are the one refusal that changes state (the throttle counts them): generous
  // limits keep the second run meeting the state the first met.
  t = await startTestServer({
    loginThrottle: { ...loadConfig({}).loginThrottle, accountFreeFailures: 1_000, addressFreeFailures: 100_000 },
  });
  schema = await cosellSchema();
  const emails = [
    "ana@acme.test",
    "max@acme.test",
    "ada@acme.test",
    "lee@pixel.test",
    "pat@pixel.test",
    "sam@paperworks.test",
    "gus@globex.test",
  ];
  for (const email of emails) {
    viewers.set(email, await viewerFromAuthorization(t.server.services, `Bearer ${await t.login(email, DEMO_PASSWORD)}`));
  }
  const max = await t.login("max@acme.test");
  const token = await t.gql(`mutation { createApiToken(input: { name: "diff", scopes: [READ] }) { token } }`, {}, max);
  viewers.set("Acme API token (READ)", await viewerFromAuthorization(t.server.services, `Bearer ${token.data!.createApiToken.token}`));
  viewers.set("nobody", null);

  const world = await t.gql(
    `{ opportunities(first: 100) { edges { node { id account { id } members { user { id organization { id } } } } } } }`,
    {},
    max,
  );
  const nodes = world.data!.opportunities.edges.map((e: { node: Record<string, any> }) => e.node);
  ids.Opportunity = [...new Set<string>(nodes.map((n: any) => n.id))].slice(0, 3);
  ids.Account = [...new Set<string>(nodes.map((n: any) => n.account.id))].slice(0, 2);
  const members = nodes.flatMap((n: any) => n.members.map((m: any) => m.user));
  ids.User = [...new Set<string>(members.map((u: any) => u.id))].slice(0, 3);
  ids.Organization = [...new Set<string>(members.map((u: any) => u.organization.id))].slice(0, 2);
}, 60_000);
afterAll(() => t?.close());

/** The web app's operations, from its generated documents. */
function webDocuments(): DocumentNode[] {
  const text = readFileSync(new URL("../../web/src/gql/graphql.ts", import.meta.url), "utf8");
  return [...text.matchAll(/^export const \w+Document = (\{.*\}) as unknown as DocumentNode/gm)].map((m) =>
    parse(print(JSON.parse(m[1]!) as DocumentNode)),
  );
}

/** Every GraphQL document written in the server's tests (template strings without interpolation that validate). */
function testDocuments(schema: GraphQLSchema): DocumentNode[] {
  const dir = new URL(".", import.meta.url).pathname;
  const found = new Map<string, DocumentNode>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    const text = readFileSync(join(dir, file), "utf8");
    for (const m of text.matchAll(/`\s*((?:query|mutation|subscription)\b[^`$]*|\{[^`$]*)`/g)) {
      try {
        const document = parse(m[1]!);
        if (validate(schema, document, specifiedRules).length === 0) found.set(print(document), document);
      } catch {
        // Not GraphQL (a JSON or CSV literal, say).
      }
    }
  }
  return [...found.values()];
}

/** A value for an input type: `choice` picks among the seeded ids (0: the first, 1: another, 2: one that does not exist). */
function sample(type: GraphQLInputType, name: string, choice: number, depth = 0): unknown {
  const nullable = getNullableType(type) as GraphQLInputType;
  if (isListType(nullable)) return [sample(nullable.ofType, name, choice, depth + 1)];
  const named = getNamedType(nullable);
  if (isEnumType(named)) return named.getValues()[choice % named.getValues().length]!.name;
  if (isInputObjectType(named)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(named.getFields())) {
      if (isNonNullType(field.type) || depth === 0) out[field.name] = sample(field.type, field.name, choice, depth + 1);
    }
    return out;
  }
  switch (named.name) {
    case "ID": {
      const kind = /user|assignee/i.test(name)
        ? "User"
        : /account/i.test(name)
          ? "Account"
          : /organization/i.test(name)
            ? "Organization"
            : "Opportunity";
      return choice === 2 ? randomGlobalId(kind) : ids[kind]![choice % ids[kind]!.length];
    }
    case "Int":
      return [5, 1, -1][choice];
    case "Float":
      return 1.5;
    case "Boolean":
      return choice !== 1;
    default:
      if (/date|at$/i.test(name)) return ["2027-03-31", "2027-06-30T12:00:00Z", "not a date"][choice];
      if (/amount/i.test(name)) return ["1250.00", "99", "-1"][choice];
      if (/currency/i.test(name)) return ["USD", "EUR", "usd"][choice];
      if (/email/i.test(name)) return "ana@acme.test";
      if (/url/i.test(name)) return "https://hooks.example/cosell";
      return ["Compiled and interpreted alike", "", "x".repeat(3)][choice];
  }
}

/** Typical, other and missing-or-foreign variables, then variables of the wrong type. */
function variableSets(operation: OperationDefinitionNode): Record<string, unknown>[] {
  const definitions = operation.variableDefinitions ?? [];
  const sets = [0, 1, 2].map((choice) =>
    Object.fromEntries(
      definitions.map((d) => [
        d.variable.name.value,
        sample(typeFromAST(schema, d.type) as GraphQLInputType, d.variable.name.value, choice),
      ]),
    ),
  );
  if (definitions.length > 0) sets.push(Object.fromEntries(definitions.map((d) => [d.variable.name.value, { wrong: ["type"] }])));
  return sets;
}

/** What the client receives: data, and errors masked by the one mapping. */
function asClientSees(result: ExecutionResult): unknown {
  return {
    data: result.data,
    errors: result.errors?.map((error) =>
      toClientError(error instanceof GraphQLError ? error.toJSON() : { message: String(error) }, error, () => undefined),
    ),
  };
}

describe("compiled execution", () => {
  it("answers every operation of the web app and the server's tests exactly as graphql-js, for every kind of caller", async () => {
    const compiled = compiledExecutor(schema);
    const documents = [...webDocuments(), ...testDocuments(schema)];
    const differences: unknown[] = [];
    const counts = { queries: 0, refusedMutations: 0, appliedMutations: 0, withErrors: 0, withData: 0 };
    for (const document of documents) {
      const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      if (operation.operation === "subscription") continue;
      for (const variables of variableSets(operation)) {
        for (const [who, viewer] of viewers) {
          const args = (contextValue: unknown) => ({ schema, document, variableValues: variables, contextValue });
          const reference = asClientSees(await execute(args(createContext(t.server.services, viewer))));
          const refused = (reference as { errors?: unknown[] }).errors !== undefined;
          if (operation.operation === "mutation" && !refused) {
            counts.appliedMutations += 1;
            continue;
          }
          const mine = asClientSees(await compiled.execute(args(createContext(t.server.services, viewer))));
          counts[operation.operation === "mutation" ? "refusedMutations" : "queries"] += 1;
          if (refused) counts.withErrors += 1;
          if ((reference as { data?: unknown }).data) counts.withData += 1;
          try {
            expect(mine).toEqual(reference);
          } catch {
            differences.push({ operation: print(document).slice(0, 200), who, variables, compiled: mine, reference });
          }
        }
      }
    }
    expect(differences).toEqual([]);
    // The corpus reached every path that matters: answers, refusals (including malformed variables,
    // answered by graphql-js), mutations refused for rights or input.
    expect(documents.length).toBeGreaterThan(60);
    expect(counts.queries).toBeGreaterThan(1_000);
    expect(counts.refusedMutations).toBeGreaterThan(500);
    expect(counts.withData).toBeGreaterThan(300);
    expect(counts.withErrors).toBeGreaterThan(300);
  }, 300_000);

  it("falls back to graphql-js for what graphql-jit cannot compile, once per operation", async () => {
    const compiled = compiledExecutor(schema, { capacity: 2 });
    const context = createContext(t.server.services, viewers.get("ana@acme.test")!);
    // A document with two operations and no name chosen: graphql-jit refuses to compile it.
    const ambiguous = parse(`query A { viewer { name } } query B { viewer { email } }`);
    const first = await compiled.execute({ schema, document: ambiguous, contextValue: context });
    expect(first).toEqual(await execute({ schema, document: ambiguous, contextValue: context }));
    expect(first.errors?.[0]?.message).toBe("Must provide operation name if query contains multiple operations.");
    await compiled.execute({ schema, document: ambiguous, contextValue: context });
    expect(compiled.fallbacks).toBe(1);
    // The cache is bounded: the least recently used operation goes, however long ago it came in.
    const run = (document: DocumentNode) => compiled.execute({ schema, document, contextValue: context });
    await run(parse(`{ viewer { id } }`));
    await run(ambiguous); // used again: now the most recent of the two held
    await run(parse(`{ viewer { name } }`)); // evicts `{ viewer { id } }`, not the older arrival
    expect(compiled.size).toBe(2);
    await run(ambiguous);
    expect(compiled.fallbacks).toBe(1); // still held: not compiled again
    await run(parse(`{ viewer { email } }`));
    await run(parse(`{ viewer { id } }`));
    await run(ambiguous);
    expect(compiled.fallbacks).toBe(2); // evicted by the two newer ones, compiled again
    expect(compiled.size).toBe(2);
  });
});
