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
  const hsts = strictTransportSecurity({ maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true });
  // helmet's middlewares are synchronous; a failure (none is expected) surfaces as an exception.
  const rethrow = (error?: unknown) => {
    if (error) throw error;
  };
  return (req, res, secure) => {
    headers(req, res, rethrow);
    if (secure) hsts(req, res, rethrow);
  };
}
