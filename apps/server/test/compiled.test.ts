import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/seed/demo.js";
import { COMPILED, startInstance } from "./processes.js";
import type { Instance } from "./processes.js";

/**
 * What `pnpm start` runs: the server compiled by tsc (`pnpm build`: @cosell/schema, then the server)
 * and started as `node dist/main.js`, with no TypeScript tooling in the process. Every other process
 * test runs the sources under tsx; this one builds first, so it always checks today's code.
 */
const run = promisify(execFile);
const build = (dir: string) =>
  run(fileURLToPath(new URL(`${dir}/node_modules/.bin/tsc`, import.meta.url)), ["-p", "tsconfig.build.json"], {
    cwd: fileURLToPath(new URL(dir, import.meta.url)),
  });

const dataDir = mkdtempSync(join(tmpdir(), "cosell-compiled-"));
const webDir = mkdtempSync(join(tmpdir(), "cosell-compiled-web-"));
let instance: Instance | undefined;

beforeAll(async () => {
  await build("../../../packages/schema/");
  await build("../");
}, 180_000);

afterAll(async () => {
  await instance?.kill();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(webDir, { recursive: true, force: true });
});

describe("the compiled server (node dist/main.js)", () => {
  it("starts on the embedded default, migrates and seeds, serves the web app and the API, and stops cleanly on SIGTERM", async () => {
    writeFileSync(join(webDir, "index.html"), "<!doctype html><title>cosell web app</title>");
    instance = await startInstance({ NODE_ENV: "production", COSELL_DATA_DIR: dataDir, COSELL_WEB_DIR: webDir }, 90_000, COMPILED);
    expect(instance.output.some((line) => line.includes("migrations applied"))).toBe(true);
    expect((await fetch(`${instance.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${instance.url}/board`)).text()).toContain("cosell web app");

    const login = await fetch(`${instance.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `mutation { login(input: { email: "ana@acme.test", password: "${DEMO_PASSWORD}" }) { token } }` }),
    });
    const token = ((await login.json()) as { data: { login: { token: string } } }).data.login.token;
    // Decorated resolvers and entities work without design-time metadata in the compiled output too.
    const viewer = await fetch(`${instance.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `{ viewer { name organization { name } } opportunities(first: 1) { edges { node { stage } } } }` }),
    });
    const { data } = (await viewer.json()) as { data: { viewer: { organization: { name: string } }; opportunities: { edges: unknown[] } } };
    expect(data.viewer.organization.name).toBe("Acme Print");
    expect(data.opportunities.edges).toHaveLength(1);

    instance.signal("SIGTERM");
    expect(await instance.exited).toBe(0);
    expect(instance.output.some((line) => line.includes("cosell stopped"))).toBe(true);
  }, 120_000);
});
