import { WebSocket } from "ws";
import { processesCpuMs, serveParent } from "../lib/proc.js";

/**
 * The subscriber pool: many sockets speaking graphql-transport-ws (graphql-ws's protocol) in one
 * process apart from the servers. It also publishes (so the timestamps share a clock) and measures
 * publish-to-receive: every event body carries its publish time.
 */
export const ROOM_ACTIVITY = `subscription Room($opportunityId: ID!, $after: String) { roomActivity(opportunityId: $opportunityId, after: $after) { id seq kind body createdAt actor { id name } } }`;

interface Subscriber {
  readonly socket: WebSocket;
  readonly room: string;
}

const sockets: Subscriber[] = [];
let latencies: number[] = [];
let received = 0;
/** Resolved once `received` reaches `target` (one event's deliveries, while its CPU is read). */
let arrival: { target: number; resolve: () => void } | null = null;
let bad = 0;
/** Since the last `connect`: sockets that closed after their handshake, and error messages. */
let closedAfterAck = 0;
let errorMessages = 0;

const NEXT = Buffer.from('"type":"next"');
const ERRORS = Buffer.from('"errors"');
const STAMP = Buffer.from("t=");

/** Reads the publish time out of the raw bytes (no string copy, no JSON.parse: the pool must outpace the server). */
function onMessage(data: WebSocket.RawData): void {
  const bytes = data as Buffer;
  const at = bytes.indexOf(STAMP);
  if (at > 0 && bytes.indexOf(NEXT) >= 0) {
    if (bytes.indexOf(ERRORS) >= 0) bad += 1;
    received += 1;
    if (arrival && received >= arrival.target) {
      arrival.resolve();
      arrival = null;
    }
    let t = 0;
    for (let i = at + 2; i < bytes.length; i++) {
      const digit = bytes[i]! - 48;
      if (digit < 0 || digit > 9) break;
      t = t * 10 + digit;
    }
    latencies.push(Date.now() - t);
  } else if (bytes.indexOf(ERRORS) >= 0 || bytes.indexOf('"type":"error"') >= 0) {
    bad += 1;
    errorMessages += 1;
  }
}

async function connectOne(url: string, authorization: string | null, room: string, raw: boolean): Promise<Subscriber> {
  const socket = new WebSocket(url, "graphql-transport-ws", { perMessageDeflate: false, skipUTF8Validation: true });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: authorization ? { authorization } : {} })));
    socket.once("error", reject);
    socket.once("close", (code) => reject(new Error(`socket closed with ${code} before ack`)));
    socket.once("message", (data) => (String(data).includes("connection_ack") ? resolve() : reject(new Error(String(data)))));
  });
  socket.removeAllListeners("close");
  socket.on("close", () => void (closedAfterAck += 1));
  socket.on("error", () => undefined);
  socket.on("message", onMessage);
  socket.send(
    JSON.stringify(
      raw
        ? { type: "subscribe", id: "1", room }
        : { id: "1", type: "subscribe", payload: { query: ROOM_ACTIVITY, variables: { opportunityId: room } } },
    ),
  );
  return { socket, room };
}

/**
 * Opens `count` subscriptions, `batch` handshakes at a time: subscriber j to rooms[j % rooms.length]
 * with tokens[j % tokens.length]. Over several urls (instances), a room's subscribers are spread over
 * all of them: with fewer rooms than subscribers, the k-th subscriber of each room goes to
 * urls[k % urls.length]; otherwise subscriber j to urls[j % urls.length].
 * `tolerant`: a failed handshake is counted (`failed`) instead of failing the whole call.
 */
async function connect(args: {
  urls: string[];
  tokens: (string | null)[];
  rooms: string[];
  count: number;
  raw: boolean;
  batch?: number;
  pauseMs?: number;
  tolerant?: boolean;
}) {
  const batch = args.batch ?? 100;
  const spread = args.rooms.length < args.count;
  let failed = 0;
  const failures: string[] = [];
  closedAfterAck = 0;
  errorMessages = 0;
  for (let i = 0; i < args.count; i += batch) {
    const n = Math.min(batch, args.count - i);
    const opening = Array.from({ length: n }, (_, k) => {
      const j = i + k;
      const url = args.urls[(spread ? Math.floor(j / args.rooms.length) : j) % args.urls.length]!;
      return connectOne(url, args.tokens[j % args.tokens.length]!, args.rooms[j % args.rooms.length]!, args.raw);
    });
    if (args.tolerant) {
      for (const outcome of await Promise.allSettled(opening)) {
        if (outcome.status === "fulfilled") sockets.push(outcome.value);
        else {
          failed += 1;
          if (failures.length < 5) failures.push(String((outcome.reason as Error)?.message ?? outcome.reason).slice(0, 200));
        }
      }
    } else sockets.push(...(await Promise.all(opening)));
    // Each new subscription reads the database once or twice: pace them like clients arriving, not a flood.
    if (args.pauseMs) await new Promise((resolve) => setTimeout(resolve, args.pauseMs));
  }
  return { open: sockets.length, failed, failures };
}

/** Since the last `connect`: sockets open now, closed after their handshake, and error messages received. */
function status() {
  const open = sockets.filter(({ socket }) => socket.readyState === WebSocket.OPEN).length;
  return { open, closedAfterAck, errorMessages };
}

/**
 * Publishes `events` events at `perSecond`, each to the room of subscriber (k % subscribers), or in
 * turn to `rooms` (ones nobody follows: the cost of publishing alone); waits for stragglers.
 */
