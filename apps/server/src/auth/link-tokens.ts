import { randomSecret, secretDigest } from "./secrets.js";

/**
 * The secret of a single-use link (an invitation, a password reset), carried as `?token=` in the
 * link: a random secret, stored only as its digest, as API tokens are (secrets.ts).
 */
export function generateLinkToken(): string {
  return randomSecret();
}

export function hashLinkToken(token: string): string {
  return secretDigest(token);
}

/** The web app's page for a link: `https://cosell.example.com/invite?token=…`. */
export function linkUrl(publicUrl: string, path: string, token: string): string {
  const url = new URL(path, `${publicUrl}/`);
  url.searchParams.set("token", token);
  return url.toString();
}
