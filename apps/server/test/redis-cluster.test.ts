import { execFile } from "node:child_process";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromGlobalId } from "../src/ids.js";
import { stageChangeCursor } from "../src/modules/opportunity/stage-change.entity.js";
import { topics } from "../src/realtime/bus.js";
import { createTestDatabase } from "./fixtures.js";
import type { TestDatabase } from "./fixtures.js";
import { gqlAt, roomAcross, signInAt } from "./instance-room.js";
import { startInstance, startRedisCluster } from "./processes.js";
import type { Instance, RedisCluster } from "./processes.js";
import { ROOM_ACTIVITY, STAGE_CHANGES, follow, socketClient, until } from "./ws.js";
import type { ActivityItem, Feed, SocketClient } from "./ws.js";

/**
 * Three server processes sharing one PostgreSQL database and a Redis Cluster of three masters
 * (`REDIS_CLUSTER_NODES`): live events travel by sharded pub/sub, each room's channel on the
 * master that owns its hash slot.
 */
let database: TestDatabase;
let cluster: RedisCluster;
const servers: Instance[] = [];
const sockets: SocketClient[] = [];
let room: string;
const gql = gqlAt;
const freshLogin = signInAt;
const { login, note, newest, liveRoom } = roomAcross(() => room, sockets);

const env = () => ({
  DATABASE_URL: database.url,
  REDIS_CLUSTER_NODES: cluster.nodes.join(","),
  JWT_SECRET: "redis-cluster-test-secret-".padEnd(48, "x"),
});

beforeAll(async () => {
  database = await createTestDatabase();
  cluster = await startRedisCluster(3);
  servers.push(await startInstance({ ...env(), COSELL_SEED: "demo" })); // migrates and seeds
  // Each kept as soon as it listens, so afterAll kills it even if the other one fails to start.
  await Promise.all([1, 2].map(async (index) => (servers[index] = await startInstance({ ...env(), COSELL_SEED: "none" }))));
  const list = await gql(
    servers[0]!,
    `{ opportunities(first: 100) { edges { node { id title } } } }`,
    {},
    await login(servers[0]!, "ana@acme.test"),
  );
  room = list.data!.opportunities.edges.find((e: { node: { title: string } }) => e.node.title === "Northwind catalog relaunch").node.id;
}, 120_000);

afterAll(async () => {
  // Every process this file started goes, whatever failed: sockets, servers, cluster nodes, then the database.
  await Promise.allSettled(sockets.map((s) => s.dispose()));
  await Promise.allSettled(servers.map((server) => server?.kill()));
  await cluster?.kill();
  await database?.drop();
});

const seqs = (feed: Feed<ActivityItem>) => feed.items.map((item) => item.seq);
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** The bus channel of a room, by the room's GraphQL id. */
const roomChannel = (globalId: string): string => topics.room(fromGlobalId(globalId)!.id);

/** What `redis-cli` prints for one command sent to a cluster node (`host:port`). */
async function askNode(node: string, ...command: string[]): Promise<string> {
  const [, port] = node.split(":");
  const { stdout } = await promisify(execFile)("redis-cli", ["-p", port!, ...command], { timeout: 5_000 });
  return stdout;
}

/** The sharded channels a cluster node carries now (`PUBSUB SHARDCHANNELS`). */
async function shardChannels(node: string): Promise<string[]> {
  return (await askNode(node, "pubsub", "shardchannels")).split("\n").filter((line) => line.trim() !== "");
}

/** The hash slots a cluster node serves as master, from its own line of `CLUSTER NODES`. */
async function ownedSlots(node: string): Promise<(slot: number) => boolean> {
  const mine = (await askNode(node, "cluster", "nodes")).split("\n").find((line) => line.split(" ")[2]?.split(",").includes("myself"))!;
  const ranges = mine
    .split(" ")
    .slice(8)
    .filter((field) => /^\d+(-\d+)?$/.test(field))
    .map((field) => field.split("-").map(Number));
  return (slot) => ranges.some(([from, to = from]) => slot >= from! && slot <= to!);
}

