import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_TOKEN_REVOKED_TOPIC } from "../src/modules/api-token/api-token.service.js";
import { LIMITS, LIST_BOUNDS } from "../src/limits/index.js";
import { TEST_REDIS_URL, codeOf, startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { DEALS_MEMBERS_FIRMS, LOG, createApiToken, demoOpportunities, userId } from "./helpers.js";

let t: TestServer;
let opps: Awaited<ReturnType<typeof demoOpportunities>>;
beforeAll(async () => {
  t = await startTestServer();
  opps = await demoOpportunities(t);
});
afterAll(() => t?.close());

const CREATE_TOKEN = `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { id name scopes hint lastUsedAt revokedAt createdBy { name } } } }`;
const REVOKE_TOKEN = `mutation ($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { id revokedAt } }`;

describe("an organization's API tokens", () => {
  it("are created by a manager, shown once, stored hashed and listed without their secret", async () => {
    const pat = await t.login("pat@pixel.test");
    const created = await t.gql(CREATE_TOKEN, { input: { name: "Pixel CRM sync", scopes: ["READ", "WRITE"] } }, pat);
    expect(created.errors).toBeUndefined();
    const { token, apiToken } = created.data!.createApiToken;
    expect(token).toMatch(/^csl_[A-Za-z0-9_-]{43}$/);
    expect(apiToken).toMatchObject({
      name: "Pixel CRM sync",
      scopes: ["READ", "WRITE"],
      hint: `csl_…${token.slice(-4)}`,
      lastUsedAt: null,
      createdBy: { name: "Pat Park" },
    });

    const stored = await t.sql(`SELECT token_hash FROM api_token WHERE name = 'Pixel CRM sync'`);
    expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await t.sql(`SELECT * FROM api_token`))).not.toContain(token);

    const listed = await t.gql(`{ apiTokens { id name hint } }`, {}, pat);
    expect(JSON.stringify(listed.data)).not.toContain(token);
    expect(listed.data!.apiTokens.map((x: { name: string }) => x.name)).toContain("Pixel CRM sync");
  });

  it("cannot be created by a rep, nor by another token", async () => {
    expect(codeOf(await t.gql(CREATE_TOKEN, { input: { name: "x", scopes: ["READ"] } }, await t.login("lee@pixel.test")))).toBe(
      "FORBIDDEN",
    );
    const { token } = await createApiToken(t, "pat@pixel.test", ["READ", "WRITE"]);
    expect(codeOf(await t.gql(CREATE_TOKEN, { input: { name: "x", scopes: ["READ"] } }, token))).toBe("FORBIDDEN");
  });

  it("acts for its organization under the visibility rules and records when it was last used", async () => {
    const { token, id } = await createApiToken(t, "pat@pixel.test", ["READ"]);
    const list = await t.gql(`{ viewer { id } opportunities(first: 50) { edges { node { title } } } }`, {}, token);
    expect(list.data!.viewer).toBeNull();
    const titles = list.data!.opportunities.edges.map((e: { node: { title: string } }) => e.node.title).sort();
    const patTitles = (await t.gql(`{ opportunities(first: 50) { edges { node { title } } } }`, {}, await t.login("pat@pixel.test")))
      .data!.opportunities.edges.map((e: { node: { title: string } }) => e.node.title)
      .sort();
    expect(titles).toEqual(patTitles);
    expect(titles).not.toContain("Umbrella menu cards");
    const used = await t.gql(`{ apiTokens { id lastUsedAt } }`, {}, await t.login("pat@pixel.test"));
    expect(used.data!.apiTokens.find((x: { id: string }) => x.id === id).lastUsedAt).not.toBeNull();
  });

  it("with the READ scope only cannot mutate (FORBIDDEN) and writes nothing", async () => {
    const { token } = await createApiToken(t, "max@acme.test", ["READ"]);
    const before = await t.sql(`SELECT count(*)::int AS n FROM activity`);
    const result = await t.gql(
      LOG,
      { input: { opportunityId: opps["Umbrella menu cards"]!.id, kind: "NOTE", body: "from a READ token" } },
      token,
    );
    expect(codeOf(result)).toBe("FORBIDDEN");
    expect(await t.sql(`SELECT count(*)::int AS n FROM activity`)).toEqual(before);
    const write = await createApiToken(t, "max@acme.test", ["READ", "WRITE"]);
    const wrote = await t.gql(
      LOG,
      { input: { opportunityId: opps["Umbrella menu cards"]!.id, kind: "NOTE", body: "from a WRITE token" } },
      write.token,
    );
    expect(wrote.errors).toBeUndefined();
    expect(wrote.data!.logActivity.actor).toBeNull();
  });

  it("is refused at once when revoked, and the revocation is announced to open sockets", async () => {
    const max = await t.login("max@acme.test");
    const { token, id } = await createApiToken(t, "max@acme.test", ["READ"]);
    expect((await t.gql(`{ opportunities(first: 1) { edges { cursor } } }`, {}, token)).errors).toBeUndefined();
    const heard: unknown[] = [];
    const stop = await t.server.services.bus.subscribe(API_TOKEN_REVOKED_TOPIC, (message) => heard.push(message));
    const revoked = await t.gql(REVOKE_TOKEN, { input: { id } }, max);
    expect(revoked.data!.revokeApiToken.revokedAt).not.toBeNull();
    expect(codeOf(await t.gql(`{ opportunities(first: 1) { edges { cursor } } }`, {}, token))).toBe("UNAUTHENTICATED");
    expect(heard).toEqual([{ type: "apiTokenRevoked", tokenId: expect.any(String), organizationId: expect.any(String) }]);
    await stop();
    // Another organization's manager cannot even tell it exists.
    expect(codeOf(await t.gql(REVOKE_TOKEN, { input: { id } }, await t.login("pat@pixel.test")))).toBe("NOT_FOUND");
  });
});

