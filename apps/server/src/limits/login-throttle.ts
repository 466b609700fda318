import type { LoginThrottleSettings } from "../config.js";
import { DomainError, ErrorCode } from "../errors.js";
import type { Logger } from "../logger.js";
import type { RedisCommands } from "../realtime/redis.js";

/** Defaults of `LoginThrottleSettings` (and of the `LOGIN_*` variables in `.env.example`). */
export const LOGIN_THROTTLE_DEFAULTS: LoginThrottleSettings = {
  accountFreeFailures: 5,
  addressFreeFailures: 50,
  baseDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 24 * 3_600_000,
};

/**
 * Sign-in attempts by key (an account or an address) and how long each key must wait. An attempt is
 * counted when it starts, before the password is checked, so a burst sent all at once is throttled
 * as well as one sent in a row; a successful one is taken back (`refund`, `forget`). After `free`
 * counted attempts a key waits `baseDelayMs` after its last one, then twice as long per further
 * failure, up to `maxDelayMs`. A key is forgotten `forgetAfterMs` after its last attempt.
 */
export interface FailureLedger {
  /** Counts an attempt of `key` unless it must wait; returns the wait in ms (0: counted, go on). */
  attempt(key: string, free: number): Promise<number>;
  /** Takes back one counted attempt of `key` (it succeeded). */
  refund(key: string): Promise<void>;
  forget(keys: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** How long a key with `failures` counted attempts, the last at `lastAt`, waits from `now`. */
export const waitAfter = (failures: number, lastAt: number, free: number, settings: LoginThrottleSettings, now: number): number =>
  failures < free ? 0 : Math.max(0, lastAt + Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (failures - free)) - now);

export function memoryLedger(settings: LoginThrottleSettings, now: () => number = Date.now): FailureLedger {
  const entries = new Map<string, { failures: number; lastAt: number }>();
  let sweptAt = now();
  const live = (key: string, at: number) => {
    const entry = entries.get(key);
    if (!entry || entry.lastAt + settings.forgetAfterMs > at) return entry;
    entries.delete(key);
    return undefined;
  };
  return {
    async attempt(key, free) {
      const at = now();
      if (at - sweptAt > 60_000) {
        // Forget idle keys so one-off callers do not accumulate.
        for (const [k, entry] of entries) if (entry.lastAt + settings.forgetAfterMs <= at) entries.delete(k);
        sweptAt = at;
      }
      const entry = live(key, at) ?? { failures: 0, lastAt: at };
      const wait = waitAfter(entry.failures, entry.lastAt, free, settings, at);
      if (wait > 0) return wait;
      entries.set(key, { failures: entry.failures + 1, lastAt: at });
      return 0;
    },
    async refund(key) {
      const entry = entries.get(key);
      if (!entry) return;
      if (entry.failures <= 1) entries.delete(key);
      else entry.failures -= 1;
    },
    async forget(keys) {
      for (const key of keys) entries.delete(key);
    },
    async close() {
      entries.clear();
    },
  };
}

/**
 * `attempt` on the Redis server, atomically. The hash holds `f` (counted attempts) and `t` (the
 * last one, ms). Returns the wait in ms, or 0 when the attempt was counted.
 */
const ATTEMPT_SCRIPT = `
local failures = tonumber(redis.call('HGET', KEYS[1], 'f') or '0')
local lastAt = tonumber(redis.call('HGET', KEYS[1], 't') or '0')
local free = tonumber(ARGV[1])
local now = tonumber(ARGV[4])
if failures >= free then
  local wait = lastAt + math.min(tonumber(ARGV[3]), tonumber(ARGV[2]) * 2 ^ (failures - free)) - now
  if wait > 0 then return math.ceil(wait) end
end
redis.call('HINCRBY', KEYS[1], 'f', 1)
redis.call('HSET', KEYS[1], 't', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 0
`;

const REFUND_SCRIPT = `
if redis.call('HINCRBY', KEYS[1], 'f', -1) <= 0 then redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * The ledger in Redis under `prefix + key`, shared by every instance (one key per script call, so
 * it also works where keys live on different Redis Cluster slots). While Redis is unreachable each
 * instance counts on its own (`fallback`), as the cost budget does: a Redis blip must neither stop
 * sign-ins nor lift the throttle entirely.
 */
export function redisLedger(options: {
  client: RedisCommands;
  prefix: string;
  settings: LoginThrottleSettings;
  logger: Logger;
  now?: () => number;
}): FailureLedger {
  const { client, prefix, settings, logger } = options;
  const now = options.now ?? Date.now;
  const fallback = memoryLedger(settings, now);
  let degraded = false;
  const shared = async <T>(work: () => Promise<T>, alone: () => Promise<T>): Promise<T> => {
    try {
      if (!client.isReady) throw new Error("redis is not connected");
      const result = await work();
      if (degraded) logger.info("sign-in throttling is shared through Redis again");
      degraded = false;
      return result;
    } catch (error) {
      if (!degraded) logger.warn({ err: error }, "sign-in throttling falls back to this instance's own count while Redis is unreachable");
      degraded = true;
      return alone();
    }
  };
  return {
    attempt: (key, free) =>
      shared(
        async () =>
          Number(
            await client.eval(ATTEMPT_SCRIPT, {
              keys: [prefix + key],
              arguments: [
                String(free),
                String(settings.baseDelayMs),
                String(settings.maxDelayMs),
                String(now()),
                String(settings.forgetAfterMs),
              ],
            }),
          ),
        () => fallback.attempt(key, free),
      ),
    refund: (key) =>
      shared(
        async () => {
          await client.eval(REFUND_SCRIPT, { keys: [prefix + key] });
        },
        () => fallback.refund(key),
      ),
    forget: (keys) =>
      shared(
        async () => {
          await client.del(keys.map((key) => prefix + key));
          await fallback.forget(keys);
        },
        () => fallback.forget(keys),
      ),
    close: () => fallback.close(),
  };
}

/** One sign-in attempt, as far as throttling cares. */
export interface LoginAttempt {
  readonly email: string;
  /** The client's address (`TRUST_PROXY` applied); null when unknown. */
  readonly address: string | null;
  /** The user the caller's own valid session belongs to, if it sent one. */
  readonly sessionUserId: string | null;
}

/**
 * Throttles sign-ins with growing delays, by account and by client address. Only failures are
 * held against a key (an attempt counts when it starts and is taken back when it succeeds), so
 * people who sign in correctly, however often, are never slowed down:
 *
 * - Per account (the email as typed, lower-cased, whether or not it exists): after
 *   `accountFreeFailures` failures each further attempt waits a delay that doubles per failure.
 *   A caller that presents a valid session of that same user is counted apart
 *   (`session:<userId>`), so someone hammering the account from elsewhere cannot lock its owner
 *   out of a device where they are signed in. A successful sign-in forgets the account's failures.
 * - Per address: `addressFreeFailures` failures across all accounts before delays start (one
 *   client trying many accounts). A success takes back only its own attempt, so an attacker cannot
 *   reset the count by signing into an account of its own.
 *
 * A refused attempt is neither checked against the password nor counted.
 */
export class LoginThrottle {
  constructor(
    private readonly ledger: FailureLedger,
    private readonly settings: LoginThrottleSettings,
  ) {}

  /** Attempts in progress on this instance, by account key: each waits for the one before. */
  private readonly inProgress = new Map<string, Promise<unknown>>();

  /**
   * Runs `signIn` (which throws on a wrong password) unless the address or account must wait, in
   * which case it throws RATE_LIMITED (`retryAfterSeconds`, `retryAfter`). Attempts on one account
   * take turns on each instance, so a burst sent all at once gets no more tries than one sent in a
   * row, while correct sign-ins sent together all succeed.
   */
  attempt<T>(attempt: LoginAttempt, userId: string | null, signIn: () => Promise<T>): Promise<T> {
    const keys = this.keysOf(attempt, userId);
    const previous = this.inProgress.get(keys.account) ?? Promise.resolve();
    const run = previous.then(async () => {
      await this.admit(keys);
      const result = await signIn(); // a failure stays counted
      await Promise.all([
        keys.address ? this.ledger.refund(keys.address) : Promise.resolve(),
        this.ledger.forget([accountKey(attempt.email), ...(userId ? [`session:${userId}`] : [])]),
      ]);
      return result;
    });
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.inProgress.set(keys.account, settled);
    void settled.then(() => {
      if (this.inProgress.get(keys.account) === settled) this.inProgress.delete(keys.account);
    });
    return run;
  }

  /** Counts the attempt against the address and the account, or refuses it (counting nothing). */
  private async admit(keys: { account: string; address: string | null }): Promise<void> {
    let wait = keys.address ? await this.ledger.attempt(keys.address, this.settings.addressFreeFailures) : 0;
    if (wait === 0) {
      wait = await this.ledger.attempt(keys.account, this.settings.accountFreeFailures);
      if (wait > 0 && keys.address) await this.ledger.refund(keys.address);
    }
    if (wait <= 0) return;
    const seconds = Math.max(1, Math.ceil(wait / 1000));
    throw new DomainError(ErrorCode.RATE_LIMITED, `Too many failed sign-in attempts; try again in ${seconds} s`, {
      retryAfterSeconds: seconds,
      retryAfter: seconds,
    });
  }

  close(): Promise<void> {
    return this.ledger.close();
  }

  private keysOf(attempt: LoginAttempt, userId: string | null): { account: string; address: string | null } {
    const ownSession = userId !== null && attempt.sessionUserId === userId;
    return {
      account: ownSession ? `session:${userId}` : accountKey(attempt.email),
      address: attempt.address ? `address:${attempt.address}` : null,
    };
  }
}

const accountKey = (email: string): string => `account:${email.trim().toLowerCase()}`;
