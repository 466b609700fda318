import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf, startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { ADD_MEMBER, LOG, MOVE, appendUnannounced, demoOpportunities, openRoom, randomGlobalId, userId } from "./helpers.js";
import { ROOM_ACTIVITY, ROOM_PRESENCE, STAGE_CHANGES, follow, rawSocket, sleep, socketClient, until } from "./ws.js";
import type { ActivityItem, Feed, SocketClient } from "./ws.js";

let t: TestServer;
let opps: Awaited<ReturnType<typeof demoOpportunities>>;
const sockets: SocketClient[] = [];
beforeAll(async () => {
  t = await startTestServer();
  opps = await demoOpportunities(t);
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await t?.close();
});

const connect = async (email?: string): Promise<SocketClient> => {
  const socket = socketClient(t.url, email ? await t.login(email) : undefined);
  sockets.push(socket);
  return socket;
};

/** The room's newest activities (oldest first), as a member sees them. */
async function newest(room: string, email = "ana@acme.test", last = 2): Promise<ActivityItem[]> {
  const result = await t.gql(
    `query ($id: ID!, $last: Int) { opportunity(id: $id) { activities(last: $last) { edges { node { id seq cursor kind body } } } } }`,
    { id: room, last },
    await t.login(email),
  );
  return result.data!.opportunity.activities.edges.map((e: { node: ActivityItem }) => e.node);
}

/**
 * Subscribes to a room from the cursor before its newest activity, so the replayed newest one
 * proves the subscription is live (the bus is subscribed before the replay starts).
 */
async function liveRoom(email: string, room: string): Promise<{ feed: Feed<ActivityItem>; socket: SocketClient; lastSeq: number }> {
  const [before, last] = await newest(room);
  const socket = await connect(email);
  const feed = follow<ActivityItem>(socket, ROOM_ACTIVITY, { id: room, after: before!.cursor }, "roomActivity");
  await feed.waitFor(1);
  expect(feed.items[0]!.seq).toBe(last!.seq);
  return { feed, socket, lastSeq: last!.seq };
}

const note = async (email: string, room: string, body: string) => {
  const result = await t.gql(LOG, { input: { opportunityId: room, kind: "NOTE", body } }, await t.login(email));
  expect(result.errors).toBeUndefined();
  return result.data!.logActivity as ActivityItem;
};

const consecutive = (seqs: number[]) => seqs.every((seq, i) => i === 0 || seq === seqs[i - 1]! + 1);

