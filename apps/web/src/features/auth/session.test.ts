import { describe, expect, it, vi } from "vitest";
import { createSessionStore, TOKEN_STORAGE_KEY } from "./session";

describe("session store", () => {
  it("keeps the token in localStorage and tells subscribers when it changes", () => {
    const session = createSessionStore(window.localStorage, window);
    const listener = vi.fn();
    session.subscribe(listener);

    session.signIn("jwt-1");
    expect(window.localStorage.getItem(TOKEN_STORAGE_KEY)).toBe("jwt-1");
    expect(session.getToken()).toBe("jwt-1");

    session.signOut();
    expect(window.localStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
    expect(session.getToken()).toBeNull();
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it("does not notify when nothing changed", () => {
    const session = createSessionStore(window.localStorage, window);
    const listener = vi.fn();
    session.subscribe(listener);

    session.signOut();
    session.signIn("jwt-1");
    session.signIn("jwt-1");

    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("follows a sign-out in another tab", () => {
    const session = createSessionStore(window.localStorage, window);
    session.signIn("jwt-1");
    const listener = vi.fn();
    const unsubscribe = session.subscribe(listener);

    // What the browser does in this tab when another tab removes the token.
    window.localStorage.removeItem(TOKEN_STORAGE_KEY);
    window.dispatchEvent(
      new StorageEvent("storage", { key: TOKEN_STORAGE_KEY, storageArea: window.localStorage }),
    );
    expect(listener).toHaveBeenCalledTimes(1);
    expect(session.getToken()).toBeNull();

    unsubscribe();
    window.dispatchEvent(
      new StorageEvent("storage", { key: TOKEN_STORAGE_KEY, storageArea: window.localStorage }),
    );
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
