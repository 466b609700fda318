import { randomUUID } from "node:crypto";
import pg from "pg";
import { sessionTokens } from "@cosell/server/src/auth/jwt.js";
import { start } from "../lib/proc.js";
import type { Child } from "../lib/proc.js";
import { fmt, pct } from "../lib/report.js";
import type { Row } from "../lib/report.js";
import { JWT_SECRET, REDIS_URL, startCosell } from "../lib/world.js";
import type { World } from "../lib/world.js";

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString("base64url");
const localId = (id: string) => Buffer.from(id, "base64url").toString("utf8").split(":")[1]!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cpuMs = (cpu: { user: number; system: number }) => (cpu.user + cpu.system) / 1000;
const ms = (value: number) => `${value < 1 ? value.toFixed(3) : value.toFixed(1)} ms`;

/** `n` more rooms owned by Acme with Ana as a WRITE member, straight in SQL (setup, not measured). */
async function bulkRooms(world: World, n: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: world.url });
  await client.connect();
  try {
    const ana = (await client.query(`SELECT id, organization_id FROM app_user WHERE email = 'ana@acme.test'`)).rows[0];
    const account = (await client.query(`SELECT account_id FROM opportunity WHERE organization_id = $1 LIMIT 1`, [ana.organization_id]))
      .rows[0];
    const rows = (
      await client.query(
        `INSERT INTO opportunity (id, account_id, organization_id, owner_id, title, amount_minor, currency, stage, version, last_activity_seq, created_at, updated_at)
         SELECT gen_random_uuid(), $1, $2, $3, 'Fan-out room ' || i, 100000, 'USD', 'PROSPECTING', 1, 0, now(), now() FROM generate_series(1, $4) AS i
         RETURNING id`,
        [account.account_id, ana.organization_id, ana.id, n],
      )
    ).rows as { id: string }[];
    await client.query(
      `INSERT INTO room_member (opportunity_id, user_id, role, access, added_at) SELECT unnest($1::uuid[]), $2, 'OWNER', 'WRITE', now()`,
      [rows.map((r) => r.id), ana.id],
    );
    await client.query(`ANALYZE opportunity, room_member`);
    return rows.map((r) => globalId("Opportunity", r.id));
  } finally {
    await client.end();
  }
}

/**
 * `rooms.length × perRoom` distinct users, straight in SQL (setup, not measured), each with a
 * session of its own and a room membership: user j is a READ member of rooms[j % rooms.length].
 * Half are Acme's (observers of their own organization's deal), half Pixel's (partner reps), so
 * a room's subscribers span two organizations. Returns each user's `Bearer` token, in that order,
 * for the subscriber pool (subscriber j: rooms[j % rooms.length], tokens[j]).
 */
async function distinctMembers(world: World, rooms: readonly string[], perRoom: number): Promise<string[]> {
  const count = rooms.length * perRoom;
  const client = new pg.Client({ connectionString: world.url });
  await client.connect();
  try {
    const orgOf = async (email: string) =>
      (await client.query(`SELECT organization_id FROM app_user WHERE email = $1`, [email])).rows[0].organization_id as string;
    const acme = await orgOf("ana@acme.test");
    const pixel = await orgOf("lee@pixel.test");
    const tag = randomUUID().slice(0, 8);
    const users = Array.from({ length: count }, () => randomUUID());
    const sessions = Array.from({ length: count }, () => randomUUID());
    const expiresAt = new Date(Date.now() + 24 * 3600 * 1000);
    await client.query(
      `INSERT INTO app_user (id, organization_id, name, email, role, password_hash)
       SELECT u.id, CASE WHEN u.i % 2 = 0 THEN $2::uuid ELSE $3::uuid END, 'Bench user ' || u.i, 'bench-' || $4 || '-' || u.i || '@bench.test', 'REP', 'not a hash'
       FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, i)`,
      [users, acme, pixel, tag],
    );
    await client.query(`INSERT INTO session (id, user_id, expires_at) SELECT unnest($1::uuid[]), unnest($2::uuid[]), $3`, [
      sessions,
      users,
      expiresAt,
    ]);
    await client.query(
      `INSERT INTO room_member (opportunity_id, user_id, role, access, added_at)
       SELECT r.room, u.id, CASE WHEN u.i % 2 = 0 THEN 'OBSERVER' ELSE 'PARTNER_REP' END, 'READ', now()
       FROM unnest($1::uuid[]) WITH ORDINALITY AS u(id, i) JOIN unnest($2::uuid[]) WITH ORDINALITY AS r(room, k) ON r.k - 1 = (u.i - 1) % $3`,
      [users, rooms.map(localId), rooms.length],
    );
    // Statistics as autovacuum keeps them for tables that grew long ago: planned right after a bulk
    // insert of thousands of rows, the servers' queries would see the tables as they were before it.
    await client.query(`ANALYZE app_user, session, room_member`);
    const tokens = sessionTokens(JWT_SECRET);
    return await Promise.all(
      users.map(async (userId, j) => `Bearer ${await tokens.issue({ userId, sessionId: sessions[j]!, expiresAt })}`),
    );
  } finally {
    await client.end();
  }
}

