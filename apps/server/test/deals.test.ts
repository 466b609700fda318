import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIST_BOUNDS } from "../src/limits/index.js";
import { codeOf, startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { ADD_MEMBER, MOVE, countRows, createApiToken, demoOpportunities, openRoom, roomKinds, userId } from "./helpers.js";

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
    const result = await t.gql(
      CREATE,
      { input: { accountId, title: "  Initech letterheads ", amount: { amount: "1000.5", currency: "USD" }, closeDate: "2027-04-30" } },
      ana,
    );
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
    const tooPrecise = await t.gql(
      CREATE,
      { input: { accountId, title: "Tokyo flyers", amount: { amount: "1.5", currency: "JPY" } } },
      ana,
    );
    expect(codeOf(tooPrecise)).toBe("BAD_USER_INPUT");
    expect(tooPrecise.errors![0]!.extensions!.field).toBe("amount.amount");
  });

  it("updates fields and bumps the version, or answers CONFLICT on a stale version", async () => {
    const created = await t.gql(CREATE, { input: { accountId, title: "Brochures", amount: { amount: "500.00", currency: "EUR" } } }, ana);
    const id = created.data!.createOpportunity.id;
    const UPDATE = `mutation ($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { title version amount { amount currency } } }`;
    const updated = await t.gql(
      UPDATE,
      { input: { id, expectedVersion: 1, title: "Brochures, 2nd edition", amount: { amount: "750", currency: "EUR" } } },
      ana,
    );
    expect(updated.data!.updateOpportunity).toEqual({
      title: "Brochures, 2nd edition",
      version: 2,
      amount: { amount: "750.00", currency: "EUR" },
    });
    const stale = await t.gql(UPDATE, { input: { id, expectedVersion: 1, title: "Lost update" } }, ana);
    expect(codeOf(stale)).toBe("CONFLICT");
    expect(await t.sql(`SELECT title, version FROM opportunity WHERE title LIKE 'Brochures%' OR title = 'Lost update'`)).toEqual([
      { title: "Brochures, 2nd edition", version: 2 },
    ]);
  });
});

