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
import { INTERNAL_ERROR_MESSAGE, toClientError } from "../errors.js";
import { admitOperation, callerKey } from "../limits/index.js";
import type { CostBudget, CostExtension } from "../limits/index.js";
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

/** Close code and reason for a socket whose API token was revoked (graphql-ws's "Forbidden", as for a bad token). */
export const TOKEN_REVOKED = { code: 4403, reason: "API token revoked" } as const;

type SocketState = Record<PropertyKey, unknown> & {
  viewer?: Viewer;
  /** Each operation's cost, reported in `extensions.cost` of its first result. */
  costs?: Map<string, CostExtension>;
};

/** Revoked token ids remembered to close the race "authenticated, then revoked, then registered". */
const REMEMBERED_REVOCATIONS = 10_000;

/**
 * The open sockets of each API token, so a revocation heard on the bus closes them. Tokens revoked
 * while a socket was still being authenticated are remembered, so such a socket is refused too.
 */
class TokenSockets {
  private readonly sockets = new Map<string, Set<WebSocket>>();
  private readonly revoked = new Set<string>();

  get tokenIds(): string[] {
    return [...this.sockets.keys()];
  }

  /** Registers `socket` for `tokenId` until it closes; false if that token was revoked meanwhile. */
  add(tokenId: string, socket: WebSocket): boolean {
    if (this.revoked.has(tokenId)) return false;
    let set = this.sockets.get(tokenId);
    if (!set) this.sockets.set(tokenId, (set = new Set()));
    set.add(socket);
    socket.once("close", () => {
      set.delete(socket);
      if (set.size === 0 && this.sockets.get(tokenId) === set) this.sockets.delete(tokenId);
    });
    return true;
  }

  /** Closes every socket of `tokenId` with 4403 and refuses its sockets still being authenticated. */
  revoke(tokenId: string): void {
    this.revoked.add(tokenId);
    if (this.revoked.size > REMEMBERED_REVOCATIONS) this.revoked.delete(this.revoked.values().next().value!);
    for (const socket of this.sockets.get(tokenId) ?? []) socket.close(TOKEN_REVOKED.code, TOKEN_REVOKED.reason);
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
  config: Pick<Config, "nodeEnv" | "introspection"> & Partial<Pick<Config, "webOrigins">>;
}): Promise<GraphQLWebSocket> {
  const { schema, services, logger, options, budget, config } = deps;
  const documents = new DocumentCache(schema, options.documentCacheSize, {
    introspection: config.introspection,
    suggestions: config.nodeEnv !== "production",
  });
  const tokenSockets = new TokenSockets();
  // Listening before the first socket is accepted, so no revocation goes unheard.
  const stopListening = await onApiTokenRevoked(
    services.bus,
    ({ tokenId }) => tokenSockets.revoke(tokenId),
    () => {
      // The bus was cut off: revocations may have been lost, so ask the database.
      services.apiTokens.revokedAmong(tokenSockets.tokenIds).then(
        (revoked) => revoked.forEach((tokenId) => tokenSockets.revoke(tokenId)),
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
          throw new Error(INTERNAL_ERROR_MESSAGE);
        }
        if (!viewer) return false; // 4403 Forbidden
        if (viewer.kind === "token" && !tokenSockets.add(viewer.tokenId, ctx.extra.socket)) return false;
        if (viewer.kind === "user" && !sessionSockets.add(viewer, ctx.extra.socket)) return false;
        ctx.extra.viewer = viewer;
        return true;
      },
      async onSubscribe(ctx, id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> {
        try {
          const prepared = documents.prepare(payload.query);
          if (prepared.errors) return prepared.errors;
          const viewer = ctx.extra.viewer ?? null;
          const address = ctx.extra.request.socket.remoteAddress ?? null;
          const cost = await admitOperation(budget, {
            document: prepared.document,
            operationName: payload.operationName,
            variables: payload.variables,
            caller: callerKey(viewer, address),
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
          // Over the cost limit (GRAPHQL_VALIDATION_FAILED) or the budget (RATE_LIMITED).
          if (error instanceof GraphQLError) return [error];
          logger.error({ err: error }, "could not prepare a socket operation");
          return [new GraphQLError(INTERNAL_ERROR_MESSAGE, { extensions: { code: "INTERNAL_SERVER_ERROR" } })];
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
