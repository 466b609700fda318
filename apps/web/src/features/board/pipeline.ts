import type { DealStage } from "../../gql/graphql";

/** The stages in the order a deal moves through them: the board's columns, left to right. */
export const STAGES: readonly DealStage[] = [
  "PROSPECTING",
  "QUALIFICATION",
  "PROPOSAL",
  "NEGOTIATION",
  "CLOSED_WON",
  "CLOSED_LOST",
];

/** A deal leaves the pipeline at CLOSED_WON or CLOSED_LOST; only its own organization moves it there. */
export const isClosedStage = (stage: DealStage): boolean => stage === "CLOSED_WON" || stage === "CLOSED_LOST";

export function isDealStage(value: string): value is DealStage {
  return (STAGES as readonly string[]).includes(value);
}

export interface MoneyLike {
  readonly amount: string;
  readonly currency: string;
}

/**
 * Adds amounts per currency, exactly: the API sends decimal strings, so they are summed as
 * integers of their smallest unit rather than as floating-point numbers. Currencies come out
 * in the order they first appear.
 */
export function totalsByCurrency(amounts: readonly MoneyLike[]): MoneyLike[] {
  const sums = new Map<string, { units: bigint; scale: number }>();
  for (const { amount, currency } of amounts) {
    const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
    if (!match) continue;
    const [, sign = "", whole = "0", fraction = ""] = match;
    const sum = sums.get(currency) ?? { units: 0n, scale: 0 };
    const scale = Math.max(sum.scale, fraction.length);
    const rescaled = sum.units * 10n ** BigInt(scale - sum.scale);
    const units = BigInt(`${sign}${whole}${fraction.padEnd(scale, "0")}`);
    sums.set(currency, { units: rescaled + units, scale });
  }
  return [...sums].map(([currency, { units, scale }]) => ({ currency, amount: toDecimal(units, scale) }));
}

function toDecimal(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

export interface OrganizationRef {
  readonly id: string;
  readonly name: string;
}

/**
 * The partner organizations working a deal: the organizations of its room members other than the
 * owner organization, each once, by name.
 */
export function partnerOrganizations(deal: {
  readonly organization: { readonly id: string };
  readonly members: readonly { readonly user: { readonly organization: OrganizationRef } }[];
}): OrganizationRef[] {
  const partners = new Map<string, OrganizationRef>();
  for (const { user } of deal.members) {
    const { id, name } = user.organization;
    if (id !== deal.organization.id) partners.set(id, { id, name });
  }
  return [...partners.values()].sort((a, b) => a.name.localeCompare(b.name));
}
