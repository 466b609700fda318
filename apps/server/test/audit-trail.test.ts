import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf, startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { APPROVE_SPLIT, LOG, PROPOSE_SPLIT, createApiToken, demoOpportunities, openRoom, randomGlobalId, userId } from "./helpers.js";

/**
 * The audit trail finance relies on: every entry says who wrote it for which firm (and with which
 * API token), edits carry old and new values, the log is hash-chained so an altered entry shows,
 * and the whole trail exports as CSV or JSON with the API's visibility.
 */
let t: TestServer;
let tokens: Record<string, string>;
let northwind: string;

const ENTRIES = `query ($id: ID!) { opportunity(id: $id) { activities(last: 100) { edges { node {
  seq kind body hash apiTokenName actor { name } actorOrganization { name } changes { field from to } } } } } }`;
const MOVE_STAGE = `mutation ($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { stage version } }`;
const VERIFY = `query ($id: ID!) { verifyAuditTrail(opportunityId: $id) { ok checked firstBrokenSeq } }`;

const rawId = (globalId: string): string => Buffer.from(globalId, "base64url").toString("utf8").split(":")[1]!;

async function entries(id: string, as = tokens.ana): Promise<any[]> {
  const result = await t.gql(ENTRIES, { id }, as);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.opportunity.activities.edges.map((e: { node: unknown }) => e.node);
}

/** Alters the stored log as someone with direct database access would. */
async function tamper(sql: string, params: unknown[]): Promise<void> {
  await t.sql(`ALTER TABLE activity DISABLE TRIGGER activity_append_only`);
  try {
    await t.sql(sql, params);
  } finally {
    await t.sql(`ALTER TABLE activity ENABLE TRIGGER activity_append_only`);
  }
}

