import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createClient } from "redis";
import { WebSocketServer } from "ws";
import type { WebSocket } from "ws";
import { collectBetweenWindows, serveParent, threadCpu } from "../lib/proc.js";

/**
 * The fan-out baseline: a raw `ws` server. A client names its room and operation id; a POST
 * /publish `{ room, payload }` sends each socket of the room the bytes cosell would send it
 * (`{"id":…,"type":"next","payload":…}`), with no GraphQL, no auth and no bus.
 *
 * With REDIS_URL set, the same server as one of several instances: the payload's JSON goes out on
 * Redis (PUBLISH on the room's channel, node-redis as cosell uses it) and every instance sends it
 * to its own sockets of the room, each instance subscribed to the rooms it holds sockets of. The
 * publishing instance sends to its own sockets at once and drops the copy Redis sends back (a
 * message starts with its instance's name), as cosell's bus does. The lean two-instance
 * broadcast: what any server pays to spread an event over processes.
 */
const rooms = new Map<string, Map<WebSocket, string>>();
const broadcast = (room: string, text: string) => {
  for (const [socket, id] of rooms.get(room) ?? []) socket.send(`{"id":"${id}","type":"next","payload":${text}}`);
};
const redisUrl = process.env.REDIS_URL;
const publisher = redisUrl ? createClient({ url: redisUrl }) : null;
const subscriber = redisUrl ? createClient({ url: redisUrl }) : null;
await Promise.all([publisher?.connect(), subscriber?.connect()]);
const channelOf = (room: string) => `bench-raw:${room}`;
/** What this instance's messages start with: `<instance>|<payload JSON>`. */
const stamp = `${process.pid}-${Date.now()}|`;

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const { room, payload } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { room: string; payload: unknown };
    const text = JSON.stringify(payload);
    const answer = () => res.writeHead(200, { "content-type": "application/json" }).end('{"data":{"published":true}}');
    broadcast(room, text);
    if (!publisher) answer();
    else publisher.publish(channelOf(room), stamp + text).then(answer, () => res.writeHead(503).end('{"errors":[{"message":"redis"}]}'));
  });
});
const wss = new WebSocketServer({ server, path: "/graphql" });
wss.on("connection", (socket) => {
  socket.on("message", (data) => {
    const message = JSON.parse(String(data)) as { type: string; id?: string; room?: string };
    if (message.type === "connection_init") socket.send('{"type":"connection_ack"}');
    else if (message.type === "subscribe" && message.room && message.id) {
      const room = message.room;
      let members = rooms.get(room);
      if (!members) {
        rooms.set(room, (members = new Map()));
        void subscriber?.subscribe(channelOf(room), (message) => {
          if (!message.startsWith(stamp)) broadcast(room, message.slice(message.indexOf("|") + 1));
        });
      }
      members.set(socket, message.id);
      socket.once("close", () => members.delete(socket));
    }
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
serveParent(
  { port: (server.address() as AddressInfo).port },
  {
    // As cosell's: CPU, a full collection and its sweeping (with --expose-gc, unless `collect` is false), CPU again for the next window.
    stats: async ({ collect = true }: { collect?: boolean } = {}) => {
      const cpu = process.cpuUsage();
      const threads = threadCpu();
      if (collect) await collectBetweenWindows();
      return {
        cpu,
        threads,
        next: { cpu: process.cpuUsage(), threads: threadCpu() },
        sockets: wss.clients.size,
        rss: process.memoryUsage().rss,
      };
    },
  },
);
