import { createHash, randomBytes } from "node:crypto";

/**
 * Bearer secrets cosell hands out (API tokens, single-use links): 256 random bits in base64url,
 * stored only as their SHA-256. A plain hash is enough: a secret of full entropy leaves nothing to
 * guess from the digest, and a copy of the database opens nothing.
 */
export function randomSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** The stored form of a secret: its SHA-256, in hex. */
export function secretDigest(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}
