import { randomSecret, secretDigest } from "./secrets.js";

/**
 * API token secrets: `csl_` and a random secret (secrets.ts: 256 bits, only its SHA-256 stored).
 * The prefix makes a leaked token easy to recognise (secret scanners, logs).
 */
export const API_TOKEN_PREFIX = "csl_";

export function generateApiTokenSecret(): string {
  return API_TOKEN_PREFIX + randomSecret();
}

export function hashApiTokenSecret(secret: string): string {
  return secretDigest(secret);
}

export const looksLikeApiToken = (bearer: string): boolean => bearer.startsWith(API_TOKEN_PREFIX);

/** What a list may show of a secret: its prefix and last four characters. */
export const apiTokenHint = (secret: string): string => `${API_TOKEN_PREFIX}…${secret.slice(-4)}`;
