import { randomBytes } from "node:crypto";
import { parse } from "graphql";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operationCost } from "../src/limits/index.js";
import { cosellSchema } from "../src/schema/build.js";
import { DEMO_PASSWORD } from "../src/seed/demo.js";
import { TEST_REDIS_URL, codeOf, startTestServer } from "./fixtures.js";
import type { GraphQLResponse, TestServer } from "./fixtures.js";
import { createApiToken } from "./helpers.js";
import { STAGE_CHANGES, rawSocket, sleep, until, wsUrl } from "./ws.js";

/**
 * Issue 12, points 4 and 5: sign-ins are throttled per account and per client address with growing
 * delays, anonymous callers run nothing but `login`, `TRUST_PROXY` decides whose forwarded address
 * counts, and live connections are capped per socket and per caller.
 */

const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { token user { email } } }`;
const BASE_DELAY_MS = 1_000;

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({
    redisUrl: TEST_REDIS_URL,
    rateLimitPrefix: `cosell-test:${randomBytes(6).toString("hex")}:`,
    loginThrottle: {
      accountFreeFailures: 3,
      addressFreeFailures: 25,
      baseDelayMs: BASE_DELAY_MS,
      maxDelayMs: 5_000,
      forgetAfterMs: 60_000,
    },
    maxSubscriptionsPerSocket: 5,
    maxSocketsPerUser: 3,
    maxSocketsPerApiToken: 2,
  });
});
afterAll(() => t?.close());

/** POST /graphql with extra headers (a bearer token, `X-Forwarded-For`). */
async function post(
  server: TestServer,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse> {
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

const signIn = (server: TestServer, email: string, password: string, headers: Record<string, string> = {}) =>
  post(server, LOGIN, { input: { email, password } }, headers);

describe("a burst of wrong passwords for one account", () => {
  it("is refused after the free failures (all at once, too), and the right password waits as well", async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => signIn(t, "pat@pixel.test", "guess")));
    const codes = answers.map(codeOf);
    expect(codes.filter((code) => code === "UNAUTHENTICATED")).toHaveLength(3);
    expect(codes.filter((code) => code === "RATE_LIMITED")).toHaveLength(17);
    const refused = answers.find((answer) => codeOf(answer) === "RATE_LIMITED")!;
    expect(refused.errors![0]).toMatchObject({ message: expect.stringMatching(/^Too many failed sign-in attempts; try again in \d+ s$/) });
    expect(refused.errors![0]!.extensions).toMatchObject({ retryAfter: 1, retryAfterSeconds: 1 });
    expect(JSON.stringify(refused.errors)).not.toMatch(/stack|at .*\.ts/);

    // The right password is not even checked while the account waits.
    expect(codeOf(await signIn(t, "pat@pixel.test", DEMO_PASSWORD))).toBe("RATE_LIMITED");
  });

  it("does not lock the owner out: a sign-in with their own valid session goes through and lifts the wait for everyone", async () => {
    const own = await t.login("ana@acme.test");
    for (let i = 0; i < 4; i++) await signIn(t, "ana@acme.test", `guess-${i}`);
    expect(codeOf(await signIn(t, "ana@acme.test", DEMO_PASSWORD))).toBe("RATE_LIMITED");

    // Someone else's session does not help.
    const other = await signIn(t, "ana@acme.test", DEMO_PASSWORD, { authorization: `Bearer ${await t.login("max@acme.test")}` });
    expect(codeOf(other)).toBe("RATE_LIMITED");

    const fromOwnSession = await signIn(t, "ana@acme.test", DEMO_PASSWORD, { authorization: `Bearer ${own}` });
    expect(fromOwnSession.errors).toBeUndefined();
    expect(fromOwnSession.data!.login.user.email).toBe("ana@acme.test");
    const elsewhere = await signIn(t, "ana@acme.test", DEMO_PASSWORD);
    expect(elsewhere.errors).toBeUndefined();
  });

  it("lets the right password in after the delay, and each further failure doubles the delay", async () => {
    for (let i = 0; i < 3; i++) expect(codeOf(await signIn(t, "lee@pixel.test", `guess-${i}`))).toBe("UNAUTHENTICATED");
    expect(codeOf(await signIn(t, "lee@pixel.test", DEMO_PASSWORD))).toBe("RATE_LIMITED");
    // Waiting out the delay is what is under test (polling would count as attempts); 50 ms covers clock skew.
    await sleep(BASE_DELAY_MS + 50);
    // One more failure after the first delay: now twice as long.
    expect(codeOf(await signIn(t, "lee@pixel.test", "guess-3"))).toBe("UNAUTHENTICATED");
    // One base delay in: still inside the doubled delay, which is what is asserted.
    await sleep(BASE_DELAY_MS + 50);
    expect(codeOf(await signIn(t, "lee@pixel.test", DEMO_PASSWORD))).toBe("RATE_LIMITED");
    // The second base delay: now past the doubled one.
    await sleep(BASE_DELAY_MS + 50);
    const after = await signIn(t, "lee@pixel.test", DEMO_PASSWORD);
    expect(after.errors).toBeUndefined();
    // The success forgot the failures: a wrong password is simply wrong again.
    expect(codeOf(await signIn(t, "lee@pixel.test", "guess-4"))).toBe("UNAUTHENTICATED");
  });

  it("never slows down people who sign in correctly, however often", async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => signIn(t, "sam@paperworks.test", DEMO_PASSWORD)));
    expect(answers.map((answer) => answer.errors)).toEqual(Array(8).fill(undefined));
    for (let i = 0; i < 8; i++) expect((await signIn(t, "sam@paperworks.test", DEMO_PASSWORD)).errors).toBeUndefined();
  });
});

describe("anonymous callers", () => {
  it("run login only: anything else is UNAUTHENTICATED (401) before it is charged to the address's budget", async () => {
    const before = (await signIn(t, "pia@paperworks.test", DEMO_PASSWORD)).extensions!.cost as { requested: number; remaining: number };
    for (const query of [
      `{ opportunities(first: 100) { edges { node { id title } } } }`,
      `query { ...Everything } fragment Everything on Query { opportunities(first: 100) { edges { cursor } } }`,
      `mutation { login(input: { email: "pia@paperworks.test", password: "cosell-demo" }) { token } createAccount(input: { name: "Sneaky" }) { id } }`,
    ]) {
      const refused = await post(t, query, {});
      expect(refused.status).toBe(401);
      expect(codeOf(refused)).toBe("UNAUTHENTICATED");
      expect(refused.data).toBeUndefined();
      expect(refused.extensions?.cost).toBeUndefined();
    }
    expect(await t.sql(`SELECT 1 FROM account WHERE name = 'Sneaky'`)).toEqual([]);
    const after = (await signIn(t, "pia@paperworks.test", DEMO_PASSWORD)).extensions!.cost as { remaining: number };
    expect(after.remaining).toBe(before.remaining - before.requested);
    expect((await post(t, `{ __typename }`, {})).data).toEqual({ __typename: "Query" });
  });

  it("cannot open a socket (4403), so nothing runs or is charged there either", async () => {
    const raw = await rawSocket(t.url);
    raw.send({ type: "connection_init", payload: {} });
    expect((await raw.closed).code).toBe(4403);
    expect(raw.messages).toEqual([]);
  });
});

/** A signed-in graphql-transport-ws socket, acknowledged; `headers` go on the upgrade request. */
async function signedInSocket(server: TestServer, token: string, headers: Record<string, string> = {}) {
  const socket = new WebSocket(wsUrl(server.url), "graphql-transport-ws", { headers });
  const messages: Record<string, any>[] = [];
  socket.on("message", (data) => messages.push(JSON.parse(String(data))));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on("close", (code, reason) => resolve({ code, reason: String(reason) })),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } }));
  const outcome = await Promise.race([
    until(() => messages.some((m) => m.type === "connection_ack")).then(() => "acknowledged" as const),
    closed,
  ]);
  return {
    socket,
    messages,
    closed,
    outcome,
    send: (message: unknown) => socket.send(JSON.stringify(message)),
  };
}

describe("caps on live connections", () => {
  it("refuses the subscriptions past the cap on one socket with LIMIT_EXCEEDED, charging nothing for them", async () => {
    const gus = await t.login("gus@globex.test");
    const live = await signedInSocket(t, gus);
    for (let i = 0; i < 1000; i++) live.send({ id: String(i), type: "subscribe", payload: { query: STAGE_CHANGES, variables: {} } });
    await until(() => live.messages.filter((m) => m.type === "error").length >= 995, 10_000);
    // No further refusal may follow: the 995 came in one burst, each within a tick of its subscribe, so 100 ms is ample.
    await sleep(100);
    const errors = live.messages.filter((m) => m.type === "error");
    expect(errors).toHaveLength(995);
    expect(new Set(errors.map((m) => m.payload[0].extensions.code))).toEqual(new Set(["LIMIT_EXCEEDED"]));
    expect(errors[0]!.payload[0]).toMatchObject({
      message: "This socket already runs 5 operations, the most one socket may; complete one first",
      extensions: { code: "LIMIT_EXCEEDED", limit: 5 },
    });
    expect(live.socket.readyState).toBe(WebSocket.OPEN);

    // Only the five that run were charged.
    const viewer = await t.gql(`{ viewer { id } }`, {}, gus);
    const subscriptionCost = operationCost(await cosellSchema(), parse(STAGE_CHANGES), undefined, {});
    const budget = viewer.extensions!.cost as { limit: number; remaining: number };
    expect(budget.remaining).toBe(budget.limit - 5 * subscriptionCost - 3);

    // Ending one frees its place.
    live.send({ id: "q1", type: "subscribe", payload: { query: `{ viewer { name } }` } });
    await until(() => live.messages.some((m) => m.id === "q1"));
    expect(live.messages.find((m) => m.id === "q1")!.payload[0].extensions.code).toBe("LIMIT_EXCEEDED");
    live.send({ id: "0", type: "complete" });
    // The protocol answers nothing to a client's complete; the server frees the place within a tick of reading it,
    // so 50 ms is ample.
    await sleep(50);
    live.send({ id: "q2", type: "subscribe", payload: { query: `{ viewer { name } }` } });
    await until(() => live.messages.some((m) => m.id === "q2" && m.type === "next"));
    expect(live.messages.find((m) => m.id === "q2")!.payload.data).toEqual({ viewer: { name: expect.any(String) } });
    live.socket.close();
  });

  it("closes a user's sockets past the cap with 4429, and lets a new one in once another closed", async () => {
    const max = await t.login("max@acme.test");
    const open = [await signedInSocket(t, max), await signedInSocket(t, max), await signedInSocket(t, max)];
    expect(open.map((s) => s.outcome)).toEqual(["acknowledged", "acknowledged", "acknowledged"]);
    const extra = await signedInSocket(t, max);
    expect(extra.outcome).toEqual({ code: 4429, reason: "Too many open sockets for this caller" });

    // Other callers are not affected.
    const other = await signedInSocket(t, await t.login("ada@acme.test"));
    expect(other.outcome).toBe("acknowledged");

    const before = t.server.sockets();
    open[0]!.socket.close();
    await open[0]!.closed;
    // The caller's count drops on the same server-side close event that drops the server's socket count.
    await until(
      () => t.server.sockets() < before,
      2_000,
      () => `${t.server.sockets()} sockets open`,
    );
    const again = await signedInSocket(t, max);
    expect(again.outcome).toBe("acknowledged");
    for (const s of [...open, again, other]) s.socket.close();
  });

  it("caps an API token's sockets the same way", async () => {
    const { token } = await createApiToken(t, "pat@pixel.test", ["READ"]);
    const first = await signedInSocket(t, token);
    const second = await signedInSocket(t, token);
    const third = await signedInSocket(t, token);
    expect([first.outcome, second.outcome]).toEqual(["acknowledged", "acknowledged"]);
    expect(third.outcome).toMatchObject({ code: 4429 });
    first.socket.close();
    second.socket.close();
  });
});

describe("failed sign-ins from one address", () => {
  it("are counted across accounts, and X-Forwarded-For is ignored without TRUST_PROXY", async () => {
    const answers: unknown[] = [];
    for (let i = 0; i < 30; i++) {
      answers.push(codeOf(await signIn(t, `nobody-${i}@example.test`, "guess", { "x-forwarded-for": `198.51.100.${i}` })));
    }
    expect(answers.filter((code) => code === "UNAUTHENTICATED").length).toBeLessThanOrEqual(25);
    expect(answers.at(-1)).toBe("RATE_LIMITED");
  });
});

describe("behind a trusted proxy (TRUST_PROXY=loopback)", () => {
  let p: TestServer;
  beforeAll(async () => {
    p = await startTestServer({
      trustProxy: ["loopback"],
      loginThrottle: { accountFreeFailures: 100, addressFreeFailures: 3, baseDelayMs: 60_000, maxDelayMs: 60_000, forgetAfterMs: 60_000 },
    });
  });
  afterAll(() => p?.close());

  it("counts each forwarded client on its own, over HTTP and WebSocket alike", async () => {
    // Many clients behind the balancer: none is held up by the others.
    for (let i = 0; i < 8; i++) {
      expect(codeOf(await signIn(p, `nobody-${i}@example.test`, "guess", { "x-forwarded-for": `198.51.100.${i}` }))).toBe(
        "UNAUTHENTICATED",
      );
    }
    // One client: two failures over HTTP and one over its socket use up its three.
    const client = { "x-forwarded-for": "203.0.113.7" };
    for (let i = 0; i < 2; i++) expect(codeOf(await signIn(p, `someone-${i}@example.test`, "guess", client))).toBe("UNAUTHENTICATED");
    const live = await signedInSocket(p, await p.login("gus@globex.test"), client);
    live.send({
      id: "1",
      type: "subscribe",
      payload: { query: LOGIN, variables: { input: { email: "someone-2@example.test", password: "guess" } } },
    });
    await until(() => live.messages.some((m) => m.id === "1" && m.type === "next"));
    expect(live.messages.find((m) => m.id === "1")!.payload.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    live.socket.close();

    const refused = await signIn(p, "someone-3@example.test", "guess", client);
    expect(codeOf(refused)).toBe("RATE_LIMITED");
    expect(refused.errors![0]!.extensions!.retryAfter).toBe(60);
    // The same proxy forwarding another client is not refused.
    expect(codeOf(await signIn(p, "someone-3@example.test", "guess", { "x-forwarded-for": "203.0.113.8" }))).toBe("UNAUTHENTICATED");
  });
});
