import { randomUUID } from "node:crypto";
import type { Logger } from "../logger.js";
import { topics } from "./bus.js";
import type { EventBus } from "./bus.js";
import type { RedisCommands } from "./redis.js";

/** What a room topic carries when someone enters or leaves: "read the room's presence again". */
export interface PresenceMessage {
  readonly type: "presence";
  readonly opportunityId: string;
}

/**
 * Who has a room open right now, across instances. A mark lives while its socket does: it is
 * removed when the subscription ends and, if the instance dies, expires after the TTL.
 */
export interface Presence {
  /**
   * Marks `userId` present in the room (null: watch without being shown, e.g. an API token).
   * Returns the function that removes the mark.
   */
  enter(opportunityId: string, userId: string | null): Promise<() => Promise<void>>;
  /** Distinct users present in the room now. */
  present(opportunityId: string): Promise<string[]>;
  /** Removes this instance's marks (shutdown). */
  close(): Promise<void>;
}

interface Mark {
  readonly opportunityId: string;
  readonly userId: string | null;
}

function announce(bus: EventBus, logger: Logger, opportunityId: string): Promise<void> {
  const message: PresenceMessage = { type: "presence", opportunityId };
  return bus
    .publish(topics.room(opportunityId), message)
    .catch((error: unknown) => logger.warn({ err: error, opportunityId }, "presence publish failed"));
}

/** One process: marks live in memory. */
export function memoryPresence(bus: EventBus, logger: Logger): Presence {
  const marks = new Map<string, Mark>();
  return {
    async enter(opportunityId, userId) {
      const id = randomUUID();
      marks.set(id, { opportunityId, userId });
      if (userId) await announce(bus, logger, opportunityId);
      return async () => {
        if (marks.delete(id) && userId) await announce(bus, logger, opportunityId);
      };
    },
    async present(opportunityId) {
      const users = new Set<string>();
      for (const mark of marks.values()) if (mark.opportunityId === opportunityId && mark.userId) users.add(mark.userId);
      return [...users];
    },
    async close() {
      marks.clear();
    },
  };
}

/** The Redis key of a room's presence: a sorted set of `instance/mark/user` scored by expiry time (ms). */
export const presenceKey = (opportunityId: string): string => `cosell:presence:${opportunityId}`;

/**
 * Presence shared by every instance on one Redis. Each instance refreshes its marks every
 * `heartbeatMs` and prunes expired ones (announcing rooms where someone vanished), so the users of
 * an instance that died disappear after `ttlMs`. While Redis is down, marks are kept locally and
 * written again by the next heartbeat.
 */
export function redisPresence(
  redis: RedisCommands,
  bus: EventBus,
  logger: Logger,
  options: { ttlMs: number; heartbeatMs: number },
): Presence {
  const instance = randomUUID();
  const marks = new Map<string, Mark & { readonly member: string }>();
  const watched = new Map<string, number>(); // room → local marks (watchers included)
  const leaving = new Set<Promise<void>>(); // removals in flight; shutdown waits for them

  const expiry = () => Date.now() + options.ttlMs;
  /** Adds or refreshes marks; returns how many were not there (new, or lost with a Redis restart). */
  const write = async (opportunityId: string, members: string[]): Promise<number> => {
    const key = presenceKey(opportunityId);
    const at = expiry();
    const [added] = await redis
      .multi()
      .zAdd(
        key,
        members.map((value) => ({ score: at, value })),
      )
      .pExpire(key, options.ttlMs * 2)
      .exec();
    return Number(added ?? 0);
  };
  const prune = async (opportunityId: string): Promise<number> => redis.zRemRangeByScore(presenceKey(opportunityId), "-inf", Date.now());

  const heartbeat = setInterval(() => {
    void (async () => {
      if (!redis.isReady) return;
      const byRoom = new Map<string, string[]>();
      for (const mark of marks.values())
        if (mark.userId) byRoom.set(mark.opportunityId, [...(byRoom.get(mark.opportunityId) ?? []), mark.member]);
      for (const opportunityId of watched.keys()) {
        const mine = byRoom.get(opportunityId);
        const restored = mine ? await write(opportunityId, mine) : 0;
        const expired = await prune(opportunityId);
        if (restored > 0 || expired > 0) await announce(bus, logger, opportunityId);
      }
    })().catch((error: unknown) => logger.warn({ err: error }, "presence heartbeat failed"));
  }, options.heartbeatMs);
  heartbeat.unref();

  return {
    async enter(opportunityId, userId) {
      const id = randomUUID();
      const member = `${instance}/${id}/${userId ?? ""}`;
      marks.set(id, { opportunityId, userId, member });
      watched.set(opportunityId, (watched.get(opportunityId) ?? 0) + 1);
      if (userId) {
        await write(opportunityId, [member]).catch((error: unknown) =>
          logger.warn({ err: error, opportunityId }, "presence write failed; the heartbeat retries"),
        );
        await announce(bus, logger, opportunityId);
      }
      return async () => {
        if (!marks.delete(id)) return;
        const left = (watched.get(opportunityId) ?? 1) - 1;
        if (left > 0) watched.set(opportunityId, left);
        else watched.delete(opportunityId);
        if (!userId) return;
        const removal = (async () => {
          await redis
            .zRem(presenceKey(opportunityId), member)
            .catch((error: unknown) => logger.warn({ err: error, opportunityId }, "presence removal failed; it expires"));
          await announce(bus, logger, opportunityId);
        })();
        leaving.add(removal);
        await removal.finally(() => leaving.delete(removal));
      };
    },
    async present(opportunityId) {
      const members = await redis.zRangeByScore(presenceKey(opportunityId), Date.now(), "+inf");
      return [...new Set(members.map((member) => member.slice(member.lastIndexOf("/") + 1)).filter(Boolean))];
    },
    async close() {
      clearInterval(heartbeat);
      await Promise.allSettled([...leaving]);
      const rooms = new Map<string, string[]>();
      for (const mark of marks.values())
        if (mark.userId) rooms.set(mark.opportunityId, [...(rooms.get(mark.opportunityId) ?? []), mark.member]);
      marks.clear();
      watched.clear();
      await Promise.all(
        [...rooms].map(async ([opportunityId, members]) => {
          await redis.zRem(presenceKey(opportunityId), members).catch(() => undefined);
          await announce(bus, logger, opportunityId);
        }),
      );
    },
  };
}
