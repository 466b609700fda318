import { createClient } from "redis";
import type { Logger } from "../logger.js";
import { BUS_RESUMED } from "./bus.js";
import type { EventBus } from "./bus.js";

/** A client that fails commands at once while disconnected (no offline queue) and reconnects forever. */
const newClient = (url: string) =>
  createClient({
    url,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: (retries: number) => reconnectDelay(retries), connectTimeout: 2_000 },
  });

export type RedisClient = ReturnType<typeof newClient>;

/** Two connections to one Redis: commands (publish, presence) and a subscriber (pub/sub needs its own). */
export interface RedisLink {
  readonly commands: RedisClient;
  readonly subscriber: RedisClient;
  close(): Promise<void>;
}

/** Waits between reconnection attempts, in ms: 50, 100, 150… capped at 2 s. Never gives up. */
export const reconnectDelay = (retries: number): number => Math.min(50 * (retries + 1), 2_000);

/**
 * Connects to Redis without blocking start on it: while it is unreachable, commands fail at once
 * (no offline queue, so a write is never held up by a publish) and the clients keep reconnecting.
 */
export async function connectRedis(url: string, logger: Logger, connectWaitMs = 5_000): Promise<RedisLink> {
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
  const connecting = Promise.all([commands.connect(), subscriber.connect()]);
  connecting.catch(() => undefined);
  const waited = await Promise.race([
    connecting.then(() => true),
    new Promise<false>((resolve) => setTimeout(resolve, connectWaitMs, false).unref()),
  ]);
  if (!waited) logger.warn({ url: redactUrl(url) }, "redis is not answering yet; starting anyway and retrying in the background");
  let closing: Promise<void> | undefined;
  return {
    commands,
    subscriber,
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

const redactUrl = (url: string): string => url.replace(/\/\/[^@/]*@/, "//***@");

/**
 * The event bus over Redis pub/sub: every instance connected to the same Redis hears every
 * message. Messages are JSON. One Redis subscription per topic per instance, however many local
 * listeners; after a reconnect the topics are subscribed again and listeners get `BUS_RESUMED`.
 */
export function redisBus(link: RedisLink, logger: Logger, publishTimeoutMs = 2_000): EventBus {
  const listeners = new Map<string, Set<(message: unknown) => void>>();
  const dispatchers = new Map<string, (raw: string) => void>();
  let connectedOnce = link.subscriber.isReady;

  const dispatcherFor = (topic: string) => {
    let dispatch = dispatchers.get(topic);
    if (!dispatch) {
      dispatch = (raw: string) => {
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
    if (!link.subscriber.isReady) return; // done on "ready"
    await link.subscriber
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
  link.subscriber.on("ready", () => void onReady());

  return {
    async publish(topic, message) {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          link.commands.publish(topic, JSON.stringify(message)),
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
        if (dispatch && link.subscriber.isReady) await link.subscriber.unsubscribe(topic, dispatch).catch(() => undefined);
      };
    },
    async close() {
      listeners.clear();
      await link.close();
    },
  };
}
