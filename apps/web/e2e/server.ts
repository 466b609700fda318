import { spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import pg from "pg";

/**
 * The real cosell server for browser tests: a fresh PostgreSQL database seeded with the demo world,
 * the server process on a free port, and the built web app served by it. `dispose()` stops the
 * server and drops the database, whatever happened.
 */

/** The PostgreSQL server the tests create their databases on (as CI provides it). */
export const ADMIN_DATABASE_URL = process.env.COSELL_E2E_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const webDir = fileURLToPath(new URL("..", import.meta.url));
const serverDir = fileURLToPath(new URL("../../server", import.meta.url));

export interface RunningCosell {
  readonly url: string;
  /** Its database, for a story that must set what no API sets (the clock of a stored deadline). */
  readonly databaseUrl: string;
  /** What the server wrote, for a failing test's message. */
  readonly log: readonly string[];
  dispose(): Promise<void>;
}

/** Builds apps/web into dist/ (the bundle the server hosts). */
export function buildWebApp(): void {
  const result = spawnSync(`${webDir}node_modules/.bin/vite`, ["build", "--logLevel", "warn"], {
    cwd: webDir,
    encoding: "utf8",
    // vitest sets NODE_ENV=test, which would make vite bundle React's development build: test what ships.
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}

function databaseUrl(name: string): string {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Starts the server against a new database; resolves once it listens. */
export async function startCosell({ timeoutMs = 60_000 } = {}): Promise<RunningCosell> {
  const database = `cosell_e2e_${randomBytes(6).toString("hex")}`;
  await admin((client) => client.query(`CREATE DATABASE ${database}`));
  const dropDatabase = () => admin((client) => client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)).then(() => undefined);

  const log: string[] = [];
  let child: ChildProcess;
  try {
    child = spawn(`${serverDir}/node_modules/.bin/tsx`, ["--conditions=cosell-source", "src/main.ts"], {
      cwd: serverDir,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl(database),
        COSELL_SEED: "demo",
        JWT_SECRET: randomBytes(20).toString("hex"),
        PORT: "0",
        NODE_ENV: "test",
        LOG_LEVEL: "info",
        COSELL_WEB_DIR: `${webDir}dist`,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    await dropDatabase();
    throw error;
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(killer);
    }
    await dropDatabase();
  };

  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start in ${timeoutMs} ms`)), timeoutMs);
      child.once("exit", (code) => reject(new Error(`the server exited with ${code} before listening`)));
      createInterface({ input: child.stderr! }).on("line", (line) => log.push(line));
      createInterface({ input: child.stdout! }).on("line", (line) => {
        log.push(line);
        try {
          const entry = JSON.parse(line) as { msg?: string; port?: number };
          if (entry.msg?.startsWith("cosell listening") && typeof entry.port === "number") {
            clearTimeout(timer);
            resolve(entry.port);
          }
        } catch {
          // Not a JSON log line.
        }
      });
    });
    return { url: `http://127.0.0.1:${port}`, databaseUrl: databaseUrl(database), log, dispose: stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${log.join("\n")}`);
  }
}
