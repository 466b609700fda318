import { useState } from "react";
import type { ReactNode } from "react";

/**
 * A destructive action behind a second click: `label` opens the question, `confirmLabel` does it,
 * "Keep it" backs out. While `busy`, the confirming button shows `busyLabel` and is disabled.
 */
export function ConfirmButton(props: {
  label: string;
  question: ReactNode;
  confirmLabel: string;
  busyLabel: string;
  busy: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  return (
    <div className="row-actions">
      {asking ? (
        <>
          <span>{props.question}</span>
          <button type="button" className="button-secondary" disabled={props.busy} onClick={props.onConfirm}>
            {props.busy ? props.busyLabel : props.confirmLabel}
          </button>
          <button type="button" className="button-link" onClick={() => setAsking(false)}>
            Keep it
          </button>
        </>
      ) : (
        <button type="button" className="button-link" onClick={() => setAsking(true)}>
          {props.label}
        </button>
      )}
    </div>
  );
}