describe("room size", () => {
  it(`seats at most ${LIST_BOUNDS.roomMembers} people in a room (the bound the query cost counts), and still lets members change`, async () => {
    const room = await openRoom(t, { title: "A crowded room" });
    const [row] = await t.sql<{ id: string; organization_id: string }>(
      `SELECT id, organization_id FROM opportunity WHERE title = 'A crowded room'`,
    );
    const seated = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM room_member WHERE opportunity_id = $1`, [row!.id]);
    const missing = LIST_BOUNDS.roomMembers - seated[0]!.n;
    await t.sql(
      `WITH people AS (
         INSERT INTO app_user (id, organization_id, name, email, role, password_hash)
         SELECT gen_random_uuid(), $2::uuid, 'Seat ' || i, 'seat-' || i || '-' || $1 || '@acme.test', 'REP', 'x' FROM generate_series(1, $3::int) AS i
         RETURNING id)
       INSERT INTO room_member (opportunity_id, user_id, role, access, added_at) SELECT $1::uuid, id, 'OBSERVER', 'READ', now() FROM people`,
      [row!.id, row!.organization_id, missing],
    );
    const max = await t.login("max@acme.test");
    const full = await t.gql(
      ADD_MEMBER,
      { input: { opportunityId: room, userId: await userId(t, "ada@acme.test"), role: "OBSERVER", access: "READ" } },
      max,
    );
    expect(codeOf(full)).toBe("BAD_USER_INPUT");
    expect(full.errors![0]!.extensions).toMatchObject({ field: "userId" });
    expect(full.errors![0]!.message).toMatch(/the room is full: a room holds at most 25 people/);
    expect(await t.sql(`SELECT count(*)::int AS n FROM room_member WHERE opportunity_id = $1`, [row!.id])).toEqual([
      { n: LIST_BOUNDS.roomMembers },
    ]);
    // Someone already seated may still change role or access.
    const ana = await userId(t, "ana@acme.test");
    const changed = await t.gql(ADD_MEMBER, { input: { opportunityId: room, userId: ana, role: "OWNER", access: "WRITE" } }, max);
    expect(changed.errors).toBeUndefined();
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
    const log = await t.sql(
      `SELECT kind FROM activity a JOIN opportunity o ON o.id = a.opportunity_id WHERE o.title = 'Umbrella menu cards' AND kind = 'STAGE_CHANGED'`,
    );
    expect(log).toHaveLength(1);
  });

  it("writes the stage change into the room's log in the same step", async () => {
    const { id, version } = (await demoOpportunities(t))["Northwind catalog relaunch"]!;
    const moved = await t.gql(MOVE, { input: { id, stage: "NEGOTIATION", expectedVersion: version } }, ana);
    expect(moved.data!.moveOpportunityStage).toMatchObject({ stage: "NEGOTIATION", version: version + 1 });
    const feed = await t.gql(
      `query ($id: ID!) { opportunity(id: $id) { activities(last: 1) { edges { node { kind body actor { name } } } } } }`,
      { id },
      ana,
    );
    expect(feed.data!.opportunity.activities.edges[0].node).toEqual({
      kind: "STAGE_CHANGED",
      body: "Stage PROPOSAL → NEGOTIATION",
      actor: { name: "Ana Alvarez" },
    });
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

  it("names one problem per field: an empty title is empty, not also of the wrong length", async () => {
    const result = await t.gql(CREATE, { input: { accountId, title: "", amount: { amount: "10.00", currency: "USD" } } }, ana);
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
    const problems = result.errors![0]!.extensions!.problems as { field: string; message: string }[];
    expect(problems.filter((p) => p.field === "title")).toHaveLength(1);
  });

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
      const page: any = await t.gql(
        `query ($after: String) { opportunities(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { after },
        ana,
      );
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
    expect(await response.json()).toEqual({
      errors: [{ message: "Request body is larger than 1mb", extensions: { code: "PAYLOAD_TOO_LARGE" } }],
    });
  });

  it("never returns passwords", async () => {
    const result = await t.gql(`{ viewer { passwordHash } }`, {}, ana);
    expect(codeOf(result)).toBe("GRAPHQL_VALIDATION_FAILED");
  });
});

const UPDATE = `mutation ($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { title stage version closeDate amount { amount currency } } }`;
const REMOVE_MEMBER = `mutation ($input: RemoveRoomMemberInput!) { removeRoomMember(input: $input) { id } }`;
const rawId = (globalId: string) => Buffer.from(globalId, "base64url").toString("utf8").split(":")[1];
const row = async (id: string) =>
  (
    await t.sql(
      `SELECT stage, version, amount_minor::text AS amount, currency, close_date::text AS close_date, title FROM opportunity WHERE id = $1`,
      [rawId(id)],
    )
  )[0]!;

describe("a won deal is final", () => {
  it("refuses to change its amount, currency, close date or stage, writing nothing; its title may still change", async () => {
    const id = await openRoom(t, { title: "Won letterpress", amount: "12500.00" });
    const won = await t.gql(MOVE, { input: { id, stage: "CLOSED_WON", expectedVersion: 1 } }, ana);
    expect(won.data!.moveOpportunityStage).toMatchObject({ stage: "CLOSED_WON", version: 2 });
    const kinds = await roomKinds(t, id);
    const attempts = [
      [UPDATE, { id, expectedVersion: 2, amount: { amount: "13000.00", currency: "USD" } }, "amount"],
      [UPDATE, { id, expectedVersion: 2, amount: { amount: "12500.00", currency: "EUR" } }, "amount"],
      [UPDATE, { id, expectedVersion: 2, closeDate: "2030-01-01" }, "closeDate"],
      [UPDATE, { id, expectedVersion: 2, title: "Sneaky", amount: { amount: "1.00", currency: "USD" } }, "amount"],
      [MOVE, { id, stage: "NEGOTIATION", expectedVersion: 2 }, "stage"],
      [MOVE, { id, stage: "CLOSED_LOST", expectedVersion: 2 }, "stage"],
      // A stale version too: retrying with the current one would not help, so the answer says why.
      [MOVE, { id, stage: "PROPOSAL", expectedVersion: 1 }, "stage"],
    ] as const;
    for (const [mutation, input, field] of attempts) {
      const refused = await t.gql(mutation, { input }, ana);
      expect(codeOf(refused)).toBe("BAD_USER_INPUT");
      expect(refused.errors![0]!.message).toMatch(/a won deal is final/);
      expect(refused.errors![0]!.extensions!.field).toBe(field);
    }
    expect(await row(id)).toEqual({
      stage: "CLOSED_WON",
      version: 2,
      amount: "1250000",
      currency: "USD",
      close_date: null,
      title: "Won letterpress",
    });
    expect(await roomKinds(t, id)).toEqual(kinds);

    const renamed = await t.gql(UPDATE, { input: { id, expectedVersion: 2, title: "Won letterpress (Q3)" } }, ana);
    expect(renamed.data!.updateOpportunity).toMatchObject({
      title: "Won letterpress (Q3)",
      stage: "CLOSED_WON",
      version: 3,
      amount: { amount: "12500.00", currency: "USD" },
    });
  });

  it("lets a lost deal be reopened", async () => {
    const id = await openRoom(t, { title: "Lost then found" });
    expect((await t.gql(MOVE, { input: { id, stage: "CLOSED_LOST", expectedVersion: 1 } }, ana)).errors).toBeUndefined();
    const reopened = await t.gql(MOVE, { input: { id, stage: "NEGOTIATION", expectedVersion: 2 } }, ana);
    expect(reopened.data!.moveOpportunityStage).toMatchObject({ stage: "NEGOTIATION", version: 3 });
  });

  it("cannot be reopened or repriced by a request racing the win with the next version", async () => {
    const max = await t.login("max@acme.test");
    for (let round = 0; round < 20; round++) {
      const id = await openRoom(t, { title: `Race ${round}`, amount: "5000.00" });
      // The late requests start a little later each round, to land while the win's transaction
      // holds the row (they wait for it, then find the version they expect).
      const late = <T>(request: () => Promise<T>) => new Promise<T>((resolve) => setTimeout(() => resolve(request()), round));
      const results = await Promise.all([
        t.gql(MOVE, { input: { id, stage: "CLOSED_WON", expectedVersion: 1 } }, ana),
        late(() => t.gql(MOVE, { input: { id, stage: "NEGOTIATION", expectedVersion: 2 } }, max)),
        late(() => t.gql(UPDATE, { input: { id, expectedVersion: 2, amount: { amount: "9999.00", currency: "USD" } } }, max)),
        late(() => t.gql(UPDATE, { input: { id, expectedVersion: 2, closeDate: "2031-12-31" } }, ana)),
      ]);
      expect(results[0]!.errors).toBeUndefined();
      for (const late of results.slice(1)) expect(["CONFLICT", "BAD_USER_INPUT"]).toContain(codeOf(late));
      expect(await row(id)).toMatchObject({ stage: "CLOSED_WON", version: 2, amount: "500000", currency: "USD", close_date: null });
      const kinds = await roomKinds(t, id);
      expect(kinds.filter((k) => k === "DEAL_WON")).toHaveLength(1);
      expect(kinds.filter((k) => k === "STAGE_CHANGED" || k === "OPPORTUNITY_UPDATED")).toEqual(["STAGE_CHANGED"]);
    }
  });
});

describe("editing records what changed", () => {
  it("names only the fields whose value changed", async () => {
    const id = await openRoom(t, { title: "Edit log", amount: "12500.00" });
    const updated = await t.gql(
      UPDATE,
      { input: { id, expectedVersion: 1, title: "Edit log", amount: { amount: "13000", currency: "USD" }, closeDate: "2027-06-30" } },
      ana,
    );
    expect(updated.data!.updateOpportunity).toMatchObject({
      version: 2,
      closeDate: "2027-06-30",
      amount: { amount: "13000.00", currency: "USD" },
    });
    const [last] = await t.sql(`SELECT kind, body, data FROM activity WHERE opportunity_id = $1 ORDER BY seq DESC LIMIT 1`, [rawId(id)]);
    expect(last).toEqual({ kind: "OPPORTUNITY_UPDATED", body: "Updated amount, close date", data: { fields: "amount,closeDate" } });
  });
});

describe("who closes a deal", () => {
  it("is the owner organization: a partner rep with WRITE access and a partner token get FORBIDDEN and change nothing", async () => {
    const id = await openRoom(t, { title: "Closing rights", members: [["lee@pixel.test", "PARTNER_REP", "WRITE"]] });
    const lee = await t.login("lee@pixel.test");
    const pixelToken = (await createApiToken(t, "pat@pixel.test", ["READ", "WRITE"])).token;
    for (const [stage, caller] of [
      ["CLOSED_WON", lee],
      ["CLOSED_LOST", lee],
      ["CLOSED_WON", pixelToken],
    ] as const) {
      const refused = await t.gql(MOVE, { input: { id, stage, expectedVersion: 1 } }, caller);
      expect(codeOf(refused)).toBe("FORBIDDEN");
      expect(refused.errors![0]!.message).toMatch(/Only the opportunity's own organization closes it/);
    }
    expect(await row(id)).toMatchObject({ stage: "PROSPECTING", version: 1 });

    // Partners still move open stages; the owner organization's WRITE token closes.
    expect((await t.gql(MOVE, { input: { id, stage: "PROPOSAL", expectedVersion: 1 } }, lee)).data!.moveOpportunityStage.version).toBe(2);
    const acmeToken = (await createApiToken(t, "max@acme.test", ["READ", "WRITE"])).token;
    expect(
      (await t.gql(MOVE, { input: { id, stage: "CLOSED_LOST", expectedVersion: 2 } }, acmeToken)).data!.moveOpportunityStage.stage,
    ).toBe("CLOSED_LOST");
  });
});

describe("who adds and removes room members", () => {
  it("lets a partner rep add only people of their own firm, with at most their own access", async () => {
    const id = await openRoom(t, { title: "Partner adds", members: [["lee@pixel.test", "PARTNER_REP", "WRITE"]] });
    const lee = await t.login("lee@pixel.test");
    const [sam, pat, anaId] = await Promise.all([
      userId(t, "sam@paperworks.test"),
      userId(t, "pat@pixel.test"),
      userId(t, "ana@acme.test"),
    ]);
    const members = () => countRows(t, "room_member", "opportunity_id = $1", [rawId(id)]);
    const before = await members();

    const other = await t.gql(ADD_MEMBER, { input: { opportunityId: id, userId: sam, role: "PARTNER_REP", access: "READ" } }, lee);
    expect(codeOf(other)).toBe("FORBIDDEN");
    expect(other.errors![0]!.message).toMatch(/only people of your own organization/);
    expect(await members()).toBe(before);

    const own = await t.gql(ADD_MEMBER, { input: { opportunityId: id, userId: pat, role: "PARTNER_REP", access: "READ" } }, lee);
    expect(own.data!.addRoomMember).toMatchObject({ access: "READ", user: { name: "Pat Park" } });
    expect(await members()).toBe(before + 1);

    // Pat, a READ member, adds and promotes nobody (not even himself).
    const pats = await t.login("pat@pixel.test");
    expect(codeOf(await t.gql(ADD_MEMBER, { input: { opportunityId: id, userId: pat, role: "PARTNER_REP", access: "WRITE" } }, pats))).toBe(
      "FORBIDDEN",
    );
    expect(codeOf(await t.gql(ADD_MEMBER, { input: { opportunityId: id, userId: sam, role: "OBSERVER", access: "READ" } }, pats))).toBe(
      "FORBIDDEN",
    );

    // Lee removes nobody of another organization.
    expect(codeOf(await t.gql(REMOVE_MEMBER, { input: { opportunityId: id, userId: anaId } }, lee))).toBe("FORBIDDEN");
    expect(await members()).toBe(before + 1);

    // Lee raises Pat to WRITE: an access change, logged as such.
    const promoted = await t.gql(ADD_MEMBER, { input: { opportunityId: id, userId: pat, role: "PARTNER_REP", access: "WRITE" } }, lee);
    expect(promoted.data!.addRoomMember.access).toBe("WRITE");
    expect((await roomKinds(t, id)).at(-1)).toBe("MEMBER_ACCESS_CHANGED");
  });

  it("holds a partner's WRITE token to the same rule", async () => {
    const id = await openRoom(t, { title: "Partner token adds", members: [["lee@pixel.test", "PARTNER_REP", "WRITE"]] });
    const token = (await createApiToken(t, "pat@pixel.test", ["READ", "WRITE"])).token;
    const [sam, pat] = await Promise.all([userId(t, "sam@paperworks.test"), userId(t, "pat@pixel.test")]);
    expect(codeOf(await t.gql(ADD_MEMBER, { input: { opportunityId: id, userId: sam, role: "PARTNER_REP", access: "READ" } }, token))).toBe(
      "FORBIDDEN",
    );
    const own = await t.gql(ADD_MEMBER, { input: { opportunityId: id, userId: pat, role: "OBSERVER", access: "READ" } }, token);
    expect(own.data!.addRoomMember).toMatchObject({ role: "OBSERVER", access: "READ" });
  });
});
