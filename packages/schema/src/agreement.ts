/**
 * A partnership's agreement, point by point (the working agreement of the partnering process):
 * what both apps need to agree on. The server refuses terms that break these rules; the web app
 * says so before sending. The code of conduct itself is data (the `code_of_conduct` table, one row
 * per published version), not code.
 */

/** How the two firms work together. */
export const PartnershipRelationship = {
  /** The partner passes a lead on; the vendor works the deal. */
  REFERRAL: "REFERRAL",
  /** Both firms work the deal together in a shared room. */
  CO_SELL: "CO_SELL",
  /** The partner buys and resells the vendor's offer. */
  RESELL: "RESELL",
} as const;
export type PartnershipRelationship = (typeof PartnershipRelationship)[keyof typeof PartnershipRelationship];

export const RELATIONSHIP_LABELS: Readonly<Record<PartnershipRelationship, string>> = {
  REFERRAL: "Referral",
  CO_SELL: "Co-sell",
  RESELL: "Resell",
};

/**
 * Where a revision of the terms stands. PENDING: awaiting both signatures (a proposal, or an
 * amendment of signed terms); IN_FORCE: signed by both, the agreement now; SUPERSEDED: was in
 * force until a later revision took effect; REPLACED: edited (or amended again) before both signed.
 */
export const PartnershipTermsStatus = {
  PENDING: "PENDING",
  IN_FORCE: "IN_FORCE",
  SUPERSEDED: "SUPERSEDED",
  REPLACED: "REPLACED",
} as const;
export type PartnershipTermsStatus = (typeof PartnershipTermsStatus)[keyof typeof PartnershipTermsStatus];

/** Longest text of one point of the agreement. */
export const AGREEMENT_TEXT_MAX = 2000;

/** The agreement's points as a client sends them (`PartnershipTermsInput`). */
export interface AgreementTermsDraft {
  readonly scope: { readonly accounts: string; readonly regions: string; readonly products: string };
  readonly relationship: PartnershipRelationship | null;
  readonly logistics: { readonly meetingsLedBy: string; readonly leadSharing: string };
  readonly knownProblems: string;
  readonly disputeResolution: string;
  readonly defaultCreditSplitBp: number;
  readonly startsOn: string;
  readonly endsOn: string;
}

/** Each point's field path in the input and what it means, in the order the agreement reads. */
export const AGREEMENT_POINTS = [
  { field: "scope.accounts", label: "Accounts covered" },
  { field: "scope.regions", label: "Regions covered" },
  { field: "scope.products", label: "Products covered" },
  { field: "relationship", label: "Relationship" },
  { field: "logistics.meetingsLedBy", label: "Who leads customer meetings" },
  { field: "logistics.leadSharing", label: "How leads are shared" },
  { field: "knownProblems", label: "Known problems" },
  { field: "disputeResolution", label: "How problems and disputes are settled" },
  { field: "defaultCreditSplitBp", label: "Default credit share of the firm not owning a deal" },
  { field: "startsOn", label: "Starts on" },
  { field: "endsOn", label: "Ends on" },
] as const;
export type AgreementField = (typeof AGREEMENT_POINTS)[number]["field"];

/** Why `value` cannot be one point of the agreement, or null when it can. */
export function agreementTextProblem(value: string): string | null {
  if (!/\S/.test(value)) return "is required";
  if (value.length > AGREEMENT_TEXT_MAX) return `must be at most ${AGREEMENT_TEXT_MAX} characters`;
  return null;
}

/** Why `value` cannot be a start or end date of the agreement, or null when it can. */
export function agreementDateProblem(value: string): string | null {
  if (!/\S/.test(value)) return "is required";
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return "must be a date as YYYY-MM-DD";
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return "is not a real date";
  if (value < "2000-01-01" || value > "9999-12-31") return "must be from 2000-01-01 to 9999-12-31";
  return null;
}

/** Why `bp` cannot be the default credit share, or null when it can. */
export function creditSplitProblem(bp: number): string | null {
  return Number.isInteger(bp) && bp >= 0 && bp <= 10000 ? null : "must be from 0 to 10000 basis points";
}

/**
 * Every problem of a draft, by field path (`scope.accounts`, `endsOn`…), in the agreement's order;
 * empty when it can be proposed. The term must end after it starts.
 */
export function agreementProblems(terms: AgreementTermsDraft): { field: AgreementField; message: string }[] {
  const problems: { field: AgreementField; message: string }[] = [];
  const text = (field: AgreementField, value: string) => {
    const problem = agreementTextProblem(value);
    if (problem) problems.push({ field, message: problem });
  };
  text("scope.accounts", terms.scope.accounts);
  text("scope.regions", terms.scope.regions);
  text("scope.products", terms.scope.products);
  if (!terms.relationship) problems.push({ field: "relationship", message: "is required" });
  text("logistics.meetingsLedBy", terms.logistics.meetingsLedBy);
  text("logistics.leadSharing", terms.logistics.leadSharing);
  text("knownProblems", terms.knownProblems);
  text("disputeResolution", terms.disputeResolution);
  const split = creditSplitProblem(terms.defaultCreditSplitBp);
  if (split) problems.push({ field: "defaultCreditSplitBp", message: split });
  const starts = agreementDateProblem(terms.startsOn);
  if (starts) problems.push({ field: "startsOn", message: starts });
  const ends = agreementDateProblem(terms.endsOn);
  if (ends) problems.push({ field: "endsOn", message: ends });
  else if (!starts && terms.endsOn <= terms.startsOn) problems.push({ field: "endsOn", message: "must be after startsOn" });
  return problems;
}
