import { ApolloLink } from "@apollo/client";
import { ApolloProvider } from "@apollo/client/react";
import { MockLink } from "@apollo/client/testing";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "./App";
import { createApolloClient } from "./apollo";
import { createSessionStore, SIGNED_IN_STORAGE_KEY } from "./features/auth/session";
import { ana, apiError, asViewer, boardMock, cardMember, max, opportunity, signInMock, signOutMock, viewerMock } from "./test/fixtures";

/** The whole app on a real client, with the server replaced by `mocks`. */
function renderApp(mocks: MockLink.MockedResponse[]) {
  const sent: { operation: string; authorization: string | undefined }[] = [];
  const recordHeaders = new ApolloLink((operation, forward) => {
    const headers: Record<string, string> | undefined = operation.getContext().headers;
    sent.push({ operation: operation.operationName ?? "", authorization: headers?.["authorization"] });
    return forward(operation);
  });
  const session = createSessionStore(window.localStorage, window);
  const client = createApolloClient({
    session,
    // The shell's other queries (the inbox, the board feed's cursor) go unanswered: these stories
    // are about the session, and an unanswered query only leaves its panel loading.
    transport: ApolloLink.from([recordHeaders, new MockLink(mocks, { showWarnings: false })]),
  });
  render(
    <ApolloProvider client={client}>
      <App session={session} />
    </ApolloProvider>,
  );
  return { sent };
}

function signInAs(email: string) {
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: email } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: "cosell-demo" } });
  fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("App", () => {
  it("signs Ana in with a cookie session: no token is kept or sent by the app", async () => {
    const { sent } = renderApp([
      signInMock({ email: ana.email, password: "cosell-demo" }, { user: ana }),
      viewerMock({ viewer: asViewer(ana) }),
      boardMock({ opportunities: [opportunity("T3BwOjE=", { title: "Catalogue print run" })] }),
    ]);

    signInAs(ana.email);

    expect(await screen.findByText("Ana Rivera")).toBeTruthy();
    expect(screen.getByText("Acme Print · Rep")).toBeTruthy();
    expect(await screen.findByText("Catalogue print run")).toBeTruthy();
    expect(window.localStorage.getItem(SIGNED_IN_STORAGE_KEY)).toBe(ana.id);
    expect(sent).toEqual(
      expect.arrayContaining([
        { operation: "SignIn", authorization: undefined },
        { operation: "Viewer", authorization: undefined },
        { operation: "Board", authorization: undefined },
      ]),
    );
  });

  it("goes back to the sign-in page and forgets who was signed in when the server says UNAUTHENTICATED", async () => {
    window.localStorage.setItem(SIGNED_IN_STORAGE_KEY, ana.id);
    renderApp([
      viewerMock({ error: apiError("Your session has expired.", "UNAUTHENTICATED") }),
      boardMock({ error: apiError("Your session has expired.", "UNAUTHENTICATED") }),
    ]);

    expect(await screen.findByRole("button", { name: "Sign in" })).toBeTruthy();
    expect(window.localStorage.getItem(SIGNED_IN_STORAGE_KEY)).toBeNull();
    expect(screen.queryByRole("button", { name: "Sign out" })).toBeNull();
  });

  it("signs out, and the next user sees nothing of the previous one", async () => {
    window.localStorage.setItem(SIGNED_IN_STORAGE_KEY, ana.id);
    renderApp([
      viewerMock({ viewer: asViewer(ana) }),
      boardMock({ opportunities: [opportunity("T3BwOjE=", { title: "Ana's deal" })] }),
      signOutMock(),
      signInMock({ email: max.email, password: "cosell-demo" }, { user: max }),
      viewerMock({ viewer: asViewer(max) }),
      boardMock({
        opportunities: [
          opportunity("T3BwOjI=", {
            title: "Max's deal",
            owner: { __typename: "User", id: max.id, name: max.name },
            members: [cardMember(max.id, max.organization)],
          }),
        ],
      }),
    ]);
    expect(await screen.findByText("Ana Rivera")).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Sign out" }));

    expect(await screen.findByRole("button", { name: "Sign in" })).toBeTruthy();
    expect(window.localStorage.getItem(SIGNED_IN_STORAGE_KEY)).toBeNull();

    signInAs(max.email);

    expect(await screen.findByText("Max Okafor")).toBeTruthy();
    expect(await screen.findByText("Max's deal")).toBeTruthy();
    expect(screen.queryByText("Ana Rivera")).toBeNull();
    expect(screen.queryByText("Ana's deal")).toBeNull();
  });

  it("puts focus on the board's heading after signing in, not on the page's body", async () => {
    renderApp([
      signInMock({ email: ana.email, password: "cosell-demo" }, { user: ana }),
      viewerMock({ viewer: asViewer(ana) }),
      boardMock({ opportunities: [opportunity("T3BwOjE=", { title: "Catalogue print run" })] }),
    ]);
    screen.getByRole("button", { name: "Sign in" }).focus();

    signInAs(ana.email);

    const heading = await screen.findByRole("heading", { name: "Board", level: 1 });
    expect(document.activeElement).toBe(heading);
    // Reachable by script only: the heading does not join the tab order.
    expect(heading.getAttribute("tabindex")).toBe("-1");
  });
});
