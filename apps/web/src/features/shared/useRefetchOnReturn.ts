import { useEffect, useRef } from "react";

/** A list is asked again at most this often, in ms, however often the window regains focus. */
export const REFETCH_ON_RETURN_MIN_MS = 2_000;

/**
 * Keeps a list that has no live topic current (partnerships, registrations, webhook deliveries):
 * `refetch` runs when the person comes back to the window (focus, or the tab becoming visible),
 * which is when others' signatures, reviews and deliveries since then matter. No polling.
 */
export function useRefetchOnReturn(refetch: () => unknown): void {
  const latest = useRef(refetch);
  latest.current = refetch;
  useEffect(() => {
    let last = Date.now();
    const onReturn = () => {
      if (document.visibilityState !== "visible" || Date.now() - last < REFETCH_ON_RETURN_MIN_MS) return;
      last = Date.now();
      void Promise.resolve(latest.current()).catch(() => undefined);
    };
    window.addEventListener("focus", onReturn);
    document.addEventListener("visibilitychange", onReturn);
    return () => {
      window.removeEventListener("focus", onReturn);
      document.removeEventListener("visibilitychange", onReturn);
    };
  }, []);
}
