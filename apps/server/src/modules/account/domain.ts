import { ValidateString } from "../../validation.js";

/**
 * A customer's web domain as people paste it: `acme.example`, `WWW.Acme.example` or a web address
 * `https://Acme.example/`. The scheme and a trailing slash or dot are dropped and case is folded,
 * so `domain` is stored as `acme.example`; anything more (a path, a port, credentials) is refused.
 * Both createAccount and registerDeal take domains this way (docs/PARTNERING.md).
 */
export function cleanDomain(raw: string): string {
  return raw
    .trim()
    .replace(/^https?:\/\//i, "")
    .replace(/\/$/, "")
    .replace(/\.$/, "")
    .toLowerCase();
}

/** Limits of DNS names (RFC 1035): 253 characters in all, 63 per label. */
export const DOMAIN_MAX = 253;
export const DOMAIN_LABEL_MAX = 63;

const EXAMPLE = "must be a domain such as example.com";

/** Why `raw` is not a domain, or null when it is one. */
export function domainProblem(raw: string): string | null {
  const host = cleanDomain(raw);
  if (host.length > DOMAIN_MAX) return `must be at most ${DOMAIN_MAX} characters`;
  const labels = host.split(".");
  if (labels.length < 2) return EXAMPLE;
  for (const label of labels) {
    if (!/^[a-z0-9-]+$/.test(label)) return EXAMPLE;
    if (label.length > DOMAIN_LABEL_MAX) return `must have at most ${DOMAIN_LABEL_MAX} characters between dots`;
    if (label.startsWith("-") || label.endsWith("-")) return "must not have a part that starts or ends with -";
  }
  // Top-level domains are letters, or punycode (xn--…) for international ones.
  if (!/^(?:[a-z]{2,}|xn--[a-z0-9-]+)$/.test(labels[labels.length - 1]!)) return EXAMPLE;
  return null;
}

/** class-validator rule: a domain as `domainProblem` sees it, with its reason as the message. */
export const IsDomain = (): PropertyDecorator => ValidateString("isDomain", domainProblem);
