import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import { join, resolve } from "node:path";
import type { ExecutionMode } from "./execution.js";
import { LOGIN_THROTTLE_DEFAULTS } from "./limits/login-throttle.js";

/**
 * The one typed configuration of the server, read from the environment and validated at start.
 * Every variable is documented (with its default) in `.env.example` at the repository root.
 */
export interface Config {
  readonly port: number;
  /**
   * Connections the kernel may hold completed but not yet accepted (`LISTEN_BACKLOG`; Linux caps it
   * at `net.core.somaxconn`). Node's default, 511, overflows when thousands of clients reconnect at
   * once: the overflowing handshakes wait on TCP retransmits for seconds, and some are reset.
   */
  readonly listenBacklog: number;
  /** Unset: embedded PostgreSQL (PGlite) in `dataDir`. */
  readonly databaseUrl: string | undefined;
  /** Unset (and no `redisClusterNodes`): in-process event bus. */
  readonly redisUrl: string | undefined;
  /**
   * Seed nodes (`host:port`) of a Redis Cluster (`REDIS_CLUSTER_NODES`, comma-separated): the bus
   * then uses sharded pub/sub. Exclusive with `redisUrl`.
   */
  readonly redisClusterNodes: readonly string[] | undefined;
  readonly dataDir: string;
  readonly seed: "demo" | "none";
  readonly jwtSecret: string;
  readonly nodeEnv: "development" | "production" | "test";
  /** Query-cost points per caller per minute. */
  readonly rateLimitPoints: number;
  /** Prefix of the rate-limit counters' keys in Redis (several deployments may share one Redis). */
  readonly rateLimitPrefix: string;
  /** Whether introspection answers; default: on, except with NODE_ENV=production. */
  readonly introspection: boolean;
  /**
   * How operations run (`GRAPHQL_EXECUTION`): `compiled` (graphql-jit, falling back to graphql-js
   * where it must; the default), `graphql-js`, or `verify` (queries and subscription events both
   * ways, differences logged and answered with graphql-js's result; for tests).
   */
  readonly execution: ExecutionMode;
  /** How often each instance looks for webhook deliveries that are due, in milliseconds. */
  readonly webhookPollIntervalMs: number;
  /** How long a webhook receiver has to answer, in milliseconds; longer counts as a failure. */
  readonly webhookTimeoutMs: number;
  /**
   * Whether webhooks may point at private, loopback or link-local addresses (cosell's own network).
   * Off by default in production; on elsewhere, so webhooks can be tried against a local receiver.
   */
  readonly webhookPrivateTargets: boolean;
  /** Wait before the first retry of a failed delivery, in milliseconds; doubles on every further failure. */
  readonly webhookRetryBaseMs: number;
  /** Attempts before a delivery is given up (status FAILED). */
  readonly webhookMaxAttempts: number;
  readonly logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** Connections in the PostgreSQL pool (always 1 on the embedded database). */
  readonly databasePoolSize: number;
  /** Directory of the built web app to serve at `/`; unset or missing: API only. */
  readonly webDir: string | undefined;
  /** Seconds between sweeps that mark overdue open commitments MISSED; 0 turns the sweep off. */
  readonly commitmentSweepSeconds: number;
  /** Seconds between sweeps that expire approved deal registrations past their protection window; 0 turns it off. */
  readonly registrationSweepSeconds: number;
  /** How long a room presence mark outlives its last heartbeat (an instance that died), in seconds. */
  readonly presenceTtlSeconds: number;
  /**
   * Which proxies' `X-Forwarded-For` to believe when telling callers apart (`TRUST_PROXY`): `false`
   * (none: the socket's peer is the caller), a hop count, or addresses, CIDRs and the names
   * `loopback`, `linklocal`, `uniquelocal`. Default: none.
   */
  readonly trustProxy: TrustProxy;
  /** Sign-in throttling: failed attempts per account and per client address. */
  readonly loginThrottle: LoginThrottleSettings;
  /** Operations (subscriptions and queries in flight) one socket may run at once; more answer LIMIT_EXCEEDED. */
  readonly maxSubscriptionsPerSocket: number;
  /** Open sockets per signed-in user on one instance; more are closed with 4429. */
  readonly maxSocketsPerUser: number;
  /** Open sockets per API token on one instance; more are closed with 4429. */
  readonly maxSocketsPerApiToken: number;
  /** How long a session lasts from sign-in, in seconds (default 12 hours); its sockets close then. */
  readonly sessionTtlSeconds: number;
  /**
   * Origins besides the server's own whose pages may use the web session cookie (HTTP and
   * WebSocket). Default: the Vite dev server (http://localhost:5173) in development, none otherwise.
   */
  readonly webOrigins: readonly string[];
  /** Where the daily notification digest is sent from (`smtp://` or `smtps://`); unset: no e-mail at all. */
  readonly smtpUrl: string | undefined;
  /** The digest's From address. */
  readonly mailFrom: string;
  /** The hour (0–23, UTC) from which each day's digest goes out. */
  readonly digestHourUtc: number;
  /** Seconds between checks for digests that are due (each user gets at most one a day); 0 turns digests off. */
  readonly digestCheckSeconds: number;
  /** The web app's address, for links in e-mails; default: http://localhost:PORT. */
  readonly publicUrl: string;
  /** How long an invitation link works, in hours (`INVITATION_TTL_HOURS`, default 168: a week). */
  readonly invitationTtlHours: number;
  /** How long a password reset link works, in minutes (`PASSWORD_RESET_TTL_MINUTES`, default 60). */
  readonly passwordResetTtlMinutes: number;
}

