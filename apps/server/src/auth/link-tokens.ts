import { createHash, randomBytes } from "node:crypto";

/**
 * The secret of a single-use link (an invitation, a password reset): 256 random bits in base64url,
 * carried as `?token=` in the link. Only its SHA-256 is stored, as for API tokens: with full
 * entropy there is nothing to guess from the digest, and a copy of the database opens nothing.
 */
export function generateLinkToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The web app's page for a link: `https://cosell.example.com/invite?token=…`. */
export function linkUrl(publicUrl: string, path: string, token: string): string {
  const url = new URL(path, `${publicUrl}/`);
  url.searchParams.set("token", token);
  return url.toString();
}
