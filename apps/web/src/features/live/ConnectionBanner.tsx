import { useConnectionState } from "./connection";

/**
 * Says, at the top of every screen, when the app has lost its connection: offline (no network),
 * or reconnecting (the live socket dropped and is being retried). Live updates, presence and
 * saving wait until it is back; the region is polite, so a screen reader hears the change without
 * losing its place.
 */
export function ConnectionBanner() {
  const state = useConnectionState();
  return (
    <div className="connection-status" role="status" aria-live="polite">
      {state === "offline" && (
        <p className="connection-banner connection-offline">
          <strong>You are offline.</strong> Live updates are paused and changes cannot be saved until the network is back.
        </p>
      )}
      {state === "reconnecting" && (
        <p className="connection-banner connection-reconnecting">
          <strong>Reconnecting…</strong> Live updates are paused; what you missed will arrive once the connection is back.
        </p>
      )}
    </div>
  );
}
