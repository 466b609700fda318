import { useSyncExternalStore } from "react";
import { SignInPage } from "./features/auth/SignInPage";
import type { SessionStore } from "./features/auth/session";
import { AppShell } from "./features/shell/AppShell";

export interface AppProps {
  session: SessionStore;
}

export function App({ session }: AppProps) {
  const token = useSyncExternalStore(session.subscribe, session.getToken);

  if (token === null) {
    return <SignInPage onSignedIn={session.signIn} />;
  }
  // Keyed by the token: another identity (e.g. signed in from another tab) starts afresh.
  return (
    <div className="app" key={token}>
      <AppShell onSignOut={session.signOut} />
    </div>
  );
}
