import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActivityKind } from "@cosell/schema";
import { Policy } from "../src/auth/policy.js";
import { DomainError } from "../src/errors.js";
import { rowIdOf } from "../src/ids.js";
import type { Activity } from "../src/modules/activity/activity.entity.js";
import { codeOf, startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { LOG, demoOpportunities } from "./helpers.js";
import { until } from "./ws.js";

/**
 * Group commit of the activity log: many people logging at once are written together, one
 * transaction per batch, and nobody can tell: seqs stay gapless per room, the hash chain holds,
 * everyone gets their own entry back once it has committed, a bad entry fails alone, and the
 * access rule is decided inside the write, so someone removed from the room a moment before is refused.
 */
let t: TestServer;
let rooms: Record<string, string>; // title → row id
let globalRooms: Record<string, string>; // title → global id

const VERIFY = `query ($id: ID!) { verifyAuditTrail(opportunityId: $id) { ok checked firstBrokenSeq } }`;

/** The policy of a demo user's session, as a request would have it. */
async function policyOf(email: string): Promise<Policy> {
  const viewer = await t.server.services.sessions.authenticate(await t.login(email));
  if (!viewer) throw new Error(`no viewer for ${email}`);
  return new Policy(t.server.services.dataSource, viewer);
}

const log = (policy: Policy, room: string, body: string, idempotencyKey?: string): Promise<Activity> =>
  t.server.services.activities.log(policy, { opportunityId: room, kind: ActivityKind.NOTE, body, idempotencyKey });

async function seqsOf(room: string): Promise<number[]> {
  return (await t.sql<{ seq: number }>(`SELECT seq FROM activity WHERE opportunity_id = $1 ORDER BY seq`, [room])).map((r) => r.seq);
}

async function expectIntact(title: string): Promise<void> {
  const seqs = await seqsOf(rooms[title]!);
  expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  const [head] = await t.sql<{ last_activity_seq: number }>(`SELECT last_activity_seq FROM opportunity WHERE id = $1`, [rooms[title]]);
  expect(head!.last_activity_seq).toBe(seqs.length);
  const verified = await t.gql(VERIFY, { id: globalRooms[title] }, await t.login("ana@acme.test"));
  expect(verified.data?.verifyAuditTrail).toEqual({ ok: true, checked: seqs.length, firstBrokenSeq: null });
}

beforeAll(async () => {
  t = await startTestServer();
  const demo = await demoOpportunities(t);
  globalRooms = Object.fromEntries(Object.entries(demo).map(([title, { id }]) => [title, id]));
  rooms = Object.fromEntries(Object.entries(globalRooms).map(([title, id]) => [title, rowIdOf("Opportunity", id, "Opportunity")]));
});

afterAll(async () => {
  await t?.close();
});

describe("many people logging at once", () => {
  it("writes them in batches with gapless seqs per room and an intact chain, each caller answered with its own entry", async () => {
    const writers = await Promise.all(["ana@acme.test", "max@acme.test", "lee@pixel.test", "sam@paperworks.test"].map(policyOf));
    const titles = ["Northwind catalog relaunch", "Contoso holiday packaging", "Initech annual report print run"];
    // Who may write where: Ana and Max (Acme) everywhere, Lee in Northwind and Contoso, Sam in Northwind and Initech.
    const mayWrite: Record<number, string[]> = { 0: titles, 1: titles, 2: titles.slice(0, 2), 3: [titles[0]!, titles[2]!] };
    const before = t.server.services.activities.groupCommitStats;
    const calls: { body: string; room: string; promise: Promise<Activity> }[] = [];
    for (let i = 0; i < 300; i++) {
      const w = i % writers.length;
      const title = mayWrite[w]![i % mayWrite[w]!.length]!;
      const body = `parallel note ${i}`;
      calls.push({ body, room: rooms[title]!, promise: log(writers[w]!, rooms[title]!, body) });
    }
    const written = await Promise.all(calls.map((c) => c.promise));
    for (const [i, activity] of written.entries()) {
      expect(activity.body).toBe(calls[i]!.body);
      expect(activity.opportunityId).toBe(calls[i]!.room);
    }
    expect(new Set(written.map((a) => a.id)).size).toBe(300);
    // Every caller's seq is the one stored for its entry.
    const stored = await t.sql<{ id: string; seq: number }>(`SELECT id, seq FROM activity WHERE id = ANY($1::uuid[])`, [
      written.map((a) => a.id),
    ]);
    expect(new Map(stored.map((r) => [r.id, r.seq]))).toEqual(new Map(written.map((a) => [a.id, a.seq])));
    for (const title of titles) await expectIntact(title);
    const after = t.server.services.activities.groupCommitStats;
    expect(after.entries - before.entries).toBe(300);
    // Written together: far fewer transactions than entries.
    expect(after.batches - before.batches).toBeLessThan(30);
    expect(after.largest).toBeGreaterThan(10);
  });

  it("keeps seqs and the chain intact with 60 logActivity requests in flight over HTTP", async () => {
    const tokens = [await t.login("ana@acme.test"), await t.login("lee@pixel.test")];
    const titles = ["Northwind catalog relaunch", "Contoso holiday packaging"];
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        t.gql(LOG, { input: { opportunityId: globalRooms[titles[i % 2]!], kind: "CALL", body: `over http ${i}` } }, tokens[(i >> 1) % 2]),
      ),
    );
    for (const [i, result] of results.entries()) {
      expect(result.errors).toBeUndefined();
      expect(result.data!.logActivity.body).toBe(`over http ${i}`);
    }
    for (const title of titles) await expectIntact(title);
  });
});

