import { useQuery } from "@apollo/client/react";
import { STAGE_ORDER, isClosedStage, mayChangeOwner, mayDecideOutcome } from "@cosell/schema";
import { useEffect, useId, useRef, useState } from "react";
import type { ChangeEvent, FormEvent, ReactNode } from "react";
import { formatMoney, stageLabel } from "../../format";
import { getFragmentData, graphql } from "../../gql";
import type { FragmentType } from "../../gql";
import type { OrgRole } from "../../gql/graphql";
import { Link } from "../../router";
import { useMoveStage } from "../board/useMoveStage";
import { closeDateError, dealTitleError, moneyErrors } from "../shared/dealRules";
import { ValidatedField } from "../shared/ValidatedField";
import type { DealField } from "./dealConflict";
import { refetchRoom } from "./roomQuery";
import { useUpdateDeal } from "./useUpdateDeal";
import type { DealEdit } from "./useUpdateDeal";

/** The room's header: the deal at a glance and its stage. */
export const RoomHeaderFragment = graphql(`
  fragment RoomHeader on Opportunity {
    id
    title
    stage
    version
    closeDate
    amount {
      amount
      currency
    }
    account {
      id
      name
    }
    organization {
      id
      name
    }
    owner {
      id
      name
    }
  }
`);

/** People the deal can be handed to: its own organization's. */
const DealOwnerCandidates = graphql(`
  query DealOwnerCandidates($organizationId: ID!) {
    organization(id: $organizationId) {
      id
      members {
        id
        name
      }
    }
  }
`);

export interface HeaderViewer {
  readonly id: string;
  readonly role: OrgRole;
  readonly organization: { readonly id: string };
}

/**
 * The room's header. Title, amount, close date and owner are edited in place by those who may write
 * (the owner only by those who may hand the deal over); every edit shows at once and is sent with
 * the version on screen, and a refused one says who changed what under it. The stage picker follows
 * the API's rules: only the opportunity's own organization closes it. A won deal is final: no
 * picker and no edit controls.
 */
