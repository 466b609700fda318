import { useMutation } from "@apollo/client/react";
import { useEffect, useId, useState } from "react";
import type { FormEvent } from "react";
import { graphql } from "../../gql";
import { useSearch } from "../../router";
import { FormError } from "../shared/FormError";
import { NewPasswordFields, newPasswordProblem } from "../shared/NewPasswordFields";
import { LinkProblem, tokenFromSearch } from "./AcceptInvitationPage";
import type { LinkPageProps } from "./AcceptInvitationPage";

const ResetPassword = graphql(`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input) {
      expiresAt
      user {
        id
        name
      }
    }
  }
`);

/**
 * The page a reset link opens (`/reset-password?token=…`), signed out: a new password, which signs
 * the person in and out of everywhere else. A link that does not work says so when submitted (the
 * server gives one answer for every reason).
 */
export function ResetPasswordPage({ onSignedIn }: LinkPageProps) {
  const token = tokenFromSearch(useSearch());
  const ids = { heading: useId() };
  const [password, setPassword] = useState("");
  const [repeat, setRepeat] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [reset, { loading, error }] = useMutation(ResetPassword, { fetchPolicy: "no-cache" });

  useEffect(() => {
    document.title = "Set a new password · cosell";
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const wrong = newPasswordProblem(password, repeat);
    setProblem(wrong);
    if (wrong) return;
    try {
      const result = await reset({ variables: { input: { token, newPassword: password } } });
      if (result.data) onSignedIn(result.data.resetPassword.user.id);
    } catch {
      // Shown below.
    }
  }

  return (
    <main className="sign-in">
      <h1 className="brand">cosell</h1>
      {!token ? (
        <LinkProblem text="This address has no reset link in it. Open the link an admin gave you as it is." />
      ) : (
        <form className="card sign-in-form" onSubmit={(event) => void submit(event)} aria-labelledby={ids.heading}>
          <h2 id={ids.heading}>Set a new password</h2>
          <p className="muted">You will be signed in here, and signed out everywhere else.</p>
          <NewPasswordFields
            label="New password"
            repeatLabel="Repeat the new password"
            password={password}
            repeat={repeat}
            onPassword={setPassword}
            onRepeat={setRepeat}
          />
          <FormError error={problem ?? error} />
          <button type="submit" className="button-primary" disabled={loading} aria-busy={loading}>
            {loading ? "Saving…" : "Set password and sign in"}
          </button>
          <p className="muted">
            <a href="/">Back to sign-in</a>
          </p>
        </form>
      )}
    </main>
  );
}
