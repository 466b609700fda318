import helmet, { strictTransportSecurity } from "helmet";
import type { IncomingMessage, ServerResponse } from "node:http";

/** A Host header worth echoing into the policy: a name or bracketed IPv6 address, with an optional port. */
const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** HSTS once served over TLS: a year, subdomains included. */
export const HSTS_MAX_AGE_SECONDS = 31_536_000;

/**
 * The same origin's WebSocket form for `connect-src` (the web app subscribes at ws(s)://<host>/graphql).
 * Both schemes: behind a TLS-terminating proxy `req.secure` is only known when the proxy is trusted,
 * and a browser blocks ws: from an https page anyway. A forged or odd Host adds nothing.
 */
function socketOrigins(req: IncomingMessage): string {
  const host = req.headers.host;
  return host && HOST.test(host) ? `ws://${host} wss://${host}` : "";
}

/**
 * Browser security headers on every response, pages and API alike (helmet):
 * - Content-Security-Policy: everything from this origin only, no inline script or style (the
 *   built web app has none), images also as data: URLs (the favicon), sockets to the same origin,
 *   no plugins, no <base>, and no framing by any site.
 * - X-Frame-Options DENY (older browsers' frame-ancestors), X-Content-Type-Options nosniff,
 *   Referrer-Policy no-referrer, and helmet's other defaults (cross-origin opener and resource
 *   policies, no DNS prefetch).
 * - Strict-Transport-Security only on requests that came over TLS (`secure`, which honours
 *   X-Forwarded-Proto when the proxy is trusted): over plain http it would be ignored at best.
 *
 * Returns a function that sets them on a response before anything is written.
 */
export function securityHeaders(): (req: IncomingMessage, res: ServerResponse, secure: boolean) => void {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'", (req) => socketOrigins(req)],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
      },
    },
    xFrameOptions: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
    strictTransportSecurity: false,
  });
  const hsts = recorded(strictTransportSecurity({ maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true }), null);
  // helmet builds the same headers for every request, but for connect-src, which follows the Host
  // header: they are built once per host and then set from the list (helmet's middleware chain and
  // the policy's string, per request, were a few percent of a small API request's CPU, bench/). A
  // bounded number of hosts is kept, so made-up Host headers cannot grow the cache.
  const byHost = new Map<string, readonly HeaderStep[]>();
  const forHost = (req: IncomingMessage): readonly HeaderStep[] => {
    const host = req.headers.host ?? "";
    let steps = byHost.get(host);
    if (!steps) {
      steps = recorded(headers, req);
      if (byHost.size < KNOWN_HOSTS) byHost.set(host, steps);
    }
    return steps;
  };
  return (req, res, secure) => {
    apply(forHost(req), res);
    if (secure) apply(hsts, res);
  };
}

/** Hosts whose headers are kept; requests for others get theirs built each time. */
const KNOWN_HOSTS = 64;

/** A header a middleware sets (a value), or removes (null). */
type HeaderStep = readonly [name: string, value: string | null];

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * What `middleware` does to a response's headers for `req`, as a list. helmet's middlewares are
 * synchronous and only set and remove headers; a failure (none is expected) surfaces as an exception.
 */
function recorded(middleware: Middleware, req: IncomingMessage | null): readonly HeaderStep[] {
  const steps: HeaderStep[] = [];
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => void steps.push([name, String(value)]),
    removeHeader: (name: string) => void steps.push([name, null]),
  };
  middleware((req ?? { headers: {} }) as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return steps;
}

function apply(steps: readonly HeaderStep[], res: ServerResponse): void {
  for (const [name, value] of steps) {
    if (value === null) res.removeHeader(name);
    else res.setHeader(name, value);
  }
}
