import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leanEntity } from "../src/db/lean.js";
import { projectionOf, projectionTiers } from "../src/db/projection.js";
import { Commitment } from "../src/modules/commitment/commitment.entity.js";
import { cosellSchema } from "../src/schema/build.js";
import { Kind, parse, print, visit } from "graphql";
import type { ASTNode, DocumentNode, FragmentDefinitionNode, OperationDefinitionNode } from "graphql";
import { startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { statementsSent } from "./helpers.js";
import { webDocuments } from "./web-documents.js";

/**
 * Queries made only of fields whose reads are known have their deals, room members, last
 * activities, commitments and people read with only the columns they need (src/db/projection.ts).
 * Under the test runner an unread column throws when read, so every API test that selects such
 * fields also checks the table; here: the answers are those of a full read, and the SQL is narrower.
 */
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.close();
});

/** The bench's board (bench/src/scenarios/database.ts). */
const BOARD = `query Board($first: Int!) { opportunities(first: $first) { edges { node {
  id title stage version amount { amount currency }
  members { role access user { id name } }
  lastActivity { kind body createdAt }
  commitments(status: OPEN) { id title dueAt status assignee { id name } }
} } } }`;

/** The web app's board (apps/web/src/features/board), every field of the table at least once. */
const WEB_BOARD = `query WebBoard($first: Int!, $after: String) {
  opportunities(first: $first, after: $after) {
    edges { cursor node { id ...Card } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
fragment Card on Opportunity {
  id title stage version closeDate amount { amount currency } account { id name } organization { id name }
  owner { id name email role active organization { id name } }
  members { role access user { id name email role active organization { id name } } }
  lastActivity { id seq cursor kind body createdAt apiTokenName actor { id name } actorOrganization { id name } }
  commitments { id title status dueAt assignee { id name email } }
  __typename
}`;

/** The same query with a field the table does not know (`hash`): read with every column. */
const unprojected = (query: string) => query.replace("lastActivity {", "lastActivity { hash");

