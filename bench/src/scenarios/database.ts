import { isDeepStrictEqual } from "node:util";
import pg from "pg";
import { start } from "../lib/proc.js";
import type { Row } from "../lib/report.js";
import { startCosell } from "../lib/world.js";
import type { World } from "../lib/world.js";
import { faults, loadHttp, sample, warmUp } from "./ladder.js";
import type { Settings } from "./ladder.js";
import type { HttpLoad } from "../load/http.js";

export const BOARD_QUERY = `query Board($first: Int!) { opportunities(first: $first) { edges { node {
  id title stage version amount { amount currency }
  members { role access user { id name } }
  lastActivity { kind body createdAt }
  commitments(status: OPEN) { id title dueAt status assignee { id name } }
} } } }`;

const boardBody = (first: number) => JSON.stringify({ query: BOARD_QUERY, variables: { first }, operationName: "Board" });

/** Statements per request: the counter's delta over `n` sequential requests. */
async function statementsPerRequest(
  url: string,
  body: string,
  headers: Record<string, string>,
  stats: () => Promise<{ statements: number }>,
  n = 10,
): Promise<number> {
  const before = (await stats()).statements;
  for (let i = 0; i < n; i++) await sample(url, body, headers);
  return ((await stats()).statements - before) / n;
}

export async function board(world: World, settings: Settings): Promise<Row[]> {
  const client = new pg.Client({ connectionString: world.url });
  await client.connect();
  const viewer = (await client.query(`SELECT id, organization_id FROM app_user WHERE email = 'ana@acme.test'`)).rows[0];
  await client.end();
  const cosell = await startCosell(world);
  const baseline = await start("servers/board-baseline.ts", {
    DATABASE_URL: world.url,
    VIEWER_ORG: viewer.organization_id,
    VIEWER_USER: viewer.id,
    POOL_SIZE: "10",
  });
  const rows: Row[] = [];
  try {
    const cosellUrl = `http://127.0.0.1:${cosell.ready.port}/graphql`;
    const baselineUrl = `http://127.0.0.1:${baseline.ready.port}/graphql`;
    const auth = { authorization: `Bearer ${world.ana}` };
    const statements: Record<number, { cosell: number; baseline: number }> = {};
    for (const first of [5, 20, 50]) {
      const fromCosell = JSON.parse(await sample(cosellUrl, boardBody(first), auth));
      const fromBaseline = JSON.parse(await sample(baselineUrl, boardBody(first)));
      if (fromCosell.data.opportunities.edges.length !== first)
        throw new Error(`board: cosell answered ${fromCosell.data.opportunities.edges.length} deals, not ${first}`);
      if (!isDeepStrictEqual(fromCosell.data, fromBaseline.data))
        throw new Error(`board(${first}): the baseline's JSON differs from cosell's answer`);
      statements[first] = {
        cosell: await statementsPerRequest(cosellUrl, boardBody(first), auth, () => cosell.ask("stats")),
        baseline: await statementsPerRequest(baselineUrl, boardBody(first), {}, () => baseline.ask("stats")),
      };
    }
    const counts = Object.values(statements).map((s) => s.cosell);
    const constant = counts.every((c) => c === counts[0]);
    rows.push({
      scenario: "2. Board from PostgreSQL",
      case: "SQL statements per request, page 5 / 20 / 50",
      baselineName: "pg by hand",
      baseline: statements[20]!.baseline,
      cosell: statements[20]!.cosell,
      unit: "statements",
      ratio: null,
      target: "constant",
      pass: constant,
      notes: `cosell ${counts.join(" / ")}; baseline ${Object.values(statements)
        .map((s) => s.baseline)
        .join(" / ")} (answers identical)`,
    });
    for (const first of settings.quick ? [20] : [5, 20, 50]) {
      const body = boardBody(first);
      const minBytes = (await sample(baselineUrl, body)).length;
      const load = {
        body,
        connections: settings.connections,
        seconds: settings.seconds,
        check: "graphql",
        expect: "opportunities",
        minBytes,
      } as const;
      await warmUp({ ...load, url: baselineUrl }, `board(${first}) baseline`);
      const base = await loadHttp({ ...load, url: baselineUrl });
      await warmUp({ ...load, url: cosellUrl, headers: auth }, `board(${first}) cosell`);
      await cosell.ask("profileStart");
      const ours = await loadHttp({ ...load, url: cosellUrl, headers: auth });
      await cosell.ask("profileStop", { name: `board-${first}` });
      for (const [who, r] of [
        ["baseline", base],
        ["cosell", ours],
      ] as const) {
        const fault = faults(r);
        if (fault) throw new Error(`board(${first}) ${who}: ${fault}`);
      }
      console.log(`  board(${first}): baseline ${Math.round(base.rps)} req/s, cosell ${Math.round(ours.rps)} req/s (p99 ${ours.p99} ms)`);
      rows.push({
        scenario: "2. Board from PostgreSQL",
        case: `page of ${first}`,
        baselineName: "pg + JSON by hand",
        baseline: base.rps,
        cosell: ours.rps,
        unit: "req/s",
        ratio: ours.rps / base.rps,
        target: first === 20 ? "≥ 60%" : "(info)",
        pass: first === 20 ? ours.rps / base.rps >= 0.6 : null,
        notes: `p99 baseline ${base.p99} ms, cosell ${ours.p99} ms; ${Math.round(ours.bytesPerResponse)} B/response`,
      });
    }
  } finally {
    await cosell.stop();
    await baseline.stop();
  }
  return rows;
}