export function DealHeader(props: {
  opportunity: FragmentType<typeof RoomHeaderFragment>;
  writable: boolean;
  viewer: HeaderViewer | null | undefined;
}) {
  const { writable, viewer } = props;
  const opportunity = getFragmentData(RoomHeaderFragment, props.opportunity);
  const decidesOutcome =
    !!viewer && mayDecideOutcome({ organizationId: viewer.organization.id }, { organizationId: opportunity.organization.id });
  const stageId = useId();
  // The room's query holds the feed's newest page too, so the move's entry shows with it.
  const { move, notice, dismissNotice } = useMoveStage({ refetchQueries: refetchRoom(opportunity.id) });
  const update = useUpdateDeal(opportunity);
  const [editing, setEditing] = useState<DealField | null>(null);
  // An edit is checked against the deal as it was when its editor opened: if someone changes it
  // meanwhile (the header follows live), saving is a CONFLICT rather than a silent overwrite.
  const editedVersion = useRef(opportunity.version);
  const openEditor = (field: DealField) => {
    editedVersion.current = opportunity.version;
    setEditing(field);
  };
  const header = useRef<HTMLElement>(null);
  const lastEdited = useRef<DealField | null>(null);
  useEffect(() => {
    // Closing an editor (saved, cancelled, Escape) puts focus back on its ✎ button.
    if (lastEdited.current && !editing) header.current?.querySelector<HTMLElement>(`[data-edit-field="${lastEdited.current}"]`)?.focus();
    lastEdited.current = editing;
  }, [editing]);
  const won = opportunity.stage === "CLOSED_WON";
  const editable = writable && !won;
  const mayHandOver =
    editable &&
    !!viewer &&
    mayChangeOwner(
      { organizationId: viewer.organization.id, userId: viewer.id, isManager: viewer.role === "MANAGER" || viewer.role === "ADMIN" },
      { organizationId: opportunity.organization.id, ownerId: opportunity.owner.id },
    );

  function onStageChange(event: ChangeEvent<HTMLSelectElement>) {
    const stage = STAGE_ORDER.find((s) => s === event.target.value);
    if (stage) void move(opportunity, stage);
  }

  function save(edit: DealEdit) {
    setEditing(null);
    // The header shows the edit at once; the notice explains if it did not stick.
    void update.save(edit, editedVersion.current);
  }

  const fact = (field: DealField, label: string, view: ReactNode, editor: ReactNode, allowed = editable) => (
    <EditableFact field={field} label={label} editing={editing} onEdit={allowed ? openEditor : null} view={view} editor={editor} />
  );
  const cancel = () => setEditing(null);
  const slug = opportunity.stage.toLowerCase().replaceAll("_", "-");
  return (
    <header ref={header} className="room-header card">
      <div className="room-breadcrumb">
        <Link to="/">Board</Link> <span aria-hidden="true">›</span> <span>{opportunity.account.name}</span>
      </div>
      {editing === "title" ? (
        <TitleEditor title={opportunity.title} onSave={save} onCancel={cancel} />
      ) : (
        <div className="room-title-row">
          <h1 id="room-title">{opportunity.title}</h1>
          {editable && <EditButton field="title" label="title" onEdit={openEditor} />}
        </div>
      )}
      <dl className="room-facts">
        <div>
          <dt>Account</dt>
          <dd>{opportunity.account.name}</dd>
        </div>
        {fact(
          "amount",
          "Amount",
          <span className="room-amount">{formatMoney(opportunity.amount)}</span>,
          <AmountEditor amount={opportunity.amount} onSave={save} onCancel={cancel} />,
        )}
        {fact(
          "owner",
          "Owner",
          <>
            {opportunity.owner.name} <span className="muted">· {opportunity.organization.name}</span>
          </>,
          <OwnerEditor organizationId={opportunity.organization.id} owner={opportunity.owner} onSave={save} onCancel={cancel} />,
          mayHandOver,
        )}
        {(opportunity.closeDate || editable) &&
          fact(
            "closeDate",
            "Close date",
            opportunity.closeDate ?? <span className="muted">None</span>,
            <CloseDateEditor closeDate={opportunity.closeDate ?? null} onSave={save} onCancel={cancel} />,
          )}
        <div>
          <dt>{editable ? <label htmlFor={stageId}>Stage</label> : "Stage"}</dt>
          <dd>
            {editable ? (
              <select id={stageId} className={`stage-select stage-${slug}`} value={opportunity.stage} onChange={onStageChange}>
                {STAGE_ORDER.filter((stage) => decidesOutcome || stage === opportunity.stage || !isClosedStage(stage)).map((stage) => (
                  <option key={stage} value={stage}>
                    {stageLabel(stage)}
                  </option>
                ))}
              </select>
            ) : (
              <span className={`stage stage-${slug}`}>{stageLabel(opportunity.stage)}</span>
            )}
          </dd>
        </div>
      </dl>
      {notice && (
        <div className={`banner banner-${notice.tone}`} role={notice.tone === "error" ? "alert" : "status"}>
          <span>{notice.message}</span>
          <button type="button" className="button-link" onClick={dismissNotice} aria-label="Dismiss">
            ✕
          </button>
        </div>
      )}
      {update.notice && (
        <div className="banner banner-error edit-conflict" role="alert">
          <span>{update.notice.message}</span>
          <span className="banner-actions">
            <button type="button" className="button-secondary" onClick={() => void update.reapply()}>
              Apply my edit again
            </button>
            <button type="button" className="button-link" onClick={update.dismissNotice}>
              Keep theirs
            </button>
          </span>
        </div>
      )}
    </header>
  );
}

/** The ✎ button that opens a field's editor (focus comes back to it when the editor closes). */
function EditButton(props: { field: DealField; label: string; onEdit: (field: DealField) => void }) {
  return (
    <button
      type="button"
      className="button-link edit-button"
      data-edit-field={props.field}
      onClick={() => props.onEdit(props.field)}
      aria-label={`Edit ${props.label}`}
    >
      <span aria-hidden="true">✎</span>
    </button>
  );
}

function EditableFact(props: {
  field: DealField;
  label: string;
  editing: DealField | null;
  onEdit: ((field: DealField) => void) | null;
  view: ReactNode;
  editor: ReactNode;
}) {
  const open = props.editing === props.field;
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>
        {open ? (
          props.editor
        ) : (
          <>
            {props.view}
            {props.onEdit && <EditButton field={props.field} label={props.label.toLowerCase()} onEdit={props.onEdit} />}
          </>
        )}
      </dd>
    </div>
  );
}

