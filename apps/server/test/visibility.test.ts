import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf, startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { ADD_MEMBER, LOG, MOVE, NODE, OPPORTUNITY, demoOpportunities, randomGlobalId, userId } from "./helpers.js";

let t: TestServer;
let opps: Awaited<ReturnType<typeof demoOpportunities>>;
beforeAll(async () => {
  t = await startTestServer();
  opps = await demoOpportunities(t);
});
afterAll(() => t?.close());

/** What a caller gets back, without the parts that legitimately differ (nothing should). */
const answer = (r: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] }) => ({
  data: r.data,
  errors: r.errors?.map((e) => ({ message: e.message, code: e.extensions?.code })),
});

describe("a partner rep outside the room", () => {
  it("sees nothing of it, and gets exactly the answer a random id gets", async () => {
    const lee = await t.login("lee@pixel.test");
    const hidden = opps["Umbrella menu cards"]!.id; // Acme-internal: Lee is not a member
    const random = randomGlobalId("Opportunity");

    for (const query of [OPPORTUNITY, NODE]) {
      const seen = await t.gql(query, { id: hidden }, lee);
      const missing = await t.gql(query, { id: random }, lee);
      expect(codeOf(seen)).toBe("NOT_FOUND");
      expect(answer(seen)).toEqual(answer(missing));
    }
    const log = (id: string) => t.gql(LOG, { input: { opportunityId: id, kind: "NOTE", body: "peek" } }, lee);
    expect(answer(await log(hidden))).toEqual(answer(await log(random)));
    const move = (id: string) => t.gql(MOVE, { input: { id, stage: "PROPOSAL", expectedVersion: 1 } }, lee);
    expect(answer(await move(hidden))).toEqual(answer(await move(random)));

    const list = await t.gql(`{ opportunities(first: 100) { edges { node { id title } } } }`, {}, lee);
    const titles = list.data!.opportunities.edges.map((e: { node: { title: string } }) => e.node.title);
    expect(titles).toContain("Northwind catalog relaunch");
    expect(titles).not.toContain("Umbrella menu cards");
  });

  it("cannot reach the room's activities by id either", async () => {
    const ana = await t.login("ana@acme.test");
    const lee = await t.login("lee@pixel.test");
    const feed = await t.gql(
      `query ($id: ID!) { opportunity(id: $id) { activities(first: 5) { edges { node { id } } } } }`,
      { id: opps["Umbrella menu cards"]!.id },
      ana,
    );
    const activityId = feed.data!.opportunity.activities.edges[0].node.id;
    expect((await t.gql(NODE, { id: activityId }, ana)).data!.node.id).toBe(activityId);
    const seen = await t.gql(NODE, { id: activityId }, lee);
    expect(answer(seen)).toEqual(answer(await t.gql(NODE, { id: randomGlobalId("Activity") }, lee)));
  });
});

describe("Globex, partner of nobody", () => {
  it("cannot be added to a room and nothing is written", async () => {
    const ana = await t.login("ana@acme.test");
    const gus = await userId(t, "gus@globex.test");
    const before = await t.sql(`SELECT count(*)::int AS n FROM room_member`);
    const result = await t.gql(
      ADD_MEMBER,
      { input: { opportunityId: opps["Northwind catalog relaunch"]!.id, userId: gus, role: "OBSERVER", access: "READ" } },
      ana,
    );
    expect(["NOT_FOUND", "FORBIDDEN"]).toContain(codeOf(result));
    expect(await t.sql(`SELECT count(*)::int AS n FROM room_member`)).toEqual(before);
  });

  it("sees no opportunity anywhere", async () => {
    const gus = await t.login("gus@globex.test");
    const list = await t.gql(`{ opportunities(first: 100) { edges { node { id } } } }`, {}, gus);
    expect(list.data!.opportunities.edges).toEqual([]);
    for (const { id } of Object.values(opps)) {
      expect(codeOf(await t.gql(OPPORTUNITY, { id }, gus))).toBe("NOT_FOUND");
      expect(codeOf(await t.gql(NODE, { id }, gus))).toBe("NOT_FOUND");
    }
    const accounts = await t.gql(`{ accounts { id } }`, {}, gus);
    expect(accounts.data!.accounts).toEqual([]);
  });

  it("unlike a signed partner's rep, who can be added", async () => {
    const max = await t.login("max@acme.test");
    const sam = await userId(t, "sam@paperworks.test");
    const ok = await t.gql(
      ADD_MEMBER,
      { input: { opportunityId: opps["Contoso holiday packaging"]!.id, userId: sam, role: "PARTNER_REP", access: "READ" } },
      max,
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.addRoomMember.access).toBe("READ");
  });
});

