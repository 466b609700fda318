import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { appendUnannounced, demoOpportunities, statementsSent, userId } from "./helpers.js";
import { ROOM_ACTIVITY, follow, rawSocket, socketClient, until } from "./ws.js";
import type { ActivityItem, SocketClient } from "./ws.js";

/**
 * The periodic re-check of live room subscriptions: it covers news the bus never carried. Here the
 * news is written straight into the database, so only the re-check can find it.
 */
let t: TestServer;
let opps: Awaited<ReturnType<typeof demoOpportunities>>;
const sockets: SocketClient[] = [];
beforeAll(async () => {
  t = await startTestServer({}, { recheckMs: 300 });
  opps = await demoOpportunities(t);
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await t?.close();
});

const roomId = (globalId: string) => Buffer.from(globalId, "base64url").toString("utf8").split(":")[1]!;

async function subscribe(email: string, room: string, count = 1) {
  const token = await t.login(email);
  return Array.from({ length: count }, () => {
    const socket = socketClient(t.url, token);
    sockets.push(socket);
    return follow<ActivityItem>(socket, ROOM_ACTIVITY, { id: room }, "roomActivity");
  });
}

describe("the actor of a live entry", () => {
  it("comes with the entry as written, with its organization: delivering reads neither again", async () => {
    const room = opps["Contoso holiday packaging"]!.id;
    const selection = `subscription ($id: ID!) { roomActivity(opportunityId: $id) { seq body actor { id name organization { name } } actorOrganization { name } } }`;
    const feeds = await t.live(async () => {
      const out = [];
      for (const email of ["ana@acme.test", "lee@pixel.test"]) {
        const socket = socketClient(t.url, await t.login(email));
        sockets.push(socket);
        out.push(follow<Record<string, any>>(socket, selection, { id: room }, "roomActivity"));
      }
      return out;
    }, 2);
    const ana = await t.login("ana@acme.test");
    // Every statement sent while the entry is written and delivered (the server runs in this process).
    const { sent } = await statementsSent(async () => {
      const result = await t.gql(
        `mutation ($input: LogActivityInput!) { logActivity(input: $input) { seq } }`,
        { input: { opportunityId: room, kind: "NOTE", body: "proofs are out" } },
        ana,
      );
      expect(result.errors).toBeUndefined();
      for (const feed of feeds) await feed.waitFor(1, 4_000);
    });
    for (const feed of feeds) {
      expect(feed.errors).toEqual([]);
      expect(feed.items[0]).toMatchObject({
        body: "proofs are out",
        actor: { id: await userId(t, "ana@acme.test"), name: "Ana Alvarez", organization: { name: "Acme Print" } },
        actorOrganization: { name: "Acme Print" },
      });
    }
    // The write was seen (so the wrapper saw this window), and no user or organization was read by id.
    expect(sent.some((text) => text.includes("INSERT INTO activity"))).toBe(true);
    expect(sent.filter((text) => /FROM app_user u WHERE u\.id = ANY|FROM "organization"/.test(text))).toEqual([]);
  });
});

describe("a live room subscription without news from the bus", () => {
  it("finds an entry whose announcement was lost, for every subscriber, in order", async () => {
    const room = opps["Northwind catalog relaunch"]!.id;
    const feeds = await t.live(() => subscribe("ana@acme.test", room, 5), 5);
    const moved = { seq: await appendUnannounced(t, room, "written while the bus was away") };
    for (const feed of feeds) {
      const [item] = await feed.waitFor(1, 4_000);
      expect(item).toMatchObject({ seq: moved!.seq, kind: "NOTE", body: "written while the bus was away" });
    }
  });

  it("ends with NOT_FOUND once the subscriber's access is gone, though no membership news came", async () => {
    const room = opps["Northwind catalog relaunch"]!.id;
    const [feed] = await t.live(() => subscribe("lee@pixel.test", room));
    expect(feed!.errors).toEqual([]);
    await t.sql(`DELETE FROM room_member WHERE opportunity_id = $1 AND user_id = $2`, [
      roomId(room),
      roomId(await userId(t, "lee@pixel.test")),
    ]);
    await feed!.ended;
    expect(feed!.errors.map((e) => e.extensions?.code)).toEqual(["NOT_FOUND"]);
  });
});

