import { useMutation, useQuery } from "@apollo/client/react";
import { TITLE_MAX, domainProblem, moneyProblem, titleProblem } from "@cosell/schema";
import { useId, useState } from "react";
import type { FormEvent } from "react";
import { formatMoney, stageLabel } from "../../format";
import { graphql } from "../../gql";
import type { DealRegistrationsQuery, RegistrationStatus } from "../../gql/graphql";
import { Link, roomPath } from "../../router";
import { FormError } from "../shared/FormError";
import { useBoardChanges } from "../live/live";
import { useRefetchOnReturn } from "../shared/useRefetchOnReturn";
import { LoadState } from "../shared/LoadState";
import { AttachFiles, AttachmentList, FilePicker, UploadProgress, useAttachmentUploads } from "./RegistrationAttachments";

export const DealRegistrationsInbox = graphql(`
  query DealRegistrations {
    dealRegistrations {
      id
      status
      accountName
      accountDomain
      title
      closeDate
      createdAt
      reviewReason
      overrideReason
      protectedUntil
      expiredAt
      autoApproved
      hasRegistrationConflict
      amount {
        amount
        currency
      }
      vendor {
        id
        name
        registrationProtectionDays
      }
      registrant {
        id
        name
        organization {
          id
          name
        }
      }
      reviewedBy {
        id
        name
      }
      conflicts {
        id
        title
        stage
        owner {
          id
          name
        }
      }
      conflictingRegistrations {
        id
        title
        status
        createdAt
        amount {
          amount
          currency
        }
        registrant {
          id
          name
          organization {
            id
            name
          }
        }
      }
      attachments {
        id
        filename
        contentType
        size
        url
      }
      opportunity {
        id
        title
      }
    }
  }
`);

export const ReviewDealRegistration = graphql(`
  mutation ReviewDealRegistration($input: ReviewDealRegistrationInput!) {
    reviewDealRegistration(input: $input) {
      id
      status
      reviewReason
      overrideReason
      opportunity {
        id
        title
      }
    }
  }
`);

const RegisterDeal = graphql(`
  mutation RegisterDeal($input: RegisterDealInput!) {
    registerDeal(input: $input) {
      id
      status
    }
  }
`);

type Registration = DealRegistrationsQuery["dealRegistrations"][number];

const statusLabels: Readonly<Record<RegistrationStatus, string>> = {
  PENDING: "Pending review",
  APPROVED: "Approved",
  REJECTED: "Rejected",
  EXPIRED: "Expired",
};

export interface RegistrationViewer {
  readonly id: string;
  readonly role: "REP" | "MANAGER" | "ADMIN";
  readonly organization: { readonly id: string };
}

/**
 * Deal registrations: deals partner reps found and registered with a vendor, and the vendor's
 * managers' inbox to approve (opening the opportunity with the partner rep in it) or reject them.
 * A registration on an account where the vendor already has an open deal is a conflict: approving
 * it needs an explicit override with a reason.
 */
