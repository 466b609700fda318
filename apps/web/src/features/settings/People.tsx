import { useMutation, useQuery } from "@apollo/client/react";
import { useId, useState } from "react";
import type { ChangeEvent, FormEvent } from "react";
import { roleLabel } from "../../format";
import { getFragmentData, graphql } from "../../gql";
import type { InvitationFieldsFragment, OrgRole, PersonFieldsFragment } from "../../gql/graphql";
import { ConfirmButton } from "../shared/ConfirmButton";
import { FormError } from "../shared/FormError";
import { LoadState } from "../shared/LoadState";
import { ShareLink } from "../shared/ShareLink";

const PersonFields = graphql(`
  fragment PersonFields on User {
    id
    name
    email
    role
    active
  }
`);

const OrganizationPeople = graphql(`
  query OrganizationPeople {
    viewer {
      id
      organization {
        id
        members {
          ...PersonFields
        }
      }
    }
  }
`);

const SetUserRole = graphql(`
  mutation SetUserRole($input: SetUserRoleInput!) {
    setUserRole(input: $input) {
      ...PersonFields
    }
  }
`);

const DeactivateUser = graphql(`
  mutation DeactivateUser($input: DeactivateUserInput!) {
    deactivateUser(input: $input) {
      ...PersonFields
    }
  }
`);

const IssuePasswordReset = graphql(`
  mutation IssuePasswordReset($input: IssuePasswordResetInput!) {
    issuePasswordReset(input: $input) {
      id
      expiresAt
      resetUrl
      emailSent
    }
  }
`);

const InvitationFields = graphql(`
  fragment InvitationFields on Invitation {
    id
    email
    role
    status
    partnerFirm
    expiresAt
    organization {
      id
      name
    }
    invitedBy {
      id
      name
    }
  }
`);

export const PendingInvitations = graphql(`
  query PendingInvitations {
    invitations {
      ...InvitationFields
    }
  }
`);

const InviteUser = graphql(`
  mutation InviteUser($input: InviteUserInput!) {
    inviteUser(input: $input) {
      id
      email
      expiresAt
      acceptUrl
      emailSent
    }
  }
`);

const RevokeInvitation = graphql(`
  mutation RevokeInvitation($input: RevokeInvitationInput!) {
    revokeInvitation(input: $input) {
      ...InvitationFields
    }
  }
`);

const ROLES: readonly OrgRole[] = ["REP", "MANAGER", "ADMIN"];

type Person = PersonFieldsFragment;

/**
 * The organization's people, for its admins: each person's role, changed at once (their open
 * screens reconnect with it), and deactivation (they are signed out everywhere and cannot sign in;
 * what they did stays theirs). The server refuses to leave the organization without an active admin.
 * Admins invite people here (the link is shown once, and e-mailed when cosell can send mail), see
 * the invitations still open and revoke them, and issue a person a link to set a new password.
 */
export function People({ viewerId }: { viewerId: string }) {
  const { data, loading, error, refetch } = useQuery(OrganizationPeople);
  const people = getFragmentData(PersonFields, data?.viewer?.organization.members ?? []);
  const [inviting, setInviting] = useState(false);
  return (
    <section className="card" aria-labelledby="people-heading">
      <div className="section-head">
        <h2 id="people-heading">People</h2>
        {!inviting && (
          <button type="button" className="button-secondary button-small" onClick={() => setInviting(true)}>
            Invite someone
          </button>
        )}
      </div>
      {inviting && <InviteForm onClose={() => setInviting(false)} />}
      <Invitations />
      <LoadState what="your organization's people" loading={loading} error={error} hasData={!!data} retry={() => void refetch()} />
      {people.length > 0 && (
        <ul className="entity-list" aria-label="People">
          {people.map((person) => (
            <PersonItem key={person.id} person={person} self={person.id === viewerId} />
          ))}
        </ul>
      )}
    </section>
  );
}

function PersonItem({ person, self }: { person: Person; self: boolean }) {
  const roleId = useId();
  const [setRole, roleChange] = useMutation(SetUserRole);
  const [deactivate, deactivation] = useMutation(DeactivateUser);
  const [issueReset, issuing] = useMutation(IssuePasswordReset, { fetchPolicy: "no-cache" });
  const [reset, setReset] = useState<{ url: string; emailSent: boolean; expiresAt: string } | null>(null);

  async function issueResetLink() {
    try {
      const result = await issueReset({ variables: { input: { userId: person.id } } });
      const issued = result.data?.issuePasswordReset;
      if (issued) setReset({ url: issued.resetUrl, emailSent: issued.emailSent, expiresAt: issued.expiresAt });
    } catch {
      // Shown below.
    }
  }

  function changeRole(event: ChangeEvent<HTMLSelectElement>) {
    const role = ROLES.find((r) => r === event.target.value);
    if (!role || role === person.role) return;
    void setRole({
      variables: { input: { userId: person.id, role } },
      optimisticResponse: { setUserRole: { ...person, __typename: "User", role } },
    }).catch(() => undefined);
  }

  return (
    <li className="entity">
      <div className="entity-head">
        <strong>{person.name}</strong>
        <span className="muted">{person.email}</span>
        {self && <span className="status-badge">You</span>}
        {!person.active && <span className="status-badge commitment-status-missed">Deactivated</span>}
      </div>
      <div className="row-actions">
        <label htmlFor={roleId}>Role</label>
        <select id={roleId} value={person.role} onChange={changeRole} disabled={!person.active || roleChange.loading}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {roleLabel(role)}
            </option>
          ))}
        </select>
      </div>
      {person.active && !self && (
        <ConfirmButton
          label="Deactivate…"
          question={`${person.name} is signed out everywhere and can no longer sign in; what they did stays theirs.`}
          confirmLabel={`Deactivate ${person.name}`}
          busyLabel="Deactivating…"
          busy={deactivation.loading}
          onConfirm={() => void deactivate({ variables: { input: { userId: person.id } } }).catch(() => undefined)}
        />
      )}
      {person.active && !reset && (
        <div className="row-actions">
          <button type="button" className="button-link" disabled={issuing.loading} onClick={() => void issueResetLink()}>
            {issuing.loading ? "Issuing…" : "Issue reset link"}
          </button>
        </div>
      )}
      {reset && (
        <ShareLink
          label={`Password reset link for ${person.email}`}
          url={reset.url}
          emailSent={reset.emailSent}
          recipient={person.email}
          expiresAt={reset.expiresAt}
          onClose={() => setReset(null)}
        >
          <p className="muted">With it {person.name} sets a new password; a newer link replaces this one.</p>
        </ShareLink>
      )}
      <FormError error={roleChange.error} prefix="The role did not change." />
      <FormError error={deactivation.error} />
      <FormError error={issuing.error} prefix="No reset link was issued." />
    </li>
  );
}

