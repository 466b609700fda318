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

export function sessionTokens(secret: string): SessionTokens {
  const key = new TextEncoder().encode(secret);
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
      try {
        const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ["HS256"] });
        if (typeof payload.sub !== "string" || typeof payload.org !== "string" || typeof payload.role !== "string") return null;
        return { kind: "user", userId: payload.sub, organizationId: payload.org, role: payload.role as OrgRole };
      } catch {
        return null;
      }
    },
  };
}