export const LOG_ACTIVITY = `mutation Log($input: LogActivityInput!) { logActivity(input: $input) { id seq kind body createdAt } }`;

export async function logActivity(world: World, settings: Settings): Promise<Row[]> {
  const connections = 50;
  // One room per client, as in real use; a room's log takes one writer at a time by design.
  const variants = world.opportunities.slice(0, connections).map((opportunityId) =>
    JSON.stringify({
      query: LOG_ACTIVITY,
      variables: { input: { opportunityId, kind: "NOTE", body: "Bench note {{n}}" } },
      operationName: "Log",
    }),
  );
  const cosell = await startCosell(world);
  const baseline = await start("servers/insert-baseline.ts", { DATABASE_URL: world.url, POOL_SIZE: "10" });
  try {
    const load = (port: number, headers: Record<string, string>): HttpLoad => ({
      url: `http://127.0.0.1:${port}/graphql`,
      body: variants[0]!,
      variants,
      templated: true,
      headers,
      connections,
      seconds: settings.seconds,
      check: "graphql",
      expect: "logActivity",
      minBytes: 100,
    });
    const first = variants[0]!.replace("{{n}}", "first");
    await sample(`http://127.0.0.1:${cosell.ready.port}/graphql`, first, { authorization: `Bearer ${world.ana}` });
    const statements = await statementsPerRequest(
      `http://127.0.0.1:${cosell.ready.port}/graphql`,
      first,
      { authorization: `Bearer ${world.ana}` },
      () => cosell.ask("stats"),
    );
    const baselineLoad = load(baseline.ready.port, {});
    const cosellLoad = load(cosell.ready.port, { authorization: `Bearer ${world.ana}` });
    await warmUp(baselineLoad, "logActivity baseline");
    const base = await loadHttp(baselineLoad);
    await warmUp(cosellLoad, "logActivity cosell");
    await cosell.ask("profileStart");
    const ours = await loadHttp(cosellLoad);
    await cosell.ask("profileStop", { name: "logActivity" });
    for (const [who, r] of [
      ["baseline", base],
      ["cosell", ours],
    ] as const) {
      const fault = faults(r);
      if (fault) throw new Error(`logActivity ${who}: ${fault}`);
    }
    console.log(`  logActivity: baseline ${Math.round(base.rps)} req/s, cosell ${Math.round(ours.rps)} req/s, p99 ${ours.p99} ms`);
    return [
      {
        scenario: "3. logActivity",
        case: "50 clients, pool of 10",
        baselineName: "plain INSERT via pg",
        baseline: base.rps,
        cosell: ours.rps,
        unit: "req/s",
        ratio: ours.rps / base.rps,
        target: "≥ 50%",
        pass: ours.rps / base.rps >= 0.5,
        notes: `p50 ${ours.p50} ms (baseline ${base.p50} ms); ${statements} SQL statements per logActivity (baseline 1)`,
      },
      {
        scenario: "3. logActivity",
        case: "p99 latency at 50 clients",
        baselineName: "plain INSERT via pg",
        baseline: base.p99,
        cosell: ours.p99,
        unit: "ms",
        ratio: null,
        target: "< 50 ms",
        pass: ours.p99 < 50,
      },
    ];
  } finally {
    await cosell.stop();
    await baseline.stop();
  }
}
