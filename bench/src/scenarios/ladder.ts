import { start } from "../lib/proc.js";
import type { Child } from "../lib/proc.js";
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

export async function ladder(settings: Settings): Promise<{ rows: Row[]; rps: Record<string, number> }> {
  const rps: Record<string, number> = {};
  const sizes: Record<string, number> = {};
  for (const level of ["L0", "L1", "L1-no-cache-control", "L2", "L3"]) {
    const server: Child = await start("servers/ladder.ts", { LEVEL: level });
    try {
      const url = `http://127.0.0.1:${server.ready.port}/graphql`;
      const headers: Record<string, string> = server.ready.token ? { authorization: `Bearer ${server.ready.token}` } : {};
      const body = await sample(url, LADDER_BODY, headers);
      sizes[level] = body.length;
      // L3 adds extensions.cost whose remaining points change per request; the data must be there in full.
      const exact = level !== "L3";
      const result = await loadHttp({
        url,
        body: LADDER_BODY,
        headers,
        connections: settings.connections,
        seconds: settings.seconds,
        check: exact ? "exact" : "graphql",
        expect: exact ? body : "deals",
        minBytes: sizes.L0,
      });
      const fault = faults(result);
      if (fault) throw new Error(`ladder ${level}: ${fault}`);
      rps[level] = result.rps;
      console.log(
        `  ladder ${level}: ${Math.round(result.rps)} req/s, p99 ${result.p99} ms, ${Math.round(result.bytesPerResponse)} B/response`,
      );
    } finally {
      await server.stop();
    }
  }
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
    rows: [
      row("L1", "L0", null, "Apollo Server 5 + Express over plain graphql-js on node:http"),
      row("L2", "L1", null, "+ type-graphql"),
      row("L3", "L2", null, "+ cosell context (JWT, policy, loaders), limits plugin and budget, error masking"),
      row("L3", "L1", 0.85, "the target: cosell's full path against Apollo + Express"),
      row(
        "L3",
        "L1-no-cache-control",
        null,
        "the same, against Apollo + Express configured as cosell configures it (no cache-control plugin, which otherwise wraps every field resolver; cosell's answers are private and never cached): the cost of cosell's own additions",
      ),
    ],
  };
}