/** A field's editor: our own messages (noValidate), Escape cancels, Save or Cancel. */
function InlineForm(props: { label: string; onSubmit: () => void; onCancel: () => void; children: ReactNode }) {
  function submit(event: FormEvent) {
    event.preventDefault();
    props.onSubmit();
  }
  return (
    <form
      className="inline-editor"
      aria-label={props.label}
      noValidate
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.stopPropagation();
          props.onCancel();
        }
      }}
    >
      {props.children}
      <div className="form-actions">
        <button type="submit" className="button-primary button-inline">
          Save
        </button>
        <button type="button" className="button-secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

interface EditorProps {
  onSave: (edit: DealEdit) => void;
  onCancel: () => void;
}

function TitleEditor({ title, onSave, onCancel }: EditorProps & { title: string }) {
  const [value, setValue] = useState(title);
  const [error, setError] = useState<string | null>(null);
  function submit() {
    const problem = dealTitleError(value);
    setError(problem);
    if (!problem) onSave({ field: "title", title: value.trim() });
  }
  return (
    <InlineForm label="Edit title" onSubmit={submit} onCancel={onCancel}>
      <ValidatedField label="Title" error={error}>
        {(control) => <input {...control} value={value} onChange={(e) => setValue(e.target.value)} autoFocus />}
      </ValidatedField>
    </InlineForm>
  );
}

function AmountEditor({ amount, onSave, onCancel }: EditorProps & { amount: { amount: string; currency: string } }) {
  const [value, setValue] = useState(amount);
  const [errors, setErrors] = useState<{ amount: string | null; currency: string | null }>({ amount: null, currency: null });
  function submit() {
    const found = moneyErrors(value.amount, value.currency);
    setErrors(found);
    if (!found.amount && !found.currency) {
      onSave({ field: "amount", amount: { amount: value.amount.trim(), currency: value.currency.trim().toUpperCase() } });
    }
  }
  return (
    <InlineForm label="Edit amount" onSubmit={submit} onCancel={onCancel}>
      <div className="money-fields">
        <ValidatedField label="Amount" error={errors.amount} className="money-amount">
          {(control) => (
            <input
              {...control}
              value={value.amount}
              onChange={(e) => setValue({ ...value, amount: e.target.value })}
              inputMode="decimal"
              autoFocus
            />
          )}
        </ValidatedField>
        <ValidatedField label="Currency" error={errors.currency} className="money-currency">
          {(control) => (
            <input {...control} value={value.currency} onChange={(e) => setValue({ ...value, currency: e.target.value })} size={4} />
          )}
        </ValidatedField>
      </div>
    </InlineForm>
  );
}

function CloseDateEditor({ closeDate, onSave, onCancel }: EditorProps & { closeDate: string | null }) {
  const [value, setValue] = useState(closeDate ?? "");
  const [error, setError] = useState<string | null>(null);
  function submit() {
    const problem = closeDateError(value);
    setError(problem);
    if (!problem) onSave({ field: "closeDate", closeDate: value === "" ? null : value });
  }
  return (
    <InlineForm label="Edit close date" onSubmit={submit} onCancel={onCancel}>
      <ValidatedField label="Close date" error={error} hint="Leave empty for no close date.">
        {(control) => <input {...control} type="date" value={value} onChange={(e) => setValue(e.target.value)} autoFocus />}
      </ValidatedField>
    </InlineForm>
  );
}

function OwnerEditor({
  organizationId,
  owner,
  onSave,
  onCancel,
}: EditorProps & { organizationId: string; owner: { id: string; name: string } }) {
  const { data, loading } = useQuery(DealOwnerCandidates, { variables: { organizationId } });
  const [value, setValue] = useState(owner.id);
  const people = data?.organization.members ?? [owner];
  function submit() {
    const chosen = people.find((person) => person.id === value);
    if (chosen && chosen.id !== owner.id) onSave({ field: "owner", owner: { id: chosen.id, name: chosen.name } });
    else onCancel();
  }
  return (
    <InlineForm label="Change owner" onSubmit={submit} onCancel={onCancel}>
      <ValidatedField label="Owner rep" error={null} hint={loading ? "Loading your organization's people…" : null}>
        {(control) => (
          <select {...control} value={value} onChange={(e) => setValue(e.target.value)} autoFocus>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
        )}
      </ValidatedField>
    </InlineForm>
  );
}
