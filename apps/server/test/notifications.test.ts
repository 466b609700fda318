import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../src/app.js";
import type { RunningServer } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import type { Config } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { TEST_REDIS_URL, codeOf, startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import {
  ACCEPT_COMMITMENT,
  ADD_COMMITMENT,
  LOG,
  MOVE,
  PROPOSE_SPLIT,
  countRows,
  createApiToken,
  inDays,
  openRoom,
  userId,
  AGREEMENT_TERMS,
} from "./helpers.js";
import { firstAnswer, follow, sleep, socketClient } from "./ws.js";
import type { SocketClient } from "./ws.js";

const INBOX = `query ($first: Int, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    unreadCount
    edges { cursor node { id kind text url read readAt subjectId opportunityId opportunity { id } actor { name } } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  } }`;
const MARK = `mutation ($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { marked unreadCount notifications { id read } } }`;
const ADDED = `subscription { notificationAdded { id kind text url actor { name } } }`;
const PROPOSE_PARTNERSHIP = `mutation ($input: ProposePartnershipInput!) { proposePartnership(input: $input) { id } }`;
const SIGN_PARTNERSHIP = `mutation ($input: SignPartnershipInput!) { signPartnership(input: $input) { status } }`;
const REGISTER = `mutation ($input: RegisterDealInput!) { registerDeal(input: $input) { id } }`;

interface Item {
  id: string;
  kind: string;
  text: string;
  url: string;
  read: boolean;
  subjectId: string | null;
  opportunityId: string | null;
  actor: { name: string } | null;
}

let t: TestServer;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};
const orgs: Record<string, string> = {};
let room: string;
const sockets: SocketClient[] = [];

beforeAll(async () => {
  t = await startTestServer({ commitmentSweepSeconds: 0 });
  for (const [name, email] of Object.entries({
    ana: "ana@acme.test",
    max: "max@acme.test",
    ada: "ada@acme.test",
    lee: "lee@pixel.test",
    pat: "pat@pixel.test",
    sam: "sam@paperworks.test",
    pia: "pia@paperworks.test",
    gus: "gus@globex.test",
  })) {
    tokens[name] = await t.login(email);
    ids[name] = await userId(t, email);
    const org = await t.gql(`{ viewer { organization { id name } } }`, {}, tokens[name]);
    orgs[org.data!.viewer.organization.name] = org.data!.viewer.organization.id;
  }
  room = await openRoom(t, {
    title: "Umbrella menu boards",
    members: [
      ["lee@pixel.test", "PARTNER_REP", "WRITE"],
      ["sam@paperworks.test", "PARTNER_REP", "WRITE"],
    ],
  });
});
afterAll(async () => {
  for (const socket of sockets) await socket.dispose();
  await t?.close();
});

/** Everything in someone's inbox, newest first. */
async function inbox(who: string, unreadOnly = false): Promise<Item[]> {
  const result = await t.gql(INBOX, { first: 100, unreadOnly }, tokens[who]);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.notifications.edges.map((edge: { node: Item }) => edge.node);
}

/** Who got a notification about `subjectId` (optionally of one kind), by name, sorted. */
async function told(subjectRowId: string, kind?: string): Promise<string[]> {
  const rows = await t.sql<{ email: string }>(
    `SELECT u.email FROM notification n JOIN app_user u ON u.id = n.recipient_id
      WHERE n.subject_id = $1 AND ($2::text IS NULL OR n.kind = $2) ORDER BY u.email`,
    [subjectRowId, kind ?? null],
  );
  return rows.map((row) => row.email.split("@")[0]!);
}

const rowId = (globalId: string) => Buffer.from(globalId, "base64url").toString("utf8").split(":")[1]!;

function subscribe(who: string) {
  const socket = socketClient(t.url, tokens[who]);
  sockets.push(socket);
  return follow<Item>(socket, ADDED, {}, "notificationAdded");
}

