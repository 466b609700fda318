import { useEffect, useRef } from "react";
import { ViewerHeader } from "../auth/ViewerHeader";
import { Board } from "../board/Board";
import { ConnectionBanner } from "../live/ConnectionBanner";
import { BoardChangesLive } from "../live/live";
import { ManagerPage } from "../manager/ManagerPage";
import { NotificationBell } from "../notifications/NotificationBell";
import { PartnersPage } from "../partners/PartnersPage";
import { RoomIndex } from "../room/RoomIndex";
import { RoomPage } from "../room/RoomPage";
import { SettingsPage } from "../settings/SettingsPage";
import { Link, roomPath, usePathname, useRoute } from "../../router";
import type { Route } from "../../router";
import { focusScreenStart } from "./focusScreen";
import { forgetLastRoom, lastRoom } from "./lastRoom";

const sections = [
  { name: "board", label: "Board", path: "/" },
  { name: "room", label: "Room", path: "/room" },
  { name: "manager", label: "Manager", path: "/manager" },
  { name: "partners", label: "Partners", path: "/partners" },
  { name: "settings", label: "Settings", path: "/settings" },
] as const satisfies readonly { name: Route["name"]; label: string; path: string }[];

const titles: Readonly<Record<Route["name"], string>> = {
  board: "Board",
  room: "Room",
  manager: "Manager",
  partners: "Partners",
  settings: "Settings",
  invite: "Join",
  resetPassword: "Set a new password",
  notFound: "Not found",
};

export interface AppShellProps {
  onSignOut: () => void;
}

/** The signed-in app: header with the navigation, and the screen the address names. */
export function AppShell({ onSignOut }: AppShellProps) {
  const route = useRoute();
  const pathname = usePathname();
  const main = useRef<HTMLElement>(null);
  // The address focus was last placed for (null: none yet). A path, not a first-render flag, so
  // that StrictMode's second run of the effect in development does not count as a navigation.
  const focusedFor = useRef<string | null>(null);

  useEffect(() => {
    document.title = `${titles[route.name]} · cosell`;
    if (focusedFor.current === null) {
      if (main.current) focusScreenStart(main.current);
    } else if (focusedFor.current !== pathname) {
      // After a navigation, start reading (and tabbing) at the new screen, as a page load would.
      main.current?.focus({ preventScroll: false });
    }
    focusedFor.current = pathname;
  }, [pathname, route.name]);

  function signOut() {
    forgetLastRoom();
    onSignOut();
  }

  const roomTarget = lastRoom();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <ViewerHeader onSignOut={signOut}>
        <nav className="main-nav" aria-label="Main">
          <ul>
            {sections.map((section) => (
              <li key={section.name}>
                <Link
                  to={section.name === "room" && roomTarget ? roomPath(roomTarget) : section.path}
                  aria-current={route.name === section.name ? "page" : undefined}
                >
                  {section.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <NotificationBell />
      </ViewerHeader>
      <ConnectionBanner />
      {/* One board feed for the whole app: the board, the manager page and the room header follow it through the cache. */}
      <BoardChangesLive />
      <main id="main" ref={main} tabIndex={-1} className={`page page-${route.name}`}>
        <Screen route={route} />
      </main>
    </>
  );
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case "board":
      return <Board />;
    case "room":
      // Keyed: another room starts with its own state (drafts, paging, notices).
      return route.opportunityId ? <RoomPage key={route.opportunityId} opportunityId={route.opportunityId} /> : <RoomIndex />;
    case "manager":
      return <ManagerPage />;
    case "partners":
      return <PartnersPage />;
    case "settings":
      return <SettingsPage />;
    case "invite":
    case "resetPassword":
      // The App shows these before the shell, signed in or not.
      return null;
    case "notFound":
      return (
        <section className="card notice">
          <h1>Page not found</h1>
          <p>
            There is nothing at this address. <Link to="/">Go to the board</Link>
          </p>
        </section>
      );
  }
}
