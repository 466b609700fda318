import { randomUUID } from "node:crypto";
import { createClient, createCluster } from "redis";
import type { Logger } from "../logger.js";
import { BUS_RESUMED } from "./bus.js";
import type { EventBus } from "./bus.js";

/** Every connection fails commands at once while disconnected (no offline queue) and reconnects forever. */
const CONNECTION_OPTIONS = {
  disableOfflineQueue: true,
  socket: { reconnectStrategy: (retries: number) => reconnectDelay(retries), connectTimeout: 2_000 },
} as const;

const newClient = (url: string) => createClient({ url, ...CONNECTION_OPTIONS });
const newCluster = (nodes: readonly string[]) =>
  createCluster({ rootNodes: nodes.map((node) => ({ url: `redis://${node}` })), defaults: CONNECTION_OPTIONS });

export type RedisClient = ReturnType<typeof newClient>;
export type RedisClusterClient = ReturnType<typeof newCluster>;
/**
 * What presence, the cost budget and the sign-in ledger call: commands on one key each (a MULTI
 * or script touches only that key), so the same calls work on one Redis and on a Redis Cluster.
 */
export type RedisCommands = RedisClient | RedisClusterClient;

/** Where Redis is: one server (`REDIS_URL`) or a Cluster's seed nodes (`REDIS_CLUSTER_NODES`, `host:port` each). */
export type RedisTarget = { readonly url: string } | { readonly clusterNodes: readonly string[] };

/**
 * The connections to Redis: commands (presence, limits) and pub/sub. On one Redis, pub/sub is
 * PUBLISH/SUBSCRIBE on a second connection; on a Cluster it is sharded pub/sub (SPUBLISH/SSUBSCRIBE):
 * a channel lives on the master that owns its hash slot, so the traffic spreads over the masters.
 */
export interface RedisLink {
  readonly commands: RedisCommands;
  publish(channel: string, message: string): Promise<unknown>;
  subscribe(channel: string, listener: (message: string) => void): Promise<void>;
  unsubscribe(channel: string, listener: (message: string) => void): Promise<void>;
  /** Whether subscribing can be done now (otherwise it is done on the next "ready"). */
  readonly subscriberReady: boolean;
  /** Calls `listener` whenever pub/sub is (back) up: first connection, and after every reconnection. */
  onSubscriberReady(listener: () => void): void;
  /** Resolves when every connection is up and answers a PING; rejects otherwise (readiness). */
  check(): Promise<void>;
  close(): Promise<void>;
}

/** Waits between reconnection attempts, in ms: 50, 100, 150… capped at 2 s. Never gives up. */
export const reconnectDelay = (retries: number): number => Math.min(50 * (retries + 1), 2_000);

/** Waits up to `ms` for `connecting`; says whether it finished in time. Never rejects. */
async function waitFor(connecting: Promise<unknown>, ms: number): Promise<boolean> {
  connecting.catch(() => undefined);
  return Promise.race([
    connecting.then(
      () => true,
      () => false,
    ),
    new Promise<false>((resolve) => setTimeout(resolve, ms, false).unref()),
  ]);
}

/**
 * Connects to Redis without blocking start on it: while it is unreachable, commands fail at once
 * (no offline queue, so a write is never held up by a publish) and the connections keep retrying.
 */
export async function connectRedis(target: string | RedisTarget, logger: Logger, connectWaitMs = 5_000): Promise<RedisLink> {
  const resolved = typeof target === "string" ? { url: target } : target;
  return "url" in resolved
    ? connectSingle(resolved.url, logger, connectWaitMs)
    : connectCluster(resolved.clusterNodes, logger, connectWaitMs);
}

