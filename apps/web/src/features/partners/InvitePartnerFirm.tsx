import { useMutation, useQuery } from "@apollo/client/react";
import { useId, useState } from "react";
import type { FormEvent } from "react";
import { graphql } from "../../gql";
import { ConfirmButton } from "../shared/ConfirmButton";
import { FormError } from "../shared/FormError";
import { ShareLink } from "../shared/ShareLink";

const PartnerFirmInvitations = graphql(`
  query PartnerFirmInvitations {
    invitations {
      id
      email
      status
      partnerFirm
      expiresAt
      organization {
        id
        name
      }
    }
  }
`);

const InvitePartnerOrganization = graphql(`
  mutation InvitePartnerOrganization($input: InvitePartnerOrganizationInput!) {
    invitePartnerOrganization(input: $input) {
      id
      email
      expiresAt
      acceptUrl
      emailSent
      organization {
        id
        name
      }
    }
  }
`);

const RevokePartnerFirmInvitation = graphql(`
  mutation RevokePartnerFirmInvitation($input: RevokeInvitationInput!) {
    revokeInvitation(input: $input) {
      id
      status
    }
  }
`);

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/**
 * For managers and admins: bring a partner firm that is not on cosell yet. The firm is created with
 * its first admin invited, and a partnership proposal from this organization waits for them; the
 * firms agree on its terms and both sign as with any proposal. Lists the firms invited and not
 * joined yet, each revocable.
 */
export function InvitePartnerFirm() {
  const ids = { heading: useId(), name: useId(), email: useId() };
  const [organizationName, setOrganizationName] = useState("");
  const [adminEmail, setAdminEmail] = useState("");
  const [sent, setSent] = useState<{ firm: string; email: string; url: string; emailSent: boolean; expiresAt: string } | null>(null);
  const { data } = useQuery(PartnerFirmInvitations);
  const [invite, { loading, error }] = useMutation(InvitePartnerOrganization, {
    // The link must not linger in Apollo's cache once the box is closed.
    fetchPolicy: "no-cache",
    refetchQueries: ["PartnerFirmInvitations", "Partners"],
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const result = await invite({ variables: { input: { organizationName: organizationName.trim(), adminEmail: adminEmail.trim() } } });
      const invitation = result.data?.invitePartnerOrganization;
      if (invitation?.acceptUrl) {
        setSent({
          firm: invitation.organization.name,
          email: invitation.email,
          url: invitation.acceptUrl,
          emailSent: invitation.emailSent ?? false,
          expiresAt: invitation.expiresAt,
        });
        setOrganizationName("");
        setAdminEmail("");
      }
    } catch {
      // Shown below.
    }
  }

  const invited = (data?.invitations ?? []).filter((invitation) => invitation.partnerFirm);
  return (
    <section className="card" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>Invite a partner firm</h2>
      <p className="muted">
        For a firm not on cosell yet: it is created with its first admin invited, and a partnership proposal from you waits for them.
      </p>
      {sent ? (
        <ShareLink
          label={`Invitation link for ${sent.email}`}
          url={sent.url}
          emailSent={sent.emailSent}
          recipient={sent.email}
          expiresAt={sent.expiresAt}
          onClose={() => setSent(null)}
        >
          <p className="muted">
            With it {sent.email} joins {sent.firm} as its admin and finds your proposal waiting.
          </p>
        </ShareLink>
      ) : (
        <form className="stack-form" onSubmit={(event) => void submit(event)} aria-labelledby={ids.heading}>
          <div className="field">
            <label htmlFor={ids.name}>Firm name</label>
            <input id={ids.name} value={organizationName} onChange={(e) => setOrganizationName(e.target.value)} required />
          </div>
          <div className="field">
            <label htmlFor={ids.email}>Its admin's email</label>
            <input id={ids.email} type="email" value={adminEmail} onChange={(e) => setAdminEmail(e.target.value)} required />
          </div>
          <FormError error={error} prefix="No invitation was sent." />
          <div className="form-actions">
            <button
              type="submit"
              className="button-primary button-inline"
              disabled={loading || !organizationName.trim() || !adminEmail.trim()}
              aria-busy={loading}
            >
              {loading ? "Inviting…" : "Invite the firm"}
            </button>
          </div>
        </form>
      )}
      {invited.length > 0 && (
        <ul className="entity-list" aria-label="Partner firms invited">
          {invited.map((invitation) => (
            <InvitedFirm key={invitation.id} invitation={invitation} />
          ))}
        </ul>
      )}
    </section>
  );
}

function InvitedFirm({
  invitation,
}: {
  invitation: { id: string; email: string; status: string; expiresAt: string; organization: { name: string } };
}) {
  const [revoke, { loading, error }] = useMutation(RevokePartnerFirmInvitation, { refetchQueries: ["PartnerFirmInvitations"] });
  const expired = invitation.status === "EXPIRED";
  return (
    <li className="entity">
      <div className="entity-head">
        <strong>{invitation.organization.name}</strong>
        <span className="muted">{invitation.email}</span>
        {expired && <span className="status-badge commitment-status-missed">Expired</span>}
      </div>
      <p className="muted">
        Not joined yet · {expired ? "expired" : "link works until"} {dateTime.format(new Date(invitation.expiresAt))}
      </p>
      <ConfirmButton
        label="Revoke…"
        question="The link stops working at once."
        confirmLabel={`Revoke the invitation of ${invitation.organization.name}`}
        busyLabel="Revoking…"
        busy={loading}
        onConfirm={() => void revoke({ variables: { input: { id: invitation.id } } }).catch(() => undefined)}
      />
      <FormError error={error} />
    </li>
  );
}
