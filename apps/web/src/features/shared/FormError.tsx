import type { ErrorLike } from "@apollo/client";
import { describeError } from "../../apiErrors";

/**
 * Why a form or an action failed, announced to screen readers. Shows nothing without an error; a
 * string is shown as it is (a problem found before sending), an API error in the user's words.
 */
export function FormError(props: { error: ErrorLike | string | null | undefined; prefix?: string; id?: string }) {
  if (!props.error) return null;
  const text = typeof props.error === "string" ? props.error : describeError(props.error);
  return (
    <p id={props.id} className="form-error" role="alert">
      {props.prefix ? `${props.prefix} ${text}` : text}
    </p>
  );
}
