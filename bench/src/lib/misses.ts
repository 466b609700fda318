import { fmt, pct } from "./report.js";
import type { Row } from "./report.js";

const ms = (seconds: number) => `${(seconds * 1000).toFixed(2)} ms`;

/**
 * For each missed target, the reason in this run's own figures. The floor of the stack is the
 * ladder's Apollo Server 5 + Express rung configured as cosell configures it: a small query
 * answered from memory, no SQL, no cosell code.
 */
export function explainMisses(rows: readonly Row[], ladder: Readonly<Record<string, number>>): string[] {
  const floor = ladder["L1-no-cache-control"];
  const explained: string[] = [];
  for (const row of rows.filter((r) => r.pass === false)) {
    const figure = row.ratio === null ? `${fmt(row.cosell, 1)} ${row.unit}` : `${pct(row.ratio)}`;
    explained.push(`**${row.scenario.replace(/^\d\. /, "")}, ${row.case}** (${figure}; target ${row.target}): ${reason(row, floor)}`);
  }
  return explained;
}

function reason(row: Row, floor: number | undefined): string {
  const floorFigure =
    floor === undefined
      ? null
      : `Apollo Server 5 + Express alone, configured as cosell configures it, answers a small query from memory at ${fmt(floor)} req/s in this run (ladder, L1-no-cache-control)`;
  if (row.scenario.startsWith("2.") && row.case.startsWith("page of")) {
    if (!floorFigure) return "run the ladder with it to see the floor of the stack.";
    const budget = 1 / (0.6 * row.baseline);
    return (
      `${floorFigure}. At 60% of the baseline cosell would have ${ms(budget)} of a core per request; that floor takes ${ms(1 / floor!)} of it, ` +
      `leaving ${ms(budget - 1 / floor!)} for four SQL round trips, executing the board's ~500 fields through graphql-js and type-graphql, and writing the JSON, ` +
      `which the hand-written baseline does in ${ms(1 / row.baseline)} in all, with no GraphQL. The profile of the remaining time is in the findings below.`
    );
  }
  if (row.scenario.startsWith("3.") && row.unit === "req/s") {
    if (!floorFigure) return "run the ladder with it to see the floor of the stack.";
    return `${floorFigure}: ${pct(floor! / row.baseline)} of this baseline's rate of INSERTs, before any SQL. No server on this stack reaches 50% here, whatever its SQL; cosell's logActivity runs ${pct(row.cosell / floor!)} of that floor, with authentication, the access check and its one write statement.`;
  }
  if (row.scenario.startsWith("3.") && row.unit === "ms") {
    return "with 50 clients each waiting for its answer before sending again, latency follows throughput (Little's law): the mean is 50 ÷ the rate, so p99 under 50 ms needs well over 1,000 req/s, above the floor of the stack measured in the ladder.";
  }
  if (row.scenario.startsWith("4.")) {
    const parts: string[] = [];
    if (row.baseline >= 100)
      parts.push(
        `the raw ws baseline itself needs ${fmt(row.baseline)} ms at p99 for the same sockets: ten events a second to every socket is more than this two-core machine sends (and the client pool, on the same cores, reads) in time`,
      );
    if (row.case.includes("rooms ×"))
      parts.push(
        "each event goes to a room of its own, so every delivery is one GraphQL execution of its own (the operation differs by room; it resolves the actor from the database), against the baseline's ready-made bytes: the work per event grows with distinct operations, as designed, and here every operation is distinct",
      );
    else if (row.ratio !== null && row.ratio < 0.5)
      parts.push(
        "per delivery cosell writes the group's shared JSON to the socket as the baseline does; what remains is per-subscriber bookkeeping in user space (its own room feed with order and gap checks, the hand-off from the group's result, the frame of its own operation id), profiled in the findings below",
      );
    if (row.notes?.includes("delivered") && !/delivered (\d+)\/\1;/.test(row.notes))
      parts.push("not every message arrived within the 5 s settling time");
    return parts.length ? `${parts.join("; ")}.` : "see the notes of the row.";
  }
  if (row.scenario.startsWith("5.")) return "see the notes of the row and the findings below.";
  return "see the notes of the row.";
}
