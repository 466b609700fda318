import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { TEST_DATABASE_URL, codeOf, startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { LOG, createApiToken, demoOpportunities } from "./helpers.js";
import { freePort, startRedis } from "./processes.js";
import type { Child } from "./processes.js";
import { follow, socketClient } from "./ws.js";
import type { SocketClient } from "./ws.js";

/** Runs SQL as the superuser on the test server's maintenance database (not the one being cut off). */
async function asSuperuser(text: string, params: unknown[] = []): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text, params);
  } finally {
    await client.end();
  }
}

/** The database stops taking connections and every open one is cut, as when PostgreSQL goes away. */
async function cutOff(database: string): Promise<void> {
  await asSuperuser(`ALTER DATABASE ${database} ALLOW_CONNECTIONS false`);
  await asSuperuser(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [database]);
}

const restore = (database: string) => asSuperuser(`ALTER DATABASE ${database} ALLOW_CONNECTIONS true`);

async function readiness(url: string): Promise<{ status: number; retryAfter: string | null; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/readyz`);
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** Polls /readyz until it answers `status` (the check is cached for a second). */
async function readinessBecomes(url: string, status: number, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await readiness(url);
    if (seen.status === status || Date.now() > deadline) return seen;
    await new Promise((resolve) => setTimeout(resolve, 200)); // the polling interval
  }
}

const servers: TestServer[] = [];
const children: Child[] = [];
const sockets: SocketClient[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) await socket.dispose();
});
afterAll(async () => {
  for (const t of servers) {
    await restore(t.database.name).catch(() => undefined);
    await t.close();
  }
  for (const child of children) await child.kill();
});

describe("PostgreSQL out of reach", () => {
  it("makes /readyz answer 503 naming it, and requests SERVICE_UNAVAILABLE with retryAfter, until it is back", async () => {
    const t = await startTestServer();
    servers.push(t);
    const ana = await t.login("ana@acme.test");
    const partner = await createApiToken(t, "max@acme.test", ["READ", "WRITE"]);
    const { id } = (await demoOpportunities(t))["Northwind catalog relaunch"]!;
    expect(await readiness(t.url)).toMatchObject({ status: 200, body: { status: "ready", checks: { postgres: "up" } } });
    const healthy = await t.gql(LOG, { input: { opportunityId: id, kind: "NOTE", body: "Before the outage" } }, ana);
    expect(healthy.errors).toBeUndefined();

    await cutOff(t.database.name);

    expect(await readinessBecomes(t.url, 503)).toEqual({
      status: 503,
      retryAfter: "5",
      body: { status: "unavailable", down: ["postgres"], checks: { postgres: "down" } },
    });
    // Liveness: the process is fine, restarting it would not help.
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);

    const write = await t.gql(LOG, { input: { opportunityId: id, kind: "NOTE", body: "During the outage" } }, ana);
    expect(codeOf(write)).toBe("SERVICE_UNAVAILABLE");
    expect(write.errors![0]!.extensions!.retryAfter).toBe(5);
    expect(write.errors![0]!.message).toBe("The service is temporarily unavailable; retry in 5 s");
    expect(JSON.stringify(write)).not.toMatch(/ALLOW|accepting|terminat|pg_|SELECT|at \w+ \(/);

    // An API token is looked up in the database before anything runs.
    const byToken = await t.gql(`{ opportunities(first: 1) { edges { node { id } } } }`, {}, partner.token);
    expect([byToken.status, codeOf(byToken), byToken.errors![0]!.extensions!.retryAfter]).toEqual([503, "SERVICE_UNAVAILABLE", 5]);
    // A socket opened with one is told to come back later.
    const tokenSocket = socketClient(t.url, partner.token);
    sockets.push(tokenSocket);
    const refused = follow(tokenSocket, `subscription ($id: ID!) { roomActivity(opportunityId: $id) { seq } }`, { id }, "roomActivity");
    await refused.ended;
    expect(tokenSocket.closes).toEqual([{ code: 1013, reason: "The service is temporarily unavailable; retry in 5 s" }]);

    // Over the socket alike.
    const socket = socketClient(t.url, ana);
    sockets.push(socket);
    const feed = follow(socket, `subscription ($id: ID!) { roomActivity(opportunityId: $id) { seq body } }`, { id }, "roomActivity");
    await feed.ended;
    expect(feed.errors.map((e) => [e.extensions?.code, e.extensions?.retryAfter])).toEqual([["SERVICE_UNAVAILABLE", 5]]);

    await restore(t.database.name);

    expect(await readinessBecomes(t.url, 200)).toMatchObject({ status: 200, body: { status: "ready", checks: { postgres: "up" } } });
    const after = await t.gql(LOG, { input: { opportunityId: id, kind: "NOTE", body: "After the outage" } }, ana);
    expect(after.errors).toBeUndefined();
    const rows = await t.sql(`SELECT body FROM activity WHERE body LIKE '%the outage' ORDER BY seq`);
    expect(rows.map((r) => r.body)).toEqual(["Before the outage", "After the outage"]);
  });
});

describe("Redis out of reach (REDIS_URL set)", () => {
  it("makes /readyz answer 503 naming it until it is back", async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    children.push(redis);
    const t = await startTestServer({ redisUrl: `redis://127.0.0.1:${port}` });
    servers.push(t);
    expect(await readiness(t.url)).toMatchObject({ status: 200, body: { status: "ready", checks: { postgres: "up", redis: "up" } } });

    await redis.kill();
    expect(await readinessBecomes(t.url, 503)).toMatchObject({
      status: 503,
      body: { status: "unavailable", down: ["redis"], checks: { postgres: "up", redis: "down" } },
    });

    redis = await startRedis(port);
    children.push(redis);
    expect(await readinessBecomes(t.url, 200)).toMatchObject({ status: 200, body: { checks: { postgres: "up", redis: "up" } } });
  });
});
