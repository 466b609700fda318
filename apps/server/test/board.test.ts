import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";

let t: TestServer;
let ana: string;
beforeAll(async () => {
  t = await startTestServer();
  ana = await t.login("ana@acme.test");
});
afterAll(() => t?.close());

describe("the board", () => {
  it("shows each deal's newest activity, read for the whole page at once", async () => {
    const result = await t.gql(
      `{ opportunities(first: 50) { edges { node { id title lastActivity { seq kind body } } } } }`,
      {},
      ana,
    );
    expect(result.errors).toBeUndefined();
    const nodes: { title: string; lastActivity: { seq: number; kind: string } | null }[] = result.data!.opportunities.edges.map((e: { node: unknown }) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    const newest = await t.sql<{ title: string; seq: number; kind: string }>(
      `SELECT o.title, a.seq, a.kind FROM opportunity o LEFT JOIN activity a ON a.opportunity_id = o.id AND a.seq = o.last_activity_seq`,
    );
    for (const node of nodes) {
      const row = newest.find((r) => r.title === node.title)!;
      expect(node.lastActivity === null ? null : { seq: node.lastActivity.seq, kind: node.lastActivity.kind }).toEqual(row.seq === null ? null : { seq: row.seq, kind: row.kind });
    }
    expect(nodes.some((node) => node.lastActivity !== null)).toBe(true);
  });
});