async function publish(args: {
  events: number;
  perSecond: number;
  target: "cosell" | "raw";
  url: string;
  token: string | null;
  settleMs: number;
  /** Publish to these rooms, in turn, instead of the followed ones. */
  rooms?: string[];
  /**
   * Read the CPU of these server processes for each event (`eventCpu`): just before its publish,
   * and `windowMs` after it, or later if its answer or its last delivery came later. Each event then
   * waits for the last one's deliveries (a reading must not hold another event's work); an event
   * whose answer or deliveries had not all come when the next one was due is published on time all
   * the same, and not read (`unread`).
   */
  cpuOf?: { pids: number[]; windowMs: number };
}) {
  latencies = [];
  received = 0;
  bad = 0;
  let expected = 0;
  let failedPublishes = 0;
  const rooms = new Map<string, number>();
  for (const s of sockets) rooms.set(s.room, (rooms.get(s.room) ?? 0) + 1);
  const roomList = [...rooms.keys()];
  const started = Date.now();
  const posts: Promise<void>[] = [];
  const eventCpu: number[] = [];
  let unread = 0;
  for (let k = 0; k < args.events; k++) {
    const due = started + (k * 1000) / args.perSecond;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const room = args.rooms ? args.rooms[k % args.rooms.length]! : roomList[k % roomList.length]!;
    expected += rooms.get(room) ?? 0;
    const body = `t=${Date.now()}; event ${k} of the fan-out bench`;
    const request =
      args.target === "cosell"
        ? {
            query: `mutation ($input: LogActivityInput!) { logActivity(input: $input) { seq } }`,
            variables: { input: { opportunityId: room, kind: "NOTE", body } },
          }
        : {
            room,
            payload: {
              data: {
                roomActivity: {
                  id: "QWN0aXZpdHk6MDFhMjFiYjItNzY5MC03YzkyLWFhZDUtMzBhNTM0N2FmNjEx",
                  seq: k + 2,
                  kind: "NOTE",
                  body,
                  createdAt: new Date().toISOString(),
                  actor: { id: "VXNlcjowMWEyMWJiMi03NjkwLTdjOTItYWFkNS0zMGE1MzQ3YWY2MTE", name: "Ana Alvarez" },
                },
              },
            },
          };
    const before = args.cpuOf ? processesCpuMs(args.cpuOf.pids) : null;
    const sent = performance.now();
    const post = fetch(args.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(args.token ? { authorization: `Bearer ${args.token}` } : {}) },
      body: JSON.stringify(request),
    })
      .then(async (response) => {
        const text = await response.text();
        if (response.status !== 200 || text.includes('"errors"')) failedPublishes += 1;
      })
      .catch(() => void (failedPublishes += 1));
    posts.push(post);
    if (args.cpuOf && before !== null) {
      const after = await readAfter(post, expected, sent, args.cpuOf, started + ((k + 1) * 1000) / args.perSecond);
      if (after === null) unread += 1;
      else eventCpu.push(after - before);
    }
  }
  await Promise.all(posts);
  const deadline = Date.now() + args.settleMs;
  while (received < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  // Every latency, counted per millisecond: the harness pools a case's blocks into its percentiles.
  const counts = new Map<number, number>();
  for (const ms of latencies) counts.set(ms, (counts.get(ms) ?? 0) + 1);
  return { expected, received, bad, failedPublishes, latencies: [...counts], eventCpu, unread };
}

/**
 * The servers' CPU once an event is done: its answer in (`post`), `deliveries` received in all,
 * and `windowMs` past `sent`; null when the answer or a delivery had not come by `nextDue`.
 */
async function readAfter(
  post: Promise<void>,
  deliveries: number,
  sent: number,
  cpuOf: { pids: number[]; windowMs: number },
  nextDue: number,
): Promise<number | null> {
  const delivered =
    received >= deliveries ? Promise.resolve() : new Promise<void>((resolve) => (arrival = { target: deliveries, resolve }));
  let timer: NodeJS.Timeout | undefined;
  const due = new Promise<"due">((resolve) => (timer = setTimeout(resolve, nextDue - Date.now(), "due")));
  const outcome = await Promise.race([Promise.all([post, delivered]), due]);
  clearTimeout(timer);
  arrival = null;
  if (outcome === "due") return null;
  const rest = sent + cpuOf.windowMs - performance.now();
  if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
  return processesCpuMs(cpuOf.pids);
}

/** Subscribe/complete `cycles` times over the open sockets (memory: nothing may be left behind). */
async function cycles(args: { cycles: number }) {
  let done = 0;
  let id = 100;
  const per = Math.ceil(args.cycles / sockets.length);
  await Promise.all(
    sockets.map(async ({ socket, room }) => {
      for (let k = 0; k < per && done < args.cycles; k++) {
        const sid = String(id++);
        socket.send(JSON.stringify({ id: sid, type: "subscribe", payload: { query: ROOM_ACTIVITY, variables: { opportunityId: room } } }));
        await new Promise((resolve) => setTimeout(resolve, 2));
        socket.send(JSON.stringify({ id: sid, type: "complete" }));
        done += 1;
      }
    }),
  );
  return { done };
}

async function close() {
  for (const { socket } of sockets.splice(0)) socket.terminate();
  return {};
}

serveParent({}, { connect, status, publish, cycles, close });
