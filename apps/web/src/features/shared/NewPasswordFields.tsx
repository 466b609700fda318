import { PASSWORD_MIN, passwordProblem } from "@cosell/schema";
import { useId } from "react";

/** What is wrong with a new password typed twice, in words, before it is sent; null when nothing is. */
export function newPasswordProblem(password: string, repeat: string): string | null {
  const weak = passwordProblem(password);
  if (weak) return `The password ${weak}.`;
  if (password !== repeat) return "The two passwords differ.";
  return null;
}

/** A new password and its repetition, with the rule the server applies (@cosell/schema) under it. */
export function NewPasswordFields(props: {
  label: string;
  repeatLabel: string;
  password: string;
  repeat: string;
  onPassword: (value: string) => void;
  onRepeat: (value: string) => void;
}) {
  const ids = { password: useId(), repeat: useId(), rule: useId() };
  return (
    <>
      <div className="field">
        <label htmlFor={ids.password}>{props.label}</label>
        <input
          id={ids.password}
          type="password"
          autoComplete="new-password"
          required
          aria-describedby={ids.rule}
          value={props.password}
          onChange={(e) => props.onPassword(e.target.value)}
        />
        <span id={ids.rule} className="muted">
          At least {PASSWORD_MIN} characters.
        </span>
      </div>
      <div className="field">
        <label htmlFor={ids.repeat}>{props.repeatLabel}</label>
        <input
          id={ids.repeat}
          type="password"
          autoComplete="new-password"
          required
          value={props.repeat}
          onChange={(e) => props.onRepeat(e.target.value)}
        />
      </div>
    </>
  );
}
