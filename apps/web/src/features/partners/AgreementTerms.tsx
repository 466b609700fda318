import { AGREEMENT_POINTS } from "@cosell/schema";
import { useId } from "react";
import { getFragmentData, graphql } from "../../gql";
import type { FragmentType } from "../../gql";
import type { AgreementTermsFieldsFragment, PartnershipTermsStatus } from "../../gql/graphql";
import { agreementChanges, pointTexts } from "./agreementDraft";

/** What a revision of an agreement shows: every point, the full text and the signatures. */
export const AgreementTermsFragment = graphql(`
  fragment AgreementTermsFields on PartnershipTerms {
    revision
    status
    complete
    text
    relationship
    knownProblems
    disputeResolution
    defaultCreditSplitBp
    startsOn
    endsOn
    earlierTerms
    scope {
      accounts
      regions
      products
    }
    logistics {
      meetingsLedBy
      leadSharing
    }
    proposedAt
    inForceFrom
    proposedBy {
      id
      name
    }
    proposedByOrganization {
      id
      name
    }
    signatures {
      signedAt
      codeOfConductVersion
      organization {
        id
        name
      }
      signedBy {
        id
        name
      }
    }
  }
`);

export type AgreementTermsData = AgreementTermsFieldsFragment;

export const termsStatusLabels: Readonly<Record<PartnershipTermsStatus, string>> = {
  PENDING: "Awaiting signatures",
  IN_FORCE: "In force",
  SUPERSEDED: "Superseded",
  REPLACED: "Replaced before signing",
};

const day = (iso: string) => iso.slice(0, 10);

/** "Signed for Paperworks by Pia Petrova on 2026-03-01, accepting the code of conduct version 1." */
export function signatureLine(signature: AgreementTermsData["signatures"][number]): string {
  const version =
    signature.codeOfConductVersion === null
      ? "before code of conduct versions were recorded"
      : `accepting the code of conduct version ${signature.codeOfConductVersion}`;
  return `Signed for ${signature.organization.name} by ${signature.signedBy.name} on ${day(signature.signedAt)}, ${version}.`;
}

export function unmaskTerms(terms: FragmentType<typeof AgreementTermsFragment>): AgreementTermsData {
  return getFragmentData(AgreementTermsFragment, terms);
}

/**
 * One revision of a partnership agreement: its points, who proposed it, its signatures (each with
 * the code of conduct version accepted) and the full text both sides sign. With `inForce`, the
 * points that differ from the terms in force are marked.
 */
export function AgreementTerms(props: { terms: AgreementTermsData; title: string; inForce?: AgreementTermsData | null }) {
  const { terms } = props;
  const headingId = useId();
  const points = pointTexts(terms);
  const changed = new Set(props.inForce ? agreementChanges(props.inForce, terms).map((change) => change.field) : []);
  const was = props.inForce ? pointTexts(props.inForce) : null;
  return (
    <section className="agreement" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {props.title} <span className="muted">revision {terms.revision}</span>{" "}
        <span className={`status-badge terms-${terms.status.toLowerCase()}`}>{termsStatusLabels[terms.status]}</span>
      </h3>
      <dl className="agreement-points">
        {AGREEMENT_POINTS.map(({ field, label }) => (
          <div key={field} className={changed.has(field) ? "agreement-point agreement-changed" : "agreement-point"}>
            <dt>{label}</dt>
            <dd>
              {points[field] || <span className="muted">not stated</span>}
              {changed.has(field) && was && <span className="muted"> (in force: {was[field] || "not stated"})</span>}
            </dd>
          </div>
        ))}
      </dl>
      {terms.earlierTerms && <p className="muted">Agreed earlier as free text: {terms.earlierTerms}</p>}
      {!terms.complete && (
        <p className="conflict">These terms do not state every point. Propose an amendment that does before signing again.</p>
      )}
      <p className="muted">
        Proposed by{" "}
        {terms.proposedBy ? `${terms.proposedBy.name} (${terms.proposedByOrganization.name})` : terms.proposedByOrganization.name} on{" "}
        {day(terms.proposedAt)}
        {terms.inForceFrom && `; in force since ${day(terms.inForceFrom)}`}.
      </p>
      {terms.signatures.length === 0 ? (
        <p className="muted">Not signed yet.</p>
      ) : (
        <ul className="help-list" aria-label={`Signatures of revision ${terms.revision}`}>
          {terms.signatures.map((signature) => (
            <li key={signature.organization.id}>{signatureLine(signature)}</li>
          ))}
        </ul>
      )}
      <details className="agreement-text">
        <summary>Full text of revision {terms.revision}</summary>
        <pre tabIndex={0}>{terms.text}</pre>
      </details>
    </section>
  );
}