export function DealRegistrations(props: { viewer: RegistrationViewer; vendors: readonly { id: string; name: string }[] }) {
  const { data, loading, error, refetch } = useQuery(DealRegistrationsInbox, { fetchPolicy: "cache-and-network" });
  // Reviews and new registrations by the other firm show when the person comes back to the window.
  useRefetchOnReturn(refetch);
  // An approval opens a deal: the vendor's board gets it as CREATED, the registrant's as ACCESS_GAINED.
  useBoardChanges((change) => {
    if (change.kind === "CREATED" || change.kind === "ACCESS_GAINED") void refetch();
  });
  const [registering, setRegistering] = useState(false);
  const registrations = data?.dealRegistrations ?? [];
  const pending = registrations.filter((r) => r.status === "PENDING" && r.vendor.id === props.viewer.organization.id).length;

  return (
    <section className="card registrations" aria-labelledby="registrations-heading">
      <div className="section-head">
        <h2 id="registrations-heading">Deal registrations</h2>
        {pending > 0 && <span className="status-badge help-open">{pending} to review</span>}
        {props.vendors.length > 0 && !registering && (
          <button type="button" className="button-secondary button-small" onClick={() => setRegistering(true)}>
            Register a deal
          </button>
        )}
      </div>
      {registering && <RegisterDealForm vendors={props.vendors} onDone={() => setRegistering(false)} />}
      <LoadState what="registrations" loading={loading} error={error} hasData={!!data} retry={() => void refetch()} />
      {data && registrations.length === 0 && (
        <p className="muted">
          No registrations. Partner reps register the deals they find with a vendor they have a signed partnership with.
        </p>
      )}
      {registrations.length > 0 && (
        <ul className="entity-list" aria-label="Registrations">
          {registrations.map((registration) => (
            <RegistrationItem key={registration.id} registration={registration} viewer={props.viewer} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function RegistrationItem({ registration, viewer }: { registration: Registration; viewer: RegistrationViewer }) {
  const mayReview =
    registration.status === "PENDING" &&
    registration.vendor.id === viewer.organization.id &&
    (viewer.role === "MANAGER" || viewer.role === "ADMIN");
  // Conflicts with other partners matter while the registration is live, not once it is decided against or lapsed.
  const live = registration.status === "PENDING" || registration.status === "APPROVED";
  // Another partner's approved registration keeps this one from approval (REGISTRATION_CONFLICT).
  const protectedElsewhere = registration.conflictingRegistrations.find((other) => other.status === "APPROVED");
  const mayAttach = registration.registrant.organization.id === viewer.organization.id && live;
  return (
    <li className="entity" aria-label={registration.title}>
      <div className="entity-head">
        <strong>{registration.title}</strong>
        <span className={`status-badge registration-${registration.status.toLowerCase()}`}>{statusLabels[registration.status]}</span>
        <span>{formatMoney(registration.amount)}</span>
      </div>
      <p className="muted">
        {registration.accountName} ({registration.accountDomain}) · registered by {registration.registrant.name} of{" "}
        {registration.registrant.organization.name} with {registration.vendor.name}
      </p>
      {registration.conflicts.length > 0 && (
        <div className="conflict" role="note">
          <strong>Conflict:</strong> {registration.vendor.name} already has open {registration.conflicts.length === 1 ? "deal" : "deals"} on
          this account:{" "}
          {registration.conflicts.map((conflict, index) => (
            <span key={conflict.id}>
              {index > 0 && ", "}
              <Link to={roomPath(conflict.id)}>{conflict.title}</Link> ({stageLabel(conflict.stage)}, {conflict.owner.name})
            </span>
          ))}
        </div>
      )}
      {!live ? null : registration.conflictingRegistrations.length > 0 ? (
        <div className="conflict" role="note" aria-label="Other partners' registrations">
          <strong>Also registered by other partners:</strong>
          <ul>
            {registration.conflictingRegistrations.map((other) => (
              <li key={other.id}>
                {other.title} · {formatMoney(other.amount)} · {other.registrant.name} of {other.registrant.organization.name} ·{" "}
                {statusLabels[other.status]} since {day(other.createdAt)}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        registration.hasRegistrationConflict && (
          <div className="conflict" role="note">
            <strong>Conflict:</strong> another partner has already registered this account with {registration.vendor.name}; its review
            decides.
          </div>
        )
      )}
      <Protection registration={registration} />
      {registration.reviewReason && <p>Reason: {registration.reviewReason}</p>}
      {registration.overrideReason && <p>Approved despite the conflict: {registration.overrideReason}</p>}
      {registration.opportunity && (
        <p>
          Opened as <Link to={roomPath(registration.opportunity.id)}>{registration.opportunity.title}</Link>
        </p>
      )}
      <AttachmentList attachments={registration.attachments} />
      {mayAttach && <AttachFiles registrationId={registration.id} title={registration.title} />}
      {mayReview && protectedElsewhere ? (
        <div className="row-actions">
          <p role="note">
            {protectedElsewhere.registrant.organization.name}'s registration of this account is approved and protected: this one can only be
            rejected, or approved once that one has expired.
          </p>
          <RegistrationReview registration={registration} rejectOnly />
        </div>
      ) : (
        mayReview && <RegistrationReview registration={registration} />
      )}
    </li>
  );
}

/** A day as people read it, e.g. "Mar 3, 2027". */
const day = (iso: string): string => new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });

/** How long the partner's claim is protected, or when it lapsed; how it was approved. */
function Protection({ registration }: { registration: Registration }) {
  const window = registration.vendor.registrationProtectionDays;
  if (registration.status === "PENDING") {
    return (
      <p className="muted">
        Once approved, {registration.vendor.name} protects the registration for {window} days unless the deal moves on.
      </p>
    );
  }
  if (registration.status === "APPROVED" && registration.protectedUntil) {
    return (
      <p>
        {registration.autoApproved ? "Approved automatically by the vendor's rule · " : ""}
        Protected until {day(registration.protectedUntil)}; it expires then unless the deal has moved on.
      </p>
    );
  }
  if (registration.status === "EXPIRED" && registration.expiredAt) {
    return <p>Expired on {day(registration.expiredAt)}: the protection window ended before the deal moved on.</p>;
  }
  return null;
}

/** The vendor manager's decision: approve (with an override reason when in conflict) or reject (with a reason). */
export function RegistrationReview({
  registration,
  rejectOnly = false,
}: {
  registration: Pick<Registration, "id" | "title" | "conflicts">;
  /** Approval is not possible now: only rejecting is offered. */
  rejectOnly?: boolean;
}) {
  const ids = { reason: useId(), override: useId() };
  const [mode, setMode] = useState<"idle" | "approve" | "reject">("idle");
  const [reason, setReason] = useState("");
  const [review, { loading, error }] = useMutation(ReviewDealRegistration, {
    refetchQueries: [{ query: DealRegistrationsInbox }],
  });
  const conflicted = registration.conflicts.length > 0;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const text = reason.trim();
    if (mode === "idle") return;
    if ((mode === "reject" || conflicted) && !text) return;
    const input =
      mode === "reject"
        ? { id: registration.id, decision: "REJECT" as const, reason: text }
        : { id: registration.id, decision: "APPROVE" as const, ...(conflicted ? { overrideReason: text } : {}) };
    try {
      await review({ variables: { input } });
      setMode("idle");
      setReason("");
    } catch {
      // Shown below; the reason stays.
    }
  }

  if (mode === "idle") {
    return (
      <div className="row-actions">
        {!rejectOnly && (
          <button
            type="button"
            className="button-primary button-inline"
            onClick={() => {
              setMode("approve");
              // Without a conflict there is nothing to explain: approve straight away.
              if (!conflicted)
                void review({ variables: { input: { id: registration.id, decision: "APPROVE" } } }).catch(() => setMode("approve"));
            }}
            disabled={loading}
          >
            {conflicted ? "Approve with override…" : "Approve"}
          </button>
        )}
        <button type="button" className="button-secondary" onClick={() => setMode("reject")} disabled={loading}>
          Reject…
        </button>
        <FormError error={error} />
      </div>
    );
  }

  const needsReason = mode === "reject" || conflicted;
  const label = mode === "reject" ? "Why it is rejected" : "Why the partner still gets this deal";
  return (
    <form className="stack-form" onSubmit={(event) => void submit(event)} aria-label={`Review ${registration.title}`}>
      {needsReason && (
        <div className="field">
          <label htmlFor={mode === "reject" ? ids.reason : ids.override}>{label}</label>
          <textarea
            id={mode === "reject" ? ids.reason : ids.override}
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
          />
        </div>
      )}
      <FormError error={error} />
      <div className="form-actions">
        <button type="submit" className="button-primary button-inline" disabled={loading || (needsReason && !reason.trim())}>
          {loading ? "Saving…" : mode === "reject" ? "Reject registration" : "Approve and override"}
        </button>
        <button type="button" className="button-secondary" onClick={() => setMode("idle")}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The first of the API's rules the form breaks, said before sending; null when it may be sent. */
function registrationProblem(input: { accountDomain: string; title: string; amount: { amount: string; currency: string } }): string | null {
  const title = titleProblem(input.title);
  if (title) return `The deal ${title}.`;
  const domain = domainProblem(input.accountDomain);
  if (domain) return `The web domain ${domain}.`;
  const money = moneyProblem(input.amount);
  if (money) return `The ${money.field} ${money.message}.`;
  return null;
}

function RegisterDealForm({ vendors, onDone }: { vendors: readonly { id: string; name: string }[]; onDone: () => void }) {
  const ids = { vendor: useId(), account: useId(), domain: useId(), title: useId(), amount: useId(), currency: useId(), files: useId() };
  const [files, setFiles] = useState<File[]>([]);
  const uploads = useAttachmentUploads();
  // Registered, but some file did not arrive: the form stays to say which, and "Done" closes it.
  const [registered, setRegistered] = useState(false);
  const [form, setForm] = useState({
    vendorId: vendors[0]?.id ?? "",
    accountName: "",
    accountDomain: "",
    title: "",
    amount: "",
    currency: "USD",
  });
  const [register, { loading, error }] = useMutation(RegisterDeal, {
    refetchQueries: [{ query: DealRegistrationsInbox }],
    awaitRefetchQueries: true,
  });
  const [problem, setProblem] = useState<string | null>(null);
  const set = (key: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [key]: event.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = {
      vendorOrganizationId: form.vendorId,
      accountName: form.accountName.trim(),
      accountDomain: form.accountDomain.trim(),
      title: form.title.trim(),
      amount: { amount: form.amount.trim(), currency: form.currency.trim().toUpperCase() },
    };
    const found = registrationProblem(input);
    setProblem(found);
    if (found) return;
    let registrationId: string | undefined;
    try {
      registrationId = (await register({ variables: { input } })).data?.registerDeal.id;
    } catch {
      // Shown below; the form keeps what was typed.
      return;
    }
    if (registrationId && files.length > 0 && !(await uploads.send(registrationId, files))) {
      setRegistered(true);
      return;
    }
    onDone();
  }

  if (registered) {
    return (
      <div className="stack-form" role="group" aria-label="Register a deal">
        <p role="status">The deal is registered, but not every file was attached; you can attach them again from its entry.</p>
        <UploadProgress uploads={uploads.uploads} />
        <div className="form-actions">
          <button type="button" className="button-primary button-inline" onClick={onDone}>
            Done
          </button>
        </div>
      </div>
    );
  }

  return (
    <form className="stack-form" onSubmit={(event) => void submit(event)} aria-label="Register a deal">
      <div className="field">
        <label htmlFor={ids.vendor}>Vendor</label>
        <select id={ids.vendor} value={form.vendorId} onChange={set("vendorId")} required>
          {vendors.map((vendor) => (
            <option key={vendor.id} value={vendor.id}>
              {vendor.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.account}>Customer</label>
          <input id={ids.account} value={form.accountName} onChange={set("accountName")} required />
        </div>
        <div className="field">
          <label htmlFor={ids.domain}>Customer's web domain</label>
          <input id={ids.domain} value={form.accountDomain} onChange={set("accountDomain")} placeholder="example.com" required />
        </div>
      </div>
      <div className="field">
        <label htmlFor={ids.title}>Deal</label>
        <input id={ids.title} value={form.title} onChange={set("title")} required maxLength={TITLE_MAX} />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={ids.amount}>Amount</label>
          <input id={ids.amount} inputMode="decimal" value={form.amount} onChange={set("amount")} placeholder="12500.00" required />
        </div>
        <div className="field">
          <label htmlFor={ids.currency}>Currency</label>
          <input id={ids.currency} value={form.currency} onChange={set("currency")} maxLength={3} required />
        </div>
      </div>
      <FilePicker id={ids.files} onChange={setFiles} />
      <UploadProgress uploads={uploads.uploads} />
      <FormError error={problem ?? error} />
      <div className="form-actions">
        <button type="submit" className="button-primary button-inline" disabled={loading || uploads.busy}>
          {loading ? "Registering…" : uploads.busy ? "Uploading files…" : "Register"}
        </button>
        <button type="button" className="button-secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
