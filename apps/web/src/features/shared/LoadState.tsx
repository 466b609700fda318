import type { ErrorLike } from "@apollo/client";
import type { ReactNode } from "react";
import { describeError } from "../../apiErrors";

/**
 * What a panel shows before its first answer: that it is loading, or why it failed with a
 * way to try again. Nothing once there is data (a refetch keeps the figures on screen).
 */
export function LoadState({
  what,
  loading,
  error,
  hasData,
  retry,
  className,
  reserve,
}: {
  what: string;
  loading: boolean;
  error: ErrorLike | undefined;
  hasData: boolean;
  retry: () => void;
  /** For the error's box (e.g. "card notice" where the panel has no card of its own). */
  className?: string;
  /** Shown under the loading notice to hold the panel's height (so panels below do not jump as it loads). */
  reserve?: ReactNode;
}) {
  if (hasData) return null;
  if (error) {
    return (
      <div className={className} role="alert">
        <p>
          Could not load {what}. {describeError(error)}
        </p>
        <button type="button" className="button-secondary" onClick={retry}>
          Try again
        </button>
      </div>
    );
  }
  if (!loading) return null;
  return (
    <>
      <p className="muted" role="status">
        Loading {what}…
      </p>
      {reserve}
    </>
  );
}
