import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import pg from "pg";
import { fullCollection, serveParent, sweepingDone, threadCpu } from "../lib/proc.js";
import { app, config as configs, logger as logging } from "./built.js";

const { startServer } = app;
const { loadConfig } = configs;
const { createLogger } = logging;

/**
 * The real cosell server (startServer: PostgreSQL, Redis bus when REDIS_URL is set, HTTP and
 * WebSocket) with a counter of the SQL statements it sends, read by the harness over IPC with the
 * executions of subscription payloads (`subscriptionExecutions`) and the live subscriptions.
 * Operations execute compiled (graphql-jit), the default `pnpm start` runs with; the harness reads
 * the mode from the ready message and prints it in the report.
 */
let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements += 1;
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

const config = {
  ...loadConfig({
    NODE_ENV: "production",
    DATABASE_URL: process.env.DATABASE_URL!,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    JWT_SECRET: process.env.JWT_SECRET!,
    // What `pnpm start` runs (config.ts's default), named here so the report can say what ran.
    GRAPHQL_EXECUTION: "compiled",
    LOG_LEVEL: "error",
    COSELL_SEED: process.env.COSELL_SEED ?? "none",
    // Every request is still costed and charged (the most config.ts allows); a smaller budget answers the board's load with
    // 429s within the minute (at 8,000+ requests a minute of ~1,600 points each).
    RATE_LIMIT_POINTS: "1000000000",
    // The memory and fan-out cases open thousands of sockets as one or two users.
    MAX_SOCKETS_PER_USER: "100000",
    RATE_LIMIT_PREFIX: `bench:${process.pid}:`,
    COMMITMENT_SWEEP_SECONDS: "0",
    // No background polling: the statement counter sees requests only.
    WEBHOOK_POLL_INTERVAL_MS: "3600000",
  }),
  port: 0,
};
const server = await startServer(config, createLogger(config));

const memory = () => {
  fullCollection();
  const usage = process.memoryUsage();
  return { rss: usage.rss, heapUsed: usage.heapUsed, external: usage.external, arrayBuffers: usage.arrayBuffers };
};

/**
 * With BENCH_PROFILE_DIR set, the harness brackets each measured window with profileStart/profileStop:
 * a CPU profile (`.cpuprofile`), or with BENCH_PROFILE=heap a sampling profile of what the window
 * allocates (`.heapprofile`, every 32 KiB; which code makes the garbage the collector then pays for).
 */
const profileDir = process.env.BENCH_PROFILE_DIR;
const heapProfile = process.env.BENCH_PROFILE === "heap";
let profiler: Session | null = null;

serveParent(
  { port: server.port, execution: config.execution },
  {
    profileStart: async () => {
      if (!profileDir) return {};
      profiler = new Session();
      profiler.connect();
      if (heapProfile) {
        await profiler.post("HeapProfiler.enable");
        await profiler.post("HeapProfiler.startSampling", {
          samplingInterval: 32 * 1024,
          includeObjectsCollectedByMajorGC: true,
          includeObjectsCollectedByMinorGC: true,
        });
      } else {
        await profiler.post("Profiler.enable");
        await profiler.post("Profiler.start");
      }
      return {};
    },
    profileStop: async ({ name }: { name: string }) => {
      if (!profiler) return {};
      const { profile } = heapProfile ? await profiler.post("HeapProfiler.stopSampling") : await profiler.post("Profiler.stop");
      profiler.disconnect();
      profiler = null;
      const file = `${profileDir}/${name}-${process.pid}.${heapProfile ? "heapprofile" : "cpuprofile"}`;
      writeFileSync(file, JSON.stringify(profile));
      return { file };
    },
    stats: async ({ collect = true }: { collect?: boolean } = {}) => {
      // CPU as of now (where a window read before ends), then with --expose-gc a full collection
      // and its sweeping, then CPU again (`next`, where a window read from here starts): the
      // collection falls between windows, and each window starts from a collected heap instead of
      // whatever garbage came before.
      const cpu = process.cpuUsage();
      const threads = threadCpu();
      const heap = collect ? memory() : {};
      if (collect) await sweepingDone();
      return {
        cpu,
        threads,
        next: { cpu: process.cpuUsage(), threads: threadCpu() },
        statements,
        executions: server.subscriptionExecutions(),
        sockets: server.sockets(),
        live: server.liveOperations(),
        ...heap,
      };
    },
    stop: async () => {
      await server.close();
      return {};
    },
  },
);