const exportOf = (path: string, token?: string) => fetch(`${t.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

beforeAll(async () => {
  t = await startTestServer();
  tokens = {};
  for (const who of ["ana", "max", "gus", "lee", "pat"]) {
    const domain = { ana: "acme", max: "acme", gus: "globex", lee: "pixel", pat: "pixel" }[who];
    tokens[who] = await t.login(`${who}@${domain}.test`);
  }
  northwind = (await demoOpportunities(t))["Northwind catalog relaunch"]!.id; // Lee (Pixel) is in this room
});

afterAll(async () => {
  await t?.close();
});

describe("who wrote an entry", () => {
  it("names the firm and the API token a partner system wrote with, and the firm of a person", async () => {
    const system = await createApiToken(t, "pat@pixel.test", ["READ", "WRITE"], "Pixel CRM sync");
    const byToken = await t.gql(
      LOG,
      { input: { opportunityId: northwind, kind: "NOTE", body: "Proofs uploaded from our CRM" } },
      system.token,
    );
    expect(byToken.errors).toBeUndefined();
    const byLee = await t.gql(
      LOG,
      { input: { opportunityId: northwind, kind: "CALL", body: "Called the buyer about the proofs" } },
      tokens.lee,
    );
    expect(byLee.errors).toBeUndefined();

    const log = await entries(northwind);
    expect(log.find((e) => e.body === "Proofs uploaded from our CRM")).toMatchObject({
      actor: null,
      actorOrganization: { name: "Pixel Studio" },
      apiTokenName: "Pixel CRM sync",
      changes: [],
    });
    expect(log.find((e) => e.body === "Called the buyer about the proofs")).toMatchObject({
      actor: { name: "Lee Lindqvist" },
      actorOrganization: { name: "Pixel Studio" },
      apiTokenName: null,
    });
    // Every entry names a firm, the system's included (the opportunity's own).
    expect(log.every((e) => typeof e.actorOrganization?.name === "string")).toBe(true);
  });

  it("attributes a vendor system's edits and stage moves to its token, with the old and new values", async () => {
    const room = await openRoom(t, { title: "ERP sync", amount: "12500.00" });
    const erp = await createApiToken(t, "max@acme.test", ["READ", "WRITE"], "Acme ERP");
    const edited = await t.gql(
      `mutation ($input: UpdateOpportunityInput!) { updateOpportunity(input: $input) { version } }`,
      { input: { id: room, expectedVersion: 1, amount: { amount: "13000.00", currency: "USD" }, title: "ERP sync, phase 1" } },
      erp.token,
    );
    expect(edited.errors).toBeUndefined();
    const moved = await t.gql(
      MOVE_STAGE,
      { input: { id: room, stage: "QUALIFICATION", expectedVersion: edited.data!.updateOpportunity.version } },
      erp.token,
    );
    expect(moved.errors).toBeUndefined();

    const log = await entries(room);
    const byErp = log.filter((e) => e.apiTokenName === "Acme ERP");
    expect(byErp.map((e) => e.kind)).toEqual(["OPPORTUNITY_UPDATED", "STAGE_CHANGED"]);
    expect(byErp.every((e) => e.actor === null && e.actorOrganization.name === "Acme Print")).toBe(true);
    expect(byErp[0].changes).toEqual([
      { field: "title", from: "ERP sync", to: "ERP sync, phase 1" },
      { field: "amount", from: "12500.00 USD", to: "13000.00 USD" },
    ]);
  });

  it("records the old and new access of partner reps when a partnership ends", async () => {
    const room = await openRoom(t, { title: "Access audit", members: [["sam@paperworks.test", "PARTNER_REP", "WRITE"]] });
    const pia = await t.login("pia@paperworks.test");
    const list = await t.gql(`{ partnerships { id status } }`, {}, pia);
    const partnership = list.data!.partnerships.find((p: { status: string }) => p.status === "SIGNED");
    const ended = await t.gql(`mutation ($id: ID!) { terminatePartnership(input: { id: $id }) { status } }`, { id: partnership.id }, pia);
    expect(ended.errors).toBeUndefined();
    const change = (await entries(room)).find((e) => e.kind === "MEMBER_ACCESS_CHANGED");
    expect(change.changes).toEqual([
      { field: "access", from: "WRITE", to: "READ" },
      { field: "partnership", from: "SIGNED", to: "TERMINATED" },
    ]);
  });
});

describe("the hash chain", () => {
  it("verifies a room whose entries were written concurrently, by people and the system", async () => {
    const room = await openRoom(t, { title: "Chain under load", members: [["lee@pixel.test", "PARTNER_REP", "WRITE"]] });
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        t.gql(LOG, { input: { opportunityId: room, kind: i % 2 ? "NOTE" : "CALL", body: `entry ${i}` } }, i % 3 ? tokens.ana : tokens.lee),
      ),
    );
    const log = await entries(room);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(new Set(log.map((e) => e.hash)).size).toBe(log.length);
    expect(log.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
    const verified = await t.gql(VERIFY, { id: room }, tokens.lee);
    expect(verified.data!.verifyAuditTrail).toEqual({ ok: true, checked: log.length, firstBrokenSeq: null });
  });

  it("answers ok: false with the seq of an entry altered in the database, and of one removed", async () => {
    const room = await openRoom(t, { title: "Chain tampering" });
    for (const body of ["first offer 10%", "second offer 12%", "final offer 15%"]) {
      await t.gql(LOG, { input: { opportunityId: room, kind: "NOTE", body } }, tokens.ana);
    }
    const log = await entries(room);
    const altered = log.find((e) => e.body === "second offer 12%");
    expect((await t.gql(VERIFY, { id: room }, tokens.ana)).data!.verifyAuditTrail.ok).toBe(true);

    await tamper(`UPDATE activity SET body = 'second offer 20%' WHERE opportunity_id = $1 AND seq = $2`, [rawId(room), altered.seq]);
    expect((await t.gql(VERIFY, { id: room }, tokens.ana)).data!.verifyAuditTrail).toEqual({
      ok: false,
      checked: altered.seq,
      firstBrokenSeq: altered.seq,
    });
    await tamper(`UPDATE activity SET body = 'second offer 12%' WHERE opportunity_id = $1 AND seq = $2`, [rawId(room), altered.seq]);
    expect((await t.gql(VERIFY, { id: room }, tokens.ana)).data!.verifyAuditTrail.ok).toBe(true);

    // Rewriting an entry and its own hash still breaks the chain at the next entry's link, or at the room's head.
    const last = log.at(-1);
    await tamper(`DELETE FROM activity WHERE opportunity_id = $1 AND seq = $2`, [rawId(room), last.seq]);
    expect((await t.gql(VERIFY, { id: room }, tokens.ana)).data!.verifyAuditTrail).toMatchObject({ ok: false, firstBrokenSeq: last.seq });
  });

  it("is NOT_FOUND for a room the caller may not see, as for one that does not exist", async () => {
    for (const id of [northwind, randomGlobalId("Opportunity")]) {
      const result = await t.gql(VERIFY, { id }, tokens.gus);
      expect(codeOf(result)).toBe("NOT_FOUND");
      expect(result.data).toBeNull();
    }
  });
});

describe("the export", () => {
  it("streams a room's whole trail as CSV and JSON, the same entries in the same order as the API", async () => {
    const room = await openRoom(t, { title: 'Export, with "quotes"', members: [["lee@pixel.test", "PARTNER_REP", "WRITE"]] });
    await t.gql(LOG, { input: { opportunityId: room, kind: "NOTE", body: '=HYPERLINK("http://rival.example","click")' } }, tokens.lee);
    await t.gql(LOG, { input: { opportunityId: room, kind: "MEETING", body: "Kick-off, agenda:\n1. scope\n2. dates" } }, tokens.ana);
    const log = await entries(room, tokens.lee);

    const csv = await exportOf(`/export/opportunities/${room}/audit.csv`, tokens.lee);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename=".*audit\.csv"$/);
    const text = await csv.text();
    expect(text.split("\r\n")[0]).toBe("seq,created_at,kind,actor,actor_email,organization,api_token,body,changes,hash");
    // A note cannot become a formula in a spreadsheet; a line break stays inside its quoted field.
    expect(text).toContain(`"'=HYPERLINK(""http://rival.example"",""click"")"`);
    expect(text).toContain(`"Kick-off, agenda:\n1. scope\n2. dates"`);
    for (const entry of log) expect(text).toContain(entry.hash);

    const json = await exportOf(`/export/opportunities/${room}/audit.json`, tokens.lee);
    expect(json.status).toBe(200);
    const body = (await json.json()) as { opportunity: { id: string; title: string }; activities: any[] };
    expect(body.opportunity).toMatchObject({ id: room, title: 'Export, with "quotes"' });
    expect(body.activities.map((a) => [a.seq, a.kind, a.body, a.hash])).toEqual(log.map((e) => [e.seq, e.kind, e.body, e.hash]));
    expect(body.activities.find((a) => a.kind === "MEETING")).toMatchObject({
      actor: { name: "Ana Alvarez", email: "ana@acme.test" },
      actorOrganization: { name: "Acme Print" },
    });
  });

  it("answers 401 without a token and 404 for a room the caller may not see, as for a random id", async () => {
    expect((await exportOf(`/export/opportunities/${northwind}/audit.csv`)).status).toBe(401);
    for (const id of [northwind, randomGlobalId("Opportunity"), "not-an-id"]) {
      for (const format of ["csv", "json"]) {
        const response = await exportOf(`/export/opportunities/${id}/audit.${format}`, tokens.gus);
        expect(response.status).toBe(404);
        expect(await response.json()).toEqual({ errors: [{ message: "Opportunity not found", extensions: { code: "NOT_FOUND" } }] });
      }
    }
    // A partner API token sees what its firm sees.
    const pixel = await createApiToken(t, "pat@pixel.test", ["READ"], "Pixel reader");
    expect((await exportOf(`/export/opportunities/${northwind}/audit.json`, pixel.token)).status).toBe(200);
  });

  it("exports a room of 10,000 entries page by page, and shows entries slipped in past the app as breaking the chain", async () => {
    const room = await openRoom(t, { title: "Long log" });
    const opportunityId = rawId(room);
    // Written straight into the table (the trigger lets INSERT through): no hash links them.
    await t.sql(
      `WITH room AS (SELECT organization_id FROM opportunity WHERE id = $1)
       INSERT INTO activity (id, opportunity_id, seq, kind, body, actor_organization_id, created_at, hash)
       SELECT gen_random_uuid(), $1, 1 + n, 'NOTE', 'entry ' || n, room.organization_id, now(), md5(n::text) FROM room, generate_series(1, 10000) AS n`,
      [opportunityId],
    );
    await t.sql(`UPDATE opportunity SET last_activity_seq = 10001 WHERE id = $1`, [opportunityId]);
    const total = 10_000 + 1; // and the room's opening entry

    const csv = await exportOf(`/export/opportunities/${room}/audit.csv`, tokens.ana);
    expect(csv.headers.get("transfer-encoding")).toBe("chunked");
    const lines = (await csv.text()).split("\r\n").filter(Boolean);
    expect(lines.length).toBe(total + 1);
    expect(lines.at(-1)!.split(",")[0]).toBe(String(total));
    expect(lines.at(-1)).toContain("entry 10000");
    const json = (await (await exportOf(`/export/opportunities/${room}/audit.json`, tokens.ana)).json()) as {
      activities: { seq: number }[];
    };
    expect(json.activities.map((a) => a.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));

    const verified = await t.gql(VERIFY, { id: room }, tokens.ana);
    expect(verified.data!.verifyAuditTrail).toEqual({ ok: false, checked: 2, firstBrokenSeq: 2 });
  }, 60_000);
});

describe("the payout export", () => {
  const today = new Date().toISOString().slice(0, 10);
  const payouts = (token: string | undefined, from = today, to = today) => exportOf(`/export/payouts.csv?from=${from}&to=${to}`, token);
  let room: string;

  beforeAll(async () => {
    room = await openRoom(t, { title: "Payout deal", amount: "1000.01", members: [["lee@pixel.test", "PARTNER_REP", "WRITE"]] });
    const lines = [
      { userId: await userId(t, "ana@acme.test"), basisPoints: 6667, type: "REVENUE" },
      { userId: await userId(t, "lee@pixel.test"), basisPoints: 3333, type: "REVENUE" },
    ];
    const proposed = await t.gql(PROPOSE_SPLIT, { input: { opportunityId: room, lines } }, tokens.ana);
    for (const manager of [tokens.max, tokens.pat]) {
      const approved = await t.gql(APPROVE_SPLIT, { input: { splitId: proposed.data!.proposeSplit.id } }, manager);
      expect(approved.errors).toBeUndefined();
    }
    const won = await t.gql(
      `mutation ($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { stage } }`,
      { input: { id: room, stage: "CLOSED_WON", expectedVersion: 1 } },
      tokens.ana,
    );
    expect(won.errors).toBeUndefined();
  });

  it("gives the managers of every firm that took part one row per person, payouts adding up to the amount", async () => {
    for (const manager of [tokens.max, tokens.pat]) {
      const response = await payouts(manager);
      expect(response.status).toBe(200);
      const rows = (await response.text()).split("\r\n").filter(Boolean);
      expect(rows[0]).toBe("deal_id,deal,won_at,firm,person,email,type,basis_points,payout,currency");
      const mine = rows
        .slice(1)
        .map((r) => r.split(","))
        .filter((r) => r[0] === room);
      expect(mine.map((r) => [r[3], r[4], r[6], r[7], r[8], r[9]])).toEqual([
        ["Acme Print", "Ana Alvarez", "REVENUE", "6667", "666.71", "USD"],
        ["Pixel Studio", "Lee Lindqvist", "REVENUE", "3333", "333.30", "USD"],
      ]);
      expect(mine[0]![2]!.slice(0, 10)).toBe(today);
      // Largest remainder: the lines share the amount to the cent.
      expect(mine.reduce((cents, r) => cents + Math.round(Number(r[8]) * 100), 0)).toBe(100001);
    }
  });

  it("leaves out firms that took no part, days outside the range, and refuses reps and bad dates", async () => {
    const pia = await t.login("pia@paperworks.test");
    expect(await (await payouts(pia)).text()).not.toContain(room);
    expect(await (await payouts(tokens.max, "2020-01-01", "2020-12-31")).text()).not.toContain(room);
    expect((await payouts(tokens.ana)).status).toBe(403);
    expect((await payouts(undefined)).status).toBe(401);
    for (const [from, to, field] of [
      ["2026-02-30", today, "from"],
      [today, "yesterday", "to"],
      [today, "2020-01-01", "to"],
    ] as const) {
      const response = await payouts(tokens.max, from, to);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { errors: { extensions: { code: string; field: string } }[] }).errors[0]!.extensions).toEqual({
        code: "BAD_USER_INPUT",
        field,
      });
    }
  });
});
