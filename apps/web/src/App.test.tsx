import { ApolloLink } from "@apollo/client";
import { ApolloProvider } from "@apollo/client/react";
import { MockLink } from "@apollo/client/testing";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { App } from "./App";
import { createApolloClient } from "./apollo";
import { createSessionStore, TOKEN_STORAGE_KEY } from "./features/auth/session";
import {
  ana,
  apiError,
  asViewer,
  boardMock,
  cardMember,
  max,
  opportunity,
  signInMock,
  viewerMock,
} from "./test/fixtures";

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
    transport: ApolloLink.from([recordHeaders, new MockLink(mocks)]),
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
  it("signs Ana in, keeps her token and sends it with the board's queries", async () => {
    const { sent } = renderApp([
      signInMock({ email: ana.email, password: "cosell-demo" }, { token: "jwt-for-ana" }),
      viewerMock({ viewer: asViewer(ana) }),
      boardMock({ opportunities: [opportunity("T3BwOjE=", { title: "Catalogue print run" })] }),
    ]);

    signInAs(ana.email);

    expect(await screen.findByText("Ana Rivera")).toBeTruthy();
    expect(screen.getByText("Acme Print · Rep")).toBeTruthy();
    expect(await screen.findByText("Catalogue print run")).toBeTruthy();
    expect(window.localStorage.getItem(TOKEN_STORAGE_KEY)).toBe("jwt-for-ana");
    expect(sent).toEqual(
      expect.arrayContaining([
        { operation: "SignIn", authorization: undefined },
        { operation: "Viewer", authorization: "Bearer jwt-for-ana" },
        { operation: "Board", authorization: "Bearer jwt-for-ana" },
      ]),
    );
  });

  it("goes back to the sign-in page and forgets the token when the server says UNAUTHENTICATED", async () => {
    window.localStorage.setItem(TOKEN_STORAGE_KEY, "expired-token");
    renderApp([
      viewerMock({ error: apiError("Your session has expired.", "UNAUTHENTICATED") }),
      boardMock({ error: apiError("Your session has expired.", "UNAUTHENTICATED") }),
    ]);

    expect(await screen.findByRole("button", { name: "Sign in" })).toBeTruthy();
    expect(window.localStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
    expect(screen.queryByRole("button", { name: "Sign out" })).toBeNull();
  });

  it("signs out, and the next user sees nothing of the previous one", async () => {
    window.localStorage.setItem(TOKEN_STORAGE_KEY, "jwt-for-ana");
    renderApp([
      viewerMock({ viewer: asViewer(ana) }),
      boardMock({ opportunities: [opportunity("T3BwOjE=", { title: "Ana's deal" })] }),
      signInMock({ email: max.email, password: "cosell-demo" }, { token: "jwt-for-max", user: max }),
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

    expect(screen.getByRole("button", { name: "Sign in" })).toBeTruthy();
    expect(window.localStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();

    signInAs(max.email);

    expect(await screen.findByText("Max Okafor")).toBeTruthy();
    expect(await screen.findByText("Max's deal")).toBeTruthy();
    expect(screen.queryByText("Ana Rivera")).toBeNull();
    expect(screen.queryByText("Ana's deal")).toBeNull();
  });
});
