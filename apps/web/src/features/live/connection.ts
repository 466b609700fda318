import { useSyncExternalStore } from "react";
import { socketIsReconnecting, subscribeSocketReconnecting } from "../../apollo";

function subscribeOnline(listener: () => void): () => void {
  window.addEventListener("online", listener);
  window.addEventListener("offline", listener);
  return () => {
    window.removeEventListener("online", listener);
    window.removeEventListener("offline", listener);
  };
}

const isOnline = () => navigator.onLine;

/**
 * The state of the app's connection, as the offline banner and the presence list show it:
 * `offline` when the browser says it has no network, `reconnecting` while graphql-ws is getting a
 * lost socket back, `online` otherwise.
 */
export type ConnectionState = "online" | "offline" | "reconnecting";

export function useConnectionState(): ConnectionState {
  const online = useSyncExternalStore(subscribeOnline, isOnline, () => true);
  const reconnecting = useSyncExternalStore(subscribeSocketReconnecting, socketIsReconnecting, () => false);
  if (!online) return "offline";
  return reconnecting ? "reconnecting" : "online";
}