/**
 * Waits until every subscription is live on the servers (`live`, when given), then until they have
 * sent no SQL for a second: every subscription has read the log. With many users the servers never
 * fall quiet (each subscription re-checks its access every 30 s, and with distinct users those
 * checks are each their own), so once all are live the quiet is awaited for `quietMs` at most.
 */
async function settled(servers: Child[], options: { live?: number; quietMs?: number } = {}): Promise<void> {
  const stats = async () => {
    // Polled often: no collection (see `stats`).
    const all = await Promise.all(servers.map((s) => s.ask("stats", { collect: false })));
    return { statements: all.reduce((sum, s) => sum + (s.statements ?? 0), 0), live: all.reduce((sum, s) => sum + (s.live ?? 0), 0) };
  };
  const deadline = Date.now() + 120_000;
  if (options.live !== undefined) {
    while ((await stats()).live < options.live && Date.now() < deadline) await sleep(200);
  }
  const quietBy = Math.min(deadline, Date.now() + (options.quietMs ?? 120_000));
  let last = (await stats()).statements;
  await sleep(1000);
  for (;;) {
    const now = (await stats()).statements;
    if (now === last || Date.now() > quietBy) return;
    last = now;
    await sleep(1000);
  }
}

type Kind = "raw" | "cosell" | "cosell×2";

interface ThreadSplit {
  readonly main: number;
  readonly others: number;
}

/** What the log says of one kind of server in a case; `extra` (cosell's counts) goes before the CPU split. */
function logLine(m: Measured, extra = ""): string {
  return (
    `p50 ${m.p50} p99 ${m.p99} ms, ${m.received}/${m.expected}, ${m.cpuMsPerDelivery.toFixed(3)} ms CPU/delivery, ` +
    `broadcast ${m.broadcastCpuMsPerDelivery.toFixed(4)}, publish ${m.publishCpuMsPerEvent.toFixed(2)} ms/event, ` +
    `alone windows ${m.aloneCpuMs.map((x) => x.toFixed(0)).join(" and ")} ms, ${extra}${threadNote(m)} ` +
    `(${m.setupSeconds.toFixed(0)} s setup, ${m.measuredSeconds.toFixed(0)} s measured)`
  );
}

/** "main thread … ms (publishing alone …), other threads … ms (…)": where a window's CPU went. */
function threadNote(m: Measured): string {
  if (!m.threads) return "CPU by thread unknown";
  const { measured, alone } = m.threads;
  return `CPU of the window on the main thread ${fmt(measured.main)} ms (publishing alone ${fmt(alone.main)}), on other threads ${fmt(measured.others)} ms (${fmt(alone.others)})`;
}

/** Where a window read from a `stats` reading starts: after the collection it made (`next`), if any. */
function startOf(stats: Record<string, any>): Record<string, any> {
  return stats.next ?? stats;
}

/** Per-thread CPU between two `stats` readings of each server, summed; null if any reading lacks it. */
function threadsBetween(before: Record<string, any>[], after: Record<string, any>[]): ThreadSplit | null {
  let main = 0;
  let others = 0;
  for (const [i, a] of after.entries()) {
    const b = startOf(before[i]!);
    if (!a.threads || !b.threads) return null;
    main += a.threads.main - b.threads.main;
    others += a.threads.others - b.threads.others;
  }
  return { main, others };
}

interface FanOutCase {
  readonly name: string;
  readonly subscribers: number;
  readonly rooms: number;
  /** Events published in the measured window, at 10 a second, one room after another. */
  readonly events: number;
  readonly kinds: readonly ("cosell" | "cosell×2")[];
  /**
   * Held to p99 < 100 ms and ≥ 50% of the raw server (DESIGN.md section 7 sets these for the
   * one-room and 1,000-rooms cases); otherwise the case is only to be measured over its events,
   * every one delivered, and its p99 and ratio are reported as they come.
   */
  readonly heldToRatio: boolean;
}

