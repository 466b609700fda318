import { randomBytes } from "node:crypto";
import pg from "pg";
import { start } from "./proc.js";
import type { Child } from "./proc.js";

export const ADMIN_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
export const JWT_SECRET = "bench-secret-".padEnd(40, "x");

/** A fresh database with the demo world plus `deals` more opportunities, each with a partner rep, activities and open commitments. */
export interface World {
  readonly url: string;
  readonly ana: string;
  readonly anaId: string;
  readonly lee: string;
  /** Global ids of the bench's opportunities (newest first). */
  readonly opportunities: readonly string[];
  drop(): Promise<void>;
}

/** How the cosell servers of this run executed operations, as each reported when ready (`GRAPHQL_EXECUTION`). */
export const cosellExecution = new Set<string>();

export async function startCosell(world: { url: string }, env: Record<string, string> = {}, execArgv: string[] = []): Promise<Child> {
  // BENCH_NODE_ARGS (extra node flags) reaches every cosell server the harness starts.
  const extra = process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  const server = await start("servers/cosell.ts", { DATABASE_URL: world.url, JWT_SECRET, ...env }, [...execArgv, ...extra]);
  cosellExecution.add(String(server.ready.execution));
  return server;
}

async function gql(port: number, query: string, variables: Record<string, unknown>, token?: string): Promise<any> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown };
  if (response.status !== 200 || body.errors) throw new Error(`setup request failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

export async function createWorld(deals: number): Promise<World> {
  const name = `cosell_bench_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  const drop = async () => {
    const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  };

  const server = await startCosell({ url: url.toString() }, { COSELL_SEED: "demo" });
  try {
    const port = server.ready.port as number;
    const login = async (email: string) =>
      (
        await gql(port, `mutation ($input: LoginInput!) { login(input: $input) { token user { id } } }`, {
          input: { email, password: "cosell-demo" },
        })
      ).login;
    const ana = await login("ana@acme.test");
    const lee = await login("lee@pixel.test");
    const accounts = await gql(port, `{ accounts { id name } }`, {}, ana.token);
    const accountId = accounts.accounts[0].id;
    const opportunities: string[] = [];
    for (let i = 0; i < deals; i++) {
      const created = await gql(
        port,
        `mutation ($input: CreateOpportunityInput!) { createOpportunity(input: $input) { id } }`,
        {
          input: {
            accountId,
            title: `Bench deal ${i + 1}`,
            amount: { amount: `${1000 + i * 10}.50`, currency: "USD" },
            closeDate: "2027-06-30",
          },
        },
        ana.token,
      );
      const id = created.createOpportunity.id as string;
      opportunities.unshift(id);
      await gql(
        port,
        `mutation ($input: AddRoomMemberInput!) { addRoomMember(input: $input) { role } }`,
        { input: { opportunityId: id, userId: lee.user.id, role: "PARTNER_REP", access: "WRITE" } },
        ana.token,
      );
      await gql(
        port,
        `mutation ($input: AddCommitmentInput!) { addCommitment(input: $input) { id } }`,
        { input: { opportunityId: id, assigneeId: ana.user.id, title: "Send the proof", dueAt: "2027-05-01T12:00:00.000Z" } },
        ana.token,
      );
      await gql(
        port,
        `mutation ($input: AddCommitmentInput!) { addCommitment(input: $input) { id } }`,
        { input: { opportunityId: id, assigneeId: lee.user.id, title: "Design the mock-up", dueAt: "2027-05-02T12:00:00.000Z" } },
        ana.token,
      );
      await gql(
        port,
        `mutation ($input: LogActivityInput!) { logActivity(input: $input) { seq } }`,
        { input: { opportunityId: id, kind: "CALL", body: `Kick-off call ${i + 1} with the customer` } },
        ana.token,
      );
    }
    return { url: url.toString(), ana: ana.token, anaId: ana.user.id, lee: lee.token, opportunities, drop };
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  } finally {
    await server.stop();
  }
}
