import { SignJWT, jwtVerify } from "jose";

const ISSUER = "cosell";

/**
 * What a session token says, and all it is trusted for: which session it belongs to (`sid`), whose
 * it is (`sub`) and until when it may be presented (`exp`). Organization, role and whether the
 * session still stands come from the database on every request (`SessionService`).
 */
export interface SessionClaims {
  readonly userId: string;
  readonly sessionId: string;
  readonly expiresAtMs: number;
}

export interface SessionTokens {
  issue(session: { userId: string; sessionId: string; expiresAt: Date }): Promise<string>;
  /** The claims of a token this server signed that has not expired, or null. */
  verify(token: string): Promise<SessionClaims | null>;
}

/** How many verified session tokens are remembered (one per signed-in session is plenty). */
const VERIFIED_CACHE_SIZE = 10_000;

export function sessionTokens(secret: string): SessionTokens {
  const key = new TextEncoder().encode(secret);
  // A signature checks out the same way until the token expires, so a verified token is remembered
  // with its expiry instead of checking its signature on every request. Whether its session still
  // stands is asked of the session store every time.
  const verified = new Map<string, SessionClaims>();
  const remember = (token: string, claims: SessionClaims) => {
    if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!);
    verified.set(token, claims);
  };
  return {
    issue: ({ userId, sessionId, expiresAt }) =>
      new SignJWT({ sid: sessionId })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(userId)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(key),
    async verify(token) {
      const known = verified.get(token);
      if (known) {
        if (Date.now() < known.expiresAtMs) return known;
        verified.delete(token);
      }
      try {
        const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ["HS256"] });
        // Tokens from before sessions were kept (no `sid`) are refused: their bearers sign in again.
        if (typeof payload.sub !== "string" || typeof payload.sid !== "string" || typeof payload.exp !== "number") return null;
        const claims: SessionClaims = { userId: payload.sub, sessionId: payload.sid, expiresAtMs: payload.exp * 1000 };
        remember(token, claims);
        return claims;
      } catch {
        return null;
      }
    },
  };
}