describe("a batch with a failing entry", () => {
  it("fails only the caller whose entry breaks a constraint; the rest of its batch is written", async () => {
    // A rule of the database that one entry of the batch breaks (as a bad input would).
    await t.sql(`ALTER TABLE activity ADD CONSTRAINT test_no_poison CHECK (body IS DISTINCT FROM 'poison')`);
    try {
      const ana = await policyOf("ana@acme.test");
      const room = rooms["Contoso holiday packaging"]!;
      const before = await seqsOf(room);
      const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => log(ana, room, i === 7 ? "poison" : `healthy ${i}`)));
      expect(outcomes.filter((o) => o.status === "rejected")).toHaveLength(1);
      expect(outcomes[7]!.status).toBe("rejected");
      const written = outcomes.flatMap((o) => (o.status === "fulfilled" ? [o.value] : []));
      expect(written.map((a) => a.body)).toEqual(Array.from({ length: 20 }, (_, i) => `healthy ${i}`).filter((_, i) => i !== 7));
      // The entries after the bad one took the seqs it did not: no gap.
      expect(written.map((a) => a.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 19 }, (_, i) => before.length + i + 1));
      await expectIntact("Contoso holiday packaging");
    } finally {
      await t.sql(`ALTER TABLE activity DROP CONSTRAINT test_no_poison`);
    }
  });

  it("refuses only the entries whose viewer may not write the room, each with the policy's answer", async () => {
    const [ana, gus, pat, lee] = (await Promise.all(
      ["ana@acme.test", "gus@globex.test", "pat@pixel.test", "lee@pixel.test"].map(policyOf),
    )) as [Policy, Policy, Policy, Policy];
    const northwind = rooms["Northwind catalog relaunch"]!;
    const outcomes = await Promise.allSettled([
      log(ana, northwind, "from the owner"),
      log(gus, northwind, "from a stranger"), // Globex: not a partner, sees nothing
      log(pat, northwind, "from a partner manager"), // Pixel's manager reads (Lee is a member) but does not write
      log(lee, rooms["Initech annual report print run"]!, "from a partner outside this room"),
      log(lee, northwind, "from a partner rep in the room"),
    ]);
    const codes = outcomes.map((o) => (o.status === "fulfilled" ? "written" : o.reason instanceof DomainError ? o.reason.code : o.reason));
    expect(codes).toEqual(["written", "NOT_FOUND", "FORBIDDEN", "NOT_FOUND", "written"]);
    await expectIntact("Northwind catalog relaunch");
  });

  it("answers retries with one idempotency key in the same batch with one entry, and a different request with CONFLICT", async () => {
    const ana = await policyOf("ana@acme.test");
    const room = rooms["Umbrella menu cards"]!;
    const before = await seqsOf(room);
    const outcomes = await Promise.allSettled([
      log(ana, room, "called the buyer", "retry-1"),
      log(ana, room, "called the buyer", "retry-1"),
      log(ana, room, "called the buyer", "retry-1"),
      log(ana, room, "something else", "retry-1"),
    ]);
    const ids = outcomes.slice(0, 3).map((o) => (o.status === "fulfilled" ? o.value.id : null));
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).not.toBeNull();
    expect(outcomes[3]!.status === "rejected" && (outcomes[3].reason as DomainError).code).toBe("CONFLICT");
    expect(await seqsOf(room)).toHaveLength(before.length + 1);
    await expectIntact("Umbrella menu cards");
  });
});

describe("access decided inside the write", () => {
  it("refuses the entry of a member removed while the batch waited for the room, and writes the others", async () => {
    const lee = await policyOf("lee@pixel.test");
    const ana = await policyOf("ana@acme.test");
    const contoso = rooms["Contoso holiday packaging"]!;
    const leeId = (await t.sql<{ id: string }>(`SELECT id FROM app_user WHERE email = 'lee@pixel.test'`))[0]!.id;
    // Another transaction removes Lee as removeRoomMember does: the room's row first, then the membership.
    const remover = new pg.Client({ connectionString: t.database.url });
    await remover.connect();
    try {
      await remover.query("BEGIN");
      await remover.query(`SELECT id FROM opportunity WHERE id = $1 FOR UPDATE`, [contoso]);
      await remover.query(`DELETE FROM room_member WHERE opportunity_id = $1 AND user_id = $2`, [contoso, leeId]);
      // Lee's access is still visible to everyone else until the removal commits: the batch is let in.
      const batch = Promise.allSettled([log(lee, contoso, "written as the removal commits"), log(ana, contoso, "the owner's note")]);
      // Bounded check, not a sleep: the batch is waiting for the room's row lock.
      await until(async () => {
        const waiting = await t.sql(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE%'`,
        );
        return waiting.length > 0;
      }, 10_000);
      await remover.query("COMMIT");
      const [byLee, byAna] = await batch;
      // Refused as the policy now answers Lee (Pixel still reads Contoso through its agreed split line).
      expect(byLee.status === "rejected" && (byLee.reason as DomainError).code).toBe("FORBIDDEN");
      expect(byAna.status).toBe("fulfilled");
      const bodies = (await t.sql<{ body: string }>(`SELECT body FROM activity WHERE opportunity_id = $1`, [contoso])).map((r) => r.body);
      expect(bodies).not.toContain("written as the removal commits");
      expect(bodies).toContain("the owner's note");
    } finally {
      await remover.end();
    }
    // Over HTTP too, afterwards: Lee is out.
    const refused = await t.gql(
      LOG,
      { input: { opportunityId: globalRooms["Contoso holiday packaging"], kind: "NOTE", body: "still here?" } },
      await t.login("lee@pixel.test"),
    );
    expect(codeOf(refused)).toBe("FORBIDDEN");
    await expectIntact("Contoso holiday packaging");
  });
});
