/** Rules of deal registrations that the server enforces and the web app says before sending. */

/** Largest file attached to a deal registration, in bytes (5 MiB); larger uploads answer 413. */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

/** What a registration's attachment may be, as detected from its bytes (never from its name). */
export const ATTACHMENT_TYPES: readonly string[] = ["application/pdf", "image/png", "image/jpeg", "image/webp", "image/gif"];

/** A file input's `accept` for those types (a hint to the picker only; the server reads the content). */
export const ATTACHMENT_ACCEPT = [".pdf", ".png", ".jpg", ".jpeg", ".webp", ".gif", ...ATTACHMENT_TYPES].join(",");

/** Days an approved registration protects the partner's claim: at least a day, at most ten years; 90 by default. */
export const PROTECTION_DAYS_MIN = 1;
export const PROTECTION_DAYS_MAX = 3650;
export const PROTECTION_DAYS_DEFAULT = 90;

/** Why `days` cannot be a protection window, or null when it can. */
export function protectionDaysProblem(days: number): string | null {
  if (!Number.isInteger(days)) return "must be a whole number of days";
  if (days < PROTECTION_DAYS_MIN || days > PROTECTION_DAYS_MAX) return `must be ${PROTECTION_DAYS_MIN} to ${PROTECTION_DAYS_MAX} days`;
  return null;
}
