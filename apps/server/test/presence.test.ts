import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "./fixtures.js";
import type { TestServer } from "./fixtures.js";
import { demoOpportunities } from "./helpers.js";
import { ROOM_PRESENCE, follow, sleep, socketClient, until, wsUrl } from "./ws.js";
import type { Feed, SocketClient } from "./ws.js";

/**
 * A member's presence must go when their connection does, however it goes: a socket closed without
 * a close frame, or one that stops answering (a laptop whose Wi-Fi died: no FIN, no close). The
 * server pings every `keepAliveMs` and cuts a socket whose pong has not come by the next ping, so a
 * silent member is gone from everyone's list within 2 × keepAliveMs (plus the removal's publish).
 */
const KEEP_ALIVE_MS = 400;

let t: TestServer;
let room: string;
const sockets: SocketClient[] = [];
beforeAll(async () => {
  t = await startTestServer({}, { keepAliveMs: KEEP_ALIVE_MS });
  room = (await demoOpportunities(t))["Northwind catalog relaunch"]!.id;
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.dispose()));
  await t?.close();
});

const names = (feed: Feed<any>): string[] => (feed.items.at(-1)?.users ?? []).map((u: { name: string }) => u.name).sort();

/** Ana watching the room's presence with a well-behaved client (it answers pings). */
async function anaWatching(): Promise<Feed<any>> {
  const socket = socketClient(t.url, await t.login("ana@acme.test"));
  sockets.push(socket);
  const feed = follow(socket, ROOM_PRESENCE, { id: room }, "roomPresence");
  await until(() => names(feed).includes("Ana Alvarez"));
  return feed;
}

/** Lee in the room over a raw socket; `answersPings: false` plays a connection that silently died. */
async function leeInTheRoom({ answersPings }: { answersPings: boolean }): Promise<WebSocket> {
  const token = await t.login("lee@pixel.test");
  const socket = new WebSocket(wsUrl(t.url), "graphql-transport-ws", { autoPong: answersPings });
  const acked = new Promise<void>((resolve) =>
    socket.on("message", (data) => {
      if (JSON.parse(String(data)).type === "connection_ack") resolve();
    }),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${token}` } }));
  await acked;
  socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: ROOM_PRESENCE, variables: { id: room } } }));
  return socket;
}

describe("presence when a connection goes", () => {
  it("drops a member whose socket is closed abruptly (no close frame) at once", async () => {
    const ana = await anaWatching();
    const lee = await leeInTheRoom({ answersPings: true });
    await until(() => names(ana).includes("Lee Lindqvist"));

    const cut = Date.now();
    lee.terminate();
    await until(() => !names(ana).includes("Lee Lindqvist"), 2_000);
    // Within one keep-alive period: the server hears the TCP close, it does not wait for a ping.
    expect(Date.now() - cut).toBeLessThan(KEEP_ALIVE_MS);
    expect(names(ana)).toEqual(["Ana Alvarez"]);
  });

  it("drops a member whose socket stops answering within two keep-alive periods, and keeps those who answer", async () => {
    const ana = await anaWatching();
    const lee = await leeInTheRoom({ answersPings: false });
    await until(() => names(ana).includes("Lee Lindqvist"));
    const closed = new Promise<void>((resolve) => lee.once("close", () => resolve()));

    const silentSince = Date.now();
    await until(() => !names(ana).includes("Lee Lindqvist"), 5 * KEEP_ALIVE_MS);
    const gone = Date.now() - silentSince;
    // The bound: a ping at most one period away, then one period for the pong (and a little for the publish).
    expect(gone).toBeLessThan(2 * KEEP_ALIVE_MS + 250);
    await closed; // the server cut Lee's socket

    // Ana's client answers pings. A bounded wait, as it checks that nothing happens: in three more
    // periods the server pings her three times and would have cut her by now if she were silent.
    await sleep(3 * KEEP_ALIVE_MS);
    expect(sockets.at(-1)!.closes).toEqual([]);
    expect(names(ana)).toEqual(["Ana Alvarez"]);
    expect(ana.errors).toEqual([]);
    expect(ana.failures).toEqual([]);
  });
});
