import { randomBytes } from "node:crypto";
import pg from "pg";
import { startServer } from "../src/app.js";
import type { RunningServer } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import type { Config } from "../src/config.js";
import { openDatabase } from "../src/db/database.js";
import type { Database } from "../src/db/database.js";
import { unitOfWork } from "../src/db/transaction.js";
import type { UnitOfWork } from "../src/db/transaction.js";
import { createLogger } from "../src/logger.js";
import { memoryBus } from "../src/realtime/bus.js";
import type { RealtimeOptions } from "../src/realtime/options.js";
import { DEMO_PASSWORD } from "../src/seed/demo.js";
import { until } from "./ws.js";

/** The PostgreSQL server the tests use; each test file gets a database of its own on it. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

/** A fresh, empty database on the test PostgreSQL server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `cosell_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * A fresh database opened as the server opens it (migrated, cosell's pool), with a unit of work on
 * an in-process bus: for tests of the data layer without a server. `close` closes and drops it.
 */
export async function openTestDatabase(
  env: Record<string, string> = {},
): Promise<{ readonly database: Database; readonly uow: UnitOfWork; close(): Promise<void> }> {
  const testDatabase = await createTestDatabase();
  const config = loadConfig({ DATABASE_URL: testDatabase.url, LOG_LEVEL: "silent", NODE_ENV: "test", ...env });
  const logger = createLogger(config);
  const database = await openDatabase(config, logger);
  return {
    database,
    uow: unitOfWork(database.dataSource, memoryBus(), logger),
    async close() {
      await database.close();
      await testDatabase.drop();
    },
  };
}

export interface GraphQLResponse<T = Record<string, any>> {
  readonly status: number;
  readonly data?: T | null;
  readonly errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  readonly extensions?: Record<string, unknown>;
}

export interface TestServer {
  readonly url: string;
  readonly server: RunningServer;
  readonly database: TestDatabase;
  /** POST /graphql as the given bearer token (or anonymously). */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /** Signs a demo user in (password `cosell-demo`) and returns the session token. */
  login(email: string, password?: string): Promise<string>;
  /**
   * Stops the server as SIGTERM does (sockets closed with 1001 Going Away) and starts a new one on
   * the same port and database, as a deploy would. `whileDown` runs in between, with another
   * instance on the same database (as behind a load balancer) to write through.
   */
  restart(whileDown?: (elsewhere: Pick<TestServer, "gql">) => Promise<void>): Promise<void>;
  /**
   * Runs `open`, which starts `count` subscriptions, and resolves once the server holds them all live
   * (subscribed to the bus: whatever is committed from then on reaches them).
   */
  live<T>(open: () => T | Promise<T>, count?: number): Promise<T>;
  /** Runs SQL against the test database directly (to check what was or was not written). */
  sql<T = Record<string, any>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** Starts cosell on a free port over a fresh database seeded with the demo world. */
export async function startTestServer(overrides: Partial<Config> = {}, realtime: Partial<RealtimeOptions> = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  const config: Config = {
    ...loadConfig({
      NODE_ENV: "test",
      DATABASE_URL: database.url,
      JWT_SECRET: "test-secret-".padEnd(40, "x"),
      LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
      // GRAPHQL_EXECUTION=verify runs a test file's queries and subscription events both ways.
      GRAPHQL_EXECUTION: process.env.GRAPHQL_EXECUTION,
    }),
    port: 0,
    seed: "demo",
    // Story tests make many requests as one user; the rate-limit tests set their own budget.
    rateLimitPoints: 100_000_000,
    ...overrides,
  };
  let server = await startServer(config, createLogger(config), realtime);
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const tokens = new Map<string, string>();

  const gqlAt =
    (base: () => string): TestServer["gql"] =>
    async (query, variables, token) => {
      const response = await fetch(`${base()}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse, "status">;
      return { status: response.status, ...body } as GraphQLResponse<any>;
    };
  const gql = gqlAt(() => server.url);

  return {
    get url() {
      return server.url;
    },
    get server() {
      return server;
    },
    database,
    gql,
    async restart(whileDown) {
      const port = server.port;
      const next: Config = { ...config, seed: "none" };
      await server.close();
      if (whileDown) {
        const other = await startServer(next, createLogger(next), realtime);
        try {
          await whileDown({ gql: gqlAt(() => other.url) });
        } finally {
          await other.close();
        }
      }
      server = await startServer({ ...next, port }, createLogger(next), realtime);
    },
    async login(email, password = DEMO_PASSWORD) {
      const cached = tokens.get(email);
      if (cached && password === DEMO_PASSWORD) return cached;
      const result = await gql<{ login: { token: string } }>(`mutation ($input: LoginInput!) { login(input: $input) { token } }`, {
        input: { email, password },
      });
      const token = result.data?.login.token;
      if (!token) throw new Error(`login as ${email} failed: ${JSON.stringify(result.errors)}`);
      tokens.set(email, token);
      return token;
    },
    async live(open, count = 1) {
      const before = server.liveOperations();
      const opened = await open();
      await until(
        () => server.liveOperations() >= before + count,
        10_000,
        () => `waiting for ${count} live subscription(s): ${server.liveOperations() - before} so far`,
      );
      return opened;
    },
    async sql(text, params) {
      return (await pool.query(text, params)).rows;
    },
    async close() {
      await pool.end();
      await server.close();
      await database.drop();
      // With GRAPHQL_EXECUTION=verify, any result compiled execution got wrong fails the file.
      const differences = server.executionDifferences();
      if (differences.length > 0)
        throw new Error(
          `compiled execution differed from graphql-js: ${JSON.stringify(differences.slice(0, 3).map(({ document: _, ...rest }) => rest))}`,
        );
    },
  };
}

/** The first error's code, for `expect(codeOf(result)).toBe("NOT_FOUND")`. */
export function codeOf(result: GraphQLResponse): unknown {
  return result.errors?.[0]?.extensions?.code;
}
