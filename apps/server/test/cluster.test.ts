import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "./fixtures.js";
import type { TestDatabase } from "./fixtures.js";
import { gqlAt, roomAcross } from "./instance-room.js";
import { freePort, startInstance, startRedis } from "./processes.js";
import type { Child, Instance } from "./processes.js";
import { ROOM_ACTIVITY, ROOM_PRESENCE, follow, rawSocket, sleep, socketClient, until } from "./ws.js";
import type { ActivityItem, Feed, SocketClient } from "./ws.js";

/**
 * Two server processes sharing one PostgreSQL database and one Redis, as in production behind a
 * load balancer. The Redis is this file's own, so it can be killed and restarted.
 */
let database: TestDatabase;
let redisPort: number;
let redis: Child;
let a: Instance;
let b: Instance;
const sockets: SocketClient[] = [];
let room: string;
const gql = gqlAt;
const across = roomAcross(() => room, sockets);
const { login, note, newest } = across;
const liveRoom = async (server: Instance, email: string) => across.liveRoom(server, await login(server, email));

const env = () => ({
  DATABASE_URL: database.url,
  REDIS_URL: `redis://127.0.0.1:${redisPort}`,
  JWT_SECRET: "cluster-test-secret-".padEnd(48, "x"),
  PRESENCE_TTL_SECONDS: "1",
});

beforeAll(async () => {
  database = await createTestDatabase();
  redisPort = await freePort();
  redis = await startRedis(redisPort);
  a = await startInstance({ ...env(), COSELL_SEED: "demo" }); // migrates and seeds
  b = await startInstance({ ...env(), COSELL_SEED: "none" });
  const list = await gql(a, `{ opportunities(first: 100) { edges { node { id title } } } }`, {}, await login(a, "ana@acme.test"));
  room = list.data!.opportunities.edges.find((e: { node: { title: string } }) => e.node.title === "Northwind catalog relaunch").node.id;
}, 90_000);

afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await Promise.all([a?.kill(), b?.kill(), redis?.kill()]);
  await database?.drop();
});

/** A new Pixel Studio API token following the room live on `server`. */
async function tokenFollowingRoom(server: Instance): Promise<{ id: string; socket: SocketClient; feed: Feed<ActivityItem> }> {
  const created = await gql(
    a,
    `mutation { createApiToken(input: { name: "cluster", scopes: [READ] }) { token apiToken { id } } }`,
    {},
    await login(a, "pat@pixel.test"),
  );
  const { token, apiToken } = created.data!.createApiToken;
  const [before] = await newest(server);
  const socket = socketClient(server.url, token);
  sockets.push(socket);
  const feed = follow<ActivityItem>(socket, ROOM_ACTIVITY, { id: room, after: before!.cursor }, "roomActivity");
  await feed.waitFor(1, 10_000);
  return { id: apiToken.id, socket, feed };
}

async function revokeToken(server: Instance, id: string): Promise<void> {
  const revoked = await gql(
    server,
    `mutation ($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { revokedAt } }`,
    { input: { id } },
    await login(server, "pat@pixel.test"),
  );
  expect(revoked.errors).toBeUndefined();
}

