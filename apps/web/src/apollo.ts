import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from "@apollo/client";
import type { Reference } from "@apollo/client";
import { relayStylePagination } from "@apollo/client/utilities";
import { ErrorLink } from "@apollo/client/link/error";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { OperationTypeNode } from "graphql";
import { tap } from "rxjs";
import { createClient } from "graphql-ws";
import type { Client } from "graphql-ws";
import { isUnauthenticated } from "./apiErrors";
import type { SessionStore } from "./features/auth/session";

/** The API is served from the page's own origin (the Vite dev server proxies it). */
export const GRAPHQL_PATH = "/graphql";

/** The graphql-ws endpoint on the same origin as the page: ws:// for http, wss:// for https. */
export function graphqlWebSocketUrl(location: Pick<Location, "protocol" | "host">): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}${GRAPHQL_PATH}`;
}

/**
 * Socket close codes that mean the session is over: 4401 (the session ended or expired while the
 * socket was open) and 4403 (the socket was refused at connection: no valid session). Retrying
 * cannot help; the app signs out. Every other close (a restart, a network blip, 4205 "sign-in
 * changed") is retried.
 */
export const SESSION_OVER_CLOSE_CODES: ReadonlySet<number> = new Set([4401, 4403]);

export function endsSession(closeEvent: unknown): boolean {
  const code = (closeEvent as { code?: unknown } | null)?.code;
  return typeof code === "number" && SESSION_OVER_CLOSE_CODES.has(code);
}

/** Waits about 1 s, 2 s, 4 s … up to 30 s, with jitter so that many tabs do not reconnect at once. */
function reconnectDelay(retries: number): Promise<void> {
  const ms = Math.min(1000 * 2 ** retries, 30_000) + Math.random() * 1000;
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A value that React reads with `useSyncExternalStore`: `get`, `subscribe`, and `set` (which tells only on change). */
function externalValue<T>(initial: T) {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: (): T => value,
    set(next: T): void {
      if (value === next) return;
      value = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Whether the live connection is up, for the screens' "Live" marks: true from the socket's
 * `connection_ack` until it closes. Without a socket (tests with a MockLink) it stays null: unknown.
 */
const socketConnected = externalValue<boolean | null>(null);
export const subscribeSocketStatus = socketConnected.subscribe;
export const socketStatus = socketConnected.get;

/**
 * Whether the socket was lost and graphql-ws is trying to get it back (for the reconnecting
 * banner): from a close that will be retried, or a retry's connection attempt, until the next
 * `connection_ack`. A lazy socket closing normally (1000: no subscription left) is not a loss.
 */
const socketReconnecting = externalValue(false);
export const subscribeSocketReconnecting = socketReconnecting.subscribe;
export const socketIsReconnecting = socketReconnecting.get;

const NORMAL_CLOSURE = 1000;

/**
 * The server closes a socket with 4205 when the person's organization or role changed (an admin
 * changed it): the socket reconnects as the new role, and what the screens show was read as the
 * old one, so the app asks the server again for every query on screen once it is back.
 */
export const SIGN_IN_CHANGED_CLOSE_CODE = 4205;

/** Counts reconnects after a sign-in change; the client refetches its active queries on each. */
const signInChanges = externalValue(0);

/** How often the client pings the server, and how long it waits for the pong before giving the socket up, in ms. */
export const SOCKET_PING_MS = 10_000;
export const SOCKET_PONG_TIMEOUT_MS = 5_000;

/**
 * A graphql-ws client on the page's origin. It sends no credential of its own: the browser sends
 * the session cookie with the upgrade request. `onSessionOver` is called when the server closes it
 * because the session is over.
 */
function createSocket(onSessionOver: () => void): Client {
  socketConnected.set(false);
  socketReconnecting.set(false);
  let pongWait: ReturnType<typeof setTimeout> | undefined;
  let signInChanged = false;
  const client: Client = createClient({
    // A connection that silently died (a laptop's Wi-Fi gone) sends no close: a ping that gets no
    // pong in time closes the socket, so the app says it is reconnecting and graphql-ws retries.
    keepAlive: SOCKET_PING_MS,
    on: {
      connecting: (isRetry) => {
        if (isRetry) socketReconnecting.set(true);
      },
      connected: () => {
        socketConnected.set(true);
        socketReconnecting.set(false);
        if (signInChanged) {
          signInChanged = false;
          signInChanges.set(signInChanges.get() + 1);
        }
      },
      ping: (received) => {
        if (received) return;
        clearTimeout(pongWait);
        pongWait = setTimeout(() => client.terminate(), SOCKET_PONG_TIMEOUT_MS);
      },
      pong: (received) => {
        if (received) clearTimeout(pongWait);
      },
      closed: (event) => {
        clearTimeout(pongWait);
        socketConnected.set(false);
        const code = (event as { code?: unknown } | null)?.code;
        if (code === SIGN_IN_CHANGED_CLOSE_CODE) signInChanged = true;
        socketReconnecting.set(!endsSession(event) && code !== NORMAL_CLOSURE);
        if (endsSession(event)) onSessionOver();
      },
    },
    url: () => graphqlWebSocketUrl(window.location),
    // A live room should survive server restarts and network blips for as long as the tab is
    // open, but not the end of its session.
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: (event) => !endsSession(event),
    retryWait: reconnectDelay,
  });
  return client;
}

/** The live feeds that resume from a cursor: operation name → the root field whose `cursor` it follows. */
const RESUMABLE_FEEDS: Readonly<Record<string, string>> = { RoomActivityLive: "roomActivity", BoardChangedLive: "boardChanged" };

/**
 * Resumes a feed (a room's activities, the board's changes) where it stopped. graphql-ws re-sends
 * a subscription after a reconnect with the very `variables` object it was given, so moving
 * `after` to the cursor of each item received makes the server replay only what came after it
 * (DESIGN.md section 4: no gap, no duplicate) instead of everything, or nothing, since it began.
 */
export const resumeFeedLink = new ApolloLink((operation, forward) => {
  const field = RESUMABLE_FEEDS[operation.operationName ?? ""];
  if (!field) return forward(operation);
  const variables = operation.variables as { after?: string | null };
  return forward(operation).pipe(
    tap((result) => {
      const cursor = (result.data as Record<string, { cursor?: unknown } | undefined> | null | undefined)?.[field]?.cursor;
      if (typeof cursor === "string") variables.after = cursor;
    }),
  );
});

/**
 * The terminating link used in the browser: subscriptions over graphql-ws, queries and
 * mutations over HTTP.
 */
function createTransport(session: SessionStore): ApolloLink {
  // One socket per identity: the server authenticates a socket once, at connection_init, so
  // after sign-in or sign-out the old socket (and what is subscribed on it) must go.
  const signOut = () => session.signOut();
  let socket = new GraphQLWsLink(createSocket(signOut));
  session.subscribe(() => {
    void socket.client.dispose();
    socket = new GraphQLWsLink(createSocket(signOut));
  });

  return ApolloLink.split(
    (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
    resumeFeedLink.concat(new ApolloLink((operation) => socket.request(operation))),
    // The session cookie goes with every request to the page's own origin; the JSON content type
    // is what the server's CSRF prevention asks of a browser.
    new HttpLink({ uri: GRAPHQL_PATH, credentials: "same-origin" }),
  );
}

interface ActivityEdgeRef {
  readonly cursor: string;
  readonly node: Reference;
}

interface ActivityPage {
  readonly edges: readonly ActivityEdgeRef[];
  readonly pageInfo: { readonly hasPreviousPage?: boolean; readonly startCursor?: string | null };
}

/**
 * The cache, with how paged fields combine their pages:
 * - `opportunities` pages forward (first/after), one list per filter;
 * - a room's `activities` page backward (last/before, "load older") and are refetched from the
 *   newest end after a post; pages are merged by the activity's position in the log (`seq`),
 *   so a refetch or a live event never duplicates or reorders an entry.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          opportunities: relayStylePagination(["filter"]),
        },
      },
      Opportunity: {
        fields: {
          activities: {
            keyArgs: false,
            merge(existing: ActivityPage | undefined, incoming: ActivityPage, { readField }) {
              if (!existing) return incoming;
              const seqOf = (edge: ActivityEdgeRef) => readField<number>("seq", edge.node) ?? 0;
              const bySeq = new Map<number, ActivityEdgeRef>();
              for (const edge of [...existing.edges, ...incoming.edges]) bySeq.set(seqOf(edge), edge);
              const edges = [...bySeq.values()].sort((a, b) => seqOf(a) - seqOf(b));
              // The page that reaches further back says whether there is anything older still.
              const oldest = (page: ActivityPage) => (page.edges[0] ? seqOf(page.edges[0]) : Infinity);
              const older = oldest(incoming) < oldest(existing) ? incoming : existing;
              return { ...incoming, edges, pageInfo: { ...incoming.pageInfo, ...pickOlder(older.pageInfo) } };
            },
          },
        },
      },
    },
  });
}

function pickOlder(pageInfo: ActivityPage["pageInfo"]): ActivityPage["pageInfo"] {
  return { hasPreviousPage: pageInfo.hasPreviousPage, startCursor: pageInfo.startCursor };
}

export interface ApolloClientOptions {
  session: SessionStore;
  /** The link that talks to the server; tests pass a MockLink. Defaults to HTTP + graphql-ws. */
  transport?: ApolloLink;
}

export function createApolloClient({ session, transport = createTransport(session) }: ApolloClientOptions): ApolloClient {
  // An expired or ended session: forget who was signed in, which takes the app back to the sign-in page.
  const signOutWhenUnauthenticated = new ErrorLink(({ error }) => {
    if (isUnauthenticated(error)) session.signOut();
  });

  const client = new ApolloClient({
    cache: createCache(),
    link: ApolloLink.from([signOutWhenUnauthenticated, transport]),
  });
  // What the cache holds was fetched as the previous identity.
  session.subscribe(() => void client.clearStore());
  // Or as the previous role: the screens on show ask again, so a role change is felt without a reload.
  signInChanges.subscribe(() => void client.refetchQueries({ include: "active" }));
  return client;
}
