import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf, startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { MOVE, demoOpportunities } from "./helpers.js";

let t: TestServer;
let ana: string;
let accountId: string;
beforeAll(async () => {
  t = await startTestServer();
  ana = await t.login("ana@acme.test");
  const accounts = await t.gql(`{ accounts { id name domain } }`, {}, ana);
  accountId = accounts.data!.accounts.find((a: { name: string }) => a.name === "Initech").id;
});
afterAll(() => t?.close());

const CREATE = `mutation ($input: CreateOpportunityInput!) {
  createOpportunity(input: $input) { id title stage version amount { amount currency } closeDate account { name } owner { name } members { role access user { name } } }
}`;
const count = async (table: string) => (await t.sql(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n as number;

describe("opening and editing opportunities", () => {
  it("creates an opportunity with its owner in the room", async () => {
    const result = await t.gql(CREATE, { input: { accountId, title: "  Initech letterheads ", amount: { amount: "1000.5", currency: "USD" }, closeDate: "2027-04-30" } }, ana);
    expect(result.errors).toBeUndefined();
    expect(result.data!.createOpportunity).toMatchObject({
      title: "Initech letterheads",
      stage: "PROSPECTING",
      version: 1,
      amount: { amount: "1000.50", currency: "USD" },
      closeDate: "2027-04-30",
      account: { name: "Initech" },
      owner: { name: "Ana Alvarez" },
      members: [{ role: "OWNER", access: "WRITE", user: { name: "Ana Alvarez" } }],
    });
  });

  it("keeps currencies' own decimal places", async () => {
    const yen = await t.gql(CREATE, { input: { accountId, title: "Tokyo flyers", amount: { amount: "125000", currency: "JPY" } } }, ana);
    expect(yen.data!.createOpportunity.amount).toEqual({ amount: "125000", currency: "JPY" });
    const tooPrecise = await t.gql(CREATE, { input: { accountId, title: "Tokyo flyers", amount: { amount: "1.5", currency: "JPY" } } }, ana);
    expect(codeOf(tooPrecise)).toBe("BAD_USER_INPUT");
    expect(tooPrecise.errors![0]!.extensions!.field).toBe("amount.amount");
  });

  it("updates fields and bumps the version, or answers CONFLICT on a stale version", async () => {
    const created = await t.gql(CREATE, { input: { accountId, title: "Brochures", amount: { amount: "500.00", currency: "EUR" } } }, ana);
    const id = created.data!.createOpportunity.id;
    const UPDATE = `mutation ($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { title version amount { amount currency } } }`;
    const updated = await t.gql(UPDATE, { input: { id, expectedVersion: 1, title: "Brochures, 2nd edition", amount: { amount: "750", currency: "EUR" } } }, ana);
    expect(updated.data!.updateOpportunity).toEqual({ title: "Brochures, 2nd edition", version: 2, amount: { amount: "750.00", currency: "EUR" } });
    const stale = await t.gql(UPDATE, { input: { id, expectedVersion: 1, title: "Lost update" } }, ana);
    expect(codeOf(stale)).toBe("CONFLICT");
    expect((await t.sql(`SELECT title, version FROM opportunity WHERE title LIKE 'Brochures%' OR title = 'Lost update'`))).toEqual([{ title: "Brochures, 2nd edition", version: 2 }]);
  });
});

describe("moving stages", () => {
  it("lets exactly one of two concurrent moves with the same version win; the other gets CONFLICT", async () => {
    const { id, version } = (await demoOpportunities(t))["Umbrella menu cards"]!;
    const max = await t.login("max@acme.test");
    const changesBefore = await count("stage_change");
    const [a, b] = await Promise.all([
      t.gql(MOVE, { input: { id, stage: "QUALIFICATION", expectedVersion: version } }, ana),
      t.gql(MOVE, { input: { id, stage: "CLOSED_LOST", expectedVersion: version } }, max),
    ]);
    const results = [a, b];
    const winners = results.filter((r) => !r.errors);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers.map(codeOf)).toEqual(["CONFLICT"]);
    const [row] = await t.sql(`SELECT stage, version FROM opportunity WHERE title = 'Umbrella menu cards'`);
    expect(row).toEqual({ stage: winners[0]!.data!.moveOpportunityStage.stage, version: version + 1 });
    expect(await count("stage_change")).toBe(changesBefore + 1);
    const log = await t.sql(`SELECT kind FROM activity a JOIN opportunity o ON o.id = a.opportunity_id WHERE o.title = 'Umbrella menu cards' AND kind = 'STAGE_CHANGED'`);
    expect(log).toHaveLength(1);
  });

  it("writes the stage change into the room's log in the same step", async () => {
    const { id, version } = (await demoOpportunities(t))["Northwind catalog relaunch"]!;
    const moved = await t.gql(MOVE, { input: { id, stage: "NEGOTIATION", expectedVersion: version } }, ana);
    expect(moved.data!.moveOpportunityStage).toMatchObject({ stage: "NEGOTIATION", version: version + 1 });
    const feed = await t.gql(`query ($id: ID!) { opportunity(id: $id) { activities(last: 1) { edges { node { kind body actor { name } } } } } }`, { id }, ana);
    expect(feed.data!.opportunity.activities.edges[0].node).toEqual({ kind: "STAGE_CHANGED", body: "Stage PROPOSAL → NEGOTIATION", actor: { name: "Ana Alvarez" } });
  });

  it("refuses a read-only member with FORBIDDEN and changes nothing", async () => {
    const ada = await t.login("ada@acme.test"); // ADMIN of the owner org: may write anywhere in Acme
    const lee = await t.login("lee@pixel.test");
    const { id, version } = (await demoOpportunities(t))["Initech annual report print run"]!;
    expect(codeOf(await t.gql(MOVE, { input: { id, stage: "PROPOSAL", expectedVersion: version } }, lee))).toBe("NOT_FOUND");
    const byAdmin = await t.gql(MOVE, { input: { id, stage: "PROPOSAL", expectedVersion: version } }, ada);
    expect(byAdmin.errors).toBeUndefined();
  });
});

describe("bad input", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["an empty title", { title: "   ", amount: { amount: "10.00", currency: "USD" } }, "title"],
    ["a negative amount", { title: "x", amount: { amount: "-5.00", currency: "USD" } }, "amount.amount"],
    ["a malformed amount", { title: "x", amount: { amount: "12,50", currency: "USD" } }, "amount.amount"],
    ["an unknown currency", { title: "x", amount: { amount: "10.00", currency: "ABC" } }, "amount.currency"],
    ["a lower-case currency", { title: "x", amount: { amount: "10.00", currency: "usd" } }, "amount.currency"],
    ["an impossible close date", { title: "x", amount: { amount: "10.00", currency: "USD" }, closeDate: "2027-02-30" }, "closeDate"],
  ];
  for (const [what, input, field] of cases) {
    it(`answers BAD_USER_INPUT naming ${field} for ${what}, and writes nothing`, async () => {
      const before = await count("opportunity");
      const result = await t.gql(CREATE, { input: { accountId, ...input } }, ana);
      expect(codeOf(result)).toBe("BAD_USER_INPUT");
      expect(result.errors![0]!.extensions!.field).toBe(field);
      expect(result.errors![0]!.message).toContain(field);
      expect(await count("opportunity")).toBe(before);
    });
  }

  it("answers BAD_USER_INPUT for a bad email at sign-in", async () => {
    const result = await t.gql(`mutation { login(input: { email: "not-an-email", password: "x" }) { token } }`);
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    expect(result.errors![0]!.extensions!.field).toBe("email");
  });

  it("answers BAD_USER_INPUT for an empty account name and a bad domain", async () => {
    const before = await count("account");
    const CREATE_ACCOUNT = `mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id } }`;
    const empty = await t.gql(CREATE_ACCOUNT, { input: { name: "" } }, ana);
    expect([codeOf(empty), empty.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "name"]);
    const domain = await t.gql(CREATE_ACCOUNT, { input: { name: "Hooli", domain: "not a domain" } }, ana);
    expect([codeOf(domain), domain.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "domain"]);
    expect(await count("account")).toBe(before);
  });

  it("refuses system activity kinds and empty bodies in logActivity", async () => {
    const { id } = (await demoOpportunities(t))["Contoso holiday packaging"]!;
    const LOG = `mutation ($input: LogActivityInput!) { logActivity(input: $input) { id } }`;
    const before = await count("activity");
    const system = await t.gql(LOG, { input: { opportunityId: id, kind: "DEAL_WON", body: "we won" } }, ana);
    expect([codeOf(system), system.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "kind"]);
    const blank = await t.gql(LOG, { input: { opportunityId: id, kind: "NOTE", body: "   " } }, ana);
    expect([codeOf(blank), blank.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "body"]);
    expect(await count("activity")).toBe(before);
  });

  it("answers BAD_USER_INPUT for a page size outside 1..100 and for a foreign cursor", async () => {
    for (const first of [0, 101]) {
      const result = await t.gql(`query ($first: Int) { opportunities(first: $first) { edges { cursor } } }`, { first }, ana);
      expect(codeOf(result)).toBe("BAD_USER_INPUT");
    }
    const cursor = await t.gql(`{ opportunities(after: "bm9wZQ") { edges { cursor } } }`, {}, ana);
    expect(codeOf(cursor)).toBe("BAD_USER_INPUT");
  });
});

