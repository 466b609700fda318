import { execFile, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startFlags } from "../src/start-flags.js";

const SERVER_DIR = fileURLToPath(new URL("..", import.meta.url));

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface Child {
  readonly process: ChildProcess;
  readonly output: string[];
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
  /** Signals the whole process group, so nothing it started is left behind. */
  signal(signal: NodeJS.Signals): void;
  /** SIGKILL to the process group unless it already exited, then waits. */
  kill(): Promise<void>;
}

function child(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: (line: string) => boolean,
  timeoutMs: number,
): Promise<Child & { readyLine: string }> {
  // Its own process group, so a kill reaches whatever it started too and nothing is left behind.
  const proc = spawn(command, args, { cwd: SERVER_DIR, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-proc.pid!, name);
    } catch {
      // already gone
    }
  };
  const output: string[] = [];
  const exited = new Promise<number | string>((resolve) => proc.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal("SIGKILL"); // nothing outlives a start that failed
      reject(new Error(`${command} did not start in ${timeoutMs} ms:\n${output.join("\n")}`));
    }, timeoutMs);
    const onLine = (line: string) => {
      output.push(line);
      if (ready(line)) {
        clearTimeout(timer);
        resolve({
          process: proc,
          output,
          exited,
          readyLine: line,
          signal,
          async kill() {
            signal("SIGKILL");
            await exited;
          },
        });
      }
    };
    for (const stream of [proc.stdout!, proc.stderr!]) {
      let buffered = "";
      stream.on("data", (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split("\n");
        buffered = lines.pop()!;
        lines.forEach(onLine);
      });
    }
    void exited.then((code) => {
      clearTimeout(timer);
      signal("SIGKILL");
      reject(new Error(`${command} exited (${code}) before it was ready:\n${output.join("\n")}`));
    });
  });
}

/** A private redis-server on `port` (no persistence): the tests may kill and restart it. */
export function startRedis(port: number): Promise<Child> {
  return child(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    process.env,
    (line) => line.includes("Ready to accept connections"),
    10_000,
  );
}

/** Whether a TCP port on 127.0.0.1 can be listened on right now. */
async function bindable(port: number): Promise<boolean> {
  const server = createServer();
  const bound = await new Promise<boolean>((resolve) => {
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => resolve(true));
  });
  if (bound) await new Promise((resolve) => server.close(resolve));
  return bound;
}

/**
 * A port for a Redis Cluster node, free with its cluster bus port (port + 10000), both below the
 * kernel's range of ephemeral ports (32768 and up on Linux). A port from `freePort` lies in that
 * range, where any outgoing connection of a test running alongside may take it between the check
 * and the node's bind ("Address already in use"); below it, only an explicit listener can.
 */
async function clusterPort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 2_000);
    if ((await bindable(port)) && (await bindable(port + 10_000))) return port;
  }
  throw new Error("no free port pair for a Redis Cluster node between 20000 and 22000 (+10000)");
}

export interface RedisCluster {
  /** `127.0.0.1:port` of each master, for `REDIS_CLUSTER_NODES`. */
  readonly nodes: readonly string[];
  /** The redis-server processes, by node (index into `nodes`). */
  readonly children: Child[];
  /** Kills node `index` (SIGKILL: no goodbye). */
  stop(index: number): Promise<void>;
  /** Starts node `index` again on its port with its cluster config: it rejoins with its slots. */
  restart(index: number): Promise<void>;
  /** Waits until every running node says `cluster_state:ok`. */
  healthy(timeoutMs?: number): Promise<void>;
  /** Kills every node this cluster started and removes its directory. */
  kill(): Promise<void>;
}

const redisCli = (args: string[]) => promisify(execFile)("redis-cli", args, { timeout: 10_000 });

/**
 * A private Redis Cluster of `masters` masters without replicas on free ports, its files in a
 * temporary directory: `redis-server --cluster-enabled yes` per node, then `redis-cli --cluster
 * create`. Everything started is killed (by process group) if the start fails part way.
 */
export async function startRedisCluster(masters = 3): Promise<RedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), "cosell-redis-cluster-"));
  const ports: number[] = [];
  while (ports.length < masters) {
    const port = await clusterPort();
    if (!ports.includes(port)) ports.push(port);
  }
  const children: Child[] = [];
  const startNode = (port: number) =>
    child(
      "redis-server",
      [
        ...["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir],
        ...["--cluster-enabled", "yes", "--cluster-config-file", `nodes-${port}.conf`, "--cluster-node-timeout", "2000"],
      ],
      process.env,
      (line) => line.includes("Ready to accept connections"),
      10_000,
    );
  const nodes = ports.map((port) => `127.0.0.1:${port}`);
  const running = new Set<number>();
  const cluster: RedisCluster = {
    nodes,
    children,
    async stop(index) {
      running.delete(index);
      await children[index]!.kill();
    },
    async restart(index) {
      children[index] = await startNode(ports[index]!);
      running.add(index);
    },
    async healthy(timeoutMs = 20_000) {
      // The cluster state spreads by gossip and no command waits for it, so it is polled (every 100 ms).
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const states = await Promise.all(
          [...running].map((index) =>
            redisCli(["-p", String(ports[index]), "cluster", "info"]).then(
              ({ stdout }) => /cluster_state:ok/.test(stdout),
              () => false,
            ),
          ),
        );
        if (states.every(Boolean)) return;
        if (Date.now() > deadline) throw new Error(`redis cluster ${nodes.join(",")} not ok after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async kill() {
      await Promise.all(children.map((node) => node.kill()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    for (let index = 0; index < masters; index++) await cluster.restart(index);
    await redisCli(["--cluster", "create", ...nodes, "--cluster-replicas", "0", "--cluster-yes"]);
    await cluster.healthy();
    return cluster;
  } catch (error) {
    await cluster.kill();
    throw error;
  }
}

export interface Instance extends Child {
  readonly url: string;
  readonly port: number;
}

/** How an instance runs: the TypeScript sources under tsx (the default), or `pnpm build`'s dist/. */
export const FROM_SOURCES = ["--conditions=cosell-source", "--import", "tsx", "src/main.ts"] as const;
/** `dist/main.js` with the Node flags `pnpm start` gives it. */
export const COMPILED = [...startFlags(), "dist/main.js"] as const;

/**
 * The server as a separate process, `node --import tsx src/main.ts` unless `args` say otherwise (one
 * process, as `pnpm start` runs it: no CLI in front relaying signals); resolves once it listens.
 */
export async function startInstance(
  env: Record<string, string>,
  startTimeoutMs = 30_000,
  args: readonly string[] = FROM_SOURCES,
): Promise<Instance> {
  const started = await child(
    process.execPath,
    [...args],
    { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "test", PORT: "0", LOG_LEVEL: "info", ...env },
    (line) => line.includes("cosell listening"),
    startTimeoutMs,
  );
  const { port } = JSON.parse(started.readyLine) as { port: number };
  return { ...started, port, url: `http://127.0.0.1:${port}` };
}
