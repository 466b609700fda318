import { AGREEMENT_POINTS, RELATIONSHIP_LABELS, agreementProblems, basisPointsFromPercent, formatBasisPoints } from "@cosell/schema";
import type { AgreementField, PartnershipRelationship } from "@cosell/schema";
import type { PartnershipTermsInput } from "../../gql/graphql";

/** The agreement form's fields as typed: the share as a percent, the relationship unchosen at first. */
export interface AgreementDraft {
  readonly accounts: string;
  readonly regions: string;
  readonly products: string;
  readonly relationship: PartnershipRelationship | "";
  readonly meetingsLedBy: string;
  readonly leadSharing: string;
  readonly knownProblems: string;
  readonly disputeResolution: string;
  /** The default credit share in percent, e.g. "20" or "12.5". */
  readonly share: string;
  readonly startsOn: string;
  readonly endsOn: string;
}

/** The points of a revision as the API gives them (`PartnershipTerms`). */
export interface AgreementTermsLike {
  readonly scope: { readonly accounts: string; readonly regions: string; readonly products: string };
  readonly relationship: PartnershipRelationship;
  readonly logistics: { readonly meetingsLedBy: string; readonly leadSharing: string };
  readonly knownProblems: string;
  readonly disputeResolution: string;
  readonly defaultCreditSplitBp: number;
  readonly startsOn: string;
  readonly endsOn: string | null;
}

export const EMPTY_DRAFT: AgreementDraft = {
  accounts: "",
  regions: "",
  products: "",
  relationship: "",
  meetingsLedBy: "",
  leadSharing: "",
  knownProblems: "",
  disputeResolution: "",
  share: "",
  startsOn: "",
  endsOn: "",
};

/** A draft holding the points of `terms`, to amend them. */
export function draftFrom(terms: AgreementTermsLike): AgreementDraft {
  return {
    accounts: terms.scope.accounts,
    regions: terms.scope.regions,
    products: terms.scope.products,
    relationship: terms.relationship,
    meetingsLedBy: terms.logistics.meetingsLedBy,
    leadSharing: terms.logistics.leadSharing,
    knownProblems: terms.knownProblems,
    disputeResolution: terms.disputeResolution,
    share: String(terms.defaultCreditSplitBp / 100),
    startsOn: terms.startsOn,
    endsOn: terms.endsOn ?? "",
  };
}

/** The draft as `PartnershipTermsInput` (what the server checks again). */
export function termsInput(draft: AgreementDraft): PartnershipTermsInput {
  return {
    scope: { accounts: draft.accounts.trim(), regions: draft.regions.trim(), products: draft.products.trim() },
    relationship: (draft.relationship || "CO_SELL") as PartnershipTermsInput["relationship"],
    logistics: { meetingsLedBy: draft.meetingsLedBy.trim(), leadSharing: draft.leadSharing.trim() },
    knownProblems: draft.knownProblems.trim(),
    disputeResolution: draft.disputeResolution.trim(),
    defaultCreditSplitBp: basisPointsFromPercent(draft.share),
    startsOn: draft.startsOn.trim(),
    endsOn: draft.endsOn.trim(),
  };
}

/** What is wrong with each field of the draft, by the rules the server applies (`agreementProblems`). */
export function draftProblems(draft: AgreementDraft): Partial<Record<AgreementField, string>> {
  const input = termsInput(draft);
  const problems: Partial<Record<AgreementField, string>> = {};
  for (const { field, message } of agreementProblems({ ...input, relationship: draft.relationship || null })) {
    problems[field] ??= field === "defaultCreditSplitBp" ? shareProblem(draft.share) : messageFor(field, message);
  }
  return problems;
}

const labelOf = (field: AgreementField): string => AGREEMENT_POINTS.find((point) => point.field === field)!.label;

function messageFor(field: AgreementField, message: string): string {
  if (message === "is required")
    return field === "relationship" ? "Choose the relationship." : `${labelOf(field)}: say what you agree (write “all” if unrestricted).`;
  if (message === "must be after startsOn") return "The term must end after it starts.";
  return `${labelOf(field)} ${message}.`;
}

function shareProblem(share: string): string {
  return share.trim() === ""
    ? "Give the default credit share (0 to 100%)."
    : "The default credit share must be a percentage from 0 to 100.";
}

/** One point changed by an amendment: its label, the text in force and the text proposed. */
export interface AgreementChange {
  readonly field: AgreementField;
  readonly label: string;
  readonly from: string;
  readonly to: string;
}

/** Each point as a person reads it, for the diff and the summary. */
export function pointTexts(terms: AgreementTermsLike): Record<AgreementField, string> {
  return {
    "scope.accounts": terms.scope.accounts,
    "scope.regions": terms.scope.regions,
    "scope.products": terms.scope.products,
    relationship: RELATIONSHIP_LABELS[terms.relationship],
    "logistics.meetingsLedBy": terms.logistics.meetingsLedBy,
    "logistics.leadSharing": terms.logistics.leadSharing,
    knownProblems: terms.knownProblems,
    disputeResolution: terms.disputeResolution,
    defaultCreditSplitBp: formatBasisPoints(terms.defaultCreditSplitBp),
    startsOn: terms.startsOn,
    endsOn: terms.endsOn ?? "not stated",
  };
}

/** The points that differ between `before` and `after`, in the agreement's order. */
export function agreementChanges(before: AgreementTermsLike, after: AgreementTermsLike): AgreementChange[] {
  const from = pointTexts(before);
  const to = pointTexts(after);
  return AGREEMENT_POINTS.filter(({ field }) => from[field] !== to[field]).map(({ field, label }) => ({
    field,
    label,
    from: from[field],
    to: to[field],
  }));
}

/** The draft's points as terms, for comparing with the revision in force (unfinished fields as typed). */
export function draftAsTerms(draft: AgreementDraft): AgreementTermsLike {
  const input = termsInput(draft);
  return { ...input, relationship: (draft.relationship || "CO_SELL") as PartnershipRelationship };
}