describe("mentions in a room's feed", () => {
  it("tell the mentioned member only, never the author, and link to the room", async () => {
    const logged = await t.gql(
      LOG,
      { input: { opportunityId: room, kind: "NOTE", body: "@Lee Lindqvist can you send the artwork?", mentions: [ids.lee, ids.ana] } },
      tokens.ana,
    );
    expect(logged.errors).toBeUndefined();
    const activity = rowId(logged.data!.logActivity.id);
    expect(await told(activity)).toEqual(["lee"]);
    const [mention] = await inbox("lee");
    expect(mention).toMatchObject({
      kind: "MENTION",
      read: false,
      url: `/room/${room}`,
      opportunityId: room,
      subjectId: logged.data!.logActivity.id,
      actor: { name: "Ana Alvarez" },
    });
    expect(mention!.text).toBe("Ana Alvarez mentioned you on “Umbrella menu boards”: @Lee Lindqvist can you send the artwork?");
  });

  it("of someone outside the room is refused with BAD_USER_INPUT on mentions, and nothing is written", async () => {
    const before = await countRows(t, "activity");
    const refused = await t.gql(
      LOG,
      { input: { opportunityId: room, kind: "NOTE", body: "@Gus Gruber look", mentions: [ids.gus] } },
      tokens.ana,
    );
    expect(codeOf(refused)).toBe("BAD_USER_INPUT");
    expect(refused.errors![0]!.extensions!.field).toBe("mentions");
    expect(refused.errors![0]!.message).toMatch(/not a member of this room/);
    const notAUser = await t.gql(LOG, { input: { opportunityId: room, kind: "NOTE", body: "x", mentions: [room] } }, tokens.ana);
    expect(notAUser.errors![0]!.extensions!.field).toBe("mentions");
    expect(await countRows(t, "activity")).toBe(before);
    expect(await inbox("gus")).toEqual([]);
  });
  it("cannot be used by an outsider to learn who is in a room: NOT_FOUND whoever is mentioned", async () => {
    const member = await t.gql(LOG, { input: { opportunityId: room, kind: "NOTE", body: "hi", mentions: [ids.ana] } }, tokens.gus);
    const stranger = await t.gql(LOG, { input: { opportunityId: room, kind: "NOTE", body: "hi", mentions: [ids.gus] } }, tokens.gus);
    const acme = (await t.gql(`{ viewer { organization { id } } }`, {}, tokens.ana)).data!.viewer.organization.id;
    const asking = await t.gql(
      LOG,
      { input: { opportunityId: room, kind: "HELP_REQUEST", body: "hi", askOrganizationId: acme } },
      tokens.gus,
    );
    expect([codeOf(member), codeOf(stranger), codeOf(asking)]).toEqual(["NOT_FOUND", "NOT_FOUND", "NOT_FOUND"]);
  });
});

describe("help requests", () => {
  it("addressed to a firm tell its people in the room; unaddressed ones tell the whole room but the asker", async () => {
    const toPaperworks = await t.gql(
      LOG,
      { input: { opportunityId: room, kind: "HELP_REQUEST", body: "Which stock survives rain?", askOrganizationId: orgs.Paperworks } },
      tokens.lee,
    );
    expect(toPaperworks.errors).toBeUndefined();
    expect(await told(rowId(toPaperworks.data!.logActivity.id), "HELP_REQUEST")).toEqual(["sam"]);

    const toAll = await t.gql(LOG, { input: { opportunityId: room, kind: "HELP_REQUEST", body: "Anyone know the buyer?" } }, tokens.sam);
    expect(await told(rowId(toAll.data!.logActivity.id), "HELP_REQUEST")).toEqual(["ana", "lee"]);
    expect((await inbox("sam")).find((n) => n.kind === "HELP_REQUEST")!.text).toBe(
      "Lee Lindqvist asks for help on “Umbrella menu boards”: Which stock survives rain?",
    );

    const nobodyThere = await t.gql(
      LOG,
      { input: { opportunityId: room, kind: "HELP_REQUEST", body: "Globex?", askOrganizationId: orgs.Globex } },
      tokens.ana,
    );
    expect([codeOf(nobodyThere), nobodyThere.errors![0]!.extensions!.field]).toEqual(["BAD_USER_INPUT", "askOrganizationId"]);
  });
});

