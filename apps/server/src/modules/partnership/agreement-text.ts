import { RELATIONSHIP_LABELS, formatBasisPoints } from "@cosell/schema";
import type { PartnershipTerms } from "./terms.entity.js";

const RELATIONSHIP_SENTENCES = {
  REFERRAL: (partner: string) => `${partner} refers leads; the firm owning each opportunity works it.`,
  CO_SELL: () => "Both firms work shared opportunities together in one deal room.",
  RESELL: (partner: string) => `${partner} resells the offer to its customers.`,
} as const;

/**
 * The agreement as both signers read it, every point in words: the same text for the web app, API
 * clients and the record. Terms carried over from before agreements were structured say so and
 * quote what was written then.
 */
export function agreementText(terms: PartnershipTerms, proposer: string, partner: string): string {
  const term = terms.endsOn ? `from ${terms.startsOn} to ${terms.endsOn}` : `from ${terms.startsOn}, with no end date stated`;
  const stated = (value: string) => value || "not stated";
  const lines = [
    `Partnership agreement between ${proposer} and ${partner} — revision ${terms.revision}`,
    "",
    `1. Scope. Accounts: ${stated(terms.scopeAccounts)}. Regions: ${stated(terms.scopeRegions)}. Products: ${stated(terms.scopeProducts)}.`,
    `2. Relationship: ${RELATIONSHIP_LABELS[terms.relationship]}. ${RELATIONSHIP_SENTENCES[terms.relationship](partner)}`,
    `3. Logistics. Customer meetings are led by: ${stated(terms.meetingsLedBy)}. Leads are shared: ${stated(terms.leadSharing)}.`,
    `4. Known problems: ${stated(terms.knownProblems)}. They and any dispute are settled: ${stated(terms.disputeResolution)}.`,
    `5. Credit. On a shared deal, the firm that does not own the opportunity gets ${formatBasisPoints(terms.defaultCreditSplitBp)} of the credit unless the deal's split says otherwise.`,
    `6. Term: ${term}.`,
    "7. Both firms follow the partner code of conduct in the version each accepted when signing.",
  ];
  if (terms.earlierTerms) lines.push("", `Agreed earlier as free text:\n${terms.earlierTerms}`);
  return lines.join("\n");
}