interface Measured {
  readonly p50: number;
  readonly p99: number;
  readonly expected: number;
  readonly received: number;
  readonly bad: number;
  readonly failedPublishes: number;
  /** Server CPU during the run ÷ deliveries: everything, publishing included. */
  readonly cpuMsPerDelivery: number;
  /** Server CPU of the window less that of publishing alone (to rooms nobody follows): what delivering costs, in ms. */
  readonly broadcastCpuMs: number;
  /** The same ÷ deliveries. */
  readonly broadcastCpuMsPerDelivery: number;
  /** CPU of each window of publishing alone, in the order they ran (before the measured window, then after), in ms. */
  readonly aloneCpuMs: readonly number[];
  readonly publishCpuMsPerEvent: number;
  /**
   * Server CPU of the measured window and of publishing alone, in ms, split into the main thread's
   * (JavaScript and socket writes) and the other threads' (V8's garbage collector and compiler,
   * libuv's pool), summed over the servers; null where /proc cannot tell.
   */
  readonly threads: { readonly measured: ThreadSplit; readonly alone: ThreadSplit } | null;
  /** GraphQL executions of subscription payloads on the servers (summed) during the measured window ÷ events. */
  readonly executionsPerEvent: number | null;
  /** Seconds spent before the measured window (servers, sockets, warm-up, publishing alone before it) and in it and after (publishing alone). */
  readonly setupSeconds: number;
  readonly measuredSeconds: number;
}

/**
 * Events that warm a case's delivery path up before it is measured, and again after each of the
 * harness's collections. The first events to every socket run code nothing has run yet, and V8
 * optimizes it on its helper threads over the next thousands of deliveries; with few subscribers
 * per room, 10 events run the code that runs once per event (an execution, a Redis message) only
 * 10 times, so those cases warm up with 100.
 */
const warmUpOf = (c: FanOutCase): number => (c.rooms > c.events ? 100 : 10);

/**
 * How far the two windows of publishing alone (before and after the measured one) differ, in ms of
 * CPU: what the subtraction cannot tell apart. Null where there is one window (cases not held to a ratio).
 */
function aloneSpreadOf(m: Measured): number | null {
  const [before, after] = m.aloneCpuMs;
  return after === undefined ? null : Math.abs(before! - after);
}

/** Distinct rooms a window of publishing alone reads: as many as the measured window's. */
const aloneRoomsOf = (c: FanOutCase): number => Math.min(c.events, c.rooms);

/** Server CPU between two `stats` readings of each server, in ms, summed over the servers. */
function cpuBetween(before: Record<string, any>[], after: Record<string, any>[]): number {
  return after.reduce((sum, a, i) => sum + cpuMs(a.cpu) - cpuMs(startOf(before[i]!).cpu), 0);
}

/**
 * Node flags of every fan-out server, raw and cosell alike. --expose-gc: each reading of the
 * servers' stats collects their heaps between windows (see `stats`). --no-memory-reducer: V8's
 * memory reducer answers such a forced collection, which leaves far more heap committed than used,
 * with a heap-shrinking mark-compact of its own seconds later (8 s by default, then as it sees fit):
 * inside the next window or not, by timing alone. In one run of the sparse case on two instances it
 * landed in three of the six windows, a quarter of a second of marking on the main thread each and
 * more on V8's helper threads: more than the spread the ratio allows. A server that is not made to
 * collect by a harness does not get those.
 */
const WINDOWED = ["--expose-gc", "--no-memory-reducer"];

/**
 * One case on one kind of server. `others` are rooms nobody follows, as many as the distinct rooms
 * the measured window publishes to and its re-warm's (`warmUpOf`) (for publishing alone), twice
 * over when the case is held to a ratio: its publishing alone is then measured twice, so the two
 * tell how far the subtraction can be trusted.
 */
