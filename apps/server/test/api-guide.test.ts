import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signWebhookBody } from "../src/modules/webhook/webhook.signature.js";
import { startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { LOG, demoOpportunities } from "./helpers.js";
import { freePort } from "./processes.js";
import { eventually } from "./receiver.js";

/**
 * docs/API.md is executed: every ```sh and ```js block runs against a test server, in the order of
 * the guide, with the environment the guide describes. Attributes after the language:
 *   expect="…"   the output must contain this (sh blocks without it must answer no "errors")
 *   server       a long-running example (a receiver, a subscriber): started first, kept running,
 *                and its expected line awaited after an activity is logged
 *   restart      (a subscriber) the server restarts while it runs: an activity is logged before,
 *                one while the server is down (through another instance), one after; the example
 *                must print each exactly once, in order, with no duplicate
 * ```json and ```text blocks are sample output and are not run. ```python blocks are not run as
 * servers: they are parsed, and their `verified(secret, raw_body, header, now)` is called on signed,
 * tampered and old deliveries (skipped when python3 is missing). Any other block fails the test.
 *
 * The webhook receiver (the server example expecting "verified …") is also sent a tampered and a
 * replayed delivery, which it must refuse with 401.
 */

const GUIDE = fileURLToPath(new URL("../../../docs/API.md", import.meta.url));
const WORK_DIR = fileURLToPath(new URL("../node_modules/.cache/api-guide-examples", import.meta.url));

interface Example {
  readonly language: string;
  readonly code: string;
  readonly line: number;
  readonly expect?: string;
  readonly server: boolean;
  readonly restart: boolean;
}

function examples(markdown: string): Example[] {
  const found: Example[] = [];
  const fence = /^```(\S*)([^\n]*)\n([\s\S]*?)^```\s*$/gm;
  for (let match = fence.exec(markdown); match; match = fence.exec(markdown)) {
    const attributes = match[2] ?? "";
    const value = (name: string) => new RegExp(`${name}="((?:[^"\\\\]|\\\\.)*)"`).exec(attributes)?.[1]?.replace(/\\"/g, '"');
    found.push({
      language: match[1] ?? "",
      code: match[3] ?? "",
      line: markdown.slice(0, match.index).split("\n").length,
      expect: value("expect"),
      server: /\bserver\b/.test(attributes),
      restart: /\brestart\b/.test(attributes),
    });
  }
  return found;
}

interface Running {
  output: string;
  readonly done: Promise<number | null>;
  kill(): void;
}

function run(example: Example, env: NodeJS.ProcessEnv): Running {
  let command: string;
  let args: string[];
  if (example.language === "sh") {
    command = "bash";
    args = ["-eo", "pipefail", "-c", example.code];
  } else {
    // Written beside the server's node_modules so `import "graphql-ws"` resolves as in a partner's project.
    const file = join(WORK_DIR, `example-line-${example.line}.mjs`);
    writeFileSync(file, example.code);
    command = process.execPath;
    args = [file];
  }
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  const running: Running = {
    output: "",
    done: new Promise((resolve) => child.on("close", (code) => resolve(code))),
    kill: () => child.kill("SIGTERM"),
  };
  child.stdout.on("data", (chunk: Buffer) => (running.output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (running.output += chunk.toString("utf8")));
  return running;
}

let t: TestServer;
let env: NodeJS.ProcessEnv;
let opportunityId: string;
const guide = examples(readFileSync(GUIDE, "utf8"));

beforeAll(async () => {
  t = await startTestServer({ webhookPollIntervalMs: 50 });
  mkdirSync(WORK_DIR, { recursive: true });
  const pat = await t.login("pat@pixel.test");
  const created = await t.gql(`mutation { createApiToken(input: { name: "guide", scopes: [READ, WRITE] }) { token } }`, {}, pat);
  opportunityId = (await demoOpportunities(t))["Northwind catalog relaunch"]!.id; // Pixel Studio is in this room
  const port = await freePort();
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    COSELL_URL: `${t.url}/graphql`,
    COSELL_TOKEN: created.data!.createApiToken.token,
    OPPORTUNITY_ID: opportunityId,
    PORT: String(port),
    WEBHOOK_URL: `http://127.0.0.1:${port}/cosell`,
    WEBHOOK_SECRET: "guide-webhook-secret-0123456789",
  };
});
afterAll(async () => {
  rmSync(WORK_DIR, { recursive: true, force: true });
  await t?.close();
});

describe("docs/API.md", () => {
  it("has only runnable examples and sample output", () => {
    expect(guide.length).toBeGreaterThan(8);
    for (const example of guide)
      expect(["sh", "js", "python", "json", "text"], `block at line ${example.line}`).toContain(example.language);
  });

  const python = spawnSync("python3", ["--version"]).status === 0;
  it.skipIf(!python)(
    `has Python webhook verifiers that parse and refuse tampered and old deliveries${python ? "" : " (skipped: python3 is not installed)"}`,
    () => {
      const blocks = guide.filter((e) => e.language === "python");
      expect(blocks.length).toBeGreaterThan(0);
      const secret = "python-guide-secret-0123456789";
      const body = '{"id":"019a","type":"ACTIVITY_LOGGED"}';
      const now = Math.floor(Date.now() / 1000);
      const cases = [
        { header: signWebhookBody(secret, body, now), body, ok: true },
        { header: signWebhookBody(secret, body, now), body: body.replace("019a", "019b"), ok: false }, // tampered
        { header: signWebhookBody(secret, body, now - 301), body, ok: false }, // old: a replay
        { header: signWebhookBody("another-secret-0123456789", body, now), body, ok: false },
        { header: `sha256=${"0".repeat(64)}`, body, ok: false },
      ];
      for (const example of blocks) {
        const file = join(WORK_DIR, `example_line_${example.line}.py`);
        writeFileSync(file, example.code);
        const check = `
import ast, importlib.util, json, sys
source = open(sys.argv[1]).read()
ast.parse(source)
spec = importlib.util.spec_from_file_location("example", sys.argv[1])
example = importlib.util.module_from_spec(spec)
spec.loader.exec_module(example)
cases = json.loads(sys.argv[2])
print(json.dumps([example.verified(sys.argv[3].encode(), c["body"].encode(), c["header"], ${now}) for c in cases]))
`;
        const result = spawnSync("python3", ["-c", check, file, JSON.stringify(cases), secret], { encoding: "utf8" });
        expect(result.status, `python block at line ${example.line}:\n${result.stderr}`).toBe(0);
        expect(JSON.parse(result.stdout), `python block at line ${example.line}`).toEqual(cases.map((c) => c.ok));
      }
    },
  );

  it("works as written, every example run against a server", async () => {
    const runnable = guide.filter((e) => e.language === "sh" || e.language === "js");

    const servers = runnable.filter((e) => e.server).map((example) => ({ example, running: run(example, env) }));
    try {
      // Servers announce themselves ("listening …") before the other examples talk to them.
      for (const { example, running } of servers) {
        if (example.expect?.startsWith("verified"))
          await eventually(() => running.output.includes("listening"), 10_000, `example at line ${example.line} to listen`);
      }
      for (const example of runnable.filter((e) => !e.server)) {
        const running = run(example, env);
        const code = await running.done;
        expect(code, `example at line ${example.line} exited with ${code}:\n${running.output}`).toBe(0);
        if (example.expect) expect(running.output, `example at line ${example.line}`).toContain(example.expect);
        else if (example.language === "sh") expect(running.output, `example at line ${example.line}`).not.toContain('"errors"');
      }
      // Something happens in the room: the webhook receiver and the subscriber hear of it.
      const logged = await t.gql(
        LOG,
        { input: { opportunityId, kind: "NOTE", body: "from the guide test" } },
        await t.login("lee@pixel.test"),
      );
      expect(logged.errors).toBeUndefined();
      for (const { example, running } of servers) {
        await eventually(
          () => running.output.includes(example.expect ?? ""),
          15_000,
          `example at line ${example.line} to print ${example.expect}`,
        );
      }
      // The receiver refuses what it must: a body changed on the way, and a delivery replayed later.
      for (const { example } of servers.filter(({ example }) => example.expect?.startsWith("verified"))) {
        const body = JSON.stringify({ id: "019a0000-0000-7000-8000-000000000001", type: "ACTIVITY_LOGGED", data: {} });
        const now = Math.floor(Date.now() / 1000);
        const send = (sentBody: string, signature: string) =>
          fetch(env.WEBHOOK_URL!, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              "x-cosell-signature": signature,
              "x-cosell-timestamp": signature.slice(2, signature.indexOf(",")),
            },
            body: sentBody,
          }).then((r) => r.status);
        const secret = env.WEBHOOK_SECRET!;
        expect(
          await send(body.replace("ACTIVITY_LOGGED", "DEAL_WON"), signWebhookBody(secret, body, now)),
          `example at line ${example.line}: tampered`,
        ).toBe(401);
        expect(
          await send(body, signWebhookBody(secret, body, now - 6 * 60)),
          `example at line ${example.line}: replayed after 6 minutes`,
        ).toBe(401);
        expect(await send(body, signWebhookBody(secret, body, now)), `example at line ${example.line}: fresh`).toBe(204);
      }

      // Subscribers that resume: before, during and after a restart, each activity printed once, in order.
      const restarting = servers.filter(({ example }) => example.restart);
      if (restarting.length > 0) {
        const lee = await t.login("lee@pixel.test");
        const log = async (server: Pick<TestServer, "gql">, body: string) => {
          const result = await server.gql(LOG, { input: { opportunityId, kind: "NOTE", body } }, lee);
          expect(result.errors).toBeUndefined();
        };
        const printed = (body: string) => restarting.every(({ running }) => running.output.includes(`NOTE ${body}\n`));
        await log(t, "before the restart");
        await eventually(() => printed("before the restart"), 15_000, "the subscribers to print the activity before the restart");
        await t.restart((elsewhere) => log(elsewhere, "while the server is down"));
        await eventually(
          () => printed("while the server is down"),
          20_000,
          "the subscribers to replay the activity logged while the server was down",
        );
        await log(t, "after the restart");
        await eventually(() => printed("after the restart"), 15_000, "the subscribers to print the activity after the restart");
        for (const { example, running } of restarting) {
          const lines = running.output
            .split("\n")
            .map((line) => /^(\d+) (\w+) (.*)$/.exec(line))
            .filter((m) => m !== null);
          const seqs = lines.map((m) => Number(m[1]));
          expect(seqs, `example at line ${example.line}: sequence numbers printed`).toEqual([...new Set(seqs)].sort((a, b) => a - b));
          const bodies = lines.map((m) => m[3]);
          expect(
            bodies.filter((b) =>
              ["from the guide test", "before the restart", "while the server is down", "after the restart"].includes(b!),
            ),
            `example at line ${example.line}:\n${running.output}`,
          ).toEqual(["from the guide test", "before the restart", "while the server is down", "after the restart"]);
        }
      }
    } finally {
      for (const { running } of servers) running.kill();
    }
  }, 120_000);
});
