import type { Writable } from "node:stream";
import type { WebSocket } from "ws";

/**
 * One WebSocket text message, the bytes of `parts` one after another, written to the socket as a
 * single unmasked frame (RFC 6455 section 5.2) in a single write, where `ws.send` would take a
 * string, encode it, frame it and cork the socket for two writes (header, then data), allocating
 * about 1 KB per message besides the bytes themselves (a heap profile of 1,000 people in one room:
 * 2 KB per delivery, most of it there). A result's bytes are shared by every subscriber of it;
 * only small parts (the operation's id, a first result's cost) are a subscriber's own.
 *
 * Only where this is what `ws` itself would write: no extension negotiated (no per-message
 * deflate: the server does not offer it) and the socket open. `ws` writes every other frame (pings,
 * graphql-ws's own messages) synchronously to the same socket, so frames keep their order. Returns
 * false when it cannot; the caller then sends the usual way.
 */
export function writeTextFrame(socket: WebSocket, parts: readonly Buffer[]): boolean {
  const raw = writableSocket(socket);
  if (!raw) return false;
  let length = 0;
  for (const part of parts) length += part.length;
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(header + length);
  frame[0] = 0x81; // FIN, text
  if (length < 126) frame[1] = length;
  else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  let at = header;
  for (const part of parts) at += part.copy(frame, at);
  raw.write(frame);
  return true;
}

/** A ping without payload, as a server sends it (unmasked): FIN and opcode 9, length 0. */
const PING_FRAME = Buffer.from([0x89, 0x00]);

/**
 * Pings `socket` with one write of two shared bytes, where `ws.ping()` would allocate a header and
 * cork the socket for a write of header and empty payload (with 10,000 idle subscribers pinged
 * every 12 s, pings were a sixth of the server's CPU between events, bench/). Under the same
 * conditions as `writeTextFrame`; returns false when it cannot, and the caller pings the usual way.
 */
export function writePing(socket: WebSocket): boolean {
  const raw = writableSocket(socket);
  if (!raw) return false;
  raw.write(PING_FRAME);
  return true;
}

/** The TCP socket under `socket`, where a frame may be written to it directly (see `writeTextFrame`). */
function writableSocket(socket: WebSocket): Writable | null {
  const raw = (socket as unknown as { _socket?: Writable })._socket;
  if (!raw || socket.readyState !== socket.OPEN || raw.writableEnded || !withoutExtensions(socket)) return null;
  return raw;
}

/**
 * Sockets that negotiated no extension. Their handshake settles it once, and `ws`'s `extensions`
 * getter builds a new string on every call (on every delivery, before).
 */
const plainSockets = new WeakSet<WebSocket>();

function withoutExtensions(socket: WebSocket): boolean {
  if (plainSockets.has(socket)) return true;
  if (socket.extensions !== "") return false;
  plainSockets.add(socket);
  return true;
}

/** The UTF-8 bytes of the JSON last asked for: every subscriber of a result asks in turn, so it is encoded once. */
let lastJson: string | null = null;
let lastBytes: Buffer = Buffer.alloc(0);

export function sharedBytes(json: string): Buffer {
  if (json !== lastJson) {
    lastBytes = Buffer.from(json);
    lastJson = json;
  }
  return lastBytes;
}
