import { useMutation, useQuery } from "@apollo/client/react";
import { useEffect, useId, useState } from "react";
import type { FormEvent } from "react";
import { describeError } from "../../apiErrors";
import { roleLabel } from "../../format";
import { graphql } from "../../gql";
import { useSearch } from "../../router";
import { FormError } from "../shared/FormError";
import { NewPasswordFields, newPasswordProblem } from "../shared/NewPasswordFields";

const InvitationPreviewQuery = graphql(`
  query InvitationPreview($token: String!) {
    invitationPreview(token: $token) {
      email
      role
      organizationName
      invitedByName
      invitingOrganizationName
      expiresAt
    }
  }
`);

const AcceptInvitation = graphql(`
  mutation AcceptInvitation($input: AcceptInvitationInput!) {
    acceptInvitation(input: $input) {
      expiresAt
      user {
        id
        name
      }
    }
  }
`);

/** The link's token (`?token=`), or "" when the address has none. */
export const tokenFromSearch = (search: string): string => new URLSearchParams(search).get("token") ?? "";

export interface LinkPageProps {
  /** Receives the person's id once the server set their session cookie. */
  onSignedIn: (userId: string) => void;
}

/**
 * The page an invitation link opens (`/invite?token=…`), signed out: what the invitation is for
 * (organization, role, who sent it), then the invitee's name and password. Joining signs them in.
 */
export function AcceptInvitationPage({ onSignedIn }: LinkPageProps) {
  const token = tokenFromSearch(useSearch());
  const { data, loading, error } = useQuery(InvitationPreviewQuery, { variables: { token }, skip: !token, fetchPolicy: "no-cache" });
  const ids = { heading: useId(), name: useId() };
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [accept, accepting] = useMutation(AcceptInvitation, { fetchPolicy: "no-cache" });

  useEffect(() => {
    document.title = "Join · cosell";
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const wrong = name.trim() ? newPasswordProblem(password, repeat) : "Say your name.";
    setProblem(wrong);
    if (wrong) return;
    try {
      const result = await accept({ variables: { input: { token, name: name.trim(), password } } });
      if (result.data) onSignedIn(result.data.acceptInvitation.user.id);
    } catch {
      // Shown below.
    }
  }

  const invitation = data?.invitationPreview;
  return (
    <main className="sign-in">
      <h1 className="brand">cosell</h1>
      {!token && <LinkProblem text="This address has no invitation in it. Open the link from your invitation as it is." />}
      {token && loading && (
        <p className="muted" role="status">
          Opening your invitation…
        </p>
      )}
      {error && <LinkProblem text={describeError(error)} />}
      {invitation && (
        <form className="card sign-in-form" onSubmit={(event) => void submit(event)} aria-labelledby={ids.heading}>
          <h2 id={ids.heading}>Join {invitation.organizationName}</h2>
          <p>
            {invitation.invitedByName}
            {invitation.invitingOrganizationName !== invitation.organizationName ? ` of ${invitation.invitingOrganizationName}` : ""}{" "}
            invites <strong>{invitation.email}</strong> to {invitation.organizationName} on cosell as{" "}
            <strong>{roleLabel(invitation.role).toLowerCase()}</strong>.
          </p>
          <div className="field">
            <label htmlFor={ids.name}>Your name</label>
            <input id={ids.name} autoComplete="name" required value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          {/* For password managers: the account's username. */}
          <input type="email" autoComplete="username" value={invitation.email} readOnly hidden />
          <NewPasswordFields
            label="Choose a password"
            repeatLabel="Repeat the password"
            password={password}
            repeat={repeat}
            onPassword={setPassword}
            onRepeat={setRepeat}
          />
          <FormError error={problem ?? accepting.error} />
          <button type="submit" className="button-primary" disabled={accepting.loading} aria-busy={accepting.loading}>
            {accepting.loading ? "Joining…" : `Join ${invitation.organizationName}`}
          </button>
          <p className="muted">The link works once, until {new Date(invitation.expiresAt).toLocaleString()}.</p>
        </form>
      )}
    </main>
  );
}

/** Why a link cannot be used, with the way back to signing in. */
export function LinkProblem({ text }: { text: string }) {
  return (
    <div className="card notice" role="alert">
      <p>{text}</p>
      <p>
        <a href="/">Go to sign-in</a>
      </p>
    </div>
  );
}
