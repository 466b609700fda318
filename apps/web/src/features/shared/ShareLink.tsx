import { useState } from "react";
import type { ReactNode } from "react";

/**
 * A single-use link to hand to someone (an invitation, a password reset), shown once: cosell keeps
 * only a hash of its token. Says whether it also went out by e-mail, so the person showing it knows
 * whether they must send it themselves; Copy puts it on the clipboard.
 */
export function ShareLink(props: {
  /** What the link is, for its label: "Invitation link for nia@acme.test". */
  label: string;
  url: string;
  /** Whether cosell e-mailed it too, and to whom. */
  emailSent: boolean;
  recipient: string;
  expiresAt: string;
  children?: ReactNode;
  onClose: () => void;
}) {
  const [copied, setCopied] = useState<boolean | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(props.url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <div className="secret-once" role="status">
      <p>
        <strong>
          {props.emailSent
            ? `An e-mail with the link was sent to ${props.recipient}.`
            : `No e-mail was sent: send ${props.recipient} this link yourself.`}
        </strong>{" "}
        It works once, until {new Date(props.expiresAt).toLocaleString()}, and is shown only now.
      </p>
      {props.children}
      <code aria-label={props.label}>{props.url}</code>
      <div className="row-actions">
        <button type="button" className="button-primary button-inline" onClick={() => void copy()}>
          {copied ? "Copied" : "Copy link"}
        </button>
        <button type="button" className="button-secondary" onClick={props.onClose}>
          Close
        </button>
      </div>
      {copied === false && (
        <p className="form-error" role="alert">
          Could not copy: select the link and copy it by hand.
        </p>
      )}
    </div>
  );
}
