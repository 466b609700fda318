import { SignJWT, jwtVerify } from "jose";
import type { OrgRole } from "@cosell/schema";
import type { Viewer } from "./viewer.js";

const ISSUER = "cosell";
const LIFETIME = "12h";

export interface SessionTokens {
  issue(user: { id: string; organizationId: string; role: OrgRole }): Promise<string>;
  /** The viewer for a valid token, or null when it is invalid or expired. */
  verify(token: string): Promise<Viewer | null>;
}

/** How many verified session tokens are remembered (one per signed-in session is plenty). */
const VERIFIED_CACHE_SIZE = 10_000;

export function sessionTokens(secret: string): SessionTokens {
  const key = new TextEncoder().encode(secret);
  // Session tokens are stateless: the same string verifies the same way until it expires, so a
  // verified token is remembered with its expiry instead of checking its signature on every request.
  const verified = new Map<string, { viewer: Viewer; expiresAtMs: number }>();
  const remember = (token: string, viewer: Viewer, expiresAtSeconds: number | undefined) => {
    if (expiresAtSeconds === undefined) return;
    if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!);
    verified.set(token, { viewer, expiresAtMs: expiresAtSeconds * 1000 });
  };
  return {
    issue: (user) =>
      new SignJWT({ org: user.organizationId, role: user.role })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(user.id)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(LIFETIME)
        .sign(key),
    async verify(token) {
      const known = verified.get(token);
      if (known) {
        if (Date.now() < known.expiresAtMs) return known.viewer;
        verified.delete(token);
      }
      try {
        const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ["HS256"] });
        if (typeof payload.sub !== "string" || typeof payload.org !== "string" || typeof payload.role !== "string") return null;
        const viewer: Viewer = { kind: "user", userId: payload.sub, organizationId: payload.org, role: payload.role as OrgRole };
        remember(token, viewer, payload.exp);
        return viewer;
      } catch {
        return null;
      }
    },
  };
}
