import { start } from "../lib/proc.js";
import type { Child } from "../lib/proc.js";
import { fmt, pct } from "../lib/report.js";
import type { Row } from "../lib/report.js";
import type { HttpLoad, HttpResult } from "../load/http.js";
import { LADDER_BODY } from "../servers/ladder-data.js";

export interface Settings {
  readonly quick: boolean;
  readonly seconds: number;
  readonly connections: number;
}

/** Runs one autocannon load in its own process; fails on any error status or bad body. */
export async function loadHttp(load: HttpLoad): Promise<HttpResult> {
  const generator = await start("load/http.ts");
  try {
    const { reply: _reply, ...result } = await generator.ask<HttpResult & { reply: number }>("run", { load });
    return result;
  } finally {
    await generator.stop();
  }
}

export const faults = (r: HttpResult): string | null =>
  r.non2xx || r.errors || r.mismatches || r.requests === 0
    ? `${r.non2xx} non-2xx, ${r.mismatches} bad bodies, ${r.errors} errors (${r.timeouts} timeouts), ${r.requests} requests`
    : null;

/** Fetches one answer first and checks it by hand, so the load runs against a known-good response. */
export async function sample(url: string, body: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
  const text = await response.text();
  if (response.status !== 200 || text.includes('"errors"'))
    throw new Error(`sample from ${url} failed: ${response.status} ${text.slice(0, 300)}`);
  return text;
}

/** The unmeasured load each rung (and each server of the database scenarios) gets before its measured one. */
const WARM_UP_SECONDS = 2;

/**
 * Runs `load` unmeasured for `WARM_UP_SECONDS`, before the same load is measured: each server then
 * meets the measured load with its code optimized and its caches warm (V8's optimized code,
 * graphql-jit's compiled query), so servers compare their code rather than how much of it is still
 * cold, and a cold start's slow first requests do not land in the measured percentiles. The
 * warm-up's answers are checked as the measured load's are; `label` names the load in the error.
 */
export async function warmUp(load: Omit<HttpLoad, "seconds">, label: string): Promise<void> {
  const fault = faults(await loadHttp({ ...load, seconds: WARM_UP_SECONDS }));
  if (fault) throw new Error(`${label} (warm-up): ${fault}`);
}

/** The rungs, in the order they run in each round; L1-express is information only (the old stack) and runs once, last. */
export const LEVELS = ["L0", "L0-jit", "L1", "L2", "L3", "L1-express"] as const;
const REPEATED = LEVELS.filter((level) => level !== "L1-express");

/**
 * Rounds of the repeated rungs (each rung once per round, in `LEVELS` order). This machine's speed
 * drifts by up to half between loads a minute apart: the same L3 read from 4,089 to 7,252 req/s in
 * back-to-back runs (from 4,095 to 7,252 within one batch of six), with pure CPU work
 * (`JSON.stringify` of the same answer) taking 28–29 µs a request in the fast runs and 34–42 µs in
 * the slow ones. A rung measured
 * once compared with one measured a minute before compares the machine's moments as much as the
 * servers. Interleaved rounds put every rung in each stretch of time, and each rung's figure is its
 * median over the rounds; each round's own figures and ratios are printed too.
 */