describe("commitments", () => {
  it("proposed to someone tell that person; a self-assigned one tells no one", async () => {
    const proposed = await t.gql(
      ADD_COMMITMENT,
      { input: { opportunityId: room, assigneeId: ids.lee, title: "Menu board artwork", dueAt: inDays(5) } },
      tokens.ana,
    );
    expect(await told(rowId(proposed.data!.addCommitment.id))).toEqual(["lee"]);
    expect((await inbox("lee"))[0]).toMatchObject({ kind: "COMMITMENT_PROPOSED", subjectId: proposed.data!.addCommitment.id });
    const own = await t.gql(
      ADD_COMMITMENT,
      { input: { opportunityId: room, assigneeId: ids.ana, title: "Call the buyer", dueAt: inDays(5) } },
      tokens.ana,
    );
    expect(await told(rowId(own.data!.addCommitment.id))).toEqual([]);
  });

  it("proposed by a partner system name its API token", async () => {
    const token = await createApiToken(t, "max@acme.test", ["READ", "WRITE"], "Acme CRM");
    const proposed = await t.gql(
      ADD_COMMITMENT,
      { input: { opportunityId: room, assigneeId: ids.sam, title: "Paper price sheet", dueAt: inDays(4) } },
      token.token,
    );
    expect(proposed.errors).toBeUndefined();
    expect((await inbox("sam"))[0]).toMatchObject({
      kind: "COMMITMENT_PROPOSED",
      actor: null,
      text: expect.stringMatching(
        /^Acme CRM \(API token\) asks you to commit to “Paper price sheet” by \d{4}-\d{2}-\d{2} on “Umbrella menu boards”$/,
      ),
    });
  });

  it("due within 24 hours tell the assignee once, however often the sweep runs", async () => {
    const added = await t.gql(
      ADD_COMMITMENT,
      { input: { opportunityId: room, assigneeId: ids.sam, title: "Paper samples", dueAt: inDays(0.5) } },
      tokens.ana,
    );
    const id = added.data!.addCommitment.id;
    expect((await t.gql(ACCEPT_COMMITMENT, { input: { id } }, tokens.sam)).errors).toBeUndefined();
    const later = await t.gql(
      ADD_COMMITMENT,
      { input: { opportunityId: room, assigneeId: ids.sam, title: "Price list", dueAt: inDays(3) } },
      tokens.ana,
    );
    await t.gql(ACCEPT_COMMITMENT, { input: { id: later.data!.addCommitment.id } }, tokens.sam);

    const commitments = t.server.services.commitments;
    // Two sweeps at once (two instances) and one after: the unique index lets one notification through.
    await Promise.all([commitments.announceDueSoon(), commitments.announceDueSoon()]);
    await commitments.announceDueSoon();
    expect(await told(rowId(id), "COMMITMENT_DUE_SOON")).toEqual(["sam"]);
    expect(await told(rowId(later.data!.addCommitment.id), "COMMITMENT_DUE_SOON")).toEqual([]);
    expect(await commitments.announceDueSoon()).toBe(0);
  });

  it("missed tell the assignee and whoever asked for it", async () => {
    const added = await t.gql(
      ADD_COMMITMENT,
      { input: { opportunityId: room, assigneeId: ids.lee, title: "Proof prints", dueAt: inDays(2) } },
      tokens.ana,
    );
    const id = added.data!.addCommitment.id;
    await t.gql(ACCEPT_COMMITMENT, { input: { id } }, tokens.lee);
    await t.sql(`UPDATE commitment SET due_at = now() - interval '1 minute' WHERE id = $1`, [rowId(id)]);
    expect(await t.server.services.commitments.sweepOverdue()).toBe(1);
    expect(await told(rowId(id), "COMMITMENT_MISSED")).toEqual(["ana", "lee"]);
    expect((await inbox("ana")).find((n) => n.kind === "COMMITMENT_MISSED")).toMatchObject({
      text: "Lee Lindqvist missed “Proof prints” on “Umbrella menu boards”",
      actor: null,
    });
  });
});

