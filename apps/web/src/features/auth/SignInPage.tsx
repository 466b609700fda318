import { useMutation } from "@apollo/client/react";
import { useId, useState } from "react";
import type { FormEvent } from "react";
import { roleLabel } from "../../format";
import { graphql } from "../../gql";
import { FormError } from "../shared/FormError";
import { DEMO_PASSWORD, demoOrganizations } from "./demoUsers";

const SignIn = graphql(`
  mutation SignIn($input: LoginInput!) {
    signIn(input: $input) {
      expiresAt
      user {
        id
        name
        email
        role
        organization {
          id
          name
        }
      }
    }
  }
`);

export interface SignInPageProps {
  /**
   * Receives the signed-in person's id. The session itself is a cookie the server set, which no
   * script can read (see SessionStore).
   */
  onSignedIn: (userId: string) => void;
}

export function SignInPage({ onSignedIn }: SignInPageProps) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [signIn, { loading, error }] = useMutation(SignIn);
  const ids = { heading: useId(), email: useId(), password: useId(), demo: useId() };

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    try {
      const { data } = await signIn({ variables: { input: { email: email.trim(), password } } });
      if (data) onSignedIn(data.signIn.user.id);
    } catch {
      // The hook's `error` holds the failure; it is shown below the form.
    }
  }

  return (
    <main className="sign-in">
      <h1 className="brand">cosell</h1>
      <p className="tagline">Co-sell with your partners, live.</p>

      <form className="card sign-in-form" onSubmit={(event) => void submit(event)} aria-labelledby={ids.heading}>
        <h2 id={ids.heading}>Sign in</h2>
        <div className="field">
          <label htmlFor={ids.email}>Email</label>
          <input
            id={ids.email}
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.password}>Password</label>
          <input
            id={ids.password}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <FormError error={error} />
        <button type="submit" className="button-primary" disabled={loading} aria-busy={loading}>
          {loading ? "Signing in…" : "Sign in"}
        </button>
      </form>

      <section className="demo-users" aria-labelledby={ids.demo}>
        <h2 id={ids.demo}>Demo users</h2>
        <p>
          Every demo user's password is <code>{DEMO_PASSWORD}</code>. Pick one to fill in the form.
        </p>
        {demoOrganizations.map((organization) => (
          <div key={organization.name} className="demo-organization">
            <h3>{organization.name}</h3>
            <ul>
              {organization.users.map((user) => (
                <li key={user.email}>
                  <button
                    type="button"
                    className="button-link"
                    onClick={() => {
                      setEmail(user.email);
                      setPassword(DEMO_PASSWORD);
                    }}
                  >
                    {user.email} <span className="muted">{roleLabel(user.role)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
    </main>
  );
}