describe("a query made of known fields", () => {
  for (const [name, query] of [
    ["the bench's board", BOARD],
    ["the web app's board", WEB_BOARD],
  ] as const) {
    it(`answers as a full read would: ${name}, for a vendor and for a partner firm`, async () => {
      for (const email of ["ana@acme.test", "lee@pixel.test", "max@acme.test"]) {
        const token = await t.login(email);
        const narrow = await statementsSent(() => t.gql(query, { first: 50 }, token));
        const full = await statementsSent(() => t.gql(unprojected(query), { first: 50 }, token));
        expect(narrow.result.errors).toBeUndefined();
        expect(full.result.errors).toBeUndefined();
        const withoutHash = JSON.parse(JSON.stringify(full.result.data), (key, value) => (key === "hash" ? undefined : value));
        expect(narrow.result.data).toEqual(withoutHash);
        expect(narrow.result.data!.opportunities.edges.length).toBeGreaterThan(0);
        // The narrow read left columns out that the full one read.
        const list = (sent: string[]) => sent.find((text) => text.includes("FROM opportunity o WHERE"))!;
        expect(list(full.sent)).toContain("o.updated_at");
        expect(list(narrow.sent)).not.toContain("o.updated_at");
        const last = (sent: string[]) => sent.find((text) => text.includes("FROM activity a JOIN opportunity o"))!;
        expect(last(full.sent)).toContain("a.hash");
        expect(last(narrow.sent)).not.toContain("a.hash");
      }
    });
  }

  it("covers the web app's own board and room picker, which answer as full reads would", async () => {
    const schema = await cosellSchema();
    const { operations, fragments } = webDocuments();
    const documentOf = (operation: OperationDefinitionNode): DocumentNode => {
      // The fragments it spreads, and theirs.
      const used = new Map<string, FragmentDefinitionNode>();
      const spreadIn = (node: ASTNode) =>
        visit(node, {
          FragmentSpread(spread) {
            const fragment = fragments.find((f) => f.name.value === spread.name.value);
            if (fragment && !used.has(fragment.name.value)) {
              used.set(fragment.name.value, fragment);
              spreadIn(fragment);
            }
          },
        });
      spreadIn(operation);
      return { kind: Kind.DOCUMENT, definitions: [operation, ...used.values()] };
    };
    const projected = operations
      .filter((operation) => operation.operation === "query")
      .filter((operation) => projectionOf(schema, documentOf(operation), operation.name?.value) !== null)
      .map((operation) => operation.name?.value);
    // A screen whose query stops being projected (or starts) shows up here.
    expect(projected.sort()).toEqual(["Board", "RoomPicker"]);
    for (const name of projected) {
      const operation = operations.find((o) => o.name?.value === name)!;
      const query = print(documentOf(operation));
      // The same operation with one field the table does not know at its root: whole rows.
      const viewerField = (parse("{ viewer { id } }").definitions[0] as OperationDefinitionNode).selectionSet.selections[0]!;
      const whole = print(
        documentOf({
          ...operation,
          selectionSet: { ...operation.selectionSet, selections: [...operation.selectionSet.selections, viewerField] },
        }),
      );
      for (const email of ["ana@acme.test", "lee@pixel.test", "pat@pixel.test"]) {
        const token = await t.login(email);
        const narrow = await t.gql(query, { first: 50 }, token);
        const full = await t.gql(whole, { first: 50 }, token);
        expect(narrow.errors).toBeUndefined();
        expect(full.errors).toBeUndefined();
        const { viewer: _viewer, ...rest } = full.data!;
        expect(narrow.data).toEqual(rest);
        expect(narrow.data!.opportunities.edges.length).toBeGreaterThan(0);
      }
    }
  });

  it("is decided once per document, and never for mutations, subscriptions or unknown fields", async () => {
    const schema = await cosellSchema();
    const board = parse(BOARD);
    const projection = projectionOf(schema, board, "Board");
    expect(projection).not.toBeNull();
    expect(projectionOf(schema, board, "Board")).toBe(projection);
    expect([...projection!.get("Commitment")!].sort()).toEqual(["assigneeId", "dueAtDate", "id", "opportunityId", "status", "title"]);
    expect([...projection!.get("User")!].sort()).toEqual(["id", "name", "organizationId"]);
    expect(projectionOf(schema, parse(unprojected(BOARD)), "Board")).toBeNull();
    expect(projectionOf(schema, parse(`{ node(id: "x") { id } }`), null)).toBeNull();
    expect(projectionOf(schema, parse(`mutation { logout(input: {}) { ok } }`), null)).toBeNull();
    expect(projectionOf(schema, parse(`subscription { roomActivity(opportunityId: "x") { id } }`), null)).toBeNull();
  });
});

describe("the column sets a query may get", () => {
  it("are two per entity, whatever fields it combines, so its statements stay few", async () => {
    const schema = await cosellSchema();
    const seen = new Map<string, Set<ReadonlySet<string>>>();
    const users = ["id", "name", "email", "role", "active", "organization { id }"];
    // Every combination of a user's fields, on the owner, the members and the assignees.
    for (let mask = 1; mask < 1 << users.length; mask++) {
      const fields = users.filter((_, i) => mask & (1 << i)).join(" ");
      const query = `{ opportunities(first: 5) { edges { node { owner { ${fields} } members { user { id } } commitments { assignee { ${fields} } } } } } }`;
      const projection = projectionOf(schema, parse(query), null)!;
      expect(projection).not.toBeNull();
      for (const [entity, properties] of projection) {
        if (!seen.has(entity)) seen.set(entity, new Set());
        seen.get(entity)!.add(properties);
        expect(projectionTiers(entity)).toContain(properties);
      }
    }
    expect(seen.get("User")!.size).toBe(2);
  });
});

describe("a row read without some columns", () => {
  it("throws under the test runner when one of them is read, and keeps what is set later", async () => {
    const dataSource = t.server.services.dataSource;
    const lean = leanEntity(dataSource, Commitment, new Set(["id", "title"]));
    expect(lean.select("c")).toBe(`c.id AS "id", c.title AS "title"`);
    const [row] = lean.fromArrays([["0196f1d2-0000-7000-8000-000000000001", "Samples"]]);
    expect(row!.title).toBe("Samples");
    expect(() => row!.dueAtDate).toThrow(/Commitment\.dueAtDate was not read/);
    row!.status = "OPEN" as Commitment["status"];
    expect(row!.status).toBe("OPEN");
  });
});
