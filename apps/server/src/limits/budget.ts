import type { RedisCommands } from "../realtime/redis.js";
import type { Logger } from "../logger.js";

/** One minute: the window every caller's budget of `RATE_LIMIT_POINTS` refills in. */
export const BUDGET_WINDOW_MS = 60_000;

/** The state of one caller's budget after a charge. */
export interface BudgetReport {
  /** Whether the points were granted; refused requests cost nothing. */
  readonly allowed: boolean;
  readonly limit: number;
  /** Points left in this window after this charge. */
  readonly remaining: number;
  /** Whole seconds until the window ends and the budget is full again. */
  readonly resetInSeconds: number;
}

/**
 * A fixed one-minute window of query-cost points per caller. Callers never share a counter, so one
 * caller's exhaustion cannot slow or block another. In process by default; in Redis when several
 * instances must share the count.
 */
export interface CostBudget {
  charge(caller: string, points: number): Promise<BudgetReport>;
  close(): Promise<void>;
}

const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

export function memoryBudget(limit: number, now: () => number = Date.now): CostBudget {
  const windows = new Map<string, { used: number; endsAt: number }>();
  let sweptAt = now();
  return {
    async charge(caller, points) {
      const at = now();
      if (at - sweptAt > BUDGET_WINDOW_MS) {
        // Forget finished windows so idle callers do not accumulate.
        for (const [key, window] of windows) if (window.endsAt <= at) windows.delete(key);
        sweptAt = at;
      }
      let window = windows.get(caller);
      if (!window || window.endsAt <= at) windows.set(caller, (window = { used: 0, endsAt: at + BUDGET_WINDOW_MS }));
      const allowed = window.used + points <= limit;
      if (allowed) window.used += points;
      return { allowed, limit, remaining: Math.max(0, limit - window.used), resetInSeconds: seconds(window.endsAt - at) };
    },
    async close() {
      windows.clear();
    },
  };
}

/**
 * Adds the points unless that would pass the limit, in one atomic step on the Redis server:
 * returns [allowed 1|0, used after, milliseconds until the window ends].
 */
const CHARGE_SCRIPT = `
local used = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
  ttl = tonumber(ARGV[3])
end
if used > tonumber(ARGV[2]) then
  used = redis.call('DECRBY', KEYS[1], ARGV[1])
  return {0, used, ttl}
end
return {1, used, ttl}
`;

/**
 * The budget kept in Redis under `prefix + caller`, shared by every instance that uses the same Redis.
 * While Redis is unreachable each instance counts on its own (`fallback`) rather than refusing or
 * failing requests: a Redis blip must never take the API down.
 */
export function redisBudget(options: { client: RedisCommands; prefix: string; limit: number; logger: Logger }): CostBudget {
  const { client, limit, logger } = options;
  const fallback = memoryBudget(limit);
  let degraded = false;
  return {
    async charge(caller, points) {
      try {
        if (!client.isReady) throw new Error("redis is not connected");
        const reply = (await client.eval(CHARGE_SCRIPT, {
          keys: [options.prefix + caller],
          arguments: [String(points), String(limit), String(BUDGET_WINDOW_MS)],
        })) as [number, number, number];
        if (degraded) logger.info("rate limits are shared through Redis again");
        degraded = false;
        const [allowed, used, ttl] = reply;
        return { allowed: allowed === 1, limit, remaining: Math.max(0, limit - used), resetInSeconds: seconds(ttl) };
      } catch (error) {
        if (!degraded) logger.warn({ err: error }, "rate limits fall back to this instance's own count while Redis is unreachable");
        degraded = true;
        return fallback.charge(caller, points);
      }
    },
    async close() {
      // The connection belongs to the realtime link, which closes it.
      await fallback.close();
    },
  };
}