/** The hash slot of a key or sharded channel (`CLUSTER KEYSLOT`). */
async function keySlot(node: string, key: string): Promise<number> {
  return Number((await askNode(node, "cluster", "keyslot", key)).trim());
}

async function readiness(server: Instance): Promise<{ status: number; body: Record<string, any> }> {
  const response = await fetch(`${server.url}/readyz`);
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

describe("three instances on a three-master Redis Cluster", () => {
  it("run the bus on the cluster: ready, each room's channel on the master that owns its hash slot", async () => {
    for (const server of servers) {
      expect(JSON.parse(server.output.find((line) => line.includes("cosell listening"))!)).toMatchObject({ bus: "redis-cluster" });
      expect(await readiness(server)).toMatchObject({ status: 200, body: { status: "ready", checks: { postgres: "up", redis: "up" } } });
    }
    // Every room someone follows is one sharded channel, on the master of its slot.
    const list = await gql(
      servers[1]!,
      `{ opportunities(first: 100) { edges { node { id } } } }`,
      {},
      await login(servers[1]!, "ana@acme.test"),
    );
    const ids: string[] = list.data!.opportunities.edges.map((e: { node: { id: string } }) => e.node.id);
    const socket = socketClient(servers[1]!.url, await login(servers[1]!, "ana@acme.test"));
    sockets.push(socket);
    const feeds = ids.map((id) => follow(socket, ROOM_ACTIVITY, { id }, "roomActivity"));
    const carried = async () =>
      (await Promise.all(cluster.nodes.map(shardChannels))).map((channels) => channels.filter((c) => c.startsWith("room:")));
    await until(async () => (await carried()).flat().length === ids.length, 10_000);
    const byNode = await carried();
    expect(byNode.flat().sort()).toEqual(ids.map(roomChannel).sort());
    // Each master carries exactly the rooms whose slots it owns (which masters those are depends on
    // the rooms' random ids, so the spread is computed, not assumed).
    const owns = await Promise.all(cluster.nodes.map(ownedSlots));
    const slots = await Promise.all(ids.map((id) => keySlot(cluster.nodes[0]!, roomChannel(id))));
    const expected = owns.map((owned) =>
      ids
        .filter((_, i) => owned(slots[i]!))
        .map(roomChannel)
        .sort(),
    );
    expect(expected.flat()).toHaveLength(ids.length);
    expect(byNode.map((channels) => [...channels].sort())).toEqual(expected);
    for (const feed of feeds) feed.stop();
  });

  it("deliver room activity written on any instance to subscribers on every instance, in order; measured latency", async () => {
    const readers = ["ana@acme.test", "lee@pixel.test", "sam@paperworks.test"];
    const live = await Promise.all(
      servers.map(async (server, i) => {
        const [before, last] = await newest(server);
        const socket = socketClient(server.url, await login(server, readers[i]!));
        sockets.push(socket);
        const items: ActivityItem[] = [];
        const arrivals: number[] = []; // performance.now() as each item arrived
        socket.client.subscribe<{ roomActivity: ActivityItem }>(
          { query: ROOM_ACTIVITY, variables: { id: room, after: before!.cursor } },
          {
            next: (result) => {
              arrivals.push(performance.now());
              items.push(result.data!.roomActivity);
            },
            error: () => undefined,
            complete: () => undefined,
          },
        );
        await until(() => items.length === 1, 10_000);
        return { items, arrivals, lastSeq: last!.seq };
      }),
    );
    const writers: [Instance, string][] = [
      [servers[0]!, "ana@acme.test"],
      [servers[1]!, "lee@pixel.test"],
      [servers[2]!, "sam@paperworks.test"],
    ];
    const written: ActivityItem[] = [];
    const rounds = 60;
    const remote: number[] = []; // write sent to one instance → item on another instance's socket
    const local: number[] = []; // write sent → item on the writer's own instance's socket (no Redis hop)
    for (let i = 0; i < rounds; i++) {
      const writer = i % 3;
      const sent = performance.now();
      written.push(await note(writers[writer]![0], writers[writer]![1], `across the cluster ${i}`));
      await until(() => live.every(({ items }) => items.length >= i + 2), 10_000);
      live.forEach(({ arrivals }, index) => (index === writer ? local : remote).push(arrivals[i + 1]! - sent));
    }
    for (const { items, lastSeq } of live) {
      expect(items.map((item) => item.seq)).toEqual(range(lastSeq, rounds + 1));
      expect(items.slice(1).map((item) => item.body)).toEqual(written.map((w) => w.body));
    }
    // The numbers docs/SCALING.md quotes (one write at a time, so this is latency, not throughput).
    const summary = (values: number[]) => {
      const sorted = [...values].sort((x, y) => x - y);
      return `${sorted.length} deliveries: p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms`;
    };
    console.info(`write sent → item on another instance's socket (over the Redis Cluster), ${summary(remote)}`);
    console.info(`write sent → item on the writer's own instance's socket, ${summary(local)}`);
  }, 60_000);

  it("deliver stage changes across instances, replaying from `after` first", async () => {
    const ana = await login(servers[0]!, "ana@acme.test");
    const move = async (stage: string) => {
      const current = await gql(servers[0]!, `query ($id: ID!) { opportunity(id: $id) { version } }`, { id: room }, ana);
      const moved = await gql(
        servers[0]!,
        `mutation ($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { stage } }`,
        { input: { id: room, stage, expectedVersion: current.data!.opportunity.version } },
        ana,
      );
      expect(moved.errors).toBeUndefined();
    };
    await move("NEGOTIATION"); // before anyone follows: only a replay can bring it
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const [{ seq }] = (await client.query(`SELECT max(seq)::int AS seq FROM stage_change`)).rows as [{ seq: number }];
    await client.end();
    const after = stageChangeCursor(seq - 1);
    const followers: [Instance, string][] = [
      [servers[1]!, "pat@pixel.test"],
      [servers[2]!, "pia@paperworks.test"],
    ];
    const feeds = await Promise.all(
      followers.map(async ([server, email]) => {
        const socket = socketClient(server.url, await login(server, email));
        sockets.push(socket);
        return follow<any>(socket, STAGE_CHANGES, { after }, "dealStageChanged");
      }),
    );
    await Promise.all(feeds.map((feed) => feed.waitFor(1, 10_000)));
    await move("PROPOSAL");
    await Promise.all(feeds.map((feed) => feed.waitFor(2, 10_000)));
    for (const feed of feeds)
      expect(feed.items.map((c) => `${c.opportunity.title}: ${c.fromStage} → ${c.toStage}`)).toEqual([
        "Northwind catalog relaunch: PROPOSAL → NEGOTIATION",
        "Northwind catalog relaunch: NEGOTIATION → PROPOSAL",
      ]);
  });

  it("replay exactly what a client missed when it reconnects to another instance with `after`", async () => {
    const away = await liveRoom(servers[1]!, await login(servers[1]!, "lee@pixel.test"));
    const resumeFrom = away.feed.items.at(-1)!;
    await away.socket.dispose();
    const missed = [
      await note(servers[0]!, "ana@acme.test", "while Lee was away 1"),
      await note(servers[2]!, "sam@paperworks.test", "while Lee was away 2"),
    ];
    const socket = socketClient(servers[2]!.url, await login(servers[2]!, "lee@pixel.test"));
    sockets.push(socket);
    const resumed = follow<ActivityItem>(socket, ROOM_ACTIVITY, { id: room, after: resumeFrom.cursor }, "roomActivity");
    await resumed.waitFor(2, 10_000);
    const live = await note(servers[0]!, "ana@acme.test", "Lee is back");
    await resumed.waitFor(3, 10_000);
    expect(resumed.items.map((item) => item.body)).toEqual([...missed, live].map((m) => m.body));
    expect(seqs(resumed)).toEqual(range(resumeFrom.seq + 1, 3));
  });

  it("close a user's sockets on every instance with 4401 when they log out everywhere on one", async () => {
    const [onB, onC] = await Promise.all([
      liveRoom(servers[1]!, await freshLogin(servers[1]!, "max@acme.test")),
      liveRoom(servers[2]!, await freshLogin(servers[2]!, "max@acme.test")),
    ]);
    const out = await gql(
      servers[0]!,
      `mutation { logout(input: { everywhere: true }) { sessionsEnded } }`,
      {},
      await freshLogin(servers[0]!, "max@acme.test"),
    );
    expect(out.data!.logout.sessionsEnded).toBeGreaterThanOrEqual(3);
    await Promise.all([onB.feed.ended, onC.feed.ended]);
    expect(onB.socket.closes).toEqual([{ code: 4401, reason: "Session ended" }]);
    expect(onC.socket.closes).toEqual([{ code: 4401, reason: "Session ended" }]);
  });

  it("stop delivering to an API token revoked on another instance: its socket closes with 4403", async () => {
    const pat = await login(servers[0]!, "pat@pixel.test");
    const created = await gql(
      servers[0]!,
      `mutation { createApiToken(input: { name: "cluster", scopes: [READ] }) { token apiToken { id } } }`,
      {},
      pat,
    );
    const { token, apiToken } = created.data!.createApiToken;
    const partner = await liveRoom(servers[1]!, token);
    const watcher = await liveRoom(servers[1]!, await login(servers[1]!, "lee@pixel.test"));
    const revoked = await gql(
      servers[2]!,
      `mutation ($input: RevokeApiTokenInput!) { revokeApiToken(input: $input) { revokedAt } }`,
      { input: { id: apiToken.id } },
      pat,
    );
    expect(revoked.errors).toBeUndefined();
    await partner.feed.ended;
    expect(partner.socket.closes).toEqual([{ code: 4403, reason: "API token revoked" }]);
    const after = await note(servers[0]!, "ana@acme.test", "after the token was revoked");
    await watcher.feed.waitFor(2, 10_000);
    expect(watcher.feed.items[1]!.body).toBe(after.body);
    expect(partner.feed.items).toHaveLength(1);
  });

  it("report Redis down in /readyz while a master is away, then catch subscribers up from the log once it is back", async () => {
    const live = await liveRoom(servers[0]!, await login(servers[0]!, "ana@acme.test"));
    const channel = roomChannel(room);
    let owner = -1;
    await until(async () => {
      owner = (await Promise.all(cluster.nodes.map(shardChannels))).findIndex((channels) => channels.includes(channel));
      return owner >= 0;
    });
    await cluster.stop(owner);
    await until(async () => (await readiness(servers[0]!)).status === 503, 10_000);
    expect(await readiness(servers[0]!)).toMatchObject({ status: 503, body: { status: "unavailable", down: ["redis"] } });
    // The write commits; its announcement cannot reach the room's master and is lost.
    const during = await note(servers[1]!, "sam@paperworks.test", "while a master is away");

    await cluster.restart(owner);
    await cluster.healthy();
    await until(async () => (await readiness(servers[0]!)).status === 200, 15_000);
    // Back on the bus, the instance rechecks the log: the lost item arrives, then live ones again.
    await live.feed.waitFor(2, 15_000);
    expect(live.feed.items[1]!.body).toBe(during.body);
    const after = await note(servers[2]!, "ana@acme.test", "the master is back");
    await live.feed.waitFor(3, 10_000);
    expect(live.feed.items[2]!.body).toBe(after.body);
    expect(seqs(live.feed)).toEqual(range(live.lastSeq, 3));
  }, 60_000);
});
