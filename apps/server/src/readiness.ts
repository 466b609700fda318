import type { ServerResponse } from "node:http";
import type { DataSource } from "typeorm";
import { RETRY_AFTER_SECONDS } from "./errors.js";
import { sendJson } from "./http/exchange.js";
import type { Logger } from "./logger.js";
import type { RedisLink } from "./realtime/redis.js";

/**
 * Readiness (`GET /readyz`) for a load balancer: whether this instance can serve requests now,
 * i.e. whether PostgreSQL answers (and Redis, when `REDIS_URL` or `REDIS_CLUSTER_NODES` is set). Liveness (`GET /healthz`)
 * only says the process is up: restarting it would not bring a database back.
 */
export interface ReadinessOptions {
  /** How long one check's answer is reused, in ms: probes from many balancers cost one query. */
  readonly cacheMs: number;
  /** A dependency that has not answered after this many ms counts as down. */
  readonly timeoutMs: number;
}

export const READINESS_DEFAULTS: ReadinessOptions = { cacheMs: 1_000, timeoutMs: 2_000 };

export type DependencyState = "up" | "down";

export interface ReadinessReport {
  readonly ready: boolean;
  /** Each dependency checked: `postgres`, and `redis` when configured. */
  readonly checks: Readonly<Record<string, DependencyState>>;
}

export interface ReadinessProbe {
  /** The latest report, checked again when older than `cacheMs`; concurrent callers share one check. */
  report(): Promise<ReadinessReport>;
}

function within(check: Promise<unknown>, timeoutMs: number): Promise<DependencyState> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<DependencyState>((resolve) => (timer = setTimeout(resolve, timeoutMs, "down")));
  return Promise.race([
    check.then(
      (): DependencyState => "up",
      (): DependencyState => "down",
    ),
    late,
  ]).finally(() => clearTimeout(timer));
}

export function readinessProbe(
  deps: { dataSource: DataSource; redis: RedisLink | null; logger: Logger },
  options: ReadinessOptions = READINESS_DEFAULTS,
): ReadinessProbe {
  let last: { at: number; report: ReadinessReport } | undefined;
  let running: Promise<ReadinessReport> | undefined;

  async function check(): Promise<ReadinessReport> {
    const checks: Record<string, DependencyState> = {};
    const pending: Promise<void>[] = [
      within(deps.dataSource.query("SELECT 1"), options.timeoutMs).then((state) => void (checks.postgres = state)),
    ];
    if (deps.redis) {
      // Not connected answers at once; connected must also answer a PING (every master of a Cluster) in time.
      pending.push(within(deps.redis.check(), options.timeoutMs).then((state) => void (checks.redis = state)));
    }
    await Promise.all(pending);
    const report = { ready: Object.values(checks).every((state) => state === "up"), checks };
    if (last && last.report.ready !== report.ready) {
      if (report.ready) deps.logger.info({ checks }, "ready again");
      else deps.logger.warn({ checks }, "not ready: a dependency is down");
    }
    last = { at: Date.now(), report };
    return report;
  }

  return {
    report() {
      if (last && Date.now() - last.at < options.cacheMs) return Promise.resolve(last.report);
      running ??= check().finally(() => (running = undefined));
      return running;
    },
  };
}

/**
 * `GET /readyz`: 200 `{ status: "ready", checks }` when every dependency answers; otherwise 503
 * with `Retry-After`, `{ status: "unavailable", down: [...], checks }` naming what is down, or
 * `{ status: "starting" | "stopping" }` while the instance is not serving.
 */
export function readinessHandler(
  probe: ReadinessProbe,
  serving: () => "starting" | "serving" | "stopping",
): (res: ServerResponse) => Promise<void> {
  const unavailable = { "cache-control": "no-store", "retry-after": String(RETRY_AFTER_SECONDS) };
  return async (res) => {
    const state = serving();
    if (state !== "serving") return sendJson(res, 503, { status: state }, unavailable);
    const { ready, checks } = await probe.report();
    if (ready) return sendJson(res, 200, { status: "ready", checks }, { "cache-control": "no-store" });
    const down = Object.entries(checks)
      .filter(([, state]) => state === "down")
      .map(([name]) => name);
    sendJson(res, 503, { status: "unavailable", down, checks }, unavailable);
  };
}
