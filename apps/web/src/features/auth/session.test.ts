import { describe, expect, it, vi } from "vitest";
import { createSessionStore, SIGNED_IN_STORAGE_KEY } from "./session";

describe("session store", () => {
  it("keeps who is signed in (a user id, no credential) in localStorage and tells subscribers when it changes", () => {
    const session = createSessionStore(window.localStorage, window);
    const listener = vi.fn();
    session.subscribe(listener);

    session.signIn("user-1");
    expect(window.localStorage.getItem(SIGNED_IN_STORAGE_KEY)).toBe("user-1");
    expect(session.getUserId()).toBe("user-1");

    session.signOut();
    expect(window.localStorage.getItem(SIGNED_IN_STORAGE_KEY)).toBeNull();
    expect(session.getUserId()).toBeNull();
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it("does not notify when nothing changed", () => {
    const session = createSessionStore(window.localStorage, window);
    const listener = vi.fn();
    session.subscribe(listener);

    session.signOut();
    session.signIn("user-1");
    session.signIn("user-1");

    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("follows a sign-out in another tab", () => {
    const session = createSessionStore(window.localStorage, window);
    session.signIn("user-1");
    const listener = vi.fn();
    const unsubscribe = session.subscribe(listener);

    // What the browser does in this tab when another tab signs out.
    window.localStorage.removeItem(SIGNED_IN_STORAGE_KEY);
    window.dispatchEvent(new StorageEvent("storage", { key: SIGNED_IN_STORAGE_KEY, storageArea: window.localStorage }));
    expect(listener).toHaveBeenCalledTimes(1);
    expect(session.getUserId()).toBeNull();

    unsubscribe();
    window.dispatchEvent(new StorageEvent("storage", { key: SIGNED_IN_STORAGE_KEY, storageArea: window.localStorage }));
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("forgets a bearer token an older version of the app kept in localStorage", () => {
    window.localStorage.setItem("cosell.token", "old-jwt");
    createSessionStore(window.localStorage, window);
    expect(window.localStorage.getItem("cosell.token")).toBeNull();
  });
});
