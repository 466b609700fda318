/**
 * Input rules both apps apply: the server refuses what breaks them (class-validator in its
 * inputs), the web app says so before sending.
 */

/** Longest title of a deal or a deal registration. */
export const TITLE_MAX = 200;
/** Longest title of a commitment. */
export const COMMITMENT_TITLE_MAX = 500;
/** A title has something other than white space; it is stored trimmed. */
export const NOT_BLANK = /\S/;

/** Why `title` cannot be a title of at most `max` characters, or null when it can. */
export function titleProblem(title: string, max = TITLE_MAX): string | null {
  if (title.length < 1 || title.length > max) return `must be 1 to ${max} characters`;
  if (!NOT_BLANK.test(title)) return "must not be empty";
  return null;
}

/**
 * A customer's web domain as people paste it: `acme.example`, `WWW.Acme.example` or a web address
 * `https://Acme.example/`. The scheme and a trailing slash or dot are dropped and case is folded,
 * so `domain` is stored as `acme.example`; anything more (a path, a port, credentials) is refused.
 */
export function cleanDomain(raw: string): string {
  return raw
    .trim()
    .replace(/^https?:\/\//i, "")
    .replace(/\/$/, "")
    .replace(/\.$/, "")
    .toLowerCase();
}

/** The key two accounts conflict on: `https://WWW.Example.com/` → `example.com`, without `www.`. */
export function normalizeDomain(domain: string): string {
  return cleanDomain(domain).replace(/^www\./, "");
}

/** Limits of DNS names (RFC 1035): 253 characters in all, 63 per label. */
export const DOMAIN_MAX = 253;
export const DOMAIN_LABEL_MAX = 63;

const DOMAIN_EXAMPLE = "must be a domain such as example.com";

/** Why `raw` is not a domain, or null when it is one. */
export function domainProblem(raw: string): string | null {
  const host = cleanDomain(raw);
  if (host.length > DOMAIN_MAX) return `must be at most ${DOMAIN_MAX} characters`;
  const labels = host.split(".");
  if (labels.length < 2) return DOMAIN_EXAMPLE;
  for (const label of labels) {
    if (!/^[a-z0-9-]+$/.test(label)) return DOMAIN_EXAMPLE;
    if (label.length > DOMAIN_LABEL_MAX) return `must have at most ${DOMAIN_LABEL_MAX} characters between dots`;
    if (label.startsWith("-") || label.endsWith("-")) return "must not have a part that starts or ends with -";
  }
  // Top-level domains are letters, or punycode (xn--…) for international ones.
  if (!/^(?:[a-z]{2,}|xn--[a-z0-9-]+)$/.test(labels[labels.length - 1]!)) return DOMAIN_EXAMPLE;
  return null;
}

/**
 * Close dates are calendar days (YYYY-MM-DD) from 1970-01-01 to 9999-12-31: wide enough for any
 * deal, and inside what PostgreSQL's `date` and JavaScript's Date both hold (year 0 is neither).
 */
export const CLOSE_DATE_MIN = "1970-01-01";
export const CLOSE_DATE_MAX = "9999-12-31";

/** Why `value` is not a close date, or null when it is one. */
export function closeDateProblem(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return "must be a date as YYYY-MM-DD";
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return "is not a real date";
  if (value < CLOSE_DATE_MIN || value > CLOSE_DATE_MAX) return `must be from ${CLOSE_DATE_MIN} to ${CLOSE_DATE_MAX}`;
  return null;
}

/**
 * Who closes a deal (moves it to CLOSED_WON or CLOSED_LOST): its own organization only, never a
 * partner, whatever their access to the room. The server enforces it; the web app offers the
 * closed stages only to those who may.
 */
export function mayDecideOutcome(viewer: { readonly organizationId: string }, opportunity: { readonly organizationId: string }): boolean {
  return viewer.organizationId === opportunity.organizationId;
}

/**
 * Who hands a deal to another owner rep: the owner rep themself, or a manager or admin of the
 * opportunity's own organization (or that organization's API token with WRITE scope). Partners
 * never do: the owner is the opportunity's organization's answer to "who runs this deal". The
 * server enforces it; the web app uses it to show the owner control only to those who may.
 */
export function mayChangeOwner(
  viewer: {
    readonly organizationId: string;
    /** Null for an API token. */
    readonly userId: string | null;
    readonly isManager: boolean;
  },
  opportunity: { readonly organizationId: string; readonly ownerId: string },
): boolean {
  if (viewer.organizationId !== opportunity.organizationId) return false;
  return viewer.userId === null || viewer.isManager || viewer.userId === opportunity.ownerId;
}

/** People one entry may mention (`LogActivityInput.mentions`). */
export const MENTIONS_MAX = 20;

/** Longest message of a co-sell request, and longest reason to decline one. */
export const COSELL_MESSAGE_MAX = 2000;

/** Shortest password a person may choose (invitation, change, reset); the demo password has 11. */
export const PASSWORD_MIN = 10;
/** Longest password: argon2 takes any length, this only bounds the work one request asks for. */
export const PASSWORD_MAX = 200;

/** Why `password` cannot be a new password, or null when it can. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  if (!NOT_BLANK.test(password)) return "must not be only spaces";
  return null;
}

/** Longest name of a person or an organization. */
export const NAME_MAX = 200;
