import { AGREEMENT_POINTS, RELATIONSHIP_LABELS } from "@cosell/schema";
import type { AgreementField, PartnershipRelationship } from "@cosell/schema";
import type { ErrorLike } from "@apollo/client";
import { useState } from "react";
import type { FormEvent, ReactNode } from "react";
import type { PartnershipTermsInput } from "../../gql/graphql";
import { FormError } from "../shared/FormError";
import { ValidatedField } from "../shared/ValidatedField";
import type { FieldControlProps } from "../shared/ValidatedField";
import type { AgreementTermsData } from "./AgreementTerms";
import { EMPTY_DRAFT, agreementChanges, draftAsTerms, draftProblems, termsInput } from "./agreementDraft";
import type { AgreementDraft } from "./agreementDraft";

const labelOf = (field: AgreementField): string => AGREEMENT_POINTS.find((point) => point.field === field)!.label;
const RELATIONSHIPS = Object.keys(RELATIONSHIP_LABELS) as PartnershipRelationship[];

/**
 * Every point of a partnership agreement, each required: a proposal, a change of proposed terms, or
 * an amendment of signed ones. Says what is missing before sending (the rules of @cosell/schema);
 * with `inForce`, lists what the amendment changes against the terms in force.
 */
export function AgreementForm(props: {
  heading: string;
  initial?: AgreementDraft;
  inForce?: AgreementTermsData | null;
  submitLabel: string;
  busyLabel: string;
  busy: boolean;
  error: ErrorLike | null | undefined;
  onSubmit: (terms: PartnershipTermsInput) => Promise<void>;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<AgreementDraft>(props.initial ?? EMPTY_DRAFT);
  const [tried, setTried] = useState(false);
  const problems = draftProblems(draft);
  const shown = (field: AgreementField) => (tried ? problems[field] : undefined);
  const changes = props.inForce ? agreementChanges(props.inForce, draftAsTerms(draft)) : [];

  const text = (
    key: keyof AgreementDraft,
    field: AgreementField,
    options: { multiline?: boolean; hint?: ReactNode; placeholder?: string } = {},
  ) => (
    <ValidatedField label={labelOf(field)} error={shown(field)} hint={options.hint}>
      {(control: FieldControlProps) =>
        options.multiline ? (
          <textarea
            {...control}
            rows={2}
            value={draft[key]}
            placeholder={options.placeholder}
            onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
          />
        ) : (
          <input
            {...control}
            value={draft[key]}
            placeholder={options.placeholder}
            onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
          />
        )
      }
    </ValidatedField>
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (Object.keys(problems).length > 0) return;
    try {
      await props.onSubmit(termsInput(draft));
    } catch {
      // Shown below.
    }
  }

  const problemCount = Object.keys(problems).length;
  return (
    <form className="stack-form agreement-form" noValidate onSubmit={(event) => void submit(event)} aria-label={props.heading}>
      <h3>{props.heading}</h3>
      <fieldset>
        <legend>Scope</legend>
        {text("accounts", "scope.accounts", { placeholder: "e.g. Retail accounts, or all" })}
        {text("regions", "scope.regions", { placeholder: "e.g. DACH, or all" })}
        {text("products", "scope.products", { placeholder: "e.g. Catalog design and print" })}
      </fieldset>
      <ValidatedField label={labelOf("relationship")} error={shown("relationship")}>
        {(control) => (
          <select
            {...control}
            value={draft.relationship}
            onChange={(e) => setDraft({ ...draft, relationship: e.target.value as PartnershipRelationship | "" })}
          >
            <option value="">Choose…</option>
            {RELATIONSHIPS.map((relationship) => (
              <option key={relationship} value={relationship}>
                {RELATIONSHIP_LABELS[relationship]}
              </option>
            ))}
          </select>
        )}
      </ValidatedField>
      <fieldset>
        <legend>Logistics</legend>
        {text("meetingsLedBy", "logistics.meetingsLedBy", { placeholder: "e.g. The firm that owns the opportunity" })}
        {text("leadSharing", "logistics.leadSharing", {
          multiline: true,
          placeholder: "e.g. Registered in cosell before contacting the customer",
        })}
      </fieldset>
      {text("knownProblems", "knownProblems", { multiline: true, hint: "Overlapping accounts, channel conflicts… or “none known”." })}
      {text("disputeResolution", "disputeResolution", {
        multiline: true,
        placeholder: "e.g. Raised in the room, then settled by both managers",
      })}
      <ValidatedField label={`${labelOf("defaultCreditSplitBp")} (%)`} error={shown("defaultCreditSplitBp")}>
        {(control) => (
          <input {...control} inputMode="decimal" value={draft.share} onChange={(e) => setDraft({ ...draft, share: e.target.value })} />
        )}
      </ValidatedField>
      <div className="field-row">
        <ValidatedField label={labelOf("startsOn")} error={shown("startsOn")}>
          {(control) => (
            <input {...control} type="date" value={draft.startsOn} onChange={(e) => setDraft({ ...draft, startsOn: e.target.value })} />
          )}
        </ValidatedField>
        <ValidatedField label={labelOf("endsOn")} error={shown("endsOn")}>
          {(control) => (
            <input {...control} type="date" value={draft.endsOn} onChange={(e) => setDraft({ ...draft, endsOn: e.target.value })} />
          )}
        </ValidatedField>
      </div>
      {props.inForce && (
        <section className="agreement-diff" aria-label={`Changes from revision ${props.inForce.revision}`}>
          <h4>Changes from revision {props.inForce.revision}</h4>
          {changes.length === 0 ? (
            <p className="muted">No point differs yet.</p>
          ) : (
            <ul>
              {changes.map((change) => (
                <li key={change.field}>
                  <strong>{change.label}:</strong> <del>{change.from || "not stated"}</del> → <ins>{change.to || "not stated"}</ins>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {tried && problemCount > 0 && (
        <FormError error={problemCount === 1 ? "One point needs attention." : `${problemCount} points need attention.`} />
      )}
      <FormError error={props.error} />
      <div className="form-actions">
        <button type="submit" className="button-primary button-inline" disabled={props.busy}>
          {props.busy ? props.busyLabel : props.submitLabel}
        </button>
        <button type="button" className="button-secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
