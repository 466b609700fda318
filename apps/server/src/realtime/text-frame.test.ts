import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { sharedBytes, writePing, writeTextFrame } from "./text-frame.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A ws server and a ws client connected to it: the server's socket, and the messages the client receives. */
async function pair(options: { perMessageDeflate?: boolean } = {}) {
  const http = createServer();
  const wss = new WebSocketServer({ server: http, perMessageDeflate: options.perMessageDeflate ?? false });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const accepted = new Promise<WebSocket>((resolve) => wss.once("connection", resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`, {
    perMessageDeflate: options.perMessageDeflate ?? false,
  });
  const received: string[] = [];
  const errors: unknown[] = [];
  client.on("message", (data, isBinary) => received.push(isBinary ? `binary:${String(data)}` : String(data)));
  client.on("error", (error) => errors.push(error));
  const server = await accepted;
  await new Promise((resolve) => client.once("open", resolve));
  closers.push(async () => {
    client.terminate();
    wss.close();
    await new Promise((resolve) => http.close(resolve));
  });
  const until = async (count: number) => {
    for (let i = 0; i < 200 && received.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  };
  return { server, client, received, errors, until };
}

describe("a text message written as one frame", () => {
  it("reaches a ws client whole, for each of the three length forms, in order with ws's own sends and pings", async () => {
    const { server, received, errors, until } = await pair();
    const prefix = Buffer.from(`{"id":"é1","type":"next","payload":`);
    const bodies = [`{"a":1}`, `{"text":"${"x".repeat(300)}"}`, `{"text":"${"ü".repeat(40_000)}"}`];
    const expected: string[] = [];
    for (const body of bodies) {
      expect(writeTextFrame(server, [prefix, sharedBytes(body), Buffer.from("}")])).toBe(true);
      expected.push(`{"id":"é1","type":"next","payload":${body}}`);
      server.ping();
      server.send(`after ${expected.length}`);
      expected.push(`after ${expected.length}`);
    }
    await until(expected.length);
    expect(errors).toEqual([]);
    expect(received).toEqual(expected);
    expect(received.map((message) => JSON.parse(message.startsWith("after") ? "{}" : message))).toHaveLength(6);
  });

  it("is not written when an extension was negotiated, or once the socket is closing", async () => {
    const deflating = await pair({ perMessageDeflate: true });
    expect(deflating.server.extensions).not.toBe("");
    expect(writeTextFrame(deflating.server, [Buffer.from("["), sharedBytes("1"), Buffer.from("]")])).toBe(false);
    const plain = await pair();
    plain.server.close();
    expect(writeTextFrame(plain.server, [Buffer.from("["), sharedBytes("1"), Buffer.from("]")])).toBe(false);
  });

  it("encodes a result's JSON once for all its subscribers", () => {
    const json = JSON.stringify({ data: { n: 1 } });
    expect(sharedBytes(json)).toBe(sharedBytes(json));
    expect(sharedBytes(`${json} `)).not.toBe(sharedBytes(json));
    expect(sharedBytes(json).toString()).toBe(json);
  });
});

describe("a ping written as one frame", () => {
  it("is a ping to the client, which answers with a pong, between the messages around it", async () => {
    const { server, client, received, errors, until } = await pair();
    const seen: string[] = [];
    client.on("ping", (data) => seen.push(`ping:${data.length}`));
    client.on("message", (data) => seen.push(String(data)));
    const pong = new Promise<Buffer>((resolve) => server.once("pong", resolve));
    server.send("before");
    expect(writePing(server)).toBe(true);
    server.send("after");
    expect((await pong).length).toBe(0);
    await until(2);
    expect(errors).toEqual([]);
    expect(received).toEqual(["before", "after"]);
    expect(seen).toEqual(["before", "ping:0", "after"]);
  });

  it("is not written when an extension was negotiated, or once the socket is closing", async () => {
    const deflating = await pair({ perMessageDeflate: true });
    expect(writePing(deflating.server)).toBe(false);
    const plain = await pair();
    plain.server.close();
    expect(writePing(plain.server)).toBe(false);
  });
});
