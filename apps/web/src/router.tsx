import { useSyncExternalStore } from "react";
import type { AnchorHTMLAttributes, MouseEvent, ReactNode } from "react";

/**
 * Client-side routing on the History API: five screens and one parameter do not need a router
 * library. The server answers every non-API path with index.html, so deep links and reloads work.
 */

export type Route =
  | { readonly name: "board" }
  | { readonly name: "room"; readonly opportunityId: string | null }
  | { readonly name: "manager" }
  | { readonly name: "partners" }
  | { readonly name: "settings" }
  /** Accepting an invitation, and setting a new password with a reset link: open signed out (`?token=`). */
  | { readonly name: "invite" }
  | { readonly name: "resetPassword" }
  | { readonly name: "notFound" };

/** Routes shown whoever is signed in, or nobody: their link's token is the credential. */
export const isPublicRoute = (route: Route): boolean => route.name === "invite" || route.name === "resetPassword";

/** The route a path names; unknown paths are `notFound`. */
export function parseRoute(pathname: string): Route {
  const parts = pathname.split("/").filter(Boolean);
  const [first, second, ...rest] = parts;
  if (rest.length > 0) return { name: "notFound" };
  switch (first) {
    case undefined:
    case "board":
      return second === undefined ? { name: "board" } : { name: "notFound" };
    case "room":
      return { name: "room", opportunityId: second === undefined ? null : decodeURIComponent(second) };
    case "manager":
    case "partners":
    case "settings":
    case "invite":
      return second === undefined ? { name: first } : { name: "notFound" };
    case "reset-password":
      return second === undefined ? { name: "resetPassword" } : { name: "notFound" };
    default:
      return { name: "notFound" };
  }
}

export function roomPath(opportunityId: string): string {
  return `/room/${encodeURIComponent(opportunityId)}`;
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

const currentPath = (): string => window.location.pathname;
const currentSearch = (): string => window.location.search;

/** Goes to `path` (with an optional `?query`) without reloading the page. */
export function navigate(path: string, { replace = false }: { replace?: boolean } = {}): void {
  if (path === window.location.pathname + window.location.search) return;
  if (replace) window.history.replaceState(null, "", path);
  else window.history.pushState(null, "", path);
  for (const listener of [...listeners]) listener();
}

/** The current path; re-renders on navigation and on the browser's back and forward buttons. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

/** The current query string (`?…`, or empty). */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, currentSearch);
}

export function useRoute(): Route {
  return parseRoute(usePathname());
}

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, "href"> {
  to: string;
  children: ReactNode;
}

/** An ordinary link (open in a new tab, copy address) that navigates in place on a plain click. */
export function Link({ to, onClick, children, ...rest }: LinkProps) {
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event);
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  }
  return (
    <a href={to} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
