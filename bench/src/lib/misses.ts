import { fmt, pct } from "./report.js";
import type { Row } from "./report.js";

const ms = (seconds: number) => `${(seconds * 1000).toFixed(2)} ms`;

/** The floor of the stack in this run: the ladder's lowest rung that serves GraphQL as cosell does. */
interface Floor {
  readonly rps: number;
  readonly text: string;
}

/**
 * The floor a missed target is measured against: the ladder's L1, Apollo Server 5 on node:http
 * through `executeHTTPGraphQLRequest` (the integration cosell uses, configured as cosell configures
 * it), answering the ladder's query from memory with graphql-js; without it, L0 (graphql-js alone
 * on node:http). No SQL and no cosell code in either.
 */
function floorOf(ladder: Readonly<Record<string, number>>): Floor | null {
  if (ladder.L1 !== undefined)
    return {
      rps: ladder.L1,
      text: `Apollo Server 5 on node:http (through executeHTTPGraphQLRequest, as cosell serves it) answers the ladder's page of 20 deals from memory at ${fmt(ladder.L1)} req/s in this run (ladder, L1)`,
    };
  if (ladder.L0 !== undefined)
    return {
      rps: ladder.L0,
      text: `plain graphql-js on node:http answers the ladder's page of 20 deals from memory at ${fmt(ladder.L0)} req/s in this run (ladder, L0)`,
    };
  return null;
}

/** For each missed target, the reason in this run's own figures. */
export function explainMisses(rows: readonly Row[], ladder: Readonly<Record<string, number>>): string[] {
  const floor = floorOf(ladder);
  const explained: string[] = [];
  for (const row of rows.filter((r) => r.pass === false)) {
    const figure = row.ratio === null ? `${fmt(row.cosell, 1)} ${row.unit}` : `${pct(row.ratio)}`;
    explained.push(
      `**${row.scenario.replace(/^\d\. /, "")}, ${row.case}** (${figure}; target ${row.target}): ${reason(row, rows, floor, ladder)}`,
    );
  }
  return explained;
}

const noFloor = "run the ladder with it (`--only=ladder,…`) to see the floor of the stack.";

