import { createHash, randomBytes } from "node:crypto";

/**
 * API token secrets: `csl_` and 43 characters of base64url (256 random bits). The prefix makes a
 * leaked token easy to recognise (secret scanners, logs); only its SHA-256 is stored. A plain hash
 * is enough here: the secret has full entropy, so there is nothing to guess from the digest.
 */
export const API_TOKEN_PREFIX = "csl_";

export function generateApiTokenSecret(): string {
  return API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function hashApiTokenSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export const looksLikeApiToken = (bearer: string): boolean => bearer.startsWith(API_TOKEN_PREFIX);

/** What a list may show of a secret: its prefix and last four characters. */
export const apiTokenHint = (secret: string): string => `${API_TOKEN_PREFIX}…${secret.slice(-4)}`;
