import { useMutation } from "@apollo/client/react";
import { useId, useState } from "react";
import type { FormEvent } from "react";
import { graphql } from "../../gql";
import { FormError } from "../shared/FormError";
import { NewPasswordFields, newPasswordProblem } from "../shared/NewPasswordFields";

const ChangePasswordMutation = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      sessionsEnded
    }
  }
`);

/** The signed-in person changes their password; their other sessions (other browsers, devices) end. */
export function ChangePassword() {
  const ids = { heading: useId(), current: useId() };
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<number | null>(null);
  const [change, { loading, error, reset }] = useMutation(ChangePasswordMutation, { fetchPolicy: "no-cache" });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    reset();
    const wrong = newPasswordProblem(next, repeat);
    setProblem(wrong);
    if (wrong) return;
    try {
      const result = await change({ variables: { input: { currentPassword: current, newPassword: next } } });
      if (result.data) {
        setDone(result.data.changePassword.sessionsEnded);
        setCurrent("");
        setNext("");
        setRepeat("");
      }
    } catch {
      // Shown below.
    }
  }

  return (
    <section className="card" aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>Change password</h2>
      <form className="stack-form" onSubmit={(event) => void submit(event)} aria-labelledby={ids.heading}>
        <div className="field">
          <label htmlFor={ids.current}>Current password</label>
          <input
            id={ids.current}
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </div>
        <NewPasswordFields
          label="New password"
          repeatLabel="Repeat the new password"
          password={next}
          repeat={repeat}
          onPassword={setNext}
          onRepeat={setRepeat}
        />
        <FormError error={problem ?? error} prefix={error && !problem ? "The password did not change." : undefined} />
        {done !== null && (
          <p role="status">
            Your password is changed.{" "}
            {done === 0 ? "You were signed in nowhere else." : `Signed out of ${done} other session${done === 1 ? "" : "s"}.`}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button-primary button-inline" disabled={loading} aria-busy={loading}>
            {loading ? "Changing…" : "Change password"}
          </button>
        </div>
      </form>
    </section>
  );
}