describe("a rep in the room", () => {
  it("sees every new activity the moment it is logged, in order", async () => {
    const room = opps["Northwind catalog relaunch"]!.id;
    const { feed, lastSeq } = await liveRoom("ana@acme.test", room);
    await note("lee@pixel.test", room, "cover concept A");
    await note("sam@paperworks.test", room, "FSC stock reserved");
    await note("ana@acme.test", room, "sent to the customer");
    const items = await feed.waitFor(4);
    expect(items.slice(1).map((a) => [a.seq, a.body, a.actor?.name])).toEqual([
      [lastSeq + 1, "cover concept A", "Lee Lindqvist"],
      [lastSeq + 2, "FSC stock reserved", "Sam Sato"],
      [lastSeq + 3, "sent to the customer", "Ana Alvarez"],
    ]);
  });

  it("sees writes that race each other in log order, each exactly once", async () => {
    const room = opps["Northwind catalog relaunch"]!.id;
    const { feed, lastSeq } = await liveRoom("lee@pixel.test", room);
    await Promise.all(Array.from({ length: 12 }, (_, i) => note(i % 2 ? "ana@acme.test" : "sam@paperworks.test", room, `burst ${i}`)));
    const items = await feed.waitFor(13);
    // No duplicates may follow: each live item arrives within a few ms of its write (in-process bus), so 100 ms is ample.
    await sleep(100);
    expect(feed.items).toHaveLength(13);
    expect(items.map((a) => a.seq)).toEqual(Array.from({ length: 13 }, (_, i) => lastSeq + i));
  });

  it("coming back with the last cursor after missing N events gets exactly those N, then live", async () => {
    const room = opps["Northwind catalog relaunch"]!.id;
    const first = await liveRoom("lee@pixel.test", room);
    const lastSeen = first.feed.items.at(-1)!;
    await first.socket.dispose(); // the laptop sleeps
    const missed = [];
    for (let i = 1; i <= 5; i++) missed.push(await note("ana@acme.test", room, `while away ${i}`));

    const socket = await connect("lee@pixel.test");
    const feed = follow<ActivityItem>(socket, ROOM_ACTIVITY, { id: room, after: lastSeen.cursor }, "roomActivity");
    await feed.waitFor(5);
    expect(feed.items.map((a) => a.body)).toEqual(missed.map((a) => a.body));
    expect(feed.items.map((a) => a.seq)).toEqual(missed.map((a) => a.seq));
    const live = await note("sam@paperworks.test", room, "back live");
    await feed.waitFor(6);
    // Nothing replayed twice may follow: live items arrive within a few ms (in-process bus), so 100 ms is ample.
    await sleep(100);
    expect(feed.items.map((a) => a.seq)).toEqual([...missed.map((a) => a.seq), live.seq]);
  });

  it("gets an activity whose announcement was lost from the log, before the next one (gap fill)", async () => {
    const room = opps["Northwind catalog relaunch"]!.id;
    const { feed, lastSeq } = await liveRoom("ana@acme.test", room);
    // Written and committed, but never published (as if the process died right after COMMIT).
    await appendUnannounced(t, room, "never announced");
    // Asserting nothing arrives: an announced write would reach the feed within a few ms, so 100 ms is ample.
    await sleep(100);
    expect(feed.items).toHaveLength(1); // nothing announced it
    await note("lee@pixel.test", room, "announced");
    const items = await feed.waitFor(3);
    expect(items.slice(1).map((a) => [a.seq, a.body])).toEqual([
      [lastSeq + 1, "never announced"],
      [lastSeq + 2, "announced"],
    ]);
  });

  it("rejects a cursor that is not one", async () => {
    const socket = await connect("ana@acme.test");
    const feed = follow(socket, ROOM_ACTIVITY, { id: opps["Northwind catalog relaunch"]!.id, after: "garbage" }, "roomActivity");
    await feed.ended;
    expect(feed.errors.map((e) => e.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("someone outside the room", () => {
  it("is refused exactly as for a room that does not exist", async () => {
    const socket = await connect("lee@pixel.test");
    const hidden = follow(socket, ROOM_ACTIVITY, { id: opps["Umbrella menu cards"]!.id }, "roomActivity");
    const missing = follow(socket, ROOM_ACTIVITY, { id: randomGlobalId("Opportunity") }, "roomActivity");
    const presence = follow(socket, ROOM_PRESENCE, { id: opps["Umbrella menu cards"]!.id }, "roomPresence");
    await Promise.all([hidden.ended, missing.ended, presence.ended]);
    expect(hidden.errors).toEqual([expect.objectContaining({ message: "Opportunity not found", extensions: { code: "NOT_FOUND" } })]);
    expect(missing.errors).toEqual(hidden.errors);
    expect(presence.errors.map((e) => [e.message, e.extensions?.code])).toEqual([["Opportunity not found", "NOT_FOUND"]]);
    expect(hidden.items).toEqual([]);
    expect(hidden.completed).toBe(true);

    await note("ana@acme.test", opps["Umbrella menu cards"]!.id, "internal pricing");
    // Asserting nothing arrives: a member's feed gets a note within a few ms (in-process bus), so 100 ms is ample.
    await sleep(100);
    expect(hidden.items).toEqual([]);
  });

  it("cannot open a socket without a valid token (4403)", async () => {
    for (const token of [undefined, "not-a-jwt"]) {
      const socket = socketClient(t.url, token);
      sockets.push(socket);
      const feed = follow(socket, ROOM_ACTIVITY, { id: opps["Northwind catalog relaunch"]!.id }, "roomActivity");
      await feed.ended;
      expect(socket.closes.map((c) => c.code)).toEqual([4403]);
      expect(feed.items).toEqual([]);
    }
  });
});

describe("losing access", () => {
  it("ends a removed member's subscription at once, before the removal itself is shown to them", async () => {
    // Northwind has no agreed split: on Contoso, Pixel's agreed credit would keep Lee reading the room.
    const room = opps["Northwind catalog relaunch"]!.id;
    const lee = await liveRoom("lee@pixel.test", room);
    const ana = await liveRoom("ana@acme.test", room);
    const removed = await t.gql(
      `mutation ($input: RemoveRoomMemberInput!) { removeRoomMember(input: $input) { id } }`,
      { input: { opportunityId: room, userId: await userId(t, "lee@pixel.test") } },
      await t.login("ana@acme.test"),
    );
    expect(removed.errors).toBeUndefined();
    await lee.feed.ended;
    expect(lee.feed.errors.map((e) => e.extensions?.code)).toEqual(["NOT_FOUND"]);
    expect(lee.feed.completed).toBe(true);
    expect(lee.feed.items).toHaveLength(1);

    await note("ana@acme.test", room, "after Lee left");
    const items = await ana.feed.waitFor(3);
    expect(items.slice(1).map((a) => a.kind)).toEqual(["MEMBER_LEFT", "NOTE"]);
    expect(lee.feed.items).toHaveLength(1);

    // Back in the room for the tests that follow.
    await t.gql(
      ADD_MEMBER,
      { input: { opportunityId: room, userId: await userId(t, "lee@pixel.test"), role: "PARTNER_REP", access: "WRITE" } },
      await t.login("ana@acme.test"),
    );
  });
});

describe("a manager's pipeline feed", () => {
  it("gets stage changes only for deals the manager's organization is in, filtered as asked", async () => {
    const [pat, pia, max, maxBig, maxNegotiation, gus] = await Promise.all(
      ["pat@pixel.test", "pia@paperworks.test", "max@acme.test", "max@acme.test", "max@acme.test", "gus@globex.test"].map(connect),
    );
    const feeds = await t.live(
      () => ({
        pat: follow(pat!, STAGE_CHANGES, {}, "dealStageChanged"),
        pia: follow(pia!, STAGE_CHANGES, {}, "dealStageChanged"),
        max: follow(max!, STAGE_CHANGES, {}, "dealStageChanged"),
        maxBig: follow(maxBig!, STAGE_CHANGES, { filter: { minimumAmount: { amount: "20000", currency: "USD" } } }, "dealStageChanged"),
        maxNegotiation: follow(maxNegotiation!, STAGE_CHANGES, { filter: { stages: ["NEGOTIATION"] } }, "dealStageChanged"),
        gus: follow(gus!, STAGE_CHANGES, {}, "dealStageChanged"),
      }),
      6,
    );
    const current = await demoOpportunities(t);
    const ana = await t.login("ana@acme.test");
    const umbrella = current["Umbrella menu cards"]!; // Acme only, 9,200 USD
    const northwind = current["Northwind catalog relaunch"]!; // with Pixel and Paperworks, 48,000 USD
    expect(
      (await t.gql(MOVE, { input: { id: umbrella.id, stage: "QUALIFICATION", expectedVersion: umbrella.version } }, ana)).errors,
    ).toBeUndefined();
    expect(
      (await t.gql(MOVE, { input: { id: northwind.id, stage: "NEGOTIATION", expectedVersion: northwind.version } }, ana)).errors,
    ).toBeUndefined();

    await feeds.max.waitFor(2);
    await Promise.all([feeds.pat.waitFor(1), feeds.pia.waitFor(1), feeds.maxBig.waitFor(1), feeds.maxNegotiation.waitFor(1)]);
    // Nothing more may arrive (Gus, filtered moves): alike feeds are served by one execution per event, within a
    // few ms of the ones already seen, so 200 ms is ample.
    await sleep(200);
    const titles = (feed: Feed<any>) => feed.items.map((c) => `${c.opportunity.title}: ${c.fromStage} → ${c.toStage}`);
    expect(titles(feeds.max)).toEqual([
      "Umbrella menu cards: PROSPECTING → QUALIFICATION",
      "Northwind catalog relaunch: PROPOSAL → NEGOTIATION",
    ]);
    expect(titles(feeds.pat)).toEqual(["Northwind catalog relaunch: PROPOSAL → NEGOTIATION"]);
    expect(titles(feeds.pia)).toEqual(["Northwind catalog relaunch: PROPOSAL → NEGOTIATION"]);
    expect(titles(feeds.maxBig)).toEqual(["Northwind catalog relaunch: PROPOSAL → NEGOTIATION"]);
    expect(titles(feeds.maxNegotiation)).toEqual(["Northwind catalog relaunch: PROPOSAL → NEGOTIATION"]);
    expect(feeds.gus.items).toEqual([]);
    expect(feeds.max.items[1]).toMatchObject({ changedBy: { name: "Ana Alvarez" }, opportunity: { stage: "NEGOTIATION" } });
  });
});

describe("a manager's pipeline feed, resumed", () => {
  const versions = new Map<string, number>();
  const move = async (id: string, stage: string) => {
    const version = versions.get(id) ?? 1;
    const moved = await t.gql(MOVE, { input: { id, stage, expectedVersion: version } }, await t.login("ana@acme.test"));
    expect(moved.errors).toBeUndefined();
    versions.set(id, version + 1);
  };
  const titles = (feed: Feed<any>) => feed.items.map((c) => `${c.opportunity.title}: ${c.fromStage} → ${c.toStage}`);
  const bigUsd = { minimumAmount: { amount: "1000.00", currency: "USD" } };

  it("replays exactly the visible, matching moves missed while away, in order, then goes on live", async () => {
    const lee: [string, string, string] = ["lee@pixel.test", "PARTNER_REP", "WRITE"];
    const a = await openRoom(t, { title: "Feed A", amount: "5000.00", members: [lee] });
    const b = await openRoom(t, { title: "Feed B", amount: "8000.00", members: [lee] });
    const hidden = await openRoom(t, { title: "Feed hidden", amount: "9000.00" }); // Acme only: Pat cannot see it
    const small = await openRoom(t, { title: "Feed small", amount: "10.00", members: [lee] }); // under the minimum
    const euro = await openRoom(t, { title: "Feed euro", amount: "50000.00", currency: "EUR", members: [lee] }); // another currency

    const first = await connect("pat@pixel.test");
    const before = await t.live(() => follow<any>(first, STAGE_CHANGES, { filter: bigUsd }, "dealStageChanged"));
    await move(a, "QUALIFICATION");
    await before.waitFor(1);
    const lastSeen = before.items[0]!;
    await first.dispose(); // Pat's laptop sleeps

    await move(hidden, "QUALIFICATION");
    await move(b, "QUALIFICATION");
    await move(small, "QUALIFICATION");
    await move(euro, "QUALIFICATION");
    await move(a, "PROPOSAL");
    await move(b, "PROPOSAL");

    const resumed = follow<any>(
      await connect("pat@pixel.test"),
      STAGE_CHANGES,
      { filter: bigUsd, after: lastSeen.cursor },
      "dealStageChanged",
    );
    await resumed.waitFor(3);
    await move(a, "NEGOTIATION");
    await resumed.waitFor(4);
    // Nothing more may arrive: a live move reaches the feed within a few ms (in-process bus), so 150 ms is ample.
    await sleep(150);
    expect(titles(resumed)).toEqual([
      "Feed B: PROSPECTING → QUALIFICATION",
      "Feed A: QUALIFICATION → PROPOSAL",
      "Feed B: QUALIFICATION → PROPOSAL",
      "Feed A: PROPOSAL → NEGOTIATION",
    ]);
    expect(new Set([lastSeen.cursor, ...resumed.items.map((c) => c.cursor)]).size).toBe(5);
    expect(resumed.items[0]).toMatchObject({ changedBy: { name: "Ana Alvarez" }, opportunity: { title: "Feed B", stage: "PROPOSAL" } });
    expect(resumed.errors).toEqual([]);
  });

  it("reads each move's deal as of that move, not as the feed's earlier moves found it", async () => {
    const room = await openRoom(t, { title: "Feed fresh reads", amount: "3000.00" });
    const socket = await connect("max@acme.test");
    const feed = await t.live(() =>
      follow<any>(
        socket,
        `subscription { dealStageChanged { opportunity { title members { user { name } } } toStage } }`,
        {},
        "dealStageChanged",
      ),
    );
    const mine = () => feed.items.filter((c) => c.opportunity.title === "Feed fresh reads");
    await move(room, "QUALIFICATION");
    await until(() => mine().length === 1);
    const added = await t.gql(
      ADD_MEMBER,
      { input: { opportunityId: room, userId: await userId(t, "lee@pixel.test"), role: "PARTNER_REP", access: "WRITE" } },
      await t.login("ana@acme.test"),
    );
    expect(added.errors).toBeUndefined();
    await move(room, "PROPOSAL");
    await until(() => mine().length === 2);
    const names = mine().map((c) => c.opportunity.members.map((m: { user: { name: string } }) => m.user.name).sort());
    // The same operation's loaders answered the first move; the second is read anew.
    expect(names[1]).toEqual([...names[0]!, added.data!.addRoomMember.user.name].sort());
    expect(mine().map((c) => c.toStage)).toEqual(["QUALIFICATION", "PROPOSAL"]);
  });

  it("delivers a move whose announcement was lost, before the next one", async () => {
    const room = await openRoom(t, { title: "Feed lost news", amount: "2000.00" });
    const socket = await connect("max@acme.test");
    const feed = await t.live(() => follow<any>(socket, STAGE_CHANGES, { filter: bigUsd }, "dealStageChanged"));
    // Committed, never published (as if the process died right after COMMIT).
    await t.sql(
      `WITH next AS (UPDATE stage_change_counter SET last_seq = last_seq + 1 RETURNING last_seq)
       INSERT INTO stage_change (id, seq, opportunity_id, from_stage, to_stage, amount_minor, currency, at)
       SELECT gen_random_uuid(), next.last_seq, o.id, 'PROSPECTING', 'QUALIFICATION', o.amount_minor, o.currency, now()
         FROM next, opportunity o WHERE o.title = 'Feed lost news'`,
    );
    // Asserting nothing arrives: an announced move would reach the feed within a few ms, so 100 ms is ample.
    await sleep(100);
    expect(feed.items).toEqual([]);
    await move(room, "PROPOSAL");
    await feed.waitFor(2);
    expect(titles(feed)).toEqual(["Feed lost news: PROSPECTING → QUALIFICATION", "Feed lost news: PROSPECTING → PROPOSAL"]);
  });

  it("rejects a cursor that is not one of this feed", async () => {
    const socket = await connect("max@acme.test");
    const activityCursor = (await newest(opps["Northwind catalog relaunch"]!.id))[0]!.cursor;
    for (const after of ["garbage", activityCursor]) {
      const feed = follow(socket, STAGE_CHANGES, { after }, "dealStageChanged");
      await feed.ended;
      expect(feed.errors.map((e) => [e.extensions?.code, e.message])).toEqual([
        ["BAD_USER_INPUT", "after: is not a cursor of dealStageChanged"],
      ]);
    }
  });
});

describe("who is in the room", () => {
  it("shows everyone with the room open, and clears when a socket closes or dies", async () => {
    const room = opps["Northwind catalog relaunch"]!.id;
    const names = (feed: Feed<any>) =>
      feed.items
        .at(-1)
        ?.users.map((u: { name: string }) => u.name)
        .sort();
    const ana = follow(await connect("ana@acme.test"), ROOM_PRESENCE, { id: room }, "roomPresence");
    await ana.waitFor(1);
    expect(names(ana)).toEqual(["Ana Alvarez"]);

    const leeSocket = await connect("lee@pixel.test");
    const lee = follow(leeSocket, ROOM_PRESENCE, { id: room }, "roomPresence");
    await lee.waitFor(1);
    await until(() => names(ana)?.length === 2);
    expect(names(ana)).toEqual(["Ana Alvarez", "Lee Lindqvist"]);
    expect(names(lee)).toEqual(["Ana Alvarez", "Lee Lindqvist"]);

    // Sam's laptop drops off the network: no close frame, the TCP connection just dies.
    const sam = await rawSocket(t.url);
    sam.send({ type: "connection_init", payload: { authorization: `Bearer ${await t.login("sam@paperworks.test")}` } });
    await until(() => sam.messages.some((m) => m.type === "connection_ack"));
    sam.send({ id: "1", type: "subscribe", payload: { query: ROOM_PRESENCE, variables: { id: room } } });
    await until(() => names(ana)?.length === 3);
    sam.socket.terminate();
    await until(() => names(ana)?.length === 2);
    expect(names(ana)).toEqual(["Ana Alvarez", "Lee Lindqvist"]);

    await leeSocket.dispose(); // closes the room
    await until(() => names(ana)?.length === 1);
    expect(names(ana)).toEqual(["Ana Alvarez"]);
    expect(ana.errors).toEqual([]);
  });
});

describe("bad input on the socket", () => {
  const init = async () => {
    const raw = await rawSocket(t.url);
    raw.send({ type: "connection_init", payload: { authorization: `Bearer ${await t.login("ana@acme.test")}` } });
    await until(() => raw.messages.some((m) => m.type === "connection_ack"));
    return raw;
  };

  it("closes with the protocol's codes for malformed messages, subscribe before init and duplicate ids", async () => {
    const malformed = await init();
    malformed.send("{ not json");
    expect((await malformed.closed).code).toBe(4400);

    const unknownType = await init();
    unknownType.send({ type: "gimme" });
    expect((await unknownType.closed).code).toBe(4400);

    const early = await rawSocket(t.url);
    early.send({ id: "1", type: "subscribe", payload: { query: 'subscription { roomPresence(opportunityId: "x") { at } }' } });
    expect((await early.closed).code).toBe(4401);

    const duplicate = await init();
    const subscribe = {
      id: "same",
      type: "subscribe",
      payload: { query: ROOM_PRESENCE, variables: { id: opps["Northwind catalog relaunch"]!.id } },
    };
    duplicate.send(subscribe);
    duplicate.send(subscribe);
    expect((await duplicate.closed).code).toBe(4409);
  });

  it("answers unknown operations, unknown fields and too deep a query with GraphQL errors", async () => {
    const raw = await init();
    const room = opps["Northwind catalog relaunch"]!.id;
    const deep = `subscription { roomActivity(opportunityId: "${room}") { actor { organization { members { organization { members { organization { members { organization { members { name } } } } } } } } } } }`;
    raw.send({
      id: "a",
      type: "subscribe",
      payload: { query: 'subscription A { roomPresence(opportunityId: "x") { at } }', operationName: "B" },
    });
    raw.send({ id: "b", type: "subscribe", payload: { query: "subscription { nothingHere }" } });
    raw.send({ id: "c", type: "subscribe", payload: { query: deep } });
    raw.send({ id: "d", type: "subscribe", payload: { query: "subscription {" } });
    await until(() => raw.messages.filter((m) => m.type === "error").length === 4);
    const byId = Object.fromEntries(raw.messages.filter((m) => m.type === "error").map((m) => [m.id, m.payload]));
    expect(byId.a[0].message).toMatch(/Unable to identify operation/);
    expect(byId.b[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(byId.c).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/depth limit of 10 exceeded/),
        extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
      }),
    ]);
    expect(byId.d[0].extensions.code).toBe("GRAPHQL_PARSE_FAILED");

    // The same socket still works.
    raw.send({ id: "e", type: "subscribe", payload: { query: ROOM_PRESENCE, variables: { id: room } } });
    await until(() => raw.messages.some((m) => m.id === "e" && m.type === "next"));
    raw.socket.close();
  });
});

describe("terminating a partnership", () => {
  it("keeps a partner rep reading the room live (only write access goes)", async () => {
    const room = opps["Initech annual report print run"]!.id;
    const sam = await liveRoom("sam@paperworks.test", room);
    const max = await t.login("max@acme.test");
    const partnerships = await t.gql(`{ partnerships { id partner { name } } }`, {}, max);
    const paperworks = partnerships.data!.partnerships.find((p: { partner: { name: string } }) => p.partner.name === "Paperworks");
    const ended = await t.gql(
      `mutation ($input: TerminatePartnershipInput!) { terminatePartnership(input: $input) { status } }`,
      { input: { id: paperworks.id, reason: "test" } },
      max,
    );
    expect(ended.data!.terminatePartnership.status).toBe("TERMINATED");
    await note("ana@acme.test", room, "still shared with Sam");
    const items = await sam.feed.waitFor(3);
    expect(items.slice(1).map((a) => a.kind)).toEqual(["MEMBER_ACCESS_CHANGED", "NOTE"]);
    expect(consecutive(items.map((a) => a.seq))).toBe(true);
    expect(sam.feed.errors).toEqual([]);
    expect(
      codeOf(await t.gql(LOG, { input: { opportunityId: room, kind: "NOTE", body: "no" } }, await t.login("sam@paperworks.test"))),
    ).toBe("FORBIDDEN");
  });
});