describe("shared results written straight to the socket", () => {
  it("arrive as graphql-ws `next` messages, the cost on the first only, and never under an id reused after complete", async () => {
    const rooms = [opps["Northwind catalog relaunch"]!.id, opps["Umbrella menu cards"]!.id];
    const ana = await t.login("ana@acme.test");
    const raw = await rawSocket(t.url);
    raw.send({ type: "connection_init", payload: { authorization: `Bearer ${ana}` } });
    const note = async (room: string, body: string) => {
      const result = await t.gql(
        `mutation ($input: LogActivityInput!) { logActivity(input: $input) { seq } }`,
        { input: { opportunityId: room, kind: "NOTE", body } },
        ana,
      );
      expect(result.errors).toBeUndefined();
    };
    const nexts = (id: string) => raw.messages.filter((m) => m.type === "next" && m.id === id);
    const waitFor = async (check: () => boolean) => {
      for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(check()).toBe(true);
    };
    await waitFor(() => raw.messages.some((m) => m.type === "connection_ack"));
    await t.live(() => raw.send({ id: "x", type: "subscribe", payload: { query: ROOM_ACTIVITY, variables: { id: rooms[0] } } }));
    await note(rooms[0]!, "first");
    await note(rooms[0]!, "second");
    await note(rooms[0]!, "third");
    await waitFor(() => nexts("x").length === 3);
    expect(nexts("x").map((m) => m.payload.data.roomActivity.body)).toEqual(["first", "second", "third"]);
    expect(nexts("x").map((m) => Object.keys(m.payload))).toEqual([["data", "extensions"], ["data"], ["data"]]);
    expect(nexts("x")[0]!.payload.extensions.cost).toEqual(expect.objectContaining({ requested: expect.any(Number) }));

    // The same id, now for another room: news of the first room must not arrive under it.
    // The protocol answers nothing to a client's complete; the server's count of live operations drops when
    // it has let the id go, so it may be reused.
    const liveBefore = t.server.liveOperations();
    raw.send({ id: "x", type: "complete" });
    await waitFor(() => t.server.liveOperations() === liveBefore - 1);
    await t.live(() => raw.send({ id: "x", type: "subscribe", payload: { query: ROOM_ACTIVITY, variables: { id: rooms[1] } } }));
    await note(rooms[0]!, "after complete");
    await note(rooms[1]!, "in the other room");
    await waitFor(() => nexts("x").length === 4);
    // Nothing more may arrive under "x": a live item reaches the socket within a few ms, so 200 ms is ample.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(nexts("x").map((m) => m.payload.data.roomActivity.body)).toEqual(["first", "second", "third", "in the other room"]);
    raw.socket.close();
  });
});

describe("a client that stops reading", () => {
  it("is cut off once too much waits for it, and the room's other subscribers carry on", async () => {
    const small = await startTestServer({}, { maxBufferedBytes: 64 * 1024 });
    try {
      const room = (await demoOpportunities(small))["Northwind catalog relaunch"]!.id;
      const ana = await small.login("ana@acme.test");
      const stuck = await rawSocket(small.url);
      stuck.send({ type: "connection_init", payload: { authorization: `Bearer ${ana}` } });
      const reader = socketClient(small.url, ana);
      sockets.push(reader);
      const feed = await small.live(() => follow<ActivityItem>(reader, ROOM_ACTIVITY, { id: room }, "roomActivity"));
      await until(() => stuck.messages.some((m) => m.type === "connection_ack"));
      await small.live(() => stuck.send({ id: "s", type: "subscribe", payload: { query: ROOM_ACTIVITY, variables: { id: room } } }));
      expect(small.server.sockets()).toBe(2);

      // Stop reading at the TCP level; the kernel's buffers fill, then the server's.
      (stuck.socket as unknown as { _socket: { pause(): void } })._socket.pause();
      const body = "x".repeat(19_000);
      let sent = 0;
      while (small.server.sockets() === 2 && sent < 800) {
        const result = await small.gql(
          `mutation ($input: LogActivityInput!) { logActivity(input: $input) { seq } }`,
          { input: { opportunityId: room, kind: "NOTE", body } },
          ana,
        );
        expect(result.errors).toBeUndefined();
        sent += 1;
      }
      expect(small.server.sockets()).toBe(1);
      // Well past the 64 KiB allowed, but far short of everything that was logged.
      expect(sent * body.length).toBeGreaterThan(64 * 1024);
      await feed.waitFor(sent, 10_000);
      expect(feed.items.every((item) => item.body === body)).toBe(true);
    } finally {
      await small.close();
    }
  });
});