const ROUNDS = 3;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export async function ladder(settings: Settings): Promise<{ rows: Row[]; rps: Record<string, number>; rounds: string[] }> {
  const runs: Record<string, number[]> = {};
  const sizes: Record<string, number> = {};
  let l0Body = "";
  /** One load of one rung, in a fresh process; its req/s. */
  const measureRung = async (level: string): Promise<number> => {
    const server: Child = await start("servers/ladder.ts", { LEVEL: level });
    try {
      const url = `http://127.0.0.1:${server.ready.port}/graphql`;
      const headers: Record<string, string> = server.ready.token ? { authorization: `Bearer ${server.ready.token}` } : {};
      const body = await sample(url, LADDER_BODY, headers);
      sizes[level] = body.length;
      // Every rung answers L0's bytes (Apollo ends them with a newline), checked here once, then every
      // response against this one; except L3, which adds extensions.cost whose remaining points change
      // per request: there the data must be there in full.
      const exact = level !== "L3";
      if (level === "L0") l0Body = body;
      else if (exact && body.trimEnd() !== l0Body) throw new Error(`ladder ${level}: the answer differs from L0's: ${body.slice(0, 200)}`);
      const load: Omit<HttpLoad, "seconds"> = {
        url,
        body: LADDER_BODY,
        headers,
        connections: settings.connections,
        check: exact ? "exact" : "graphql",
        expect: exact ? body : "deals",
        minBytes: sizes.L0,
      };
      // Every rung is a fresh process: an unmeasured load first brings each to the same steady state.
      await warmUp(load, `ladder ${level}`);
      const result = await loadHttp({ ...load, seconds: settings.seconds });
      const fault = faults(result);
      if (fault) throw new Error(`ladder ${level}: ${fault}`);
      console.log(
        `  ladder ${level}: ${Math.round(result.rps)} req/s, p99 ${result.p99} ms, ${Math.round(result.bytesPerResponse)} B/response`,
      );
      return result.rps;
    } finally {
      await server.stop();
    }
  };
  const rounds = settings.quick ? 1 : ROUNDS;
  for (let round = 0; round < rounds; round++) {
    if (rounds > 1) console.log(`  round ${round + 1} of ${rounds}`);
    for (const level of REPEATED) (runs[level] ??= []).push(await measureRung(level));
  }
  runs["L1-express"] = [await measureRung("L1-express")];
  const rps: Record<string, number> = Object.fromEntries(Object.entries(runs).map(([level, values]) => [level, median(values)]));
  const roundNotes = Array.from({ length: rounds }, (_, i) => {
    const at = (level: string) => runs[level]![i]!;
    return (
      `round ${i + 1}: ` +
      REPEATED.map((level) => `${level} ${fmt(at(level))}`).join(", ") +
      ` req/s (L3 ${pct(at("L3") / at("L0"))} of L0, ${pct(at("L3") / at("L0-jit"))} of L0-jit)`
    );
  });
  const row = (level: string, of: string, target: number | null, note: string): Row => ({
    scenario: "1. Query ladder",
    case: `${level} vs ${of}`,
    baselineName: of,
    baseline: rps[of]!,
    cosell: rps[level]!,
    unit: "req/s",
    ratio: rps[level]! / rps[of]!,
    target: target === null ? "(info)" : `≥ ${target * 100}%`,
    pass: target === null ? null : rps[level]! / rps[of]! >= target,
    notes: note,
  });
  return {
    rps,
    rounds: roundNotes,
    rows: [
      row("L0-jit", "L0", null, "the same node:http server executing the query compiled once by graphql-jit: the ceiling"),
      row(
        "L1",
        "L0",
        null,
        "Apollo Server 5 on node:http through executeHTTPGraphQLRequest (as cosell configures it: no cache-control plugin), graphql-js execution",
      ),
      row("L2", "L1", null, "+ type-graphql"),
      row(
        "L3",
        "L2",
        null,
        "+ cosell's context (JWT, session, policy, loaders), limits plugin and cost budget, error masking, compiled execution (graphql-jit, as `pnpm start` runs)",
      ),
      row("L3", "L0", 1, "the target: cosell's full path against plain graphql-js on node:http"),
      row("L3", "L0-jit", 0.5, "the target: cosell's full path against compiled execution on node:http"),
      ...(rps["L1-express"] === undefined
        ? []
        : [
            row(
              "L1-express",
              "L1",
              null,
              "Apollo Server 5 + Express 5 with Apollo's defaults (the stack cosell served through before), against Apollo on node:http",
            ),
          ]),
    ],
  };
}