function reason(row: Row, rows: readonly Row[], floor: Floor | null, ladder: Readonly<Record<string, number>>): string {
  if (row.scenario.startsWith("1.")) return ladderReason(row, ladder);
  if (row.scenario.startsWith("2.") && row.case.startsWith("page of")) {
    if (!floor) return noFloor;
    const budget = 1 / (0.6 * row.baseline);
    const left = budget - 1 / floor.rps;
    return (
      `${floor.text}. At 60% of the baseline cosell would have ${ms(budget)} of a core per request; that floor takes ${ms(1 / floor.rps)} of it, ` +
      (left > 0
        ? `leaving ${ms(left)} for four SQL round trips, executing the board's ~500 fields (compiled) through type-graphql's resolvers, cosell's context and limits, and writing the JSON, `
        : `more than all of it, before any SQL, `) +
      `which the hand-written baseline does in ${ms(1 / row.baseline)} in all, with no GraphQL. Where the rest goes: \`BENCH_PROFILE_DIR=… pnpm bench --only=board\`.`
    );
  }
  if (row.scenario.startsWith("3.") && row.unit === "req/s") {
    if (!floor) return noFloor;
    const share = floor.rps / row.baseline;
    return (
      `${floor.text}: ${pct(share)} of this baseline's rate of INSERTs, before any SQL` +
      (share < 0.5 ? `, so no server on Apollo reaches 50% here whatever its SQL` : "") +
      `; cosell's logActivity runs ${pct(row.cosell / floor.rps)} of that floor, with authentication, the access check and its group-committed write (${row.notes ?? ""}).`
    );
  }
  if (row.scenario.startsWith("3.") && row.unit === "ms") {
    const rate = rows.find((r) => r.scenario === row.scenario && r.unit === "req/s");
    const mean = rate ? `at the ${fmt(rate.cosell)} req/s measured here the mean is ${fmt((50 / rate.cosell) * 1000, 1)} ms, ` : "";
    return `with 50 clients each waiting for its answer before sending again, latency follows throughput (Little's law): the mean is 50 ÷ the rate, so ${mean}and p99 under 50 ms needs well over 1,000 req/s with a tail close to the mean.`;
  }
  if (row.scenario.startsWith("4.") && row.unit === "executions/event") {
    return (
      `${fmt(row.cosell, 2)} executions per event against ${fmt(row.baseline)} distinct (operation, access) pairs: subscribers who may see the same thing were not grouped into one execution ` +
      `(see apps/server/src/realtime/shared-execution.ts and viewer-dependence.ts); ${row.notes ?? ""}.`
    );
  }
  if (row.scenario.startsWith("4.")) {
    const parts: string[] = [];
    if (row.baseline >= 100)
      parts.push(
        `the raw ws baseline itself needs ${fmt(row.baseline)} ms at p99 for the same sockets: ten events a second to every socket is more than this two-core machine sends (and the client pool, on the same cores, reads) in time`,
      );
    if (row.cosell >= 100 && row.baseline < 100)
      parts.push(`p99 ${fmt(row.cosell)} ms against the raw server's ${fmt(row.baseline)} ms on the same sockets`);
    if (row.case.includes("rooms ×") && row.ratio !== null && row.ratio < 0.5) {
      const perEvent = /broadcast CPU ([\d.]+) ± [\d.]+ ms per event, [\d.]+ ms per delivery \(raw ([\d.]+) ±/.exec(row.notes ?? "");
      parts.push(
        "each event goes to one room of few subscribers, so every few deliveries carry a GraphQL execution of their own (per room and instance), against the baseline's ready-made bytes: the work per event grows with distinct (operation, access) pairs, as designed, and here each event has its own. " +
          (perEvent
            ? `Read per event (the notes), delivering one costs cosell ${perEvent[1]} ms of CPU against ${row.case.includes("two instances") ? "the two raw servers'" : "the raw server's"} ${perEvent[2]} ms: `
            : "Per event, delivering costs ") +
          "the same socket writes, plus the delivery path's JavaScript (the bus, a feed per subscriber, the shared execution, run cold ten times a second) and the collector" +
          (row.case.includes("two instances")
            ? ", and on two instances, where the instance that did not publish receives every event from Redis (as the baseline's does), its decoding of it (about 1 KB of JSON, the actor's and organization's rows included) and an execution of its own"
            : "") +
          (row.notes?.includes("ratio end to end")
            ? "; its standard error is more than a quarter of it on one side, so the ratio is end to end (the publishing logActivity mutation and the idle sockets' upkeep included, see the notes)"
            : ""),
      );
    } else if (row.ratio !== null && row.ratio < 0.5)
      parts.push(
        "per delivery cosell writes the group's shared JSON to the socket as the baseline does; what remains is per-subscriber work in user space (its own room feed with order and gap checks, the hand-off from the group's result, the frame of its own operation id)" +
          (row.case.includes("two instances")
            ? ", and on two instances (whose baseline receives from Redis too) each decodes every event and runs its own execution, with its own collector, on the same two cores"
            : ""),
      );
    if (row.notes?.includes("delivered") && !/delivered (\d+)\/\1;/.test(row.notes))
      parts.push("not every message arrived within the 5 s settling time");
    return parts.length ? `${parts.join("; ")}. Profile: \`BENCH_PROFILE_DIR=… pnpm bench --only=fanout\`.` : "see the notes of the row.";
  }
  if (row.scenario.startsWith("5.") && row.unit === "failed")
    return `subscribes failed or were not live once the server settled: ${row.notes ?? "see the notes of the row"}.`;
  if (row.scenario.startsWith("5.")) return "see the notes of the row.";
  return "see the notes of the row.";
}

/**
 * L3 against L0 or L0-jit: where cosell's full path spends the time its target leaves (each rung's
 * time per request is 1 ÷ its rate on the same connections). L3 executes compiled, so what it adds
 * over L0-jit is cosell's layers together; Apollo's and type-graphql's rungs run graphql-js, whose
 * per-field cost compiled execution does not pay, so they bound those layers and do not split them.
 */
function ladderReason(row: Row, ladder: Readonly<Record<string, number>>): string {
  const { L0, L1, L2, L3 } = ladder;
  const jit = ladder["L0-jit"];
  if (L0 === undefined || L1 === undefined || L2 === undefined || L3 === undefined || jit === undefined)
    return "see the ladder's information rows.";
  const budget = row.baselineName === "L0-jit" ? 1 / (0.5 * jit) : 1 / L0;
  return (
    `the target leaves cosell's full path ${ms(budget)} per request and L3 takes ${ms(1 / L3)}. ` +
    `Compiled execution with its node:http server takes ${ms(1 / jit)} (L0-jit) and graphql-js ${ms(1 / L0)} (L0), ` +
    `so cosell's layers over compiled execution (what it runs of Apollo's request pipeline, type-graphql's resolvers, ` +
    `session, policy and loaders in the context, limits and cost, masking) take ${ms(Math.max(0, 1 / L3 - 1 / jit))}, where the target leaves them ${ms(Math.max(0, budget - 1 / jit))}. ` +
    `Under graphql-js, Apollo's request handling alone adds ${ms(Math.max(0, 1 / L1 - 1 / L0))} (L1 less L0) and type-graphql ${ms(Math.max(0, 1 / L2 - 1 / L1))} (L2 less L1); ` +
    `compiled execution pays less of type-graphql's share (plain fields take the default resolver), so these rungs bound cosell's layers rather than split them. ` +
    `The information rows above give each rung.`
  );
}
