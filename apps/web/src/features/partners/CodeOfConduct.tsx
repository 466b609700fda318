import { CODE_OF_CONDUCT } from "@cosell/schema";
import { useId, useState } from "react";

export interface CodeOfConductAcceptanceProps {
  accepted: boolean;
  onAcceptedChange: (accepted: boolean) => void;
}

/**
 * The code of conduct a manager accepts when signing a partnership: its full text opens in a
 * scrollable region beside the checkbox, and the checkbox stays disabled until the text has been
 * shown, so nobody accepts what they could not read.
 */
export function CodeOfConductAcceptance({ accepted, onAcceptedChange }: CodeOfConductAcceptanceProps) {
  const ids = { text: useId(), checkbox: useId(), hint: useId() };
  const [open, setOpen] = useState(false);
  const [read, setRead] = useState(false);

  return (
    <div className="code-of-conduct">
      <button
        type="button"
        className="button-link"
        aria-expanded={open}
        aria-controls={ids.text}
        onClick={() => {
          setOpen(!open);
          setRead(true);
        }}
      >
        {open ? "Hide the code of conduct" : "Read the code of conduct"}
      </button>
      {open && (
        // Focusable, so the keyboard can scroll it.
        <div id={ids.text} className="code-of-conduct-text" role="region" aria-label={CODE_OF_CONDUCT.title} tabIndex={0}>
          <h4>
            {CODE_OF_CONDUCT.title} <span className="muted">(version {CODE_OF_CONDUCT.version})</span>
          </h4>
          <ol>
            {CODE_OF_CONDUCT.clauses.map((clause) => (
              <li key={clause.heading}>
                <strong>{clause.heading}.</strong> {clause.text}
              </li>
            ))}
          </ol>
        </div>
      )}
      <label htmlFor={ids.checkbox} className="checkbox-row">
        <input
          id={ids.checkbox}
          type="checkbox"
          checked={accepted}
          disabled={!read}
          aria-describedby={read ? undefined : ids.hint}
          onChange={(event) => onAcceptedChange(event.target.checked)}
        />
        We accept the code of conduct
      </label>
      {!read && (
        <p id={ids.hint} className="muted field-hint">
          Read the code of conduct to accept it.
        </p>
      )}
    </div>
  );
}
