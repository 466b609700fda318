/**
 * The localStorage key that remembers who is signed in: their user id, which is no credential.
 * The session itself is an httpOnly cookie the server sets at sign-in, which no script can read.
 */
export const SIGNED_IN_STORAGE_KEY = "cosell.signedIn";

/** Where the app kept its bearer token before sessions moved to a cookie; removed on start. */
const LEGACY_TOKEN_KEY = "cosell.token";

/**
 * Who the browser is signed in as (a user id), or null.
 *
 * Everything that depends on the identity (the Apollo cache, the WebSocket, the screens)
 * subscribes here, so signing in or out in one place, or in another tab, reaches all of them.
 * The server has the last word: an UNAUTHENTICATED answer or a socket closed with 4401 or 4403
 * signs the app out.
 */
export interface SessionStore {
  getUserId(): string | null;
  signIn(userId: string): void;
  signOut(): void;
  /** Calls `listener` after every change of identity; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

export function createSessionStore(
  storage: Storage = window.localStorage,
  events: Pick<Window, "addEventListener" | "removeEventListener"> = window,
): SessionStore {
  storage.removeItem(LEGACY_TOKEN_KEY);
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const listener of [...listeners]) listener();
  };
  const write = (userId: string | null): void => {
    if (storage.getItem(SIGNED_IN_STORAGE_KEY) === userId) return;
    if (userId === null) storage.removeItem(SIGNED_IN_STORAGE_KEY);
    else storage.setItem(SIGNED_IN_STORAGE_KEY, userId);
    notify();
  };
  // Another tab signed in or out: the "storage" event fires only in the other tabs.
  const onStorage = (event: StorageEvent): void => {
    if (event.storageArea === storage && (event.key === SIGNED_IN_STORAGE_KEY || event.key === null)) {
      notify();
    }
  };

  return {
    getUserId: () => storage.getItem(SIGNED_IN_STORAGE_KEY),
    signIn: (userId) => write(userId),
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