describe("who may be told", () => {
  it("never someone who can no longer read the deal: a partner rep who left the room hears nothing of it", async () => {
    const own = await openRoom(t, {
      title: "Umbrella coasters",
      members: [
        ["lee@pixel.test", "PARTNER_REP", "WRITE"],
        ["sam@paperworks.test", "PARTNER_REP", "WRITE"],
      ],
    });
    const asked = await t.gql(
      ADD_COMMITMENT,
      { input: { opportunityId: own, assigneeId: ids.sam, title: "Coaster board samples", dueAt: inDays(2) } },
      tokens.lee,
    );
    const id = asked.data!.addCommitment.id;
    await t.gql(ACCEPT_COMMITMENT, { input: { id } }, tokens.sam);
    const removed = await t.gql(
      `mutation ($input: RemoveRoomMemberInput!) { removeRoomMember(input: $input) { id } }`,
      { input: { opportunityId: own, userId: ids.lee } },
      tokens.ana,
    );
    expect(removed.errors).toBeUndefined();
    await t.sql(`UPDATE commitment SET due_at = now() - interval '1 minute' WHERE id = $1`, [rowId(id)]);
    expect(await t.server.services.commitments.sweepOverdue()).toBe(1);
    // Lee asked for it, but Pixel no longer sees the deal: only Sam is told it was missed.
    expect(await told(rowId(id), "COMMITMENT_MISSED")).toEqual(["sam"]);
    const moved = await t.gql(MOVE, { input: { id: own, stage: "CLOSED_LOST", expectedVersion: 1 } }, tokens.ana);
    expect(moved.errors).toBeUndefined();
    expect(await told(rowId(own), "DEAL_LOST")).toEqual(["sam"]);
    expect((await inbox("lee")).filter((n) => n.opportunityId === own).map((n) => n.kind)).toEqual([]);
  });
});

describe("approvals and signatures", () => {
  it("a proposed split tells the managers of every firm that must approve it, but not the proposer", async () => {
    const split = await t.gql(
      PROPOSE_SPLIT,
      {
        input: {
          opportunityId: room,
          lines: [
            { userId: ids.ana, basisPoints: 7000, type: "REVENUE" },
            { userId: ids.lee, basisPoints: 3000, type: "REVENUE" },
          ],
        },
      },
      tokens.ana,
    );
    expect(split.errors).toBeUndefined();
    expect(await told(rowId(split.data!.proposeSplit.id), "SPLIT_AWAITING_APPROVAL")).toEqual(["ada", "max", "pat"]);
    expect((await inbox("pat"))[0]).toMatchObject({ kind: "SPLIT_AWAITING_APPROVAL", url: `/room/${room}` });
  });

  it("a proposed partnership tells the other firm's signers; the first signature tells the firm still to sign", async () => {
    const proposed = await t.gql(
      PROPOSE_PARTNERSHIP,
      { input: { partnerOrganizationId: orgs["Paperworks"], terms: AGREEMENT_TERMS } },
      tokens.pat,
    );
    expect(proposed.errors).toBeUndefined();
    const id = proposed.data!.proposePartnership.id;
    expect(await told(rowId(id))).toEqual(["pia"]);
    expect((await inbox("pia"))[0]).toMatchObject({ kind: "PARTNERSHIP_AWAITING_SIGNATURE", url: "/partners", opportunityId: null });
    expect((await t.gql(SIGN_PARTNERSHIP, { input: { id, codeOfConductVersion: 1 } }, tokens.pia)).data!.signPartnership.status).toBe(
      "PROPOSED",
    );
    expect(await told(rowId(id))).toEqual(["pat", "pia"]);
    expect((await t.gql(SIGN_PARTNERSHIP, { input: { id, codeOfConductVersion: 1 } }, tokens.pat)).data!.signPartnership.status).toBe(
      "SIGNED",
    );
    expect(await told(rowId(id))).toEqual(["pat", "pia"]);
  });

  it("a registered deal tells the vendor's reviewers (managers and admins), not its reps", async () => {
    const registered = await t.gql(
      REGISTER,
      {
        input: {
          vendorOrganizationId: orgs["Acme Print"],
          accountName: "Initech",
          accountDomain: "initech.example",
          title: "Initech brochures",
          amount: { amount: "2500.00", currency: "USD" },
        },
      },
      tokens.lee,
    );
    expect(registered.errors).toBeUndefined();
    expect(await told(rowId(registered.data!.registerDeal.id))).toEqual(["ada", "max"]);
    expect((await inbox("max"))[0]).toMatchObject({ kind: "REGISTRATION_AWAITING_REVIEW", url: "/partners" });
  });
});