describe("paging", () => {
  it("walks every opportunity exactly once, newest first", async () => {
    const all = await t.gql(`{ opportunities(first: 100) { edges { node { id } } } }`, {}, ana);
    const expected = all.data!.opportunities.edges.map((e: { node: { id: string } }) => e.node.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = await t.gql(`query ($after: String) { opportunities(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`, { after }, ana);
      seen.push(...page.data.opportunities.edges.map((e: { node: { id: string } }) => e.node.id));
      if (!page.data.opportunities.pageInfo.hasNextPage) break;
      after = page.data.opportunities.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
    expect(seen.length).toBeGreaterThanOrEqual(4);
  });
});

describe("anonymous callers", () => {
  it("get UNAUTHENTICATED for queries and mutations, and for an invalid token", async () => {
    const { id } = (await demoOpportunities(t))["Contoso holiday packaging"]!;
    expect(codeOf(await t.gql(`{ viewer { id } }`))).toBe("UNAUTHENTICATED");
    expect(codeOf(await t.gql(`{ opportunities { edges { cursor } } }`))).toBe("UNAUTHENTICATED");
    expect(codeOf(await t.gql(`query ($id: ID!) { opportunity(id: $id) { id } }`, { id }))).toBe("UNAUTHENTICATED");
    expect(codeOf(await t.gql(MOVE, { input: { id, stage: "PROPOSAL", expectedVersion: 1 } }))).toBe("UNAUTHENTICATED");
    expect(codeOf(await t.gql(`{ viewer { id } }`, {}, "not-a-real-token"))).toBe("UNAUTHENTICATED");
  });

  it("cannot sign in with a wrong password", async () => {
    const result = await t.gql(`mutation { login(input: { email: "ana@acme.test", password: "wrong" }) { token } }`);
    expect(codeOf(result)).toBe("UNAUTHENTICATED");
    expect(result.data).toBeNull();
  });
});

describe("HTTP edges", () => {
  it("answers /healthz with 200 once ready", async () => {
    const response = await fetch(`${t.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("refuses an oversized body with 413 and a JSON error", async () => {
    const response = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ viewer { id } }`, variables: { pad: "x".repeat(2 * 1024 * 1024) } }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ errors: [{ message: "Request body is larger than 1mb", extensions: { code: "PAYLOAD_TOO_LARGE" } }] });
  });

  it("never returns passwords", async () => {
    const result = await t.gql(`{ viewer { passwordHash } }`, {}, ana);
    expect(codeOf(result)).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});
