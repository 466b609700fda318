import { gql } from "@apollo/client";
import type { ApolloClient } from "@apollo/client";
import { buildSchema } from "graphql";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApolloClient, graphqlWebSocketUrl } from "./apollo";
import { createSessionStore } from "./features/auth/session";
import { createInProcessGraphQLWs } from "./test/inProcessGraphQLWs";

describe("graphqlWebSocketUrl", () => {
  it("uses ws:// on the page's host for a page served over http", () => {
    expect(graphqlWebSocketUrl({ protocol: "http:", host: "localhost:5173" })).toBe("ws://localhost:5173/graphql");
  });

  it("uses wss:// for a page served over https", () => {
    expect(graphqlWebSocketUrl({ protocol: "https:", host: "cosell.example" })).toBe("wss://cosell.example/graphql");
  });
});

describe("subscriptions", () => {
  const schema = buildSchema(`
    type Query { ok: Boolean }
    type Subscription { whoAmI: String! }
  `);
  const WhoAmI = gql`
    subscription WhoAmI {
      whoAmI
    }
  `;
  // A second operation: Apollo shares one stream among identical subscriptions.
  const StayInTheRoom = gql`
    subscription StayInTheRoom {
      whoAmI
    }
  `;

  /** A server whose one subscription answers with the credential the socket sent at connection_init, then stays open. */
  function startServer() {
    return createInProcessGraphQLWs({
      schema,
      context: (ctx) => ({ authorization: ctx.connectionParams?.["authorization"] ?? "nobody" }),
      roots: {
        subscription: {
          async *whoAmI(_args: unknown, context: { authorization: string }) {
            yield { whoAmI: context.authorization };
            await new Promise(() => {});
          },
        },
      },
    });
  }

  function nextWhoAmI(client: ApolloClient): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const subscription = client.subscribe({ query: WhoAmI }).subscribe({
        next: (result) => {
          subscription.unsubscribe();
          if (result.error) reject(result.error);
          resolve(result.data);
        },
        error: reject,
      });
    });
  }

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("go over graphql-ws on the page's origin and send no credential: the session cookie goes with the upgrade", async () => {
    const server = startServer();
    vi.stubGlobal("WebSocket", server.WebSocket);
    const session = createSessionStore(window.localStorage, window);
    session.signIn("ana-id");
    const client = createApolloClient({ session });

    expect(await nextWhoAmI(client)).toEqual({ whoAmI: "nobody" });
    expect(server.urls).toEqual([graphqlWebSocketUrl(window.location)]);
  });

  it("use a new socket as the new user after someone else signs in", async () => {
    const server = startServer();
    vi.stubGlobal("WebSocket", server.WebSocket);
    const session = createSessionStore(window.localStorage, window);
    session.signIn("ana-id");
    const client = createApolloClient({ session });
    // Ana's subscription stays live, so her socket would stay open if nothing closed it.
    const anasSubscription = client.subscribe({ query: StayInTheRoom }).subscribe({});
    await nextWhoAmI(client);

    session.signIn("max-id");

    await nextWhoAmI(client);
    expect(server.urls).toHaveLength(2);
    anasSubscription.unsubscribe();
  });

  it.each([
    [4401, "Session ended"],
    [4403, "Forbidden"],
  ])("sign out when the server closes the socket with %i (%s), instead of reconnecting", async (code, reason) => {
    const server = startServer();
    vi.stubGlobal("WebSocket", server.WebSocket);
    const session = createSessionStore(window.localStorage, window);
    session.signIn("ana-id");
    const client = createApolloClient({ session });
    // graphql-ws hands the close to the operation's sink only when it will not retry; while it
    // means to reconnect, it keeps the sink open. So the subscription ending is the sign it gave up.
    let ended!: () => void;
    const gaveUp = new Promise<void>((resolve) => (ended = resolve));
    const live = client.subscribe({ query: StayInTheRoom }).subscribe({
      next: (result) => {
        if (result.error) ended();
      },
      error: () => ended(),
      complete: () => ended(),
    });
    await nextWhoAmI(client);

    server.sockets[0]?.close(code, reason);

    await vi.waitFor(() => expect(session.getUserId()).toBeNull());
    await gaveUp;
    expect(server.urls).toHaveLength(1);
    live.unsubscribe();
  });
});

describe("a room's live feed after a dropped connection", () => {
  const schema = buildSchema(`
    type Query { ok: Boolean }
    type Activity { id: ID!, cursor: String! }
    type Subscription { roomActivity(opportunityId: ID!, after: String): Activity! }
  `);
  const RoomActivityLive = gql`
    subscription RoomActivityLive($opportunityId: ID!, $after: String) {
      roomActivity(opportunityId: $opportunityId, after: $after) {
        id
        cursor
      }
    }
  `;

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("resubscribes after the newest activity it received, not after the cursor it started from", async () => {
    /** The `after` of every subscription the server saw. */
    const resumedAfter: (string | null)[] = [];
    let nextSeq = 1;
    const server = createInProcessGraphQLWs({
      schema,
      roots: {
        subscription: {
          async *roomActivity(args: { after?: string | null }) {
            resumedAfter.push(args.after ?? null);
            // Two new entries after the cursor, then the room stays quiet.
            for (let i = 0; i < 2; i++) {
              const seq = nextSeq++;
              yield { roomActivity: { id: `act-${seq}`, cursor: `c${seq}` } };
            }
            await new Promise(() => {});
          },
        },
      },
    });
    vi.stubGlobal("WebSocket", server.WebSocket);
    const session = createSessionStore(window.localStorage, window);
    session.signIn("lee-id");
    const client = createApolloClient({ session });

    const received: string[] = [];
    const subscription = client
      .subscribe({ query: RoomActivityLive, variables: { opportunityId: "opp-1", after: "c0" } })
      .subscribe({ next: (result) => received.push((result.data as { roomActivity: { cursor: string } }).roomActivity.cursor) });
    await vi.waitFor(() => expect(received).toEqual(["c1", "c2"]));

    // The connection drops (a server restart); graphql-ws reconnects and subscribes again.
    server.sockets[0]?.close(1012, "Service restart");

    await vi.waitFor(() => expect(received).toEqual(["c1", "c2", "c3", "c4"]), { timeout: 5000 });
    expect(resumedAfter).toEqual(["c0", "c2"]);
    expect(server.urls).toHaveLength(2);
    subscription.unsubscribe();
  });
});
