import { useMutation } from "@apollo/client/react";
import { useSyncExternalStore } from "react";
import { AcceptInvitationPage } from "./features/auth/AcceptInvitationPage";
import { ResetPasswordPage } from "./features/auth/ResetPasswordPage";
import { SignInPage } from "./features/auth/SignInPage";
import type { SessionStore } from "./features/auth/session";
import { AppShell } from "./features/shell/AppShell";
import { graphql } from "./gql";
import { isPublicRoute, navigate, useRoute } from "./router";

const SignOut = graphql(`
  mutation SignOut($input: LogoutInput!) {
    logout(input: $input) {
      sessionsEnded
    }
  }
`);

export interface AppProps {
  session: SessionStore;
}

export function App({ session }: AppProps) {
  const userId = useSyncExternalStore(session.subscribe, session.getUserId);
  const [logout] = useMutation(SignOut);
  const route = useRoute();

  /**
   * The server ends the session and clears its cookie, then the app forgets who was signed in
   * (which clears the cache and the socket). If the server cannot be reached, the app signs out
   * all the same, and the session ends at its expiry.
   */
  async function signOut() {
    try {
      await logout({ variables: { input: {} } });
    } catch {
      // Already over (UNAUTHENTICATED) or unreachable: nothing more to do here.
    } finally {
      session.signOut();
    }
  }

  if (isPublicRoute(route)) {
    // Signed in by the link's page (the server set the session cookie): on to the board as them.
    // Identity first, as after the sign-in form: the cache is cleared before the board's queries start.
    const onSignedIn = (id: string) => {
      session.signIn(id);
      navigate("/", { replace: true });
    };
    return route.name === "invite" ? <AcceptInvitationPage onSignedIn={onSignedIn} /> : <ResetPasswordPage onSignedIn={onSignedIn} />;
  }
  if (userId === null) {
    return <SignInPage onSignedIn={session.signIn} />;
  }
  // Keyed by the user: another identity (e.g. signed in from another tab) starts afresh.
  return (
    <div className="app" key={userId}>
      <AppShell onSignOut={() => void signOut()} />
    </div>
  );
}