/** Invites a person by e-mail with a role; shows the link to hand over once it is made. */
function InviteForm({ onClose }: { onClose: () => void }) {
  const ids = { email: useId(), role: useId() };
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<OrgRole>("REP");
  const [sent, setSent] = useState<{ email: string; url: string; emailSent: boolean; expiresAt: string } | null>(null);
  const [invite, { loading, error }] = useMutation(InviteUser, {
    // The link must not linger in Apollo's cache once the box is closed.
    fetchPolicy: "no-cache",
    refetchQueries: [{ query: PendingInvitations }],
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const result = await invite({ variables: { input: { email: email.trim(), role } } });
      const invitation = result.data?.inviteUser;
      if (invitation?.acceptUrl)
        setSent({
          email: invitation.email,
          url: invitation.acceptUrl,
          emailSent: invitation.emailSent ?? false,
          expiresAt: invitation.expiresAt,
        });
    } catch {
      // Shown below.
    }
  }

  if (sent) {
    return (
      <ShareLink
        label={`Invitation link for ${sent.email}`}
        url={sent.url}
        emailSent={sent.emailSent}
        recipient={sent.email}
        expiresAt={sent.expiresAt}
        onClose={onClose}
      >
        <p className="muted">{sent.email} chooses their name and password with it, and is signed in.</p>
      </ShareLink>
    );
  }
  return (
    <form className="stack-form" onSubmit={(event) => void submit(event)} aria-label="Invite someone">
      <div className="field">
        <label htmlFor={ids.email}>Email</label>
        <input
          id={ids.email}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          placeholder="name@example.com"
          required
        />
      </div>
      <div className="field">
        <label htmlFor={ids.role}>Role</label>
        <select id={ids.role} value={role} onChange={(e) => setRole(ROLES.find((r) => r === e.target.value) ?? "REP")}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </select>
      </div>
      <FormError error={error} prefix="No invitation was sent." />
      <div className="form-actions">
        <button type="submit" className="button-primary button-inline" disabled={loading || !email.trim()} aria-busy={loading}>
          {loading ? "Inviting…" : "Send invitation"}
        </button>
        <button type="button" className="button-secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** The invitations still open (pending or expired), each revocable. */
function Invitations() {
  const { data, error } = useQuery(PendingInvitations);
  const invitations = getFragmentData(InvitationFields, data?.invitations ?? []);
  if (error) return <FormError error={error} prefix="Could not load the open invitations." />;
  if (invitations.length === 0) return null;
  return (
    <>
      <h3>Open invitations</h3>
      <ul className="entity-list" aria-label="Open invitations">
        {invitations.map((invitation) => (
          <InvitationItem key={invitation.id} invitation={invitation} />
        ))}
      </ul>
    </>
  );
}

function InvitationItem({ invitation }: { invitation: InvitationFieldsFragment }) {
  const [revoke, { loading, error }] = useMutation(RevokeInvitation, { refetchQueries: [{ query: PendingInvitations }] });
  const expired = invitation.status === "EXPIRED";
  return (
    <li className="entity">
      <div className="entity-head">
        <strong>{invitation.email}</strong>
        <span className="status-badge">{roleLabel(invitation.role)}</span>
        {invitation.partnerFirm && <span className="status-badge">First admin of {invitation.organization.name}</span>}
        {expired && <span className="status-badge commitment-status-missed">Expired</span>}
      </div>
      <p className="muted">
        Invited by {invitation.invitedBy.name} · {expired ? "expired" : "link works until"}{" "}
        {dateTime.format(new Date(invitation.expiresAt))}
      </p>
      <ConfirmButton
        label="Revoke…"
        question="The link stops working at once."
        confirmLabel={`Revoke the invitation of ${invitation.email}`}
        busyLabel="Revoking…"
        busy={loading}
        onConfirm={() => void revoke({ variables: { input: { id: invitation.id } } }).catch(() => undefined)}
      />
      <FormError error={error} />
    </li>
  );
}