/** `TRUST_PROXY` parsed: none, a hop count, or a list of addresses, CIDRs and range names. */
export type TrustProxy = false | number | readonly string[];

/** Growing delays after failed sign-ins (see `src/limits/login-throttle.ts`). */
export interface LoginThrottleSettings {
  /** Failed attempts on one account (by email) before delays start. */
  readonly accountFreeFailures: number;
  /** Failed attempts from one client address (any accounts) before delays start. */
  readonly addressFreeFailures: number;
  /** Delay after the first failure past the free ones, in ms; doubles with each further failure. */
  readonly baseDelayMs: number;
  /** Longest delay, in ms. */
  readonly maxDelayMs: number;
  /** Failures are forgotten this long after the last one, in ms. */
  readonly forgetAfterMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
const NODE_ENVS = ["development", "production", "test"] as const;

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];

  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };

  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = env[name];
    if (raw === undefined || raw === "") return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name} must be one of ${allowed.join(", ")} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  };

  const url = (name: string, protocols: readonly string[]): string | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === "") return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) {
        problems.push(`${name} must start with ${protocols.map((p) => `${p}//`).join(" or ")} (got "${parsed.protocol}//…")`);
      }
    } catch {
      problems.push(`${name} is not a valid URL`);
    }
    return raw;
  };

  const origins = (name: string, fallback: readonly string[]): readonly string[] => {
    const raw = env[name];
    if (raw === undefined) return fallback;
    return raw
      .split(",")
      .map((entry) => entry.trim())
      .filter((entry) => entry !== "")
      .map((entry) => {
        try {
          const parsed = new URL(entry);
          if ((parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.origin === entry.replace(/\/$/, ""))
            return parsed.origin;
        } catch {
          // reported below
        }
        problems.push(`${name} must list origins like https://app.example.com, comma-separated (got "${entry}")`);
        return entry;
      });
  };

  const port = integer("PORT", 4000, 0, 65535);
  const listenBacklog = integer("LISTEN_BACKLOG", 4096, 1, 65535);
  const databaseUrl = url("DATABASE_URL", ["postgres:", "postgresql:"]);
  const redisUrl = url("REDIS_URL", ["redis:", "rediss:"]);
  const redisClusterNodes = parseClusterNodes(env.REDIS_CLUSTER_NODES, problems);
  if (redisUrl && redisClusterNodes) problems.push("Set either REDIS_URL (one Redis) or REDIS_CLUSTER_NODES (a Redis Cluster), not both");
  const dataDir = resolve(env.COSELL_DATA_DIR || "./.cosell");
  const seed = oneOf("COSELL_SEED", ["demo", "none"] as const, databaseUrl ? "none" : "demo");
  const nodeEnv = oneOf("NODE_ENV", NODE_ENVS, "development");
  const rateLimitPoints = integer("RATE_LIMIT_POINTS", 3_000_000, 1, 1_000_000_000);
  const rateLimitPrefix = env.RATE_LIMIT_PREFIX || "cosell:rate:";
  const introspection = oneOf("GRAPHQL_INTROSPECTION", ["true", "false"] as const, nodeEnv === "production" ? "false" : "true") === "true";
  const execution = oneOf("GRAPHQL_EXECUTION", ["compiled", "graphql-js", "verify"] as const, "compiled");
  const webhookPollIntervalMs = integer("WEBHOOK_POLL_INTERVAL_MS", 1000, 50, 3_600_000);
  const webhookTimeoutMs = integer("WEBHOOK_TIMEOUT_MS", 10_000, 100, 120_000);
  const webhookRetryBaseMs = integer("WEBHOOK_RETRY_BASE_MS", 30_000, 10, 3_600_000);
  const webhookMaxAttempts = integer("WEBHOOK_MAX_ATTEMPTS", 10, 1, 50);
  const webhookPrivateTargets =
    oneOf("WEBHOOK_PRIVATE_TARGETS", ["allow", "refuse"] as const, nodeEnv === "production" ? "refuse" : "allow") === "allow";
  const logLevel = oneOf("LOG_LEVEL", LOG_LEVELS, nodeEnv === "test" ? "warn" : "info");
  const databasePoolSize = integer("DATABASE_POOL_SIZE", 10, 1, 200);
  const webDir = env.COSELL_WEB_DIR ? resolve(env.COSELL_WEB_DIR) : undefined;
  const commitmentSweepSeconds = integer("COMMITMENT_SWEEP_SECONDS", 60, 0, 86_400);
  const registrationSweepSeconds = integer("REGISTRATION_SWEEP_SECONDS", 300, 0, 86_400);
  const presenceTtlSeconds = integer("PRESENCE_TTL_SECONDS", 30, 1, 3600);
  const trustProxy = parseTrustProxy(env.TRUST_PROXY, problems);
  const loginThrottle: LoginThrottleSettings = {
    accountFreeFailures: integer("LOGIN_ACCOUNT_FREE_FAILURES", LOGIN_THROTTLE_DEFAULTS.accountFreeFailures, 1, 1000),
    addressFreeFailures: integer("LOGIN_ADDRESS_FREE_FAILURES", LOGIN_THROTTLE_DEFAULTS.addressFreeFailures, 1, 100_000),
    baseDelayMs: integer("LOGIN_BASE_DELAY_MS", LOGIN_THROTTLE_DEFAULTS.baseDelayMs, 1, 3_600_000),
    maxDelayMs: integer("LOGIN_MAX_DELAY_MS", LOGIN_THROTTLE_DEFAULTS.maxDelayMs, 1, 86_400_000),
    forgetAfterMs: integer("LOGIN_FORGET_AFTER_SECONDS", LOGIN_THROTTLE_DEFAULTS.forgetAfterMs / 1000, 1, 30 * 86_400) * 1000,
  };
  if (loginThrottle.maxDelayMs < loginThrottle.baseDelayMs) problems.push("LOGIN_MAX_DELAY_MS must not be less than LOGIN_BASE_DELAY_MS");
  const maxSubscriptionsPerSocket = integer("MAX_SUBSCRIPTIONS_PER_SOCKET", 100, 1, 100_000);
  const maxSocketsPerUser = integer("MAX_SOCKETS_PER_USER", 20, 1, 100_000);
  const maxSocketsPerApiToken = integer("MAX_SOCKETS_PER_API_TOKEN", 20, 1, 100_000);
  const sessionTtlSeconds = integer("SESSION_TTL_SECONDS", 12 * 3600, 1, 30 * 24 * 3600);
  const webOrigins = origins("WEB_ORIGINS", nodeEnv === "development" ? ["http://localhost:5173", "http://127.0.0.1:5173"] : []);

  const smtpUrl = url("SMTP_URL", ["smtp:", "smtps:"]);
  const mailFrom = env.MAIL_FROM || "cosell <no-reply@cosell.invalid>";
  const digestHourUtc = integer("DIGEST_HOUR_UTC", 7, 0, 23);
  const digestCheckSeconds = integer("DIGEST_CHECK_SECONDS", 300, 0, 86_400);
  const invitationTtlHours = integer("INVITATION_TTL_HOURS", 7 * 24, 1, 90 * 24);
  const passwordResetTtlMinutes = integer("PASSWORD_RESET_TTL_MINUTES", 60, 5, 7 * 24 * 60);
  const publicUrl = (url("PUBLIC_URL", ["http:", "https:"]) ?? `http://localhost:${port}`).replace(/\/$/, "");

  let jwtSecret = env.JWT_SECRET ?? "";
  if (jwtSecret && jwtSecret.length < 32) problems.push("JWT_SECRET must be at least 32 characters");
  if (!jwtSecret && databaseUrl && nodeEnv === "production") {
    problems.push("JWT_SECRET is required in production with DATABASE_URL (every instance must share it)");
  }

  if (problems.length > 0) throw new ConfigError(problems);
  if (!jwtSecret) jwtSecret = databaseUrl ? randomBytes(32).toString("hex") : keptSecret(dataDir);

  return {
    port,
    listenBacklog,
    databaseUrl,
    redisUrl,
    redisClusterNodes,
    dataDir,
    seed,
    jwtSecret,
    nodeEnv,
    rateLimitPoints,
    rateLimitPrefix,
    introspection,
    execution,
    webhookPollIntervalMs,
    webhookTimeoutMs,
    webhookRetryBaseMs,
    webhookMaxAttempts,
    webhookPrivateTargets,
    logLevel,
    databasePoolSize,
    webDir,
    commitmentSweepSeconds,
    registrationSweepSeconds,
    presenceTtlSeconds,
    trustProxy,
    loginThrottle,
    maxSubscriptionsPerSocket,
    maxSocketsPerUser,
    maxSocketsPerApiToken,
    sessionTtlSeconds,
    webOrigins,
    smtpUrl,
    mailFrom,
    digestHourUtc,
    digestCheckSeconds,
    publicUrl,
    invitationTtlHours,
    passwordResetTtlMinutes,
  };
}

