import type { Server as HttpServer } from "node:http";
import { GraphQLError } from "graphql";
import type { ExecutionArgs, GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { WebSocket } from "ws";
import { permissionClassOf } from "../auth/policy.js";
import type { Viewer } from "../auth/viewer.js";
import type { Config } from "../config.js";
import type { Services } from "../context.js";
import { isAllowedOrigin, readSessionCookie } from "../auth/web-session.js";
import { createContext, viewerFromAuthorization, viewerFromRequest } from "../context.js";
import { DocumentCache } from "../documents.js";
import { DomainError, ErrorCode, INTERNAL_ERROR_MESSAGE, SERVICE_UNAVAILABLE_MESSAGE, isOutage, toClientError } from "../errors.js";
import { admitOperation, callerKey, clientAddress } from "../limits/index.js";
import type { CostBudget, CostExtension, TrustFunction } from "../limits/index.js";
import type { Logger } from "../logger.js";
import { onApiTokenRevoked } from "../modules/api-token/api-token.service.js";
import type { RealtimeOptions } from "./options.js";
import { sharedExecution } from "./shared-execution.js";
import { SessionSockets } from "./socket-sessions.js";
import type { DirectSink } from "./shared-execution.js";

/**
 * What a client sends in `connection_init`: `{ authorization: "Bearer <jwt or api token>" }`. The
 * web app sends nothing: its session cookie came with the upgrade request.
 */
export type ConnectionParams = Readonly<Record<string, unknown>> & { readonly authorization?: unknown };

/** RFC 6455 close code for "the server is going down": clients reconnect (to another instance). */
export const GOING_AWAY = 1001;
/** WebSocket close code for "the server cannot take this now, reconnect later" (RFC 6455 registry). */
export const TRY_AGAIN_LATER = 1013;

/** Close code and reason for a socket whose API token was revoked (graphql-ws's "Forbidden", as for a bad token). */
export const TOKEN_REVOKED = { code: 4403, reason: "API token revoked" } as const;

type SocketState = Record<PropertyKey, unknown> & {
  viewer?: Viewer;
  /** The client's address, `TRUST_PROXY` applied to the upgrade request. */
  address?: string | null;
  /** Each operation's cost, reported in `extensions.cost` of its first result. */
  costs?: Map<string, CostExtension>;
};

/** Close code and reason for a socket over its caller's cap (`MAX_SOCKETS_PER_USER` / `MAX_SOCKETS_PER_API_TOKEN`). */
export const TOO_MANY_SOCKETS = { code: 4429, reason: "Too many open sockets for this caller" } as const;

/** Revoked token ids remembered to close the race "authenticated, then revoked, then registered". */
const REMEMBERED_REVOCATIONS = 10_000;

/**
 * The open sockets of each caller (user or API token) on this instance: to cap how many each may
 * hold, and so that a token revocation heard on the bus closes that token's sockets. Tokens
 * revoked while a socket was still being authenticated are remembered, so such a socket is refused too.
 */
class CallerSockets {
  private readonly sockets = new Map<string, Set<WebSocket>>();
  private readonly revoked = new Set<string>();

  constructor(private readonly capOf: (viewer: Viewer) => number) {}

  /** Ids of the API tokens with open sockets. */
  get tokenIds(): string[] {
    return [...this.sockets.keys()].filter((key) => key.startsWith("token:")).map((key) => key.slice("token:".length));
  }

  /** Registers `socket` for its caller until it closes: "revoked" if its token was revoked meanwhile, "full" over the cap. */
  add(viewer: Viewer, socket: WebSocket): "added" | "revoked" | "full" {
    if (viewer.kind === "token" && this.revoked.has(viewer.tokenId)) return "revoked";
    const key = callerKey(viewer, null);
    let set = this.sockets.get(key);
    if (set && set.size >= this.capOf(viewer)) return "full";
    if (!set) this.sockets.set(key, (set = new Set()));
    set.add(socket);
    socket.once("close", () => {
      set.delete(socket);
      if (set.size === 0 && this.sockets.get(key) === set) this.sockets.delete(key);
    });
    return "added";
  }

  /** Closes every socket of `tokenId` with 4403 and refuses its sockets still being authenticated. */
  revoke(tokenId: string): void {
    this.revoked.add(tokenId);
    if (this.revoked.size > REMEMBERED_REVOCATIONS) this.revoked.delete(this.revoked.values().next().value!);
    for (const socket of this.sockets.get(`token:${tokenId}`) ?? []) socket.close(TOKEN_REVOKED.code, TOKEN_REVOKED.reason);
  }
}

/**
 * Writes an operation's shared results to its socket as graphql-ws would (`next` with the result as
 * payload). The first result still goes through graphql-ws, which adds the operation's cost to it.
 * `tooSlow` cuts off a socket that has fallen too far behind, and says so.
 */
function directSink(socket: WebSocket, id: string, costPending: () => boolean, tooSlow: () => boolean): DirectSink {
  const head = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  return {
    next(resultJson) {
      if (costPending()) return false;
      if (socket.readyState !== socket.OPEN) return true;
      if (tooSlow()) return true;
      socket.send(`${head}${resultJson}}`);
      return true;
    },
  };
}

export interface GraphQLWebSocket {
  /** Sockets open now. */
  readonly clients: number;
  /** GraphQL executions run for subscription events so far (one per event per group of alike subscribers). */
  readonly executions: number;
  /** Stops accepting sockets, closes open ones with 1001 (Going Away) and waits for them (cut after `closeGraceMs`). */
  close(): Promise<void>;
}

/**
 * GraphQL over WebSocket (the graphql-transport-ws protocol, graphql-ws) on the HTTP server's
 * `/graphql`. graphql-ws bypasses Apollo, so this re-applies what the HTTP path does: the caller
 * from `connectionParams.authorization` (none, invalid or revoked: close 4403), parsing and
 * validation with the shared limits (cached by query text; introspection and "Did you mean …?" as
 * configured for HTTP), each operation's cost charged to the caller's budget shared with HTTP, one
 * context per operation, and error masking. A revoked API token's sockets close with 4403 on every
 * instance (the revocation rides the bus); a session's sockets close with 4401 when it ends or
 * expires (`SessionSockets`). Without `connectionParams.authorization` the caller is the web
 * session cookie of the upgrade request, accepted only from the server's own origin.
 */
export async function serveGraphQLOverWebSocket(deps: {
  httpServer: HttpServer;
  schema: GraphQLSchema;
  services: Services;
  logger: Logger;
  options: RealtimeOptions;
  /** The per-caller cost budget, the same one the HTTP path charges. */
  budget: CostBudget;
  config: Pick<Config, "nodeEnv" | "introspection" | "maxSubscriptionsPerSocket" | "maxSocketsPerUser" | "maxSocketsPerApiToken"> & Partial<Pick<Config, "webOrigins">>;
  /** `TRUST_PROXY`, as on the HTTP path: whose `X-Forwarded-For` names the client. */
  trustProxy: TrustFunction;
}): Promise<GraphQLWebSocket> {
  const { schema, services, logger, options, budget, config } = deps;
  const documents = new DocumentCache(schema, options.documentCacheSize, {
    introspection: config.introspection,
    suggestions: config.nodeEnv !== "production",
  });
  const callerSockets = new CallerSockets((viewer) => (viewer.kind === "token" ? config.maxSocketsPerApiToken : config.maxSocketsPerUser));
  // Listening before the first socket is accepted, so no revocation goes unheard.
  const stopListening = await onApiTokenRevoked(
    services.bus,
    ({ tokenId }) => callerSockets.revoke(tokenId),
    () => {
      // The bus was cut off: revocations may have been lost, so ask the database.
      services.apiTokens.revokedAmong(callerSockets.tokenIds).then(
        (revoked) => revoked.forEach((tokenId) => callerSockets.revoke(tokenId)),
        (error: unknown) => logger.error({ err: error }, "could not look up revoked API tokens"),
      );
    },
  );
  const sessionSockets = new SessionSockets(services.sessions, logger);
  const stopSessionNews = sessionSockets.start();
  const webOrigins = config.webOrigins ?? [];
  const wss = new WebSocketServer({
    server: deps.httpServer,
    path: "/graphql",
    maxPayload: options.maxMessageBytes,
    // Browsers send cookies on a WebSocket upgrade from any page, and the same-origin policy does
    // not apply: a socket that would sign in with the session cookie must come from our own origin.
    verifyClient: ({ req }, done) => {
      const allowed = readSessionCookie(req.headers.cookie) === null || isAllowedOrigin(req.headers.origin, req.headers.host, webOrigins);
      done(allowed, 403, "Forbidden");
    },
  });
  const mask = (errors: readonly GraphQLError[]) =>
    errors.map((error) => toClientError(error.toJSON(), error, (internal) => logger.error({ err: internal }, "unexpected error in a subscription")));

  /** Each operation's socket, by its context: shared results are written there directly. */
  const sinks = new WeakMap<object, DirectSink>();
  const shared = sharedExecution({
    permissionClass: (contextValue) => {
      const viewer = (contextValue as { viewer?: Viewer | null }).viewer;
      return viewer ? permissionClassOf(viewer) : null;
    },
    sinkOf: (contextValue) => sinks.get(contextValue as object) ?? null,
  });

  const server = useServer<ConnectionParams, SocketState>(
    {
      subscribe: (args) => shared.subscribe(args),
      isProd: true, // never put an internal error's message in a close reason
      connectionInitWaitTimeout: options.connectionInitWaitMs,
      async onConnect(ctx) {
        let viewer: Viewer | null;
        try {
          const authorization = ctx.connectionParams?.authorization;
          viewer =
            authorization === undefined
              ? (await viewerFromRequest(services, { cookie: ctx.extra.request.headers.cookie })).viewer
              : await viewerFromAuthorization(services, authorization);
        } catch (error) {
          logger.error({ err: error }, "could not authenticate a socket");
          if (isOutage(error)) {
            // 1013 Try Again Later: the client should reconnect after a pause, not give up. (The
            // first close wins: graphql-ws's own for `false` goes nowhere.)
            ctx.extra.socket.close(TRY_AGAIN_LATER, SERVICE_UNAVAILABLE_MESSAGE);
            return false;
          }
          throw new Error(INTERNAL_ERROR_MESSAGE);
        }
        // Anonymous sockets are refused outright (4403 Forbidden): signing in is done over HTTP.
        if (!viewer) return false;
        const added = callerSockets.add(viewer, ctx.extra.socket);
        if (added === "revoked") return false;
        if (added === "full") {
          // graphql-ws would close with 4403 after `false`; this close comes first and wins.
          ctx.extra.socket.close(TOO_MANY_SOCKETS.code, TOO_MANY_SOCKETS.reason);
          return false;
        }
        // A session's socket closes when the session ends or expires (4401).
        if (viewer.kind === "user" && !sessionSockets.add(viewer, ctx.extra.socket)) return false;
        ctx.extra.viewer = viewer;
        ctx.extra.address = clientAddress(ctx.extra.request, deps.trustProxy);
        return true;
      },
      async onSubscribe(ctx, id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> {
        try {
          // graphql-ws lists this operation in `ctx.subscriptions` until it ends, refused ones too.
          if (Object.keys(ctx.subscriptions).length > config.maxSubscriptionsPerSocket) {
            const refusal = new DomainError(
              ErrorCode.LIMIT_EXCEEDED,
              `This socket already runs ${config.maxSubscriptionsPerSocket} operations, the most one socket may; complete one first`,
              { limit: config.maxSubscriptionsPerSocket },
            );
            return [new GraphQLError(refusal.message, { originalError: refusal })];
          }
          const prepared = documents.prepare(payload.query);
          if (prepared.errors) return prepared.errors;
          const viewer = ctx.extra.viewer ?? null;
          const address = ctx.extra.address ?? null;
          const cost = await admitOperation(budget, {
            schema,
            document: prepared.document,
            operationName: payload.operationName,
            variables: payload.variables,
            viewer,
            address,
          });
          (ctx.extra.costs ??= new Map()).set(id, cost);
          const contextValue = createContext(services, viewer, address);
          const socket = ctx.extra.socket;
          sinks.set(
            contextValue,
            directSink(
              socket,
              id,
              () => ctx.extra.costs?.has(id) === true,
              () => {
                // Written results are not awaited: a client that stops reading must not grow the server without bound.
                if (socket.bufferedAmount <= options.maxBufferedBytes) return false;
                logger.warn({ bufferedBytes: socket.bufferedAmount }, "cutting off a socket that stopped reading");
                socket.terminate();
                return true;
              },
            ),
          );
          return {
            schema,
            document: prepared.document,
            operationName: payload.operationName,
            variableValues: payload.variables,
            contextValue,
          };
        } catch (error) {
          // Anonymous (UNAUTHENTICATED), over the cost limit (GRAPHQL_VALIDATION_FAILED) or the budget (RATE_LIMITED).
          if (error instanceof GraphQLError) return [error];
          // onError masks it: logged and hidden, or SERVICE_UNAVAILABLE when PostgreSQL or Redis is out of reach.
          return [new GraphQLError(INTERNAL_ERROR_MESSAGE, { originalError: error instanceof Error ? error : new Error(String(error)) })];
        }
      },
      onNext(ctx, id, _payload, _args, result) {
        const cost = ctx.extra.costs?.get(id);
        if (cost) ctx.extra.costs!.delete(id);
        if (!cost && !result.errors?.length) return;
        return {
          ...result,
          ...(result.errors?.length ? { errors: mask(result.errors) } : {}),
          ...(cost ? { extensions: { ...result.extensions, cost } } : {}),
        };
      },
      onComplete(ctx, id) {
        ctx.extra.costs?.delete(id);
      },
      onError(_ctx, _id, _payload, errors) {
        return mask(errors);
      },
    },
    wss,
    options.keepAliveMs,
  );

  let closing: Promise<void> | undefined;
  return {
    get clients() {
      return wss.clients.size;
    },
    get executions() {
      return shared.executions;
    },
    close() {
      closing ??= (async () => {
        const open = [...wss.clients];
        const allClosed = Promise.all(open.map((socket) => new Promise<void>((resolve) => (socket.readyState === socket.CLOSED ? resolve() : socket.once("close", () => resolve())))));
        for (const socket of open) socket.close(GOING_AWAY, "Server shutting down");
        let timer: NodeJS.Timeout | undefined;
        const graceOver = new Promise<"late">((resolve) => (timer = setTimeout(resolve, options.closeGraceMs, "late")));
        if ((await Promise.race([allClosed, graceOver])) === "late") for (const socket of wss.clients) socket.terminate();
        clearTimeout(timer);
        await server.dispose();
        await stopListening();
        stopSessionNews();
      })();
      return closing;
    },
  };
}