async function measure(kind: Kind, world: World, c: FanOutCase, rooms: string[], tokens: string[], others: string[]): Promise<Measured> {
  const began = Date.now();
  const servers: Child[] = [];
  const pool = await start("load/subscribers.ts");
  try {
    if (kind === "raw") servers.push(await start("servers/ws-baseline.ts", {}, WINDOWED));
    else if (kind === "cosell") servers.push(await startCosell(world, {}, WINDOWED));
    else servers.push(await startCosell(world, { REDIS_URL }, WINDOWED), await startCosell(world, { REDIS_URL }, WINDOWED));
    const urls = servers.map((s) => `ws://127.0.0.1:${s.ready.port}/graphql`);
    // Every subscriber a different user, a member of its room (the raw baseline authenticates nobody).
    await pool.ask("connect", {
      urls,
      tokens: kind === "raw" ? [null] : tokens,
      rooms,
      count: c.subscribers,
      raw: kind === "raw",
      // Paced like clients arriving (the storm is measured apart), in larger steps for the larger cases.
      batch: c.subscribers >= 5000 ? 250 : 100,
      pauseMs: kind === "raw" ? 0 : 100,
    });
    /** `count` publishes at 10 a second, one room after another: the followed rooms, or `toRooms`. */
    const publish = async (count: number, settleMs: number, toRooms?: string[]) => {
      const result = await pool.ask("publish", {
        events: count,
        perSecond: 10,
        target: kind === "raw" ? "raw" : "cosell",
        url: kind === "raw" ? `http://127.0.0.1:${servers[0]!.ready.port}/publish` : `http://127.0.0.1:${servers[0]!.ready.port}/graphql`,
        token: kind === "raw" ? null : world.ana,
        settleMs,
        rooms: toRooms,
      });
      // The measured window's failures are counted in its row; any other window's fail the case.
      if (toRooms !== undefined && result.failedPublishes > 0)
        throw new Error(`fan-out ${kind}: ${result.failedPublishes} publishes failed`);
      return result;
    };
    const unfollowed = kind === "raw" ? others.map((_, i) => `nobody-${i}`) : others;
    const perWindow = aloneRoomsOf(c);
    await publish(5, 0, unfollowed); // warm the publishing path up: first requests load code and fill caches
    // Subscriptions go live after their first read of the log.
    await settled(servers, kind === "raw" ? {} : { live: c.subscribers, quietMs: 5000 });
    // And the delivery path (`warmUpOf`). With more rooms than the window publishes to, the
    // warm-up's go to rooms the window does not, so that there, as in a quiet room, most
    // deliveries are still a subscriber's first.
    const warmUp = warmUpOf(c);
    const apart = c.rooms >= c.events + 2 * warmUp;
    await publish(warmUp, 5000, apart ? rooms.slice(-warmUp) : undefined);
    const read = () => Promise.all(servers.map((s) => s.ask("stats", { collect: false })));
    // Each window starts with a full collection on every server (ending whatever was read before it)
    // and then as many publishes as the warm-up, unmeasured, of the window's own kind, to rooms no
    // window reads where the case has rooms enough (a room the window reads where it has not: the
    // one-room cases): a full collection deoptimizes hot code whose embedded maps it frees (`weak
    // objects`, `code dependencies` under --trace-deopt; 34–59 functions at each boundary between
    // windows, among them Node's streams, pg's row parser and the delivery path), and V8
    // optimizes it again over the next thousands of calls, on its helper threads: inside the window
    // unless something runs first. Then the reading the window starts from.
    const startWindow = async (rewarm: () => Promise<unknown>) => {
      await Promise.all(servers.map((s) => s.ask("stats")));
      await rewarm();
      return read();
    };
    // Publishing alone: the same number of publishes as the measured window's, at the same pace, to
    // as many distinct rooms nobody follows, with every socket still open: what publishing alone
    // costs (the mutation, or the raw POST) plus the idle sockets' upkeep over a window of the same
    // length, to subtract. Fewer publishes would leave a window's share of the upkeep's noise on
    // every event, more than a sparse case's few deliveries cost; publishing to one room only would
    // find its rows and access checks warm where the measured window's publishes, one room after
    // another, find them cold. Each window reads fresh rooms.
    const alone = async (set: number, name: string) => {
      const from = set * (perWindow + warmUp);
      const before = await startWindow(() => publish(warmUp, 0, unfollowed.slice(from + perWindow, from + perWindow + warmUp)));
      if (kind !== "raw") await Promise.all(servers.map((s) => s.ask("profileStart")));
      await publish(c.events, 0, unfollowed.slice(from, from + perWindow));
      const after = await read();
      if (kind !== "raw") await Promise.all(servers.map((s) => s.ask("profileStop", { name })));
      return { cpu: cpuBetween(before, after), threads: threadsBetween(before, after) };
    };
    const profileName = `fanout-${c.subscribers}x${c.rooms}-${kind}`;
    // Cases held to a ratio measure publishing alone twice, once on each side of the measured
    // window (A B A): windows of the same work drift as a server runs (on one cosell instance the
    // window before read more than the window after in every run of the ninth pass), so a
    // measured window that always came first would carry that drift as delivering's cost; the
    // mean of one window before it and one after stands where it stands, and their difference
    // tells how far the subtraction can be trusted, drift included. Before them, a window of
    // publishing alone that is not read: the first window after the warm-up read more than later
    // ones on every server, the raw one too (code not yet optimized, rows not yet cached).
    if (c.heldToRatio) await alone(2, `${profileName}-settling`);
    const first = c.heldToRatio ? await alone(0, `${profileName}-alone-before`) : null;
    const before = await startWindow(() => publish(warmUp, 5000, apart ? rooms.slice(-2 * warmUp, -warmUp) : undefined));
    const measuring = Date.now();
    if (kind !== "raw") await Promise.all(servers.map((s) => s.ask("profileStart")));
    const result = await publish(c.events, 5000);
    const after = await read();
    if (kind !== "raw") await Promise.all(servers.map((s) => s.ask("profileStop", { name: profileName })));
    const second = await alone(c.heldToRatio ? 1 : 0, `${profileName}-alone`);
    const windows = first ? [first, second] : [second];
    const cpu = cpuBetween(before, after);
    const aloneCpu = windows.reduce((sum, w) => sum + w.cpu, 0) / windows.length;
    const executions = kind === "raw" ? null : after.reduce((sum, a, i) => sum + a.executions - before[i]!.executions, 0) / c.events;
    const measuredThreads = threadsBetween(before, after);
    const aloneThreads = windows.every((w) => w.threads)
      ? {
          main: windows.reduce((sum, w) => sum + w.threads!.main, 0) / windows.length,
          others: windows.reduce((sum, w) => sum + w.threads!.others, 0) / windows.length,
        }
      : null;
    return {
      ...(result as any),
      cpuMsPerDelivery: cpu / Math.max(1, result.received),
      broadcastCpuMs: cpu - aloneCpu,
      broadcastCpuMsPerDelivery: (cpu - aloneCpu) / Math.max(1, result.received),
      publishCpuMsPerEvent: aloneCpu / c.events,
      aloneCpuMs: windows.map((w) => w.cpu),
      threads: measuredThreads && aloneThreads ? { measured: measuredThreads, alone: aloneThreads } : null,
      executionsPerEvent: executions,
      setupSeconds: (measuring - began) / 1000,
      measuredSeconds: (Date.now() - measuring) / 1000,
    };
  } finally {
    await pool.ask("close").catch(() => undefined);
    await pool.stop();
    for (const server of servers) await server.stop();
  }
}

