import { useId, useState } from "react";

/** A published version of the code of conduct, as the server keeps it (`codeOfConduct`). */
export interface CodeOfConductText {
  readonly version: number;
  readonly title: string;
  /** One clause a paragraph, separated by a blank line, its heading first ("Heading. Text…"). */
  readonly text: string;
}

/** "Confidentiality. Customer data…" → heading "Confidentiality", text "Customer data…". */
export function clausesOf(text: string): { heading: string; text: string }[] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => {
      const match = /^([^.]{1,60})\.\s+([\s\S]*)$/.exec(paragraph);
      return match ? { heading: match[1]!, text: match[2]! } : { heading: "", text: paragraph };
    });
}

export interface CodeOfConductAcceptanceProps {
  code: CodeOfConductText;
  accepted: boolean;
  onAcceptedChange: (accepted: boolean) => void;
}

/**
 * The code of conduct a manager accepts when signing: its full text (the version the server
 * published last) opens in a scrollable region beside the checkbox, and the checkbox stays
 * disabled until the text has been shown, so nobody accepts what they could not read. The
 * signature records the version.
 */
export function CodeOfConductAcceptance({ code, accepted, onAcceptedChange }: CodeOfConductAcceptanceProps) {
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
        {open ? "Hide the code of conduct" : `Read the code of conduct (version ${code.version})`}
      </button>
      {open && (
        // Focusable, so the keyboard can scroll it.
        <div id={ids.text} className="code-of-conduct-text" role="region" aria-label={code.title} tabIndex={0}>
          <h4>
            {code.title} <span className="muted">(version {code.version})</span>
          </h4>
          <ol>
            {clausesOf(code.text).map((clause) => (
              <li key={clause.heading || clause.text}>
                {clause.heading && <strong>{clause.heading}.</strong>} {clause.text}
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
        We accept the code of conduct, version {code.version}
      </label>
      {!read && (
        <p id={ids.hint} className="muted field-hint">
          Read the code of conduct to accept it.
        </p>
      )}
    </div>
  );
}
