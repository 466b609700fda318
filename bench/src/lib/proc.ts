import { fork } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { startFlags } from "@cosell/server/src/start-flags.js";

/** A process started by the harness: servers and load generators never share a process. */
export interface Child {
  readonly process: ChildProcess;
  /** What the child reported when it was ready (e.g. `{ port }`). */
  readonly ready: Record<string, any>;
  /** Sends `{ cmd, ...args }` and resolves with the child's reply. */
  ask<T = Record<string, any>>(cmd: string, args?: Record<string, unknown>): Promise<T>;
  /** What the child has written to stdout and stderr so far (forwarded to the harness's own as it comes). */
  log(): LogCounts;
  stop(): Promise<void>;
}

/** Lines a child has logged: all of them, pino's errors (level 50 and up), and the pool's connect timeouts. */
export interface LogCounts {
  readonly lines: number;
  readonly errors: number;
  /** `timeout exceeded when trying to connect`: a request waited longer than the pool's connection timeout. */
  readonly poolTimeouts: number;
}

const POOL_TIMEOUT = "timeout exceeded when trying to connect";

/** Forwards a child's output line by line to `to`, counting what the report needs from it. */
function scan(from: NodeJS.ReadableStream, to: NodeJS.WriteStream, counts: { lines: number; errors: number; poolTimeouts: number }) {
  let partial = "";
  from.setEncoding("utf8");
  from.on("data", (chunk: string) => {
    to.write(chunk);
    const lines = (partial + chunk).split("\n");
    partial = lines.pop()!;
    for (const line of lines) {
      counts.lines += 1;
      if (/"level":(5|6)\d/.test(line)) counts.errors += 1;
      if (line.includes(POOL_TIMEOUT)) counts.poolTimeouts += 1;
    }
  });
}

const SRC = fileURLToPath(new URL("..", import.meta.url));

/** The Node flags `pnpm start` gives cosell, so that every server here runs with them. */
export const SERVER_FLAGS: readonly string[] = startFlags();

let nextAsk = 1;

/** Starts `src/<file>` under tsx with IPC; waits for its `{ ready: true, ... }` message. */
export async function start(file: string, env: Record<string, string> = {}, execArgv: string[] = []): Promise<Child> {
  const child = fork(`${SRC}${file}`, [], {
    // Every server runs with the flags `pnpm start` gives cosell, baselines and cosell alike, so the
    // ratios compare code, not runtime settings.
    // Workspace packages from their TypeScript sources, like everything else here (tsconfig.base.json).
    execArgv: [...SERVER_FLAGS, "--conditions=cosell-source", "--import", "tsx", ...execArgv],
    // Every server runs as in production (graphql-js, Express and Apollo check NODE_ENV).
    env: { ...process.env, NODE_ENV: "production", ...env },
    // Piped, not inherited, so the report can count what servers log (pool timeouts under a storm).
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  const counts = { lines: 0, errors: 0, poolTimeouts: 0 };
  scan(child.stdout!, process.stdout, counts);
  scan(child.stderr!, process.stderr, counts);
  const pending = new Map<number, (reply: any) => void>();
  const ready = await new Promise<Record<string, any>>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${file} exited with ${code} before it was ready`));
    child.once("exit", onExit);
    child.on("message", (message: any) => {
      if (message?.ready) {
        child.off("exit", onExit);
        resolve(message);
      } else if (message?.reply !== undefined) {
        pending.get(message.reply)?.(message);
        pending.delete(message.reply);
      }
    });
  });
  return {
    process: child,
    ready,
    ask(cmd, args = {}) {
      const id = nextAsk++;
      return new Promise((resolve, reject) => {
        pending.set(id, (reply) => (reply.error ? reject(new Error(`${file}: ${reply.error}`)) : resolve(reply)));
        child.send({ ask: id, cmd, ...args });
      });
    },
    log: () => ({ ...counts }),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** In a child: announce readiness and answer `ask`s with `handlers[cmd](args)`. */
export function serveParent(ready: Record<string, unknown>, handlers: Record<string, (args: any) => unknown>): void {
  // Every ask is answered, with its error if it failed, so nothing is lost by not awaiting.
  process.on(
    "message",
    (message: any) =>
      void (async () => {
        if (message?.ask === undefined) return;
        try {
          const handler = handlers[message.cmd];
          if (!handler) throw new Error(`unknown command ${message.cmd}`);
          process.send!({ reply: message.ask, ...((await handler(message)) as object) });
        } catch (error) {
          process.send!({ reply: message.ask, error: String((error as Error)?.stack ?? error) });
        }
      })(),
  );
  process.on("SIGTERM", () => process.exit(0));
  process.on("disconnect", () => process.exit(0));
  process.send!({ ready: true, ...ready });
}

/**
 * CPU time of every thread of the processes `pids`, summed, in ms, read from outside them:
 * `/proc/<pid>/task/<tid>/schedstat`, whose first field is the time the thread has run, in ns (the
 * scheduler's own count, not clock ticks), so an interval of milliseconds reads true and reading
 * costs the processes read nothing. null where /proc has no schedstat (not Linux, or a kernel
 * without it). A thread that ends between the listing and its read is skipped.
 */
export function processesCpuMs(pids: readonly number[]): number | null {
  let ns = 0;
  for (const pid of pids) {
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      return null;
    }
    for (const tid of tids) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ", 1)[0]);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT" && (error as NodeJS.ErrnoException).code !== "ESRCH") return null;
      }
    }
  }
  return Number.isFinite(ns) ? ns / 1e6 : null;
}

/**
 * CPU time of the main thread (the event loop: JavaScript, socket writes) and of every other thread
 * (V8's garbage collector and compiler, libuv's pool) in ms, from /proc; null where there is none.
 * Clock ticks of 10 ms: read over windows of seconds.
 */
export const threadCpu = (): { main: number; others: number } | null => {
  try {
    const tick = 10;
    let main = 0;
    let others = 0;
    for (const tid of readdirSync("/proc/self/task")) {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
      // Fields after the command name (which may hold spaces), from field 3 on: utime is 14, stime 15.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ms = (Number(fields[11]) + Number(fields[12])) * tick;
      if (Number(tid) === process.pid) main += ms;
      else others += ms;
    }
    return { main, others };
  } catch {
    return null;
  }
};

/**
 * `gc()` returns while V8 still sweeps on its helper threads; the sweeping would land in the next
 * window (1.7 s of other threads' CPU in one). Waits until those threads have used no CPU for
 * 200 ms (readings a clock tick apart or more), for 3 s at most.
 */
export async function sweepingDone(): Promise<void> {
  const deadline = Date.now() + 3_000;
  let last = threadCpu()?.others;
  if (last === undefined) return;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = threadCpu()?.others;
    if (now === undefined || now === last || Date.now() > deadline) return;
    last = now;
  }
}

/** Two full collections with `--expose-gc` (the second frees what the first's finalizers let go); false without it. */
export function fullCollection(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return false;
  gc();
  gc();
  return true;
}

/** A full collection between two windows, with `--expose-gc` (nothing otherwise), and its sweeping. */
export async function collectBetweenWindows(): Promise<void> {
  if (fullCollection()) await sweepingDone();
}