export async function fanOut(world: World, options: { quick: boolean }, notes: string[]): Promise<Row[]> {
  const both = ["cosell", "cosell×2"] as const;
  const cases: FanOutCase[] = options.quick
    ? [
        { name: "200 distinct users, one room", subscribers: 200, rooms: 1, events: 20, kinds: both, heldToRatio: true },
        { name: "100 rooms × 10 distinct users", subscribers: 1000, rooms: 100, events: 50, kinds: both, heldToRatio: true },
        { name: "1,000 rooms × 1 user", subscribers: 1000, rooms: 1000, events: 100, kinds: ["cosell"], heldToRatio: false },
      ]
    : [
        { name: "1,000 distinct users, one room", subscribers: 1000, rooms: 1, events: 50, kinds: both, heldToRatio: true },
        // 60 s at 10 a second: whole periods of the idle sockets' upkeep (keep-alive pings every
        // 12 s, access re-checks every 30 s), so every window holds the same share of it whatever
        // its phase; in 20 s windows the subtraction swung by more than delivering costs.
        { name: "1,000 rooms × 10 distinct users", subscribers: 10_000, rooms: 1000, events: 600, kinds: both, heldToRatio: true },
        // One subscriber per room: each event reaches one socket, so only many events make a figure.
        // DESIGN.md asks for it to be measured over at least 1,000 events, and sets it no ratio.
        { name: "10,000 rooms × 1 user", subscribers: 10_000, rooms: 10_000, events: 1000, kinds: ["cosell"], heldToRatio: false },
      ];
  // BENCH_FANOUT_CASES="10,000 rooms|one room" runs only the cases whose name holds one of its |-separated parts (to profile one).
  const only = process.env.BENCH_FANOUT_CASES?.split("|").map((part) => part.trim());
  if (only) cases.splice(0, cases.length, ...cases.filter((c) => only.some((part) => c.name.includes(part))));
  // The rooms cases follow, then as many rooms nobody follows as the most distinct rooms a case
  // publishes to (its events, one room after another) and its re-warm's, for each of its windows
  // of publishing alone.
  const followed = Math.max(...cases.map((c) => c.rooms));
  const unfollowedOf = (c: FanOutCase) => (c.heldToRatio ? 3 : 1) * (aloneRoomsOf(c) + warmUpOf(c));
  const manyRooms = await bulkRooms(world, followed + Math.max(...cases.map(unfollowedOf)));
  const rows: Row[] = [];
  for (const c of cases) {
    const rooms = c.rooms === 1 ? [world.opportunities[0]!] : manyRooms.slice(0, c.rooms);
    const others = manyRooms.slice(followed, followed + unfollowedOf(c));
    const tokens = await distinctMembers(world, rooms, c.subscribers / c.rooms);
    const raw = await measure("raw", world, c, rooms, tokens, others);
    console.log(`  ${c.name} raw ws: ${logLine(raw)}`);
    for (const kind of c.kinds) {
      const m = await measure(kind, world, c, rooms, tokens, others);
      console.log(
        `  ${c.name} ${kind}: ${logLine(m, `${m.executionsPerEvent} executions/event, ${m.bad} bad, ${m.failedPublishes} failed publishes, `)}`,
      );
      // The ratio is taken end to end where the subtraction cannot be trusted: where the baseline's
      // whole broadcast is under 50 ms of CPU (a lone socket write, tens of µs, is below what two
      // readings seconds apart resolve), and where either side's two windows of publishing alone
      // differ by more than a quarter of what delivering is found to cost (cases held to a ratio
      // measure both) or, with one such window, its delivering is under a quarter of the window's CPU.
      const resolves = (x: Measured) => {
        const spread = aloneSpreadOf(x);
        return (
          x.broadcastCpuMs > 0 &&
          (spread !== null ? spread <= 0.25 * x.broadcastCpuMs : x.broadcastCpuMsPerDelivery >= 0.25 * x.cpuMsPerDelivery)
        );
      };
      const spreads = { cosell: aloneSpreadOf(m), raw: aloneSpreadOf(raw) };
      const resolvable = raw.broadcastCpuMs >= 50 && resolves(raw) && resolves(m);
      const ratio = resolvable ? raw.broadcastCpuMsPerDelivery / m.broadcastCpuMsPerDelivery : raw.cpuMsPerDelivery / m.cpuMsPerDelivery;
      const complete = m.received === m.expected && m.bad === 0 && m.failedPublishes === 0;
      const instances = kind === "cosell" ? "one instance" : "two instances over Redis";
      // The distinct (operation, access) pairs an event meets: one operation (roomActivity on the
      // event's room) and one access class (its selection reads nothing from the viewer, see
      // apps/server/src/realtime/viewer-dependence.ts), on every instance holding subscribers of the
      // room (each executes its own events; Redis carries events, not results).
      const holding = kind === "cosell×2" && c.subscribers > c.rooms ? 2 : 1;
      rows.push(
        {
          scenario: "4. Fan-out at 10 events/s",
          case: `${c.name}, ${instances}`,
          baselineName: "raw ws broadcast, same bytes",
          baseline: raw.p99,
          cosell: m.p99,
          unit: "ms p99",
          ratio,
          target: c.heldToRatio ? "≥ 50%, p99 < 100 ms" : `${fmt(c.events)} events, all delivered (no ratio set)`,
          pass: c.heldToRatio ? ratio >= 0.5 && m.p99 < 100 && complete : complete,
          notes:
            `${fmt(c.events)} events; p50 ${m.p50} ms (raw ${raw.p50} ms); delivered ${m.received}/${m.expected}; ` +
            (resolvable
              ? ""
              : "ratio end to end (the two windows of publishing alone differ by more than a quarter of what delivering costs, or it is under what the readings resolve); ") +
            `broadcast CPU per delivery ${ms(m.broadcastCpuMsPerDelivery)} (raw ${ms(raw.broadcastCpuMsPerDelivery)}); ` +
            (spreads.cosell !== null && spreads.raw !== null
              ? `the two windows of publishing alone differ by ${fmt(spreads.cosell)} ms against delivering's ${fmt(m.broadcastCpuMs)} (raw ${fmt(spreads.raw)} against ${fmt(raw.broadcastCpuMs)}); `
              : "") +
            `end to end, publishing included, ${ms(m.cpuMsPerDelivery)} (raw ${ms(raw.cpuMsPerDelivery)}): ${pct(raw.cpuMsPerDelivery / m.cpuMsPerDelivery)}; ` +
            `publishing alone ${ms(m.publishCpuMsPerEvent)} per event (raw ${ms(raw.publishCpuMsPerEvent)}); ${threadNote(m)}`,
        },
        {
          scenario: "4. Fan-out at 10 events/s",
          case: `${c.name}, ${instances}: executions per event`,
          baselineName: "distinct (operation, access) pairs",
          baseline: holding,
          cosell: m.executionsPerEvent ?? NaN,
          unit: "executions/event",
          ratio: null,
          target: `≤ ${holding}`,
          pass: m.executionsPerEvent !== null && m.executionsPerEvent <= holding,
          notes: `${fmt(c.subscribers / c.rooms)} subscribers per room (${c.subscribers / c.rooms === 1 ? "one user" : "all different users"}); ${holding === 2 ? "1 pair on each of the 2 instances holding the room's subscribers" : "1 pair"}; one execution per subscriber would be ${fmt(c.subscribers / c.rooms)}`,
        },
      );
    }
  }
  notes.push(
    "Fan-out ratio = raw ws broadcast CPU per delivered message ÷ cosell's (server CPU summed over both instances with Redis). Broadcast CPU = server CPU while the events are published and delivered, less what publishing alone costs per event (as many publishes at the same pace to as many distinct rooms nobody follows, with every socket still open: a window of the same length right after the measured one, and for the cases held to a ratio one right before it too, so that the two stand on either side of it (windows of the same work drift as a server runs: their mean stands where the measured window stands), after a first such window that is not read (the first window after the warm-up read more on every server), each to fresh rooms, averaged) × events, ÷ deliveries: what delivering costs, without the publishing request (cosell: a logActivity mutation with auth and a SQL write; raw: an in-memory POST) and without the idle sockets' upkeep. The ratio is taken that way where the two windows of publishing alone agree within a quarter of what delivering is found to cost, on both sides (else end to end, everything included; that figure is in the notes either way). The sparse case's windows are 60 s, whole periods of cosell's idle upkeep (keep-alive pings every 12 s, access re-checks every 30 s). Every server is started with `--expose-gc` and its heap collected before each window (after the CPU reading that ends the one before, waiting for V8's sweeping on its helper threads to end), then given as many publishes as the warm-up, unmeasured, of the window's own kind and to rooms no window reads where the case has rooms enough (a full collection deoptimizes hot code, which V8 would otherwise optimize again inside the window), so each window starts from a freshly collected heap with its code optimized, and no collection made outside it is counted in it, and with `--no-memory-reducer`, without which V8 answers that forced collection with a heap-shrinking one of its own seconds later, in the next window or not, by timing alone; 10 events to every socket (100 in the cases with more rooms than a window publishes to, sent to rooms it does not) warm the delivery path up first. Both run at the same 10 events/s, so throughput alone cannot tell them apart; latency is from sending the publishing request to the subscriber's receipt.",
    "Fan-out subscribers are distinct users: each has its own session and is a READ member of its room, half of Acme (the deal's organization), half of Pixel (a partner); with two instances a room's subscribers are split between them. Executions per event = GraphQL executions of subscription payloads on the servers during the measured window (`subscriptionExecutions`) ÷ events published; the roomActivity selection reads nothing from the viewer, so every member shares one execution per event on each instance holding subscribers of the room.",
    "The 10,000-rooms case runs on one instance only: each of its events reaches one socket, so its figure needs 1,000 events (100 s at 10 a second) per server, and two instances add nothing the other cases do not show. DESIGN.md section 7 asks for it to be measured over at least 1,000 events and sets it no ratio or latency target: its p99 and ratio are reported, and it passes when every event is delivered.",
  );
  return rows;
}

