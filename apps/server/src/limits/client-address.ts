import type { IncomingMessage } from "node:http";
import proxyAddr from "proxy-addr";
import type { TrustProxy } from "../config.js";

/** Whether the hop at `address`, `hop` steps in front of the server, may speak for the client. */
export type TrustFunction = (address: string, hop: number) => boolean;

/**
 * `TRUST_PROXY` as a function of (address, hop), in the forms of Express's `trust proxy` setting.
 * The HTTP path (`src/http/exchange.ts`) and the WebSocket path (`clientAddress`) both apply it, so
 * both see one address.
 */
export function trustFunction(trust: TrustProxy): TrustFunction {
  if (trust === false) return () => false;
  if (typeof trust === "number") return (_address, hop) => hop < trust;
  return proxyAddr.compile([...trust]);
}

/**
 * The caller's address: the socket's peer, or the nearest `X-Forwarded-For` entry that a trusted
 * proxy added. Used for the upgrade request of a WebSocket.
 */
export function clientAddress(request: IncomingMessage, trust: TrustFunction): string | null {
  if (!request.socket.remoteAddress) return null;
  return proxyAddr(request, trust);
}
