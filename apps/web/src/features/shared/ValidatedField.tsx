import { useId } from "react";
import type { ReactNode } from "react";

/** What a control needs to be tied to its label and to the message about it. */
export interface FieldControlProps {
  readonly id: string;
  readonly "aria-invalid": boolean;
  readonly "aria-describedby": string | undefined;
}

/**
 * A labelled form control with our own message next to it: forms here use `noValidate`, so the
 * browser's generic pattern text never shows, and the message says what is wrong in the API's
 * terms (the rules of @cosell/schema). The control reads its message through aria-describedby.
 */
export function ValidatedField(props: {
  label: ReactNode;
  error: string | null | undefined;
  /** A note shown under the control while it has no error (e.g. how a domain will be saved). */
  hint?: ReactNode;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const id = useId();
  const messageId = `${id}-message`;
  const message = props.error ?? props.hint;
  return (
    <div className={props.className ? `field ${props.className}` : "field"}>
      <label htmlFor={id}>{props.label}</label>
      {props.children({ id, "aria-invalid": Boolean(props.error), "aria-describedby": message ? messageId : undefined })}
      {props.error ? (
        <p id={messageId} className="field-error">
          {props.error}
        </p>
      ) : (
        props.hint && (
          <p id={messageId} className="field-hint muted">
            {props.hint}
          </p>
        )
      )}
    </div>
  );
}
