import { SignJWT, decodeJwt } from "jose";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../src/app.js";
import type { RunningServer } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import type { Config } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { DEMO_PASSWORD } from "../src/seed/demo.js";
import { TEST_REDIS_URL, codeOf, startTestServer } from "./fixtures.js";
import type { GraphQLResponse, TestServer } from "./fixtures.js";
import { demoOpportunities } from "./helpers.js";
import { ROOM_ACTIVITY, firstAnswer, follow, socketClient, until, wsUrl } from "./ws.js";
import type { SocketClient } from "./ws.js";

/**
 * Sessions are checked against the database on every request, end when their owner signs out,
 * expire on time (sockets too), and the web app's cookie cannot be used from another origin.
 */

const JWT_SECRET = "test-secret-".padEnd(40, "x");
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { token } }`;
const SIGN_IN = `mutation ($input: LoginInput!) { signIn(input: $input) { expiresAt user { email } } }`;
const LOGOUT = `mutation ($input: LogoutInput!) { logout(input: $input) { sessionsEnded } }`;
const CREATE_API_TOKEN = `mutation ($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }`;
const OPPORTUNITY_TITLES = `{ opportunities(first: 100) { edges { node { title } } } }`;

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

const open = (server: { url: string }, token: string): SocketClient => {
  const socket = socketClient(server.url, token);
  sockets.push(socket);
  return socket;
};

/** A fresh session token (not the fixture's cached one), so ending it does not disturb other tests. */
async function freshLogin(server: { url: string }, email: string): Promise<string> {
  const result = await post(server.url, LOGIN, { input: { email, password: DEMO_PASSWORD } });
  const token = result.data?.login.token as string | undefined;
  if (!token) throw new Error(JSON.stringify(result.errors));
  return token;
}

async function post(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse & { headers: Headers }> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, headers: response.headers, ...((await response.json()) as object) };
}

/** Resolves once the socket is acknowledged and answering as a signed-in person (its feeds are live). */
async function signedInOver(socket: SocketClient): Promise<void> {
  const answer = await firstAnswer(socket, `{ viewer { id } }`);
  if (!answer.data?.viewer) throw new Error(JSON.stringify(answer));
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const userIdOf = async (email: string) => (await t.sql(`SELECT id FROM app_user WHERE email = $1`, [email]))[0]!.id as string;
const orgIdOf = async (name: string) => (await t.sql(`SELECT id FROM organization WHERE name = $1`, [name]))[0]!.id as string;

describe("claims in a session token are not believed", () => {
  it("a validly signed token with Gus's id but Acme's organization and ADMIN acts as Gus the Globex rep", async () => {
    const gus = await freshLogin(t, "gus@globex.test");
    const claims = decodeJwt(gus);
    const forged = await new SignJWT({ ...claims, org: await orgIdOf("Acme Print"), role: "ADMIN" })
      .setProtectedHeader({ alg: "HS256" })
      .sign(new TextEncoder().encode(JWT_SECRET));

    const deals = await post(t.url, OPPORTUNITY_TITLES, {}, bearer(forged));
    expect(deals.errors).toBeUndefined();
    expect(deals.data!.opportunities.edges.map((e: { node: { title: string } }) => e.node.title)).not.toContain("Umbrella menu cards");
    const viewer = await post(t.url, `{ viewer { email role organization { name } } }`, {}, bearer(forged));
    expect(viewer.data!.viewer).toEqual({ email: "gus@globex.test", role: "REP", organization: { name: "Globex" } });
    const created = await post(t.url, CREATE_API_TOKEN, { input: { name: "stolen", scopes: ["READ"] } }, bearer(forged));
    expect(codeOf(created)).toBe("FORBIDDEN");
  });

  it("a signed token that names no session is refused (UNAUTHENTICATED)", async () => {
    const forged = await new SignJWT({ org: await orgIdOf("Acme Print"), role: "ADMIN" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(await userIdOf("ada@acme.test"))
      .setIssuer("cosell")
      .setIssuedAt()
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(JWT_SECRET));
    expect(codeOf(await post(t.url, OPPORTUNITY_TITLES, {}, bearer(forged)))).toBe("UNAUTHENTICATED");
  });

  it("a role change in the database applies to the next request and reconnects open sockets", async () => {
    const maxId = await userIdOf("max@acme.test");
    const max = await freshLogin(t, "max@acme.test");
    expect((await post(t.url, CREATE_API_TOKEN, { input: { name: "before", scopes: ["READ"] } }, bearer(max))).errors).toBeUndefined();
    const socket = open(t, max);
    const feed = follow(socket, ROOM_ACTIVITY, { id: opps["Northwind catalog relaunch"]!.id }, "roomActivity");
    await signedInOver(socket);
    try {
      await t.sql(`UPDATE app_user SET role = 'REP' WHERE id = $1`, [maxId]);
      await t.server.services.sessions.userChanged(maxId);
      expect(codeOf(await post(t.url, CREATE_API_TOKEN, { input: { name: "after", scopes: ["READ"] } }, bearer(max)))).toBe("FORBIDDEN");
      expect((await post(t.url, `{ viewer { role } }`, {}, bearer(max))).data!.viewer.role).toBe("REP");
      await until(() => socket.closes.length > 0);
      expect(socket.closes[0]).toEqual({ code: 4205, reason: "Sign-in changed: reconnect" });
    } finally {
      feed.stop();
      await t.sql(`UPDATE app_user SET role = 'MANAGER' WHERE id = $1`, [maxId]);
      await t.server.services.sessions.userChanged(maxId);
    }
  });

  it("a deactivated user is signed out at once: HTTP answers UNAUTHENTICATED and sockets close with 4401", async () => {
    const leeId = await userIdOf("lee@pixel.test");
    const lee = await freshLogin(t, "lee@pixel.test");
    const socket = open(t, lee);
    follow(socket, ROOM_ACTIVITY, { id: opps["Northwind catalog relaunch"]!.id }, "roomActivity");
    await signedInOver(socket);
    try {
      await t.sql(`UPDATE app_user SET active = false WHERE id = $1`, [leeId]);
      await t.server.services.sessions.userChanged(leeId);
      expect(codeOf(await post(t.url, `{ viewer { id } }`, {}, bearer(lee)))).toBe("UNAUTHENTICATED");
      await until(() => socket.closes.length > 0);
      expect(socket.closes[0]).toEqual({ code: 4401, reason: "Session ended" });
      expect(codeOf(await post(t.url, LOGIN, { input: { email: "lee@pixel.test", password: DEMO_PASSWORD } }))).toBe("UNAUTHENTICATED");
    } finally {
      await t.sql(`UPDATE app_user SET active = true WHERE id = $1`, [leeId]);
      await t.server.services.sessions.userChanged(leeId);
    }
  });
});

describe("signing out", () => {
  it("logout ends the caller's session only; its socket closes with 4401", async () => {
    const first = await freshLogin(t, "sam@paperworks.test");
    const second = await freshLogin(t, "sam@paperworks.test");
    const socket = open(t, first);
    follow(socket, ROOM_ACTIVITY, { id: opps["Northwind catalog relaunch"]!.id }, "roomActivity");
    await signedInOver(socket);

    const out = await post(t.url, LOGOUT, { input: {} }, bearer(first));
    expect(out.data).toEqual({ logout: { sessionsEnded: 1 } });
    expect(codeOf(await post(t.url, `{ viewer { id } }`, {}, bearer(first)))).toBe("UNAUTHENTICATED");
    expect((await post(t.url, `{ viewer { email } }`, {}, bearer(second))).data!.viewer.email).toBe("sam@paperworks.test");
    await until(() => socket.closes.length > 0);
    expect(socket.closes[0]).toEqual({ code: 4401, reason: "Session ended" });
    const sid = decodeJwt(first).sid;
    const [row] = await t.sql(`SELECT revoked_at, last_seen_at, created_at, expires_at FROM session WHERE id = $1`, [sid]);
    expect(row!.revoked_at).not.toBeNull();
    expect(row!.expires_at.getTime() - row!.created_at.getTime()).toBe(12 * 3600 * 1000);
  });

  it("logout with everywhere: true ends every session of the user, and a session cannot be used again", async () => {
    const tokens = [await freshLogin(t, "pia@paperworks.test"), await freshLogin(t, "pia@paperworks.test")];
    const out = await post(t.url, LOGOUT, { input: { everywhere: true } }, bearer(tokens[0]!));
    expect(out.data!.logout.sessionsEnded).toBeGreaterThanOrEqual(2);
    for (const token of tokens) expect(codeOf(await post(t.url, `{ viewer { id } }`, {}, bearer(token)))).toBe("UNAUTHENTICATED");
    // A socket opened with an ended session is refused at connection_init, as any bad credential.
    const socket = open(t, tokens[1]!);
    const feed = follow(socket, ROOM_ACTIVITY, { id: opps["Northwind catalog relaunch"]!.id }, "roomActivity");
    await feed.ended;
    expect(socket.closes[0]?.code).toBe(4403);
  });

  it("is for people: an API token gets FORBIDDEN, nobody gets UNAUTHENTICATED", async () => {
    const maxToken = await freshLogin(t, "max@acme.test");
    const created = await post(t.url, CREATE_API_TOKEN, { input: { name: "logout test", scopes: ["READ"] } }, bearer(maxToken));
    const apiToken = created.data!.createApiToken.token as string;
    expect(codeOf(await post(t.url, LOGOUT, { input: {} }, bearer(apiToken)))).toBe("FORBIDDEN");
    expect(codeOf(await post(t.url, LOGOUT, { input: {} }))).toBe("UNAUTHENTICATED");
  });
});

describe("a session with a short lifetime", () => {
  let short: TestServer;
  beforeAll(async () => {
    short = await startTestServer({ sessionTtlSeconds: 2 });
  });
  afterAll(async () => short?.close());

  it("closes its socket with 4401 when it expires, though no message arrives, and HTTP refuses it", async () => {
    const token = await freshLogin(short, "ana@acme.test");
    const socket = open(short, token);
    const room = (await post(short.url, `{ opportunities(first: 1) { edges { node { id } } } }`, {}, bearer(token))).data!.opportunities
      .edges[0].node.id;
    follow(socket, ROOM_ACTIVITY, { id: room }, "roomActivity");
    await signedInOver(socket);
    await until(() => socket.closes.length > 0, 4_000);
    expect(socket.closes[0]).toEqual({ code: 4401, reason: "Session expired" });
    expect(codeOf(await post(short.url, `{ viewer { id } }`, {}, bearer(token)))).toBe("UNAUTHENTICATED");
    expect(short.server.sockets()).toBe(0);
  });
});

describe("the web app's cookie session", () => {
  const sameOrigin = () => ({ origin: t.url });

  async function signIn(email: string) {
    const result = await post(t.url, SIGN_IN, { input: { email, password: DEMO_PASSWORD } }, sameOrigin());
    const setCookie = result.headers.get("set-cookie") ?? "";
    const cookie = /^(cosell_session=[^;]+)/.exec(setCookie)?.[1];
    return { result, setCookie, cookie: cookie! };
  }

  it("signIn sets an httpOnly, SameSite=Strict cookie and never shows the token", async () => {
    const { result, setCookie, cookie } = await signIn("ana@acme.test");
    expect(result.errors).toBeUndefined();
    expect(result.data!.signIn.user.email).toBe("ana@acme.test");
    expect(JSON.stringify(result.data)).not.toContain(cookie.split("=")[1]);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/i); // plain http here; Secure when the request came over TLS
    const viewer = await post(t.url, `{ viewer { email } }`, {}, { cookie, ...sameOrigin() });
    expect(viewer.data!.viewer.email).toBe("ana@acme.test");
  });

  it("refuses the cookie on a request from another origin (403 FORBIDDEN)", async () => {
    const { cookie } = await signIn("ana@acme.test");
    const result = await post(t.url, `{ viewer { email } }`, {}, { cookie, origin: "https://evil.example" });
    expect(result.status).toBe(403);
    expect(codeOf(result)).toBe("FORBIDDEN");
  });

  it("authenticates a same-origin socket with the cookie, and refuses the upgrade from another origin", async () => {
    const { cookie } = await signIn("ana@acme.test");
    const upgrade = (origin: string) =>
      new Promise<{ status: number } | { open: WebSocket }>((resolve) => {
        const socket = new WebSocket(wsUrl(t.url), "graphql-transport-ws", { headers: { cookie, origin } });
        socket.once("unexpected-response", (_req, res) => resolve({ status: res.statusCode ?? 0 }));
        socket.once("open", () => resolve({ open: socket }));
        socket.once("error", () => undefined);
      });

    const hijack = await upgrade("https://evil.example");
    expect(hijack).toEqual({ status: 403 });

    const ours = await upgrade(t.url);
    if (!("open" in ours)) throw new Error(`upgrade refused: ${JSON.stringify(ours)}`);
    const messages: Record<string, any>[] = [];
    ours.open.on("message", (data) => messages.push(JSON.parse(String(data))));
    ours.open.send(JSON.stringify({ type: "connection_init", payload: {} }));
    await until(() => messages.some((m) => m.type === "connection_ack"));
    ours.open.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: `{ viewer { email } }` } }));
    await until(
      () => messages.some((m) => m.id === "1" && m.type === "next"),
      5_000,
      () => JSON.stringify(messages),
    );
    expect(messages.find((m) => m.id === "1")!.payload.data.viewer.email).toBe("ana@acme.test");
    ours.open.close();
  });

  it("logout ends the cookie's session and clears the cookie", async () => {
    const { cookie } = await signIn("ana@acme.test");
    const out = await post(t.url, LOGOUT, { input: {} }, { cookie, ...sameOrigin() });
    expect(out.data).toEqual({ logout: { sessionsEnded: 1 } });
    expect(out.headers.get("set-cookie")).toMatch(/^cosell_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(codeOf(await post(t.url, `{ viewer { email } }`, {}, { cookie, ...sameOrigin() }))).toBe("UNAUTHENTICATED");
  });

  it("signIn answers only over HTTP, where it can set the cookie", async () => {
    const socket = open(t, await freshLogin(t, "ana@acme.test"));
    const answer = await new Promise<{ errors?: { extensions?: { code?: string } }[] }>((resolve) =>
      socket.client.subscribe(
        { query: SIGN_IN, variables: { input: { email: "ana@acme.test", password: DEMO_PASSWORD } } },
        { next: resolve as never, error: (e) => resolve({ errors: e as never }), complete: () => undefined },
      ),
    );
    expect(answer.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("across instances", () => {
  let a: RunningServer;
  let b: RunningServer;
  beforeAll(async () => {
    const config: Config = {
      ...loadConfig({ NODE_ENV: "test", DATABASE_URL: t.database.url, REDIS_URL: TEST_REDIS_URL, JWT_SECRET, LOG_LEVEL: "silent" }),
      port: 0,
      seed: "none",
      rateLimitPoints: 1_000_000,
    };
    a = await startServer(config, createLogger(config));
    b = await startServer(config, createLogger(config));
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it("a logout on one instance closes the session's sockets on the other with 4401, and the other refuses it next", async () => {
    const token = await freshLogin(a, "pat@pixel.test");
    expect((await post(b.url, `{ viewer { email } }`, {}, bearer(token))).data!.viewer.email).toBe("pat@pixel.test");
    const socket = open(b, token);
    follow(socket, ROOM_ACTIVITY, { id: opps["Northwind catalog relaunch"]!.id }, "roomActivity");
    await signedInOver(socket);

    expect((await post(a.url, LOGOUT, { input: {} }, bearer(token))).data).toEqual({ logout: { sessionsEnded: 1 } });
    await until(() => socket.closes.length > 0);
    expect(socket.closes[0]).toEqual({ code: 4401, reason: "Session ended" });
    expect(codeOf(await post(b.url, `{ viewer { email } }`, {}, bearer(token)))).toBe("UNAUTHENTICATED");
  });

  it("a role change announced on one instance applies on the other at the next request", async () => {
    const patId = await userIdOf("pat@pixel.test");
    const token = await freshLogin(b, "pat@pixel.test");
    expect((await post(b.url, `{ viewer { role } }`, {}, bearer(token))).data!.viewer.role).toBe("MANAGER");
    try {
      await t.sql(`UPDATE app_user SET role = 'REP' WHERE id = $1`, [patId]);
      await a.services.sessions.userChanged(patId);
      await until(async () => (await post(b.url, `{ viewer { role } }`, {}, bearer(token))).data!.viewer.role === "REP", 2_000);
    } finally {
      await t.sql(`UPDATE app_user SET role = 'MANAGER' WHERE id = $1`, [patId]);
      await a.services.sessions.userChanged(patId);
    }
  });
});
