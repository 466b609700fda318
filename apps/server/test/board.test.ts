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
    const result = await t.gql(`{ opportunities(first: 50) { edges { node { id title lastActivity { seq kind body } } } } }`, {}, ana);
    expect(result.errors).toBeUndefined();
    const nodes: { title: string; lastActivity: { seq: number; kind: string } | null }[] = result.data!.opportunities.edges.map(
      (e: { node: unknown }) => e.node,
    );
    expect(nodes.length).toBeGreaterThan(0);
    const newest = await t.sql<{ title: string; seq: number; kind: string }>(
      `SELECT o.title, a.seq, a.kind FROM opportunity o LEFT JOIN activity a ON a.opportunity_id = o.id AND a.seq = o.last_activity_seq`,
    );
    for (const node of nodes) {
      const row = newest.find((r) => r.title === node.title)!;
      expect(node.lastActivity === null ? null : { seq: node.lastActivity.seq, kind: node.lastActivity.kind }).toEqual(
        row.seq === null ? null : { seq: row.seq, kind: row.kind },
      );
    }
    expect(nodes.some((node) => node.lastActivity !== null)).toBe(true);
  });

  it("reads a page with lean SQL that answers exactly as the entity path does for one deal", async () => {
    const FIELDS = `id title stage version closeDate amount { amount currency }
      members { role access user { id name email } }
      lastActivity { id seq cursor kind body createdAt actor { id name } }
      commitments { id title status dueAt completedAt onTime assignee { id name } }`;
    const page = await t.gql(`{ opportunities(first: 50) { edges { node { ${FIELDS} } } } }`, {}, ana);
    expect(page.errors).toBeUndefined();
    const nodes: { id: string; closeDate: string | null }[] = page.data!.opportunities.edges.map((e: { node: unknown }) => e.node);
    expect(nodes.some((node) => node.closeDate !== null)).toBe(true);
    for (const node of nodes) {
      if (node.closeDate !== null) expect(node.closeDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // `opportunity(id)` loads through TypeORM's entity manager; the page through lean SQL.
      const one = await t.gql(`query ($id: ID!) { opportunity(id: $id) { ${FIELDS} } }`, { id: node.id }, ana);
      expect(one.errors).toBeUndefined();
      expect(one.data!.opportunity).toEqual(node);
    }
  });
});