/** One Redis: two connections, commands and a subscriber (pub/sub needs its own). */
async function connectSingle(url: string, logger: Logger, connectWaitMs: number): Promise<RedisLink> {
  const commands = newClient(url);
  const subscriber = newClient(url);
  for (const [name, client] of [
    ["commands", commands],
    ["subscriber", subscriber],
  ] as const) {
    let down = false;
    client.on("error", (error: unknown) => {
      if (!down) logger.warn({ err: error, connection: name }, "redis connection lost; reconnecting");
      down = true;
    });
    client.on("ready", () => {
      if (down) logger.info({ connection: name }, "redis connection back");
      down = false;
    });
  }
  if (!(await waitFor(Promise.all([commands.connect(), subscriber.connect()]), connectWaitMs)))
    logger.warn({ url: redactUrl(url) }, "redis is not answering yet; starting anyway and retrying in the background");
  let closing: Promise<void> | undefined;
  return {
    commands,
    publish: (channel, message) => commands.publish(channel, message),
    subscribe: (channel, listener) => subscriber.subscribe(channel, listener),
    unsubscribe: (channel, listener) => subscriber.unsubscribe(channel, listener),
    get subscriberReady() {
      return subscriber.isReady;
    },
    onSubscriberReady(listener) {
      subscriber.on("ready", listener);
    },
    async check() {
      if (!commands.isReady || !subscriber.isReady) throw new Error("redis is not connected");
      await commands.ping();
    },
    close() {
      closing ??= (async () => {
        for (const client of [subscriber, commands]) {
          if (client.isReady) await client.close().catch(() => client.destroy());
          else if (client.isOpen) client.destroy();
        }
      })();
      return closing;
    },
  };
}

/**
 * A Redis Cluster through node-redis's cluster client: it learns the slots from the seed nodes,
 * sends each command to the master of its key's slot and keeps one sharded pub/sub connection per
 * master. While no seed node answers, discovery is retried in the background; a node that goes
 * away is reconnected to by the client, which subscribes its channels again.
 */
async function connectCluster(nodes: readonly string[], logger: Logger, connectWaitMs: number): Promise<RedisLink> {
  const cluster = newCluster(nodes);
  const readyListeners: (() => void)[] = [];
  const lost = new Set<string>(); // nodes (host:port) whose connection dropped and is not back yet
  let closed = false;
  const nodeName = (node: { host?: string; port?: number }) => `${node.host}:${node.port}`;
  cluster.on("node-error", (error: unknown, node: { host?: string; port?: number }) => {
    if (!lost.has(nodeName(node))) logger.warn({ err: error, node: nodeName(node) }, "redis cluster node lost; reconnecting");
    lost.add(nodeName(node));
  });
  cluster.on("node-ready", (node: { host?: string; port?: number }) => {
    if (!lost.delete(nodeName(node))) return;
    logger.info({ node: nodeName(node) }, "redis cluster node back");
    // Sharded messages sent while the node was away are lost: tell the bus.
    for (const listener of readyListeners) listener();
  });
  let wakeUp: (() => void) | undefined; // ends the wait between discovery attempts (close)
  const discover = async (): Promise<void> => {
    for (let attempt = 0; !closed; attempt += 1) {
      try {
        await cluster.connect();
        for (const listener of readyListeners) listener();
        return;
      } catch (error) {
        if (attempt === 0) logger.warn({ err: error, nodes }, "redis cluster is not answering yet; retrying in the background");
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, reconnectDelay(attempt));
          wakeUp = () => (clearTimeout(timer), resolve());
        });
      }
    }
  };
  const discovering = discover();
  // Start is held up to `connectWaitMs` at most; an instance whose cluster is away starts anyway.
  await waitFor(discovering, connectWaitMs);
  let closing: Promise<void> | undefined;
  return {
    commands: cluster,
    publish: (channel, message) => cluster.sPublish(channel, message),
    subscribe: (channel, listener) => cluster.sSubscribe(channel, listener),
    unsubscribe: (channel, listener) => cluster.sUnsubscribe(channel, listener),
    get subscriberReady() {
      return cluster.isReady;
    },
    onSubscriberReady(listener) {
      readyListeners.push(listener);
    },
    async check() {
      if (!cluster.isReady || cluster.masters.some((master) => lost.has(nodeName(master))))
        throw new Error("redis cluster is not fully connected");
      await Promise.all(cluster.masters.map(async (master) => (await cluster.nodeClient(master)).ping()));
    },
    close() {
      closing ??= (async () => {
        closed = true;
        wakeUp?.();
        await discovering;
        if (cluster.isReady) await cluster.close().catch(() => cluster.destroy());
        else if (cluster.isOpen) cluster.destroy();
      })();
      return closing;
    },
  };
}