/**
 * A storm: `count` distinct users subscribe at once, as after an instance restart (every handshake
 * and subscribe sent together, no pacing). Each must end up live on the server, with no error
 * message, no closed socket and no pool timeout in the server's log.
 */
export async function storm(world: World, options: { quick: boolean }, notes: string[]): Promise<Row[]> {
  const count = options.quick ? 1000 : 5000;
  const rooms = await bulkRooms(world, count / 10);
  const tokens = await distinctMembers(world, rooms, 10);
  const server = await startCosell(world);
  const pool = await start("load/subscribers.ts");
  try {
    const url = `ws://127.0.0.1:${server.ready.port}/graphql`;
    const began = Date.now();
    const opened = await pool.ask("connect", { urls: [url], tokens, rooms, count, raw: false, batch: count, pauseMs: 0, tolerant: true });
    const acked = Date.now() - began;
    let live = 0;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      live = (await server.ask("stats")).live as number;
      if (live >= count) break;
      await sleep(200);
    }
    const allLive = Date.now() - began;
    await settled([server], { live: count, quietMs: 5000 });
    live = (await server.ask("stats")).live as number;
    const status = await pool.ask("status");
    const log = server.log();
    const failed = opened.failed + status.errorMessages + status.closedAfterAck;
    console.log(
      `  ${count} simultaneous subscribes: ${live} live, ${opened.failed} failed handshakes, ${status.errorMessages} error messages, ${status.closedAfterAck} closed, ${log.poolTimeouts} pool timeouts logged; acked in ${acked} ms, live in ${allLive} ms`,
    );
    notes.push(
      `Subscribe storm: ${fmt(count)} distinct users (own sessions, READ members of ${fmt(rooms.length)} rooms, 10 each) open their sockets and subscribe to roomActivity all at once against a fresh server; a subscribe fails if its handshake fails, it receives an error, its socket closes, or it is not live on the server once the server has settled. The server's log is read for \`timeout exceeded when trying to connect\` (a pool wait past its limit).`,
    );
    return [
      {
        scenario: "5. Connections and memory",
        case: `${fmt(count)} simultaneous subscribes, distinct users`,
        baselineName: "–",
        baseline: NaN,
        cosell: Math.max(failed, count - live),
        unit: "failed",
        ratio: null,
        target: "0 failed, no pool timeouts",
        pass: failed === 0 && live === count && log.poolTimeouts === 0,
        notes:
          `${fmt(live)} live on the server; ${opened.failed} failed handshakes, ${status.errorMessages} error messages, ${status.closedAfterAck} sockets closed; ` +
          `${log.poolTimeouts} pool timeouts and ${log.errors} errors in the server's log; all acknowledged in ${fmt(acked / 1000, 1)} s, all live in ${fmt(allLive / 1000, 1)} s` +
          (opened.failures.length ? `; first failures: ${(opened.failures as string[]).join(" | ")}` : ""),
      },
    ];
  } finally {
    await pool.ask("close").catch(() => undefined);
    await pool.stop();
    await server.stop();
  }
}