const names = (feed: Feed<any>): string[] => (feed.items.at(-1)?.users ?? []).map((u: { name: string }) => u.name).sort();
const seqs = (feed: Feed<ActivityItem>) => feed.items.map((item) => item.seq);
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe("two instances sharing PostgreSQL and Redis", () => {
  it("deliver what is written on one to subscribers on the other, in order", async () => {
    const onA = await liveRoom(a, "ana@acme.test");
    const onB = await liveRoom(b, "lee@pixel.test");
    const written = [];
    for (let i = 0; i < 6; i++)
      written.push(await note(i % 2 ? a : b, i % 2 ? "ana@acme.test" : "sam@paperworks.test", `across instances ${i}`));
    await Promise.all([onA.feed.waitFor(7), onB.feed.waitFor(7)]);
    for (const { feed, lastSeq } of [onA, onB]) {
      expect(seqs(feed)).toEqual(range(lastSeq, 7));
      expect(feed.items.slice(1).map((item) => item.body)).toEqual(written.map((w) => w.body));
    }
  });

  it("close an API token's sockets on every instance when it is revoked on one", async () => {
    const { id, feed, socket } = await tokenFollowingRoom(b);
    await revokeToken(a, id);
    await until(
      () => socket.closes.length > 0,
      5_000,
      () => "the revoked token's socket is still open",
    );
    await feed.ended;
    expect(socket.closes).toEqual([{ code: 4403, reason: "API token revoked" }]);
  });

  it("show who is in the room across instances, and drop a user whose socket dies", async () => {
    expect(JSON.parse(a.output.find((line) => line.includes("cosell listening"))!)).toMatchObject({ bus: "redis" });
    const anaSocket = socketClient(a.url, await login(a, "ana@acme.test"));
    sockets.push(anaSocket);
    const ana = follow(anaSocket, ROOM_PRESENCE, { id: room }, "roomPresence");
    await until(() => names(ana).includes("Ana Alvarez"), 5_000);

    const lee = await rawSocket(b.url);
    lee.send({ type: "connection_init", payload: { authorization: `Bearer ${await login(b, "lee@pixel.test")}` } });
    await until(() => lee.messages.some((m) => m.type === "connection_ack"));
    lee.send({ id: "p", type: "subscribe", payload: { query: ROOM_PRESENCE, variables: { id: room } } });
    await until(
      () => names(ana).includes("Lee Lindqvist"),
      5_000,
      () => JSON.stringify(ana.items),
    );
    await until(() => lee.messages.some((m) => m.type === "next" && m.payload.data.roomPresence.users.length === 2), 5_000);

    lee.socket.terminate(); // the connection dies without a close frame
    await until(
      () => !names(ana).includes("Lee Lindqvist"),
      5_000,
      () => JSON.stringify(ana.items),
    );
    expect(names(ana)).toEqual(["Ana Alvarez"]);
  });

  it("forget the users of an instance that crashed once their presence expires", async () => {
    const anaSocket = socketClient(b.url, await login(b, "ana@acme.test"));
    sockets.push(anaSocket);
    const ana = follow(anaSocket, ROOM_PRESENCE, { id: room }, "roomPresence");
    const c = await startInstance({ ...env(), COSELL_SEED: "none" });
    try {
      const leeSocket = socketClient(c.url, await login(c, "lee@pixel.test"));
      const lee = follow(leeSocket, ROOM_PRESENCE, { id: room }, "roomPresence");
      await lee.waitFor(1, 5_000);
      await until(() => names(ana).includes("Lee Lindqvist"), 5_000);
      await c.kill(); // SIGKILL: no cleanup runs
      const killedAt = Date.now();
      await until(
        () => !names(ana).includes("Lee Lindqvist"),
        6_000,
        () => JSON.stringify(ana.items),
      );
      expect(Date.now() - killedAt).toBeGreaterThan(500); // gone by expiry, not by a goodbye
      await leeSocket.dispose();
    } finally {
      await c.kill();
    }
    ana.stop();
  }, 40_000);

  it("survive a Redis restart: HTTP keeps answering, writes succeed, subscribers lose nothing", async () => {
    const live = await liveRoom(a, "ana@acme.test");
    const resuming = await liveRoom(b, "lee@pixel.test");
    const resumeFrom = resuming.feed.items.at(-1)!.cursor;
    await resuming.socket.dispose();

    const partner = await tokenFollowingRoom(b);

    await redis.kill();
    // Revoked while the bus is down: the announcement is lost.
    await revokeToken(a, partner.id);
    const during = [];
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      during.push(await note(i % 2 ? a : b, "sam@paperworks.test", `while Redis is down ${i}`));
      expect(Date.now() - started).toBeLessThan(2_500); // the publish fails fast; the write does not wait
    }
    expect((await gql(a, `{ viewer { name } }`, {}, await login(a, "max@acme.test"))).data).toEqual({ viewer: { name: "Max Meyer" } });
    expect((await fetch(`${b.url}/healthz`)).status).toBe(200);

    expect(b.output.some((line) => line.includes("publish failed"))).toBe(true);

    redis = await startRedis(redisPort);
    await until(() => [a, b].every((server) => server.output.some((line) => line.includes("redis connection back"))), 10_000);
    // Back on the bus, B looks its tokens up again and closes the revoked one's socket.
    await until(
      () => partner.socket.closes.length > 0,
      5_000,
      () => "the revoked token's socket is still open",
    );
    expect(partner.socket.closes).toEqual([{ code: 4403, reason: "API token revoked" }]);
    // The live subscriber catches up from the log as soon as its instance is back on Redis.
    await live.feed.waitFor(4, 10_000);
    expect(live.feed.items.slice(1).map((item) => item.body)).toEqual(during.map((d) => d.body));

    // Both instances are back on the bus: a write on B reaches the subscriber on A live.
    const after = await note(b, "ana@acme.test", "Redis is back");
    await live.feed.waitFor(5, 10_000);
    expect(live.feed.items[4]!.body).toBe(after.body);
    expect(seqs(live.feed)).toEqual(range(live.lastSeq, 5));

    // A client that was away resumes with its cursor and gets exactly what it missed.
    const socket = socketClient(a.url, await login(a, "lee@pixel.test"));
    sockets.push(socket);
    const resumed = follow<ActivityItem>(socket, ROOM_ACTIVITY, { id: room, after: resumeFrom }, "roomActivity");
    await resumed.waitFor(4, 10_000);
    expect(resumed.items.map((item) => item.body)).toEqual([...during, after].map((d) => d.body));
  });

  it("on SIGTERM close sockets cleanly; clients resume on the other instance with their cursor and lose nothing", async () => {
    const onA = await liveRoom(a, "lee@pixel.test");
    const presence = follow(onA.socket, ROOM_PRESENCE, { id: room }, "roomPresence");
    await presence.waitFor(1);
    const watcherSocket = socketClient(b.url, await login(b, "ana@acme.test"));
    sockets.push(watcherSocket);
    const watcher = follow(watcherSocket, ROOM_PRESENCE, { id: room }, "roomPresence");
    const present = (feed: Feed<any>) => (feed.items.at(-1)?.users ?? []).map((u: { name: string }) => u.name);
    await until(() => present(watcher).includes("Lee Lindqvist"), 5_000);

    a.process.kill("SIGTERM"); // as an orchestrator would
    await onA.feed.ended;
    expect(onA.socket.closes.map((c) => c.code)).toEqual([1001]);
    expect(await a.exited).toBe(0);
    expect(a.output.some((line) => line.includes("cosell stopped"))).toBe(true);
    // Lee left with the instance: presence is cleared at once, not after the TTL.
    await until(
      () => !present(watcher).includes("Lee Lindqvist"),
      1_500,
      () => JSON.stringify(watcher.items),
    );

    const missed = [await note(b, "ana@acme.test", "during the failover 1"), await note(b, "sam@paperworks.test", "during the failover 2")];
    const socket = socketClient(b.url, await login(b, "lee@pixel.test"));
    sockets.push(socket);
    const resumed = follow<ActivityItem>(socket, ROOM_ACTIVITY, { id: room, after: onA.feed.items.at(-1)!.cursor }, "roomActivity");
    await resumed.waitFor(2, 10_000);
    const live = await note(b, "ana@acme.test", "after the failover");
    await resumed.waitFor(3, 10_000);
    // No duplicate may follow: a live item crosses the Redis bus within a few ms, so 100 ms is ample.
    await sleep(100);
    expect(resumed.items.map((item) => item.body)).toEqual([...missed, live].map((m) => m.body));
    expect(seqs(resumed)).toEqual(range(onA.feed.items.at(-1)!.seq + 1, 3));
  });
});