const redactUrl = (url: string): string => url.replace(/\/\/[^@/]*@/, "//***@");

/**
 * The event bus over Redis pub/sub: every instance connected to the same Redis hears every
 * message. Messages are JSON. One Redis subscription per topic per instance, however many local
 * listeners; after a reconnect the topics are subscribed again and listeners get `BUS_RESUMED`.
 *
 * A message reaches the publishing instance's own listeners at once, in process (the object
 * itself, as on the in-process bus), and the copy Redis sends back to it is dropped unread: every
 * message names its instance (`publishedBy`, its first member, which listeners ignore). So the
 * writer's instance neither waits for Redis nor decodes its own JSON, and its subscribers hear of
 * its writes while Redis is away.
 */
export function redisBus(link: RedisLink, logger: Logger, publishTimeoutMs = 2_000): EventBus {
  const listeners = new Map<string, Set<(message: unknown) => void>>();
  const dispatchers = new Map<string, (raw: string) => void>();
  let connectedOnce = link.subscriberReady;
  const stamp = `{"publishedBy":${JSON.stringify(randomUUID())}`;

  const dispatcherFor = (topic: string) => {
    let dispatch = dispatchers.get(topic);
    if (!dispatch) {
      dispatch = (raw: string) => {
        // This instance's own message: its listeners had it when it was published.
        if (raw.startsWith(stamp)) return;
        let message: unknown;
        try {
          message = JSON.parse(raw);
        } catch {
          logger.warn({ topic }, "ignored a bus message that is not JSON");
          return;
        }
        deliver(topic, message);
      };
      dispatchers.set(topic, dispatch);
    }
    return dispatch;
  };
  const deliver = (topic: string, message: unknown) => {
    for (const listener of [...(listeners.get(topic) ?? [])]) {
      try {
        listener(message);
      } catch (error) {
        logger.error({ err: error, topic }, "a bus listener failed");
      }
    }
  };
  const redisSubscribe = async (topic: string) => {
    if (!link.subscriberReady) return; // done on "ready"
    await link
      .subscribe(topic, dispatcherFor(topic))
      .catch((error: unknown) => logger.warn({ err: error, topic }, "redis subscribe failed; retrying on reconnect"));
  };

  const onReady = async () => {
    // node-redis resubscribes what it knew; this also covers topics first asked for while it was down.
    await Promise.all([...listeners.keys()].map(redisSubscribe));
    if (!connectedOnce) {
      connectedOnce = true;
      return;
    }
    for (const topic of listeners.keys()) deliver(topic, BUS_RESUMED);
  };
  link.onSubscriberReady(() => void onReady());

  return {
    async publish(topic, message) {
      const json = JSON.stringify(message);
      if (!json?.startsWith("{")) throw new TypeError("a bus message is a JSON object");
      deliver(topic, message);
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          link.publish(topic, json === "{}" ? `${stamp}}` : `${stamp},${json.slice(1)}`),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`redis publish took longer than ${publishTimeoutMs} ms`)), publishTimeoutMs);
          }),
        ]);
      } finally {
        clearTimeout(timer);
      }
    },
    async subscribe(topic, listener) {
      let set = listeners.get(topic);
      const first = !set;
      if (!set) listeners.set(topic, (set = new Set()));
      set.add(listener);
      if (first) await redisSubscribe(topic);
      return async () => {
        set.delete(listener);
        if (set.size > 0 || listeners.get(topic) !== set) return;
        listeners.delete(topic);
        const dispatch = dispatchers.get(topic);
        dispatchers.delete(topic);
        if (dispatch && link.subscriberReady) await link.unsubscribe(topic, dispatch).catch(() => undefined);
      };
    },
    async close() {
      listeners.clear();
      await link.close();
    },
  };
}