export async function memory(world: World, options: { quick: boolean }, notes: string[]): Promise<Row[]> {
  const connections = options.quick ? 1000 : 5000;
  const cycleCount = options.quick ? 2000 : 10_000;
  const server = await startCosell(world, {}, ["--expose-gc"]);
  const pool = await start("load/subscribers.ts");
  try {
    const url = `ws://127.0.0.1:${server.ready.port}/graphql`;
    // Warm up (code paths, caches, the collector's young generation at its working size), then
    // measure from a settled heap.
    await pool.ask("connect", {
      urls: [url],
      tokens: [`Bearer ${world.ana}`],
      rooms: world.opportunities,
      count: 1000,
      raw: false,
      pauseMs: 100,
    });
    await sleep(1000);
    await pool.ask("close");
    await sleep(1000);
    const empty = await server.ask("stats");
    await pool.ask("connect", {
      urls: [url],
      tokens: [`Bearer ${world.ana}`],
      rooms: world.opportunities,
      count: connections,
      raw: false,
      pauseMs: 100,
    });
    await settled([server]);
    const full = await server.ask("stats");
    if (full.sockets !== connections) throw new Error(`memory: ${full.sockets} sockets open, expected ${connections}`);
    const rssPer = (full.rss - empty.rss) / connections / 1024;
    const heapPer = (full.heapUsed + full.external - empty.heapUsed - empty.external) / connections / 1024;
    console.log(`  ${connections} idle subscriptions: ${rssPer.toFixed(1)} KiB RSS, ${heapPer.toFixed(1)} KiB heap+external each`);
    // The first cycles run code nothing before ran (compiled, then optimized): warm that up too.
    await pool.ask("cycles", { cycles: 1000 });
    await settled([server]);
    const beforeCycles = await server.ask("stats");
    await pool.ask("cycles", { cycles: cycleCount });
    await settled([server]);
    const afterCycles = await server.ask("stats");
    const growth = (afterCycles.heapUsed - beforeCycles.heapUsed) / 1024;
    console.log(
      `  ${cycleCount} subscribe/complete cycles: heap ${growth.toFixed(0)} KiB, RSS ${((afterCycles.rss - beforeCycles.rss) / 1024).toFixed(0)} KiB`,
    );
    notes.push(
      `Memory: ${connections} idle roomActivity subscriptions (one socket each) as Ana over ${world.opportunities.length} rooms; server measured after two forced GCs. RSS per connection ${rssPer.toFixed(1)} KiB, JS heap + external ${heapPer.toFixed(1)} KiB.`,
    );
    return [
      {
        scenario: "5. Connections and memory",
        case: `server memory per idle subscribed connection (${fmt(connections)})`,
        baselineName: "–",
        baseline: NaN,
        cosell: rssPer,
        unit: "KiB RSS",
        ratio: null,
        target: "< 32 KiB",
        pass: rssPer < 32,
        notes: `heap + external ${heapPer.toFixed(1)} KiB per connection`,
      },
      {
        scenario: "5. Connections and memory",
        case: `heap growth after ${fmt(cycleCount)} subscribe/unsubscribe cycles`,
        baselineName: "before the cycles",
        baseline: beforeCycles.heapUsed / 1024,
        cosell: afterCycles.heapUsed / 1024,
        unit: "KiB heap",
        ratio: null,
        target: "no growth (< 1 MiB)",
        pass: growth < 1024,
        notes: `${growth.toFixed(0)} KiB heap, RSS ${((afterCycles.rss - beforeCycles.rss) / 1024).toFixed(0)} KiB`,
      },
    ];
  } finally {
    await pool.ask("close").catch(() => undefined);
    await pool.stop();
    await server.stop();
  }
}
