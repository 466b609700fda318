/**
 * Small line icons drawn inline. Emoji glyphs depend on the reader's fonts: a machine without a
 * colour-emoji font (many Linux desktops) shows an empty box where a bell or a lock emoji should be
 * (src/a11y/glyphs.test.ts keeps them out). These take the text colour and size of where they sit
 * and are hidden from assistive technology, which reads the control's own label instead.
 */
import type { ReactElement } from "react";

function Icon({ children, className }: { children: ReactElement | ReactElement[]; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : "icon"}
      viewBox="0 0 24 24"
      width="1em"
      height="1em"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export function BellIcon() {
  return (
    <Icon>
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </Icon>
  );
}

export function LockIcon() {
  return (
    <Icon>
      <rect x="4" y="11" width="16" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </Icon>
  );
}

/** A burst of rays, for a won deal. */
export function BurstIcon({ className }: { className?: string }) {
  return (
    <Icon className={className}>
      <path d="M12 2v4M12 18v4M2 12h4M18 12h4M4.9 4.9l2.8 2.8M16.3 16.3l2.8 2.8M4.9 19.1l2.8-2.8M16.3 7.7l2.8-2.8" />
      <circle cx="12" cy="12" r="2" />
    </Icon>
  );
}
