import type { CookieOptions } from "../http/exchange.js";

/**
 * The web app's session rides in a cookie no script can read: `HttpOnly`, `SameSite=Strict`,
 * `Path=/`, and `Secure` when the request came over TLS. Partner systems keep bearer tokens.
 */
export const SESSION_COOKIE = "cosell_session";

/** The session cookie's value in a `Cookie` header, or null. */
export function readSessionCookie(header: string | undefined): string | null {
  if (!header) return null;
  for (const pair of header.split(";")) {
    const eq = pair.indexOf("=");
    if (eq > 0 && pair.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = pair.slice(eq + 1).trim();
      return value === "" ? null : value;
    }
  }
  return null;
}

/** Attributes of the session cookie; `expires` with the session (omitted when clearing it). */
export function sessionCookieOptions(secure: boolean, expires?: Date): CookieOptions {
  return { httpOnly: true, secure, sameSite: "strict", path: "/", ...(expires ? { expires } : {}) };
}

/**
 * Whether a request that carries the session cookie may use it: cookies are sent whatever page
 * asks, so a request from another site (cross-site WebSocket hijacking, CSRF) is told apart by its
 * `Origin`. Allowed: the server's own origin (the `Host` the browser addressed) and the configured
 * web origins (`WEB_ORIGINS`, e.g. the Vite dev server). No `Origin` at all is not a browser's
 * cross-site request; an unparsable one (`null`) is refused.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, webOrigins: readonly string[]): boolean {
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (host !== undefined && parsed.host === host.toLowerCase()) return true;
  return webOrigins.includes(parsed.origin);
}
