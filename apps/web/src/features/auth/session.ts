/** The localStorage key that keeps the signed-in user's bearer token between visits. */
export const TOKEN_STORAGE_KEY = "cosell.token";

/**
 * Who the browser is signed in as: the bearer token the server issued at sign-in, or null.
 *
 * Everything that depends on the identity (the Apollo cache, the WebSocket, the screens)
 * subscribes here, so signing in or out in one place, or in another tab, reaches all of them.
 */
export interface SessionStore {
  getToken(): string | null;
  signIn(token: string): void;
  signOut(): void;
  /** Calls `listener` after every change of token; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

export function createSessionStore(
  storage: Storage = window.localStorage,
  events: Pick<Window, "addEventListener" | "removeEventListener"> = window,
): SessionStore {
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const listener of [...listeners]) listener();
  };
  const write = (token: string | null): void => {
    if (storage.getItem(TOKEN_STORAGE_KEY) === token) return;
    if (token === null) storage.removeItem(TOKEN_STORAGE_KEY);
    else storage.setItem(TOKEN_STORAGE_KEY, token);
    notify();
  };
  // Another tab signed in or out: the "storage" event fires only in the other tabs.
  const onStorage = (event: StorageEvent): void => {
    if (event.storageArea === storage && (event.key === TOKEN_STORAGE_KEY || event.key === null)) {
      notify();
    }
  };

  return {
    getToken: () => storage.getItem(TOKEN_STORAGE_KEY),
    signIn: (token) => write(token),
    signOut: () => write(null),
    subscribe(listener) {
      if (listeners.size === 0) events.addEventListener("storage", onStorage);
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) events.removeEventListener("storage", onStorage);
      };
    },
  };
}
