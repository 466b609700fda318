import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toGlobalId } from "../src/ids.js";
import { LIMITS, LIST_BOUNDS } from "../src/limits/index.js";
import { realtimeOptions } from "../src/realtime/options.js";
import { TEST_REDIS_URL, codeOf, startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { DEALS_MEMBERS_FIRMS, LOG, countRows, createApiToken, demoOpportunities, randomGlobalId } from "./helpers.js";
import { ROOM_ACTIVITY, ROOM_PRESENCE, firstAnswer, follow, rawSocket, sleep, socketClient, until } from "./ws.js";
import type { ActivityItem, SocketClient } from "./ws.js";

/**
 * The partner API over the WebSocket: the same limits, budget, scopes and visibility as over HTTP,
 * and a revoked token's sockets close at once.
 */

let t: TestServer;
let opps: Awaited<ReturnType<typeof demoOpportunities>>;
const sockets: SocketClient[] = [];
beforeAll(async () => {
  t = await startTestServer();
  opps = await demoOpportunities(t);
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await t?.close();
});

const open = (server: TestServer, token: string): SocketClient => {
  const socket = socketClient(server.url, token);
  sockets.push(socket);
  return socket;
};

const codes = (answer: { errors?: { extensions?: Record<string, unknown> }[] }) => answer.errors?.map((e) => e.extensions?.code);

/** The cursor before a room's newest activity: subscribing after it replays that one at once. */
async function cursorBeforeNewest(room: string): Promise<string> {
  const result = await t.gql(
    `query ($id: ID!) { opportunity(id: $id) { activities(last: 2) { edges { cursor } } } }`,
    { id: room },
    await t.login("ana@acme.test"),
  );
  return result.data!.opportunity.activities.edges[0].cursor;
}

describe("limits on the socket", () => {
  let socket: SocketClient;
  let room: string;
  beforeAll(async () => {
    socket = open(t, await t.login("ana@acme.test"));
    room = opps["Northwind catalog relaunch"]!.id;
  });

  it("refuses subscriptions nested deeper than the depth limit", async () => {
    let selection = "name";
    for (let i = 0; i < LIMITS.depth; i++) selection = `organization { members { ${selection} } }`;
    const answer = await firstAnswer(socket, `subscription ($id: ID!) { roomActivity(opportunityId: $id) { actor { ${selection} } } }`, {
      id: room,
    });
    expect(codes(answer)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(answer.errors![0]!.message).toMatch(/depth limit of 10/);
  });

  it("refuses more aliases than the limit", async () => {
    const aliases = Array.from({ length: LIMITS.aliases + 1 }, (_, i) => `a${i}: at`).join(" ");
    const answer = await firstAnswer(socket, `subscription ($id: ID!) { roomPresence(opportunityId: $id) { ${aliases} } }`, { id: room });
    expect(codes(answer)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(answer.errors![0]!.message).toMatch(/Aliases limit of 15/);
  });

  it("refuses more directives than the limit", async () => {
    const directives = Array.from({ length: LIMITS.directives + 1 }, () => "@include(if: true)").join(" ");
    const answer = await firstAnswer(socket, `subscription ($id: ID!) { roomPresence(opportunityId: $id) { at ${directives} } }`, {
      id: room,
    });
    expect(new Set(codes(answer))).toEqual(new Set(["GRAPHQL_VALIDATION_FAILED"]));
    expect(answer.errors!.map((e) => e.message)).toContainEqual(expect.stringMatching(/Directives limit of 50/));
  });

  it("refuses documents with more tokens than the limit", async () => {
    const fields = Array.from({ length: LIMITS.tokens }, () => "__typename").join(" ");
    const answer = await firstAnswer(socket, `subscription ($id: ID!) { roomPresence(opportunityId: $id) { at ${fields} } }`, { id: room });
    expect(codes(answer)).toEqual(["GRAPHQL_PARSE_FAILED"]);
    expect(answer.errors![0]!.message).toMatch(/more that 1000 tokens/);
  });

  it("counts lists without `first` at their bounds: 100 deals × members × their firms' members is refused before it runs", async () => {
    const { roomMembers, organizationMembers } = LIST_BOUNDS;
    const perDeal = 2 + (2 + (2 + roomMembers * (2 + (2 + (2 + organizationMembers * 3))))); // 37,656
    const one = await firstAnswer(socket, DEALS_MEMBERS_FIRMS, { n: 1 });
    expect(one.errors).toBeUndefined();
    expect(one.extensions!.cost).toMatchObject({ requested: perDeal, limit: 100_000_000 });
    const hundred = await firstAnswer(socket, DEALS_MEMBERS_FIRMS, { n: 100 });
    expect(codes(hundred)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(hundred.errors![0]!.message).toBe(
      `Query cost limit of ${LIMITS.cost} exceeded, found ${100 * perDeal}. Ask for smaller pages or fewer fields.`,
    );
    expect(hundred.data).toBeUndefined();
    // The same shape as a subscription: refused before it starts listening.
    const live = await firstAnswer(
      socket,
      `subscription ($id: ID!) { roomPresence(opportunityId: $id) { users { organization { members { organization { members { name } } } } } } }`,
      { id: room },
    );
    expect(codes(live)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });

  it("keeps page sizes within 1..100", async () => {
    const answer = await firstAnswer(socket, `{ opportunities(first: 101) { edges { cursor } } }`);
    expect(codes(answer)).toEqual(["BAD_USER_INPUT"]);
  });

  it("closes the socket on a message over the size limit (1009), as HTTP answers 413", async () => {
    const raw = await rawSocket(t.url);
    raw.send({ type: "connection_init", payload: { authorization: `Bearer ${await t.login("ana@acme.test")}` } });
    await until(() => raw.messages.some((m) => m.type === "connection_ack"));
    raw.send({
      id: "big",
      type: "subscribe",
      payload: { query: ROOM_PRESENCE, variables: { id: room, pad: "x".repeat(realtimeOptions().maxMessageBytes) } },
    });
    expect((await raw.closed).code).toBe(1009);
    expect(raw.messages.filter((m) => m.id === "big")).toEqual([]);
  });

  it("keeps the socket usable after refusals", async () => {
    const answer = await firstAnswer(socket, ROOM_PRESENCE, { id: room });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.roomPresence.opportunityId).toBe(room);
  });
});

describe("an API token on the socket", () => {
  it("with the READ scope subscribes, but cannot mutate (FORBIDDEN) and writes nothing", async () => {
    const room = opps["Northwind catalog relaunch"]!.id; // Pixel Studio has a member here
    const { token } = await createApiToken(t, "pat@pixel.test", ["READ"]);
    const socket = open(t, token);
    const feed = follow<ActivityItem>(socket, ROOM_ACTIVITY, { id: room, after: await cursorBeforeNewest(room) }, "roomActivity");
    await feed.waitFor(1);
    const before = await countRows(t, "activity");
    const mutation = await firstAnswer(socket, LOG, {
      input: { opportunityId: room, kind: "NOTE", body: "from a READ token on the socket" },
    });
    expect(codes(mutation)).toEqual(["FORBIDDEN"]);
    expect(mutation.data).toBeNull();
    expect(await countRows(t, "activity")).toBe(before);
    expect(feed.errors).toEqual([]);
  });

  it("with WRITE can mutate over the socket too", async () => {
    const { token } = await createApiToken(t, "pat@pixel.test", ["READ", "WRITE"]);
    const answer = await firstAnswer(open(t, token), LOG, {
      input: { opportunityId: opps["Northwind catalog relaunch"]!.id, kind: "NOTE", body: "from a WRITE token on the socket" },
    });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.logActivity).toMatchObject({ body: "from a WRITE token on the socket", actor: null });
  });

  it("follows a room its organization has a member in, live", async () => {
    const room = opps["Northwind catalog relaunch"]!.id;
    const { token } = await createApiToken(t, "pat@pixel.test", ["READ"]);
    const socket = open(t, token);
    const feed = follow<ActivityItem>(socket, ROOM_ACTIVITY, { id: room, after: await cursorBeforeNewest(room) }, "roomActivity");
    await feed.waitFor(1);
    const logged = await t.gql(
      LOG,
      { input: { opportunityId: room, kind: "CALL", body: "kick-off with the printer" } },
      await t.login("ana@acme.test"),
    );
    expect(logged.errors).toBeUndefined();
    const items = await feed.waitFor(2);
    expect(items[1]).toMatchObject({ seq: logged.data!.logActivity.seq, kind: "CALL", body: "kick-off with the printer" });
  });

  it("gets NOT_FOUND for a room its organization is not in, exactly as for a random id", async () => {
    const { token } = await createApiToken(t, "pat@pixel.test", ["READ"]);
    const socket = open(t, token);
    const hidden = opps["Umbrella menu cards"]!.id; // Acme only
    const random = randomGlobalId("Opportunity");
    for (const query of [ROOM_ACTIVITY, ROOM_PRESENCE]) {
      const [seen, missing] = await Promise.all([firstAnswer(socket, query, { id: hidden }), firstAnswer(socket, query, { id: random })]);
      expect(codes(seen)).toEqual(["NOT_FOUND"]);
      expect({ data: seen.data, errors: seen.errors }).toEqual({ data: missing.data, errors: missing.errors });
    }
  });
});

describe("revoking an API token", () => {
  const REVOKE = `mutation ($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { id revokedAt } }`;

  it("closes its open sockets at once with 4403, leaves other tokens' sockets open, and refuses new ones", async () => {
    const room = opps["Northwind catalog relaunch"]!.id;
    const revoked = await createApiToken(t, "pat@pixel.test", ["READ"], "to be revoked");
    const kept = await createApiToken(t, "pat@pixel.test", ["READ"], "kept");
    const socket = open(t, revoked.token);
    const feed = follow<ActivityItem>(socket, ROOM_ACTIVITY, { id: room, after: await cursorBeforeNewest(room) }, "roomActivity");
    const presence = follow(socket, ROOM_PRESENCE, { id: room }, "roomPresence");
    const other = follow<ActivityItem>(
      open(t, kept.token),
      ROOM_ACTIVITY,
      { id: room, after: await cursorBeforeNewest(room) },
      "roomActivity",
    );
    await feed.waitFor(1);
    await presence.waitFor(1);
    await other.waitFor(1);

    const result = await t.gql(REVOKE, { input: { id: revoked.id } }, await t.login("pat@pixel.test"));
    expect(result.errors).toBeUndefined();
    await until(
      () => socket.closes.length > 0,
      2_000,
      () => "the revoked token's socket is still open",
    );
    await Promise.all([feed.ended, presence.ended]);
    expect(socket.closes).toEqual([{ code: 4403, reason: "API token revoked" }]);

    // Nothing more reaches the revoked token; the other token still hears the room.
    await t.gql(LOG, { input: { opportunityId: room, kind: "NOTE", body: "after the revocation" } }, await t.login("ana@acme.test"));
    await other.waitFor(2);
    // Asserting nothing reaches the revoked feed: the other token's feed already got the note, and delivery to
    // all subscribers happens within a few ms of each other, so 100 ms is ample.
    await sleep(100);
    expect(feed.items).toHaveLength(1);
    expect(other.errors).toEqual([]);

    const again = open(t, revoked.token);
    const refused = follow(again, ROOM_PRESENCE, { id: room }, "roomPresence");
    await refused.ended;
    expect(again.closes.map((c) => c.code)).toEqual([4403]);
    expect(refused.items).toEqual([]);
  });
});

describe("the cost budget on the socket", () => {
  let r: TestServer;
  beforeAll(async () => {
    r = await startTestServer({
      rateLimitPoints: 50,
      redisUrl: TEST_REDIS_URL,
      rateLimitPrefix: `cosell-test:${randomBytes(6).toString("hex")}:`,
    });
  });
  afterAll(() => r?.close());

  const QUERY = `{ opportunities(first: 4) { edges { node { id title } } } }`; // 32 points
  const PRESENCE = `subscription ($id: ID!) { roomPresence(opportunityId: $id) { opportunityId at } }`;
  const PRESENCE_COST = 4; // roomPresence (2) + opportunityId (1) + at (1)

  it("is the one HTTP spends: the same caller is RATE_LIMITED on either, refusals cost nothing, others are untouched", async () => {
    const lee = await r.login("lee@pixel.test");
    const [row] = await r.sql(`SELECT id FROM opportunity WHERE title = 'Northwind catalog relaunch'`);
    const room = toGlobalId("Opportunity", row!.id);
    const socket = open(r, lee);

    const first = await firstAnswer(socket, QUERY);
    expect(first.errors).toBeUndefined();
    expect(first.extensions!.cost).toEqual({ requested: 32, limit: 50, remaining: 18, resetInSeconds: expect.any(Number) });

    const overHttp = await r.gql(QUERY, {}, lee);
    expect(overHttp.status).toBe(429);
    expect(codeOf(overHttp)).toBe("RATE_LIMITED");

    const overSocket = await firstAnswer(socket, QUERY);
    expect(codes(overSocket)).toEqual(["RATE_LIMITED"]);
    const retry = overSocket.errors![0]!.extensions!.retryAfterSeconds as number;
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);

    // Refusals cost nothing: a subscription that fits still starts, and HTTP sees what it spent.
    const presence = await firstAnswer(socket, PRESENCE, { id: room });
    expect(presence.errors).toBeUndefined();
    expect(presence.extensions!.cost).toMatchObject({ requested: PRESENCE_COST, remaining: 18 - PRESENCE_COST });
    const activity = await firstAnswer(
      socket,
      `subscription ($id: ID!) { roomActivity(opportunityId: $id) { id seq cursor kind body createdAt actor { name email } actorOrganization { name } } }`,
      { id: room },
    );
    expect(codes(activity)).toEqual(["RATE_LIMITED"]); // 15 points, one more than is left
    const cheap = await r.gql(`{ viewer { id } }`, {}, lee);
    expect(cheap.extensions!.cost).toMatchObject({ requested: 3, remaining: 18 - PRESENCE_COST - 3 });

    // Another caller's socket has its whole budget.
    const pia = await firstAnswer(open(r, await r.login("pia@paperworks.test")), QUERY);
    expect(pia.extensions!.cost).toMatchObject({ requested: 32, remaining: 18 });
  });
});

describe("production mode on the socket", () => {
  let p: TestServer;
  beforeAll(async () => {
    p = await startTestServer({ nodeEnv: "production", introspection: false });
  });
  afterAll(() => p?.close());

  const TYPO = `subscription ($id: ID!) { roomActivty(opportunityId: $id) { id } }`;

  it("refuses introspection and gives no field suggestions", async () => {
    const socket = open(p, await p.login("ana@acme.test"));
    const introspection = await firstAnswer(socket, `{ __schema { types { name } } }`);
    expect(new Set(codes(introspection))).toEqual(new Set(["GRAPHQL_VALIDATION_FAILED"]));
    expect(introspection.errors![0]!.message).toMatch(/introspection has been disabled/i);
    expect(introspection.data).toBeUndefined();
    const type = await firstAnswer(socket, `{ __type(name: "Opportunity") { fields { name } } }`);
    expect(type.errors![0]!.message).toMatch(/introspection has been disabled/i);

    const typo = await firstAnswer(socket, TYPO, { id: randomGlobalId("Opportunity") });
    expect(codes(typo)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(JSON.stringify(typo.errors)).not.toMatch(/Did you mean|roomActivity/);
  });

  it("while development answers both (the refusals above are production's)", async () => {
    const socket = open(t, await t.login("ana@acme.test"));
    const introspection = await firstAnswer(socket, `{ __schema { queryType { name } } }`);
    expect(introspection.data).toEqual({ __schema: { queryType: { name: "Query" } } });
    const typo = await firstAnswer(socket, TYPO, { id: randomGlobalId("Opportunity") });
    expect(typo.errors![0]!.message).toMatch(/Did you mean "roomActivity"\?/);
  });
});
