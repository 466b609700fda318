import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import type { WebSocket } from "ws";
import { collectBetweenWindows, serveParent, threadCpu } from "../lib/proc.js";

/**
 * The fan-out baseline: a raw `ws` server. A client names its room and operation id; a POST
 * /publish `{ room, payload }` sends each socket of the room the bytes cosell would send it
 * (`{"id":…,"type":"next","payload":…}`), with no GraphQL, no auth and no bus.
 */
const rooms = new Map<string, Map<WebSocket, string>>();
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const { room, payload } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { room: string; payload: unknown };
    const text = JSON.stringify(payload);
    for (const [socket, id] of rooms.get(room) ?? []) socket.send(`{"id":"${id}","type":"next","payload":${text}}`);
    res.writeHead(200, { "content-type": "application/json" }).end('{"data":{"published":true}}');
  });
});
const wss = new WebSocketServer({ server, path: "/graphql" });
wss.on("connection", (socket) => {
  socket.on("message", (data) => {
    const message = JSON.parse(String(data)) as { type: string; id?: string; room?: string };
    if (message.type === "connection_init") socket.send('{"type":"connection_ack"}');
    else if (message.type === "subscribe" && message.room && message.id) {
      let members = rooms.get(message.room);
      if (!members) rooms.set(message.room, (members = new Map()));
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
