import type { IncomingMessage, ServerResponse } from "node:http";
import type { HTTPGraphQLResponse } from "@apollo/server";
import type { TLSSocket } from "node:tls";
import { clientAddress } from "../limits/index.js";
import type { TrustFunction } from "../limits/index.js";

/**
 * The little of a web framework cosell's HTTP path needs, on plain `node:http`: JSON answers, a
 * bounded body, cookies, and the client's address and scheme as `TRUST_PROXY` says (the same rules
 * Express applies for `req.ip` and `req.secure`).
 */

/** One request as the routes see it: the raw exchange, its parsed URL and what the proxy rules tell. */
export interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  /** The client's address: the peer, or the nearest `X-Forwarded-For` entry a trusted proxy added. */
  readonly clientAddress: string | null;
  /** Whether the request came over TLS: the socket's own, or a trusted proxy's `X-Forwarded-Proto`. */
  readonly secure: boolean;
}

export function exchangeOf(req: IncomingMessage, res: ServerResponse, trust: TrustFunction): Exchange {
  return new RequestExchange(req, res, trust);
}

/**
 * The two answers are worked out on first read. A class, not an object literal with getters: each
 * literal's getters are new closures over its request, and V8 allocates a getter's accessor pair in
 * old space, so every request left an old-space object holding the request. Each scavenge then kept
 * the request's whole graph alive and promoted it, to die only in the next full collection
 * (bench/FINDINGS.md, seventh and eighth passes: 14 MB promoted per scavenge under load, against
 * none without it).
 */
class RequestExchange implements Exchange {
  readonly url: URL;
  #address: string | null | undefined;
  #secure: boolean | undefined;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    private readonly trust: TrustFunction,
  ) {
    // The path as sent; the host only serves URL's parser (never trusted for anything).
    this.url = new URL(req.url ?? "/", "http://localhost");
  }

  get clientAddress(): string | null {
    if (this.#address === undefined) this.#address = clientAddress(this.req, this.trust);
    return this.#address;
  }

  get secure(): boolean {
    this.#secure ??= isSecure(this.req, this.trust);
    return this.#secure;
  }
}

/** Express's `req.protocol === "https"`: the socket's TLS, else a trusted proxy's first `X-Forwarded-Proto`. */
function isSecure(req: IncomingMessage, trust: TrustFunction): boolean {
  if ((req.socket as Partial<TLSSocket>).encrypted) return true;
  if (!trust(req.socket.remoteAddress ?? "", 0)) return false;
  const header = req.headers["x-forwarded-proto"];
  const first = (Array.isArray(header) ? header[0] : header)?.split(",")[0]?.trim();
  return first === "https";
}

/** Writes a JSON answer (unless one has started already). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** The API's error shape for answers outside GraphQL. */
export const errorBody = (message: string, code: string) => ({ errors: [{ message, extensions: { code } }] });

/** Why a body was refused: too large (413) or not what it claims to be (400). */
export class BodyError extends Error {
  constructor(readonly status: 400 | 413) {
    super(status === 413 ? "body too large" : "malformed body");
  }
}

/**
 * The request's body, at most `limit` bytes: a larger one (by `Content-Length` or as it arrives)
 * is refused with `BodyError(413)` without buffering the rest.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(new BodyError(413));
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.off("data", onData);
        // Drained, not kept: the answer goes out now and the rest is discarded as it arrives.
        req.resume();
        reject(new BodyError(413));
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once("error", reject);
  });
}

/** The media type of a `Content-Type` header, lower-cased and without parameters. */
export function mediaTypeOf(header: string | undefined): string {
  return (header ?? "").split(";")[0]!.trim().toLowerCase();
}

export interface CookieOptions {
  readonly httpOnly: boolean;
  readonly secure: boolean;
  readonly sameSite: "strict" | "lax";
  readonly path: string;
  readonly expires?: Date;
}

/** A `Set-Cookie` value in the form Express writes (`name=value; Path=/; Expires=…; HttpOnly; Secure; SameSite=Strict`). */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  let cookie = `${name}=${encodeURIComponent(value)}; Path=${options.path}`;
  if (options.expires) cookie += `; Expires=${options.expires.toUTCString()}`;
  if (options.httpOnly) cookie += "; HttpOnly";
  if (options.secure) cookie += "; Secure";
  cookie += options.sameSite === "strict" ? "; SameSite=Strict" : "; SameSite=Lax";
  return cookie;
}

/** Adds a `Set-Cookie` header beside any already set. */
export function appendCookie(res: ServerResponse, cookie: string): void {
  const existing = res.getHeader("set-cookie");
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  res.setHeader("set-cookie", [...list, cookie]);
}

/** Writes Apollo Server's answer (`executeHTTPGraphQLRequest`) to `res`: head, then the body whole or as it streams. */
export async function sendGraphQLResponse(res: ServerResponse, response: HTTPGraphQLResponse): Promise<void> {
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === "complete") {
    res.setHeader("content-length", Buffer.byteLength(response.body.string));
    res.end(response.body.string);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}
