import { expect } from "vitest";
import { DEMO_PASSWORD } from "../src/seed/demo.js";
import type { GraphQLResponse } from "./fixtures.js";
import { LOG } from "./helpers.js";
import { ROOM_ACTIVITY, follow, socketClient } from "./ws.js";
import type { ActivityItem, Feed, SocketClient } from "./ws.js";

/** POST /graphql on a server process (an `Instance`), as `token` or anonymously. */
export async function gqlAt(
  server: { readonly url: string },
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResponse> {
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

/** A new session of a demo person on `server`. */
export async function signInAt(server: { readonly url: string }, email: string): Promise<string> {
  const result = await gqlAt(server, `mutation ($input: LoginInput!) { login(input: $input) { token } }`, {
    input: { email, password: DEMO_PASSWORD },
  });
  return result.data!.login.token as string;
}

/**
 * One room worked from several server processes (tests of instances sharing a bus): each demo
 * person signs in once (on whichever instance asks first), notes are logged on a given instance, and
 * live subscriptions on it start from the room's newest entry. Sockets go into `sockets` for the
 * file's afterAll to close.
 */
export function roomAcross(room: () => string, sockets: SocketClient[]) {
  const tokens = new Map<string, string>();

  async function login(server: { readonly url: string }, email: string): Promise<string> {
    const token = tokens.get(email) ?? (await signInAt(server, email));
    tokens.set(email, token);
    return token;
  }

  async function note(server: { readonly url: string }, email: string, body: string): Promise<ActivityItem> {
    const result = await gqlAt(server, LOG, { input: { opportunityId: room(), kind: "NOTE", body } }, await login(server, email));
    expect(result.errors).toBeUndefined();
    return result.data!.logActivity;
  }

  /** The room's two newest entries, oldest first. */
  async function newest(server: { readonly url: string }): Promise<ActivityItem[]> {
    const result = await gqlAt(
      server,
      `query ($id: ID!) { opportunity(id: $id) { activities(last: 2) { edges { node { id seq cursor kind body } } } } }`,
      { id: room() },
      await login(server, "ana@acme.test"),
    );
    return result.data!.opportunity.activities.edges.map((e: { node: ActivityItem }) => e.node);
  }

  /** A room subscription on `server` as `token`, live once the replayed newest entry arrived. */
  async function liveRoom(
    server: { readonly url: string },
    token: string,
  ): Promise<{ socket: SocketClient; feed: Feed<ActivityItem>; lastSeq: number }> {
    const [before, last] = await newest(server);
    const socket = socketClient(server.url, token);
    sockets.push(socket);
    const feed = follow<ActivityItem>(socket, ROOM_ACTIVITY, { id: room(), after: before!.cursor }, "roomActivity");
    await feed.waitFor(1, 10_000);
    return { socket, feed, lastSeq: last!.seq };
  }

  return { login, note, newest, liveRoom };
}
