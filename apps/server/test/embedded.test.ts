import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startServer } from "../src/app.js";
import type { RunningServer } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";

const dir = mkdtempSync(join(tmpdir(), "cosell-embedded-"));
let server: RunningServer | undefined;
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = async (query: string, token?: string) => {
  const response = await fetch(`${server!.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[] };
};

describe("the embedded default (no DATABASE_URL, no REDIS_URL)", () => {
  it("starts on PGlite, migrates, seeds the demo world and serves it; a restart keeps the data and does not seed again", async () => {
    const config = { ...loadConfig({ COSELL_DATA_DIR: dir, LOG_LEVEL: "silent", NODE_ENV: "test" }), port: 0 };
    expect(config.databaseUrl).toBeUndefined();
    server = await startServer(config, createLogger(config));
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    const login = await post(`mutation { login(input: { email: "ana@acme.test", password: "cosell-demo" }) { token } }`);
    const token = login.data.login.token as string;
    const list = await post(`{ opportunities { edges { node { title } } } }`, token);
    expect(list.data.opportunities.edges.length).toBe(4);
    const id = (await post(`{ opportunities(first: 1) { edges { node { id } } } }`, token)).data.opportunities.edges[0].node.id;
    const logged = await post(`mutation { logActivity(input: { opportunityId: "${id}", kind: NOTE, body: "kept across restarts" }) { seq } }`, token);
    expect(logged.errors).toBeUndefined();

    await server.close();
    server = await startServer(config, createLogger(config));
    // Same secret from the data dir: the session survives the restart.
    const again = await post(`{ opportunities(first: 20) { edges { node { title activities(last: 1) { edges { node { body } } } } } } }`, token);
    expect(again.data.opportunities.edges.length).toBe(4);
    const bodies = again.data.opportunities.edges.map((e: any) => e.node.activities.edges[0]?.node.body);
    expect(bodies).toContain("kept across restarts");
  }, 120_000);
});