describe("deals won or lost", () => {
  it("tell the people in the room, not the one who closed it, nor anyone outside", async () => {
    const won = await openRoom(t, { title: "Umbrella signage", members: [["lee@pixel.test", "PARTNER_REP", "READ"]] });
    const lost = await openRoom(t, { title: "Umbrella banners", members: [["sam@paperworks.test", "PARTNER_REP", "READ"]] });
    for (const [id, stage] of [
      [won, "CLOSED_WON"],
      [lost, "CLOSED_LOST"],
    ] as const) {
      const moved = await t.gql(MOVE, { input: { id, stage, expectedVersion: 1 } }, tokens.ana);
      expect(moved.errors).toBeUndefined();
    }
    expect(await told(rowId(won), "DEAL_WON")).toEqual(["lee"]);
    expect(await told(rowId(lost), "DEAL_LOST")).toEqual(["sam"]);
    expect((await inbox("lee"))[0]).toMatchObject({ kind: "DEAL_WON", text: "“Umbrella signage” was won!", opportunity: { id: won } });
  });
});

describe("the inbox", () => {
  it("pages newest first with cursors, filters unread, and counts unread over all pages", async () => {
    const all = await inbox("lee");
    expect(all.length).toBeGreaterThanOrEqual(5);
    const first = await t.gql(INBOX, { first: 2 }, tokens.lee);
    const page1 = first.data!.notifications;
    expect(page1.edges.map((e: { node: Item }) => e.node.id)).toEqual(all.slice(0, 2).map((n) => n.id));
    expect(page1.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await t.gql(INBOX, { first: 2, after: page1.pageInfo.endCursor }, tokens.lee);
    expect(second.data!.notifications.edges.map((e: { node: Item }) => e.node.id)).toEqual(all.slice(2, 4).map((n) => n.id));
    expect(page1.unreadCount).toBe(all.filter((n) => !n.read).length);
    expect(codeOf(await t.gql(INBOX, { first: 101 }, tokens.lee))).toBe("BAD_USER_INPUT");
    expect(codeOf(await t.gql(INBOX, { after: "bogus" }, tokens.lee))).toBe("BAD_USER_INPUT");
  });

  it("marks read per person; someone else's notification is NOT_FOUND and nothing is marked", async () => {
    const [newest, next] = await inbox("lee", true);
    const unread = (await inbox("lee", true)).length;
    const marked = await t.gql(MARK, { input: { ids: [newest!.id] } }, tokens.lee);
    expect(marked.data!.markNotificationsRead).toEqual({
      marked: 1,
      unreadCount: unread - 1,
      notifications: [{ id: newest!.id, read: true }],
    });
    expect((await inbox("lee", true)).map((n) => n.id)).not.toContain(newest!.id);

    for (const stranger of ["gus", "sam", "pat"]) {
      const refused = await t.gql(MARK, { input: { ids: [next!.id] } }, tokens[stranger]);
      expect(codeOf(refused)).toBe("NOT_FOUND");
    }
    const mixed = await t.gql(MARK, { input: { ids: [next!.id, (await inbox("sam"))[0]!.id] } }, tokens.lee);
    expect(codeOf(mixed)).toBe("NOT_FOUND");
    expect((await inbox("lee", true)).map((n) => n.id)).toContain(next!.id);
    expect(codeOf(await t.gql(MARK, { input: {} }, tokens.lee))).toBe("BAD_USER_INPUT");

    const everything = await t.gql(MARK, { input: { all: true } }, tokens.lee);
    expect(everything.data!.markNotificationsRead).toMatchObject({ marked: unread - 1, unreadCount: 0 });
    expect(await inbox("lee", true)).toEqual([]);
    // Sam's stay unread: read state is per person.
    expect((await inbox("sam", true)).length).toBeGreaterThan(0);
  });

  it("is not readable from another company's account, over HTTP or as an API token", async () => {
    expect(await inbox("gus")).toEqual([]);
    const token = await createApiToken(t, "max@acme.test", ["READ", "WRITE"]);
    const refused = await t.gql(INBOX, {}, token.token);
    expect(codeOf(refused)).toBe("FORBIDDEN");
    expect(refused.errors![0]!.message).toMatch(/API token has no inbox/);
    expect(codeOf(await t.gql(INBOX, {}))).toBe("UNAUTHENTICATED");
  });
});

describe("notificationAdded", () => {
  it("delivers a new notification to its recipient's socket only", async () => {
    const lee = subscribe("lee");
    const gus = subscribe("gus");
    const sam = subscribe("sam");
    await Promise.all(sockets.map((s) => s.connected));
    // Sockets up and signed in; then the server registers each operation on the bus. The feed replays
    // nothing and the server sends no per-operation signal, so this bounded wait stays (as in
    // realtime.test.ts): registering takes a few ms in process, 250 ms is far past it.
    await sleep(250);
    const logged = await t.gql(
      LOG,
      { input: { opportunityId: room, kind: "NOTE", body: "@Lee Lindqvist live?", mentions: [ids.lee] } },
      tokens.ana,
    );
    const [item] = await lee.waitFor(1);
    expect(item).toMatchObject({ kind: "MENTION", url: `/room/${room}`, actor: { name: "Ana Alvarez" } });
    expect(item!.text).toContain("live?");
    // Sam's socket hears a notification meant for Sam after Lee's: nothing for Lee arrived in between.
    await t.gql(LOG, { input: { opportunityId: room, kind: "NOTE", body: "@Sam Sato too", mentions: [ids.sam] } }, tokens.ana);
    await sam.waitFor(1);
    expect(sam.items.map((n) => n.text)).toEqual(["Ana Alvarez mentioned you on “Umbrella menu boards”: @Sam Sato too"]);
    expect(gus.items).toEqual([]);
    expect(lee.items).toHaveLength(1);
    expect(logged.errors).toBeUndefined();
  });

  it("is refused for an API token", async () => {
    const token = await createApiToken(t, "pat@pixel.test", ["READ"]);
    const socket = socketClient(t.url, token.token);
    sockets.push(socket);
    const answer = await firstAnswer(socket, ADDED);
    expect(answer.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("notificationAdded across instances", () => {
  it("reaches a recipient subscribed to another instance, through Redis", async () => {
    const config: Config = {
      ...loadConfig({
        NODE_ENV: "test",
        DATABASE_URL: t.database.url,
        REDIS_URL: TEST_REDIS_URL,
        JWT_SECRET: "test-secret-".padEnd(40, "x"),
        LOG_LEVEL: "silent",
      }),
      port: 0,
      seed: "none",
      rateLimitPoints: 1_000_000,
      commitmentSweepSeconds: 0,
    };
    const servers: RunningServer[] = [];
    try {
      const a = await startServer(config, createLogger(config));
      servers.push(a);
      const b = await startServer(config, createLogger(config));
      servers.push(b);
      const socket = socketClient(b.url, tokens.lee);
      sockets.push(socket);
      const feed = follow<Item>(socket, ADDED, {}, "notificationAdded");
      await socket.connected;
      // As above: no replay and no per-operation signal; registering (here on Redis) takes a few ms, 250 ms is far past it.
      await sleep(250);
      const response = await fetch(`${a.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${tokens.ana}` },
        body: JSON.stringify({
          query: LOG,
          variables: { input: { opportunityId: room, kind: "NOTE", body: "@Lee Lindqvist from instance A", mentions: [ids.lee] } },
        }),
      });
      expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
      const [item] = await feed.waitFor(1);
      expect(item!.text).toBe("Ana Alvarez mentioned you on “Umbrella menu boards”: @Lee Lindqvist from instance A");
    } finally {
      for (const server of servers) await server.close();
    }
  });
});
