import { ApolloProvider } from "@apollo/client/react";
import { MockedProvider } from "@apollo/client/testing/react";
import { act, render, screen } from "@testing-library/react";
import { buildSchema } from "graphql";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApolloClient } from "../../apollo";
import { RoomPresenceLiveDocument } from "../../gql/graphql";
import { createInProcessGraphQLWs } from "../../test/inProcessGraphQLWs";
import { createSessionStore } from "../auth/session";
import { ConnectionBanner } from "./ConnectionBanner";
import { useRoomPresence } from "./live";

afterEach(() => vi.unstubAllGlobals());

/** Plays the browser losing or regaining its network, as Chromium does: `navigator.onLine` and the event. */
function setNetwork(online: boolean) {
  vi.spyOn(navigator, "onLine", "get").mockReturnValue(online);
  act(() => void window.dispatchEvent(new Event(online ? "online" : "offline")));
}

const status = () => screen.getByRole("status");

describe("the connection banner", () => {
  it("says the app is offline while the browser has no network, in a polite status region", () => {
    render(<ConnectionBanner />);
    expect(status().textContent).toBe("");
    expect(status().getAttribute("aria-live")).toBe("polite");

    setNetwork(false);
    expect(status().textContent).toContain("You are offline.");

    setNetwork(true);
    expect(status().textContent).toBe("");
  });

  it("says it is reconnecting while the live socket is lost, and clears once it is back", async () => {
    const server = createInProcessGraphQLWs({
      schema: buildSchema(`type Query { ok: Boolean } type Subscription { tick: Int! }`),
      roots: {
        subscription: {
          async *tick() {
            yield { tick: 1 };
            await new Promise(() => {});
          },
        },
      },
    });
    vi.stubGlobal("WebSocket", server.WebSocket);
    const session = createSessionStore(window.localStorage, window);
    session.signIn("ana-id");
    const client = createApolloClient({ session });
    render(
      <ApolloProvider client={client}>
        <ConnectionBanner />
      </ApolloProvider>,
    );
    const ticks: unknown[] = [];
    const live = client.subscribe({ query: (await import("graphql")).parse("subscription Tick { tick }") }).subscribe({
      next: (result) => ticks.push(result.data),
    });
    await vi.waitFor(() => expect(ticks).toHaveLength(1));
    expect(status().textContent).toBe("");

    // A server restart: graphql-ws retries (after about a second) and subscribes again.
    act(() => server.sockets[0]?.close(1012, "Service restart"));
    await vi.waitFor(() => expect(status().textContent).toContain("Reconnecting…"));

    await vi.waitFor(() => expect(ticks).toHaveLength(2), { timeout: 5000 });
    expect(status().textContent).toBe("");
    live.unsubscribe();
  });
});

describe("presence while offline", () => {
  function Present() {
    const present = useRoomPresence("opp-1");
    return <p data-testid="present">{present ? [...present].join(",") : "unknown"}</p>;
  }

  it("clears the room's presence list while offline, and shows it again when back", async () => {
    render(
      <MockedProvider
        mocks={[
          {
            request: { query: RoomPresenceLiveDocument, variables: { opportunityId: "opp-1" } },
            result: {
              data: {
                roomPresence: {
                  __typename: "PresenceEvent",
                  opportunityId: "opp-1",
                  at: "2030-01-01T12:00:00.000Z",
                  users: [{ __typename: "User", id: "ana", name: "Ana" }],
                },
              },
            },
          },
        ]}
      >
        <Present />
      </MockedProvider>,
    );
    await vi.waitFor(() => expect(screen.getByTestId("present").textContent).toBe("ana"));

    setNetwork(false);
    expect(screen.getByTestId("present").textContent).toBe("unknown");

    setNetwork(true);
    expect(screen.getByTestId("present").textContent).toBe("ana");
  });
});
