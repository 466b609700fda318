import type { DealStage, OrgRole } from "./gql/graphql";

const stageLabels: Readonly<Record<DealStage, string>> = {
  PROSPECTING: "Prospecting",
  QUALIFICATION: "Qualification",
  PROPOSAL: "Proposal",
  NEGOTIATION: "Negotiation",
  CLOSED_WON: "Closed won",
  CLOSED_LOST: "Closed lost",
};

export function stageLabel(stage: DealStage): string {
  return stageLabels[stage];
}

const roleLabels: Readonly<Record<OrgRole, string>> = {
  REP: "Rep",
  MANAGER: "Manager",
  ADMIN: "Admin",
};

export function roleLabel(role: OrgRole): string {
  return roleLabels[role];
}

/**
 * An amount as the API sends it (a decimal string and an ISO 4217 code) in the reader's locale,
 * e.g. { amount: "12500.00", currency: "USD" } → "$12,500.00" in en-US.
 */
export function formatMoney(money: { readonly amount: string; readonly currency: string }, locale?: string): string {
  const value = Number(money.amount);
  if (!Number.isFinite(value)) return `${money.amount} ${money.currency}`;
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency: money.currency }).format(value);
  } catch {
    // A currency code Intl does not accept: show it as sent rather than fail the whole row.
    return `${money.amount} ${money.currency}`;
  }
}