/**
 * `REDIS_CLUSTER_NODES`: comma-separated `host:port` seed nodes of a Redis Cluster (a few are
 * enough: the client learns the rest from them). Unset or empty: no cluster.
 */
function parseClusterNodes(raw: string | undefined, problems: string[]): readonly string[] | undefined {
  const entries = (raw ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length === 0) return undefined;
  for (const entry of entries) {
    const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(entry);
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65535)
      problems.push(
        `REDIS_CLUSTER_NODES must list Redis Cluster nodes as host:port, comma-separated, e.g. redis-1:6379,redis-2:6379 (got "${entry}")`,
      );
  }
  return entries;
}

const PROXY_RANGE_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

/**
 * `TRUST_PROXY`: unset, `none` or `0` trusts no proxy; a whole number trusts that many hops in front
 * of the server; otherwise a comma-separated list of IP addresses, CIDRs and the names `loopback`,
 * `linklocal`, `uniquelocal` (Express's `trust proxy` forms). `true` (trust anyone) is refused: any
 * client could then claim any address.
 */
function parseTrustProxy(raw: string | undefined, problems: string[]): TrustProxy {
  const value = raw?.trim() ?? "";
  if (value === "" || value === "none" || value === "false" || value === "0") return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 100) problems.push(`TRUST_PROXY hop count must be from 0 to 100 (got "${raw}")`);
    return hops;
  }
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const bad = entries.filter((entry) => !PROXY_RANGE_NAMES.has(entry) && !isAddressOrCidr(entry));
  if (value === "true" || bad.length > 0 || entries.length === 0) {
    problems.push(
      `TRUST_PROXY must be none, a hop count, or a comma-separated list of IP addresses, CIDRs and loopback, linklocal, uniquelocal (got "${raw}")`,
    );
    return false;
  }
  return entries;
}

function isAddressOrCidr(entry: string): boolean {
  const [address, bits, ...rest] = entry.split("/");
  if (rest.length > 0 || !address) return false;
  const version = isIP(address);
  if (version === 0) return false;
  if (bits === undefined) return true;
  if (/^\d+$/.test(bits)) return Number(bits) <= (version === 4 ? 32 : 128);
  // proxy-addr also takes a netmask: 10.0.0.0/255.0.0.0.
  return version === 4 && isIP(bits) === 4;
}

/** Embedded mode keeps one generated secret in the data dir so sign-ins survive restarts. */
function keptSecret(dataDir: string): string {
  const file = join(dataDir, "jwt-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