describe("limits on what one request may ask", () => {
  const post = (body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
    fetch(`${t.url}/graphql`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });

  it("refuses queries nested deeper than the depth limit", async () => {
    const ana = await t.login("ana@acme.test");
    let selection = "id";
    for (let i = 0; i < LIMITS.depth; i++) selection = `organization { members { ${selection} } }`;
    const result = await t.gql(`{ viewer { ${selection} } }`, {}, ana);
    expect(result.status).toBe(400);
    expect(codeOf(result)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(result.errors![0]!.message).toMatch(/depth limit of 10/);
  });

  it("refuses more aliases than the limit", async () => {
    const aliases = Array.from({ length: LIMITS.aliases + 1 }, (_, i) => `a${i}: viewer { id }`).join(" ");
    const result = await t.gql(`{ ${aliases} }`, {}, await t.login("ana@acme.test"));
    expect(result.status).toBe(400);
    expect(result.errors![0]!.message).toMatch(/Aliases limit of 15/);
  });

  it("refuses more directives than the limit", async () => {
    const directives = Array.from({ length: LIMITS.directives + 1 }, () => "@include(if: true)").join(" ");
    const result = await t.gql(`{ viewer { id ${directives} } }`, {}, await t.login("ana@acme.test"));
    expect(result.status).toBe(400);
    expect(result.errors![0]!.message).toMatch(/Directives limit of 50/);
  });

  it("refuses documents with more tokens than the limit before parsing them fully", async () => {
    const fields = Array.from({ length: LIMITS.tokens }, () => "__typename").join(" ");
    const result = await t.gql(`{ ${fields} }`, {}, await t.login("ana@acme.test"));
    expect(result.status).toBe(400);
    expect(codeOf(result)).toBe("GRAPHQL_PARSE_FAILED");
    expect(result.errors![0]!.message).toMatch(/more that 1000 tokens/);
  });

  it("counts lists without `first` at their bounds: 100 deals × members × their firms' members is refused before it runs", async () => {
    const ana = await t.login("ana@acme.test");
    const { roomMembers, organizationMembers } = LIST_BOUNDS;
    const perDeal = 2 + (2 + (2 + roomMembers * (2 + (2 + (2 + organizationMembers * 3))))); // 37,656
    const one = await t.gql(DEALS_MEMBERS_FIRMS, { n: 1 }, ana);
    expect(one.errors).toBeUndefined();
    expect(one.extensions!.cost).toMatchObject({ requested: perDeal });
    const hundred = await t.gql(DEALS_MEMBERS_FIRMS, { n: 100 }, ana); // 1,700 points when lists counted once
    expect(hundred.status).toBe(400);
    expect(codeOf(hundred)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(hundred.errors![0]!.message).toBe(
      `Query cost limit of ${LIMITS.cost} exceeded, found ${100 * perDeal}. Ask for smaller pages or fewer fields.`,
    );
    expect(hundred.data).toBeUndefined();

    // Refused before it runs: a mutation asking too much back writes nothing.
    const room = opps["Umbrella menu cards"]!.id;
    const lee = await userId(t, "lee@pixel.test");
    const [before] = await t.sql(`SELECT count(*)::int AS n FROM room_member`);
    const greedy = `mutation ($input: AddRoomMemberInput!) { addRoomMember(input: $input) { user { organization { members { organization { members { name } } } } } } }`;
    const refused = await t.gql(
      greedy,
      { input: { opportunityId: room, userId: lee, role: "PARTNER_REP", access: "READ" } },
      await t.login("max@acme.test"),
    );
    expect(codeOf(refused)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(await t.sql(`SELECT count(*)::int AS n FROM room_member`)).toEqual([before]);
  });

  it("keeps page sizes within 1..100", async () => {
    const result = await t.gql(`{ opportunities(first: 101) { edges { cursor } } }`, {}, await t.login("ana@acme.test"));
    expect(codeOf(result)).toBe("BAD_USER_INPUT");
  });

  it("refuses batched (array) requests", async () => {
    const ana = await t.login("ana@acme.test");
    const response = await post([{ query: "{ __typename }" }, { query: "{ __typename }" }], {
      "content-type": "application/json",
      authorization: `Bearer ${ana}`,
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/batching/i);
  });

  it("blocks requests a browser could send cross-site (CSRF prevention)", async () => {
    const get = await fetch(`${t.url}/graphql?query=${encodeURIComponent("{ __typename }")}`);
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/CSRF/);
    const form = await post(JSON.stringify({ query: "{ __typename }" }), { "content-type": "text/plain" });
    expect(form.status).toBe(400);
    // With a preflighted header it goes through.
    const ok = await fetch(`${t.url}/graphql?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { "apollo-require-preflight": "true" },
    });
    expect(ok.status).toBe(200);
  });

  it("refuses bodies over the size limit with 413", async () => {
    const response = await post({ query: `{ __typename }`, variables: { pad: "x".repeat(1_100_000) } });
    expect(response.status).toBe(413);
  });
});

describe("the cost budget per caller", () => {
  let r: TestServer;
  beforeAll(async () => {
    // A prefix of its own: other test files share this Redis.
    r = await startTestServer({
      rateLimitPoints: 50,
      redisUrl: TEST_REDIS_URL,
      rateLimitPrefix: `cosell-test:${randomBytes(6).toString("hex")}:`,
    });
  });
  afterAll(() => r?.close());

  const QUERY = `{ opportunities(first: 4) { edges { node { id title } } } }`; // (2 + (2 + (2 + 1 + 1))) × 4 = 32

  it("reports each answer's cost and the remaining budget, then answers RATE_LIMITED with the seconds until reset", async () => {
    const lee = await r.login("lee@pixel.test"); // signing in spent the anonymous budget, not Lee's
    const first = await r.gql(QUERY, {}, lee);
    expect(first.errors).toBeUndefined();
    expect(first.extensions!.cost).toEqual({ requested: 32, limit: 50, remaining: 18, resetInSeconds: expect.any(Number) });
    const second = await r.gql(QUERY, {}, lee);
    expect(second.status).toBe(429);
    expect(codeOf(second)).toBe("RATE_LIMITED");
    const retry = second.errors![0]!.extensions!.retryAfterSeconds as number;
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect(second.data).toBeUndefined();
    // A refused request costs nothing: a cheap one still fits.
    const cheap = await r.gql(`{ viewer { id } }`, {}, lee);
    expect(cheap.errors).toBeUndefined();
    expect(cheap.extensions!.cost).toMatchObject({ requested: 3, remaining: 15 });
  });

  it("never lets one caller's exhaustion block another", async () => {
    const sam = await r.login("sam@paperworks.test");
    const { token } = await createApiToken(r, "pia@paperworks.test", ["READ"]);
    while ((await r.gql(QUERY, {}, sam)).status !== 429);
    const other = await r.gql(QUERY, {}, token);
    expect(other.errors).toBeUndefined();
    expect(other.extensions!.cost).toMatchObject({ requested: 32, remaining: 18 });
    expect(codeOf(await r.gql(QUERY, {}, sam))).toBe("RATE_LIMITED");
  });
});

describe("production mode", () => {
  let p: TestServer;
  beforeAll(async () => {
    p = await startTestServer({ nodeEnv: "production", introspection: false });
  });
  afterAll(() => p?.close());

  it("answers no introspection and gives no field suggestions", async () => {
    const ana = await p.login("ana@acme.test");
    const introspection = await p.gql(`{ __schema { types { name } } }`, {}, ana);
    expect(introspection.errors![0]!.message).toMatch(/introspection is not allowed/i);
    const typo = await p.gql(`{ opportunitys(first: 1) { edges { cursor } } }`, {}, ana);
    expect(codeOf(typo)).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(JSON.stringify(typo.errors)).not.toMatch(/Did you mean|opportunities/);
  });

  it("masks internal errors", async () => {
    const ana = await p.login("ana@acme.test");
    await p.sql(`ALTER TABLE account RENAME TO account_moved`);
    try {
      const result = await p.gql(`{ accounts { id } }`, {}, ana);
      expect(result.errors![0]).toMatchObject({ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } });
      expect(JSON.stringify(result)).not.toMatch(/relation|stack|account_moved|select/i);
    } finally {
      await p.sql(`ALTER TABLE account_moved RENAME TO account`);
    }
  });

  it("can be allowed introspection by configuration", async () => {
    const allowed = await startTestServer({ nodeEnv: "production", introspection: true });
    try {
      const result = await allowed.gql(`{ __schema { queryType { name } } }`, {}, await allowed.login("ana@acme.test"));
      expect(result.data).toEqual({ __schema: { queryType: { name: "Query" } } });
    } finally {
      await allowed.close();
    }
  });
});

describe("idempotent creates", () => {
  const CREATE_ACCOUNT = `mutation ($input: CreateAccountInput!) { createAccount(input: $input) { id name } }`;
  const CREATE_OPP = `mutation ($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id title } }`;

  it("createAccount: the same key twice writes once and returns the first result; another payload is a CONFLICT", async () => {
    const ana = await t.login("ana@acme.test");
    const input = { name: "Hooli", domain: "hooli.example", idempotencyKey: "acct-1" };
    const [a, b] = await Promise.all([t.gql(CREATE_ACCOUNT, { input }, ana), t.gql(CREATE_ACCOUNT, { input }, ana)]);
    expect(a.errors).toBeUndefined();
    expect(b.data).toEqual(a.data);
    expect(await t.sql(`SELECT count(*)::int AS n FROM account WHERE name = 'Hooli'`)).toEqual([{ n: 1 }]);
    const other = await t.gql(CREATE_ACCOUNT, { input: { ...input, name: "Hooli XYZ" } }, ana);
    expect(codeOf(other)).toBe("CONFLICT");
    expect(await t.sql(`SELECT count(*)::int AS n FROM account WHERE name LIKE 'Hooli%'`)).toEqual([{ n: 1 }]);
  });

  it("createOpportunity: the same key twice writes once; another payload is a CONFLICT", async () => {
    const ana = await t.login("ana@acme.test");
    const accountId = (await t.gql(`{ accounts { id name } }`, {}, ana)).data!.accounts[0].id;
    const input = { accountId, title: "Idempotent deal", amount: { amount: "10.00", currency: "USD" }, idempotencyKey: "opp-1" };
    const first = await t.gql(CREATE_OPP, { input }, ana);
    const again = await t.gql(CREATE_OPP, { input }, ana);
    expect(again.data).toEqual(first.data);
    expect(await t.sql(`SELECT count(*)::int AS n FROM opportunity WHERE title = 'Idempotent deal'`)).toEqual([{ n: 1 }]);
    expect(codeOf(await t.gql(CREATE_OPP, { input: { ...input, amount: { amount: "11.00", currency: "USD" } } }, ana))).toBe("CONFLICT");
  });

  it("logActivity keeps its own idempotency", async () => {
    const ana = await t.login("ana@acme.test");
    const input = { opportunityId: opps["Umbrella menu cards"]!.id, kind: "NOTE", body: "once", idempotencyKey: "note-1" };
    const first = await t.gql(LOG, { input }, ana);
    expect((await t.gql(LOG, { input }, ana)).data).toEqual(first.data);
    expect(codeOf(await t.gql(LOG, { input: { ...input, body: "twice" } }, ana))).toBe("CONFLICT");
  });
});
