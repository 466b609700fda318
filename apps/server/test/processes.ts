import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

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

export interface Instance extends Child {
  readonly url: string;
  readonly port: number;
}

/** How an instance runs: the TypeScript sources under tsx (the default), or `pnpm build`'s dist/. */
export const FROM_SOURCES = ["--conditions=cosell-source", "--import", "tsx", "src/main.ts"] as const;
export const COMPILED = ["--max-semi-space-size=64", "dist/main.js"] as const;

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