describe("joining a room", () => {
  it("grants read or write according to the access level", async () => {
    const ana = await t.login("ana@acme.test");
    const lee = await t.login("lee@pixel.test");
    const leeId = await userId(t, "lee@pixel.test");
    const room = opps["Umbrella menu cards"]!.id;

    const joined = await t.gql(ADD_MEMBER, { input: { opportunityId: room, userId: leeId, role: "PARTNER_REP", access: "READ" } }, ana);
    expect(joined.data!.addRoomMember).toMatchObject({ role: "PARTNER_REP", access: "READ" });
    expect((await t.gql(OPPORTUNITY, { id: room }, lee)).data!.opportunity.title).toBe("Umbrella menu cards");
    const readOnly = await t.gql(LOG, { input: { opportunityId: room, kind: "NOTE", body: "hello" } }, lee);
    expect(codeOf(readOnly)).toBe("FORBIDDEN");

    await t.gql(ADD_MEMBER, { input: { opportunityId: room, userId: leeId, role: "PARTNER_REP", access: "WRITE" } }, ana);
    const wrote = await t.gql(LOG, { input: { opportunityId: room, kind: "NOTE", body: "hello" } }, lee);
    expect(wrote.errors).toBeUndefined();
    expect(wrote.data!.logActivity).toMatchObject({ kind: "NOTE", body: "hello", actor: { name: "Lee Lindqvist" } });

    const kinds = await t.sql(
      `SELECT kind FROM activity a JOIN opportunity o ON o.id = a.opportunity_id WHERE o.title = 'Umbrella menu cards' ORDER BY seq`,
    );
    expect(kinds.map((r) => r.kind)).toEqual(["MEMBER_JOINED", "CALL", "MEMBER_JOINED", "MEMBER_ACCESS_CHANGED", "NOTE"]);

    const left = await t.gql(
      `mutation ($input: RemoveRoomMemberInput!) { removeRoomMember(input: $input) { id } }`,
      { input: { opportunityId: room, userId: leeId } },
      ana,
    );
    expect(left.errors).toBeUndefined();
    expect(codeOf(await t.gql(OPPORTUNITY, { id: room }, lee))).toBe("NOT_FOUND");
  });

  it("keeps the per-room sequence gapless and in order", async () => {
    const rows = await t.sql(
      `SELECT opportunity_id, array_agg(seq ORDER BY seq) AS seqs, max(o.last_activity_seq) AS last FROM activity a JOIN opportunity o ON o.id = a.opportunity_id GROUP BY opportunity_id`,
    );
    for (const row of rows) {
      expect(row.seqs).toEqual(Array.from({ length: row.seqs.length }, (_, i) => i + 1));
      expect(row.last).toBe(row.seqs.length);
    }
  });
});

describe("terminating a partnership", () => {
  it("removes the partner's write access to shared rooms and keeps their read access", async () => {
    const max = await t.login("max@acme.test");
    const sam = await t.login("sam@paperworks.test");
    const room = opps["Initech annual report print run"]!.id;
    expect((await t.gql(LOG, { input: { opportunityId: room, kind: "NOTE", body: "before" } }, sam)).errors).toBeUndefined();

    const partnerships = await t.gql(`{ partnerships { id status partner { name } } }`, {}, max);
    const paperworks = partnerships.data!.partnerships.find((p: { partner: { name: string } }) => p.partner.name === "Paperworks");
    const ended = await t.gql(
      `mutation ($input: TerminatePartnershipInput!) { terminatePartnership(input: $input) { status } }`,
      { input: { id: paperworks.id, reason: "test" } },
      max,
    );
    expect(ended.data!.terminatePartnership.status).toBe("TERMINATED");

    expect(codeOf(await t.gql(LOG, { input: { opportunityId: room, kind: "NOTE", body: "after" } }, sam))).toBe("FORBIDDEN");
    const read = await t.gql(OPPORTUNITY, { id: room }, sam);
    const samMember = read.data!.opportunity.members.find((m: { user: { name: string } }) => m.user.name === "Sam Sato");
    expect(samMember.access).toBe("READ");

    const samId = await userId(t, "sam@paperworks.test");
    const rejoin = await t.gql(ADD_MEMBER, { input: { opportunityId: room, userId: samId, role: "PARTNER_REP", access: "WRITE" } }, max);
    expect(codeOf(rejoin)).toBe("FORBIDDEN");
    expect(rejoin.errors![0]!.message).toMatch(/no signed partnership/);
  });
});
