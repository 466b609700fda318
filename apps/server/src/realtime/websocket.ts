import type { Server as HttpServer } from "node:http";
import { GraphQLError } from "graphql";
import type { ExecutionArgs, GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import { permissionClassOf } from "../auth/policy.js";
import type { Viewer } from "../auth/viewer.js";
import type { Services } from "../context.js";
import { createContext, viewerFromAuthorization } from "../context.js";
import { DocumentCache } from "../documents.js";
import { INTERNAL_ERROR_MESSAGE, toClientError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { RealtimeOptions } from "./options.js";
import { sharedExecution } from "./shared-execution.js";

/** What a client sends in `connection_init`: `{ authorization: "Bearer <jwt or api token>" }`. */
export type ConnectionParams = Readonly<Record<string, unknown>> & { readonly authorization?: unknown };

/** RFC 6455 close code for "the server is going down": clients reconnect (to another instance). */
export const GOING_AWAY = 1001;

type SocketState = Record<PropertyKey, unknown> & { viewer?: Viewer };

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
 * from `connectionParams.authorization` (none or invalid: close 4403), parsing and validation with
 * the shared limits (cached by query text), one context per operation, and error masking.
 */
export function serveGraphQLOverWebSocket(deps: {
  httpServer: HttpServer;
  schema: GraphQLSchema;
  services: Services;
  logger: Logger;
  options: RealtimeOptions;
}): GraphQLWebSocket {
  const { schema, services, logger, options } = deps;
  const wss = new WebSocketServer({ server: deps.httpServer, path: "/graphql", maxPayload: options.maxMessageBytes });
  const documents = new DocumentCache(schema, options.documentCacheSize);
  const mask = (errors: readonly GraphQLError[]) =>
    errors.map((error) => toClientError(error.toJSON(), error, (internal) => logger.error({ err: internal }, "unexpected error in a subscription")));

  const shared = sharedExecution({
    permissionClass: (contextValue) => {
      const viewer = (contextValue as { viewer?: Viewer | null }).viewer;
      return viewer ? permissionClassOf(viewer) : null;
    },
  });

  const server = useServer<ConnectionParams, SocketState>(
    {
      subscribe: (args) => shared.subscribe(args),
      isProd: true, // never put an internal error's message in a close reason
      connectionInitWaitTimeout: options.connectionInitWaitMs,
      async onConnect(ctx) {
        let viewer: Viewer | null;
        try {
          viewer = await viewerFromAuthorization(services, ctx.connectionParams?.authorization);
        } catch (error) {
          logger.error({ err: error }, "could not authenticate a socket");
          throw new Error(INTERNAL_ERROR_MESSAGE);
        }
        if (!viewer) return false; // 4403 Forbidden
        ctx.extra.viewer = viewer;
        return true;
      },
      onSubscribe(ctx, _id, payload): ExecutionArgs | readonly GraphQLError[] {
        try {
          const prepared = documents.prepare(payload.query);
          if (prepared.errors) return prepared.errors;
          return {
            schema,
            document: prepared.document,
            operationName: payload.operationName,
            variableValues: payload.variables,
            contextValue: createContext(services, ctx.extra.viewer ?? null),
          };
        } catch (error) {
          logger.error({ err: error }, "could not prepare a socket operation");
          return [new GraphQLError(INTERNAL_ERROR_MESSAGE, { extensions: { code: "INTERNAL_SERVER_ERROR" } })];
        }
      },
      onNext(_ctx, _id, _payload, _args, result) {
        if (!result.errors?.length) return;
        return { ...result, errors: mask(result.errors) };
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
      })();
      return closing;
    },
  };
}
