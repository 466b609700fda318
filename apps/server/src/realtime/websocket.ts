import type { Server as HttpServer } from "node:http";
import { GraphQLError, execute as executeGraphQLJs } from "graphql";
import type { ExecutionArgs, ExecutionResult, GraphQLSchema } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import type { WebSocket } from "ws";
import type { Viewer } from "../auth/viewer.js";
import type { Config } from "../config.js";
import type { Context, Services } from "../context.js";
import { createContext, eventContext } from "../context.js";
import { DocumentCache } from "../documents.js";
import { INTERNAL_ERROR_MESSAGE, toClientError } from "../errors.js";
import { clientAddress } from "../limits/index.js";
import type { CostBudget, CostExtension, TrustFunction } from "../limits/index.js";
import type { Logger } from "../logger.js";
import type { RealtimeOptions } from "./options.js";
import { spreadEvery } from "./feed.js";
import { StageChange } from "../modules/opportunity/opportunity.types.js";
import { roomEntrySeq, sharedExecution } from "./shared-execution.js";
import type { DirectSink } from "./shared-execution.js";
import { sharedBytes, writePing, writeTextFrame } from "./text-frame.js";
import { socketAuth } from "./socket-auth.js";
import { OperationCosts, operationCapRefusal } from "./socket-costs.js";
import { accessClassOf, viewerDependence } from "./viewer-dependence.js";

export { TOKEN_REVOKED, TOO_MANY_SOCKETS, TRY_AGAIN_LATER } from "./socket-auth.js";

/**
 * What a client sends in `connection_init`: `{ authorization: "Bearer <jwt or api token>" }`. The
 * web app sends nothing: its session cookie came with the upgrade request.
 */
export type ConnectionParams = Readonly<Record<string, unknown>> & { readonly authorization?: unknown };

/** RFC 6455 close code for "the server is going down": clients reconnect (to another instance). */
export const GOING_AWAY = 1001;

type SocketState = Record<PropertyKey, unknown> & {
  viewer?: Viewer;
  /** The client's address, `TRUST_PROXY` applied to the upgrade request. */
  address?: string | null;
  /** Each operation's cost, reported in `extensions.cost` of its first result. */
  costs?: OperationCosts;
  /** Ids of this socket's operations that are live (subscribed on the bus), counted in `liveOperations`. */
  live?: Set<string>;
};

/**
 * Writes an operation's shared results to its socket as graphql-ws would (`next` with the result as
 * payload). The operation's first result carries its cost in `extensions.cost`, as `onNext` adds it
 * on graphql-ws's way: spliced into the shared JSON, so a subscriber's first event (in a quiet room,
 * most of its events) is written directly too. The cost is fixed when the operation is admitted
 * (`admitted`), so its bytes are made here, once, not on the delivery path. `tooSlow` cuts off a
 * socket that has fallen too far behind, and says so.
 */
function directSink(socket: WebSocket, id: string, costs: OperationCosts, admitted: CostExtension, tooSlow: () => boolean): DirectSink {
  const head = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  const prefix = Buffer.from(head);
  const admittedCost = Buffer.from(`,${costMember(admitted)}`);
  return {
    next(resultJson, result) {
      // A result with extensions of its own gets the cost merged into them by onNext.
      if (result.extensions !== undefined && costs.isPending(id)) return false;
      if (socket.readyState !== socket.OPEN) return true;
      if (tooSlow()) return true;
      const cost = costs.take(id);
      const bytes = sharedBytes(resultJson);
      // The group's bytes framed with this operation's id in one write ("}" closes the message); a
      // first result's cost goes in before the result's own closing brace.
      const written = cost
        ? writeTextFrame(socket, [
            prefix,
            bytes.subarray(0, -1),
            cost === admitted && resultJson !== "{}" ? admittedCost : Buffer.from(costSuffix(resultJson, cost)),
            CLOSING_BRACES,
          ])
        : writeTextFrame(socket, [prefix, bytes, CLOSING_BRACE]);
      if (!written) socket.send(`${head}${cost ? withCost(resultJson, cost) : resultJson}}`);
      return true;
    },
  };
}

const CLOSING_BRACE = Buffer.from("}");
const CLOSING_BRACES = Buffer.from("}}");

/** `{…,"extensions":{"cost":…}}` from a result's JSON object without extensions: what onNext answers, serialized. */
export function withCost(resultJson: string, cost: CostExtension): string {
  return `${resultJson.slice(0, -1)}${costSuffix(resultJson, cost)}}`;
}

/** What goes between a result's JSON, less its closing brace, and that brace to add the cost: `,"extensions":{"cost":…}`. */
function costSuffix(resultJson: string, cost: CostExtension): string {
  return `${resultJson === "{}" ? "" : ","}${costMember(cost)}`;
}

/** The member a result's JSON gains for its cost: `"extensions":{"cost":…}`. */
function costMember(cost: CostExtension): string {
  return `"extensions":${JSON.stringify({ cost })}`;
}

export interface GraphQLWebSocket {
  /** Sockets open now. */
  readonly clients: number;
  /** GraphQL executions run for subscription events so far (one per event per group of alike subscribers). */
  readonly executions: number;
  /**
   * Subscriptions live now: their source stream is open (a feed is subscribed to its bus topic and
   * has replayed what `after` asked for), so anything committed from now on reaches them.
   */
  readonly liveOperations: number;
  /** Stops accepting sockets, closes open ones with 1001 (Going Away) and waits for them (cut after `closeGraceMs`). */
  close(): Promise<void>;
}

/**
 * GraphQL over WebSocket (the graphql-transport-ws protocol, graphql-ws) on the HTTP server's
 * `/graphql`: the protocol glue only. graphql-ws bypasses Apollo, so this re-applies what the HTTP
 * path does, each concern from its own module: who the socket speaks for and when it must close
 * (`socketAuth`: `connectionParams.authorization` or the web session cookie from our own origin,
 * 4403 for none, invalid or revoked, 4401 when a session ends, caps per caller), what each
 * operation costs (`socket-costs.ts`: caps per socket, the budget shared with HTTP, the cost in the
 * first result), parsing and validation with the shared limits (cached by query text; introspection
 * and "Did you mean …?" as configured for HTTP), one context per operation, shared execution of
 * alike subscriptions, and error masking.
 */
export async function serveGraphQLOverWebSocket(deps: {
  httpServer: HttpServer;
  schema: GraphQLSchema;
  services: Services;
  logger: Logger;
  options: RealtimeOptions;
  /** The per-caller cost budget, the same one the HTTP path charges. */
  budget: CostBudget;
  config: Pick<Config, "nodeEnv" | "introspection" | "maxSubscriptionsPerSocket" | "maxSocketsPerUser" | "maxSocketsPerApiToken"> &
    Partial<Pick<Config, "webOrigins">>;
  /** `TRUST_PROXY`, as on the HTTP path: whose `X-Forwarded-For` names the client. */
  trustProxy: TrustFunction;
  /** How each event is executed (compiled, as on HTTP); default graphql-js's `execute`. */
  execute?: (args: ExecutionArgs) => Promise<ExecutionResult> | ExecutionResult;
}): Promise<GraphQLWebSocket> {
  const { schema, services, logger, options, budget, config } = deps;
  const documents = new DocumentCache(schema, options.documentCacheSize, {
    introspection: config.introspection,
    suggestions: config.nodeEnv !== "production",
  });
  // Listening for revocations before the first socket is accepted, so none goes unheard.
  const auth = await socketAuth({ services, logger, config });
  const wss = new WebSocketServer({
    server: deps.httpServer,
    path: "/graphql",
    maxPayload: options.maxMessageBytes,
    verifyClient: ({ req }, done) => done(auth.mayUpgrade(req), 403, "Forbidden"),
  });
  wss.on("connection", (socket) => keepAlive(socket, options.keepAliveMs));
  const mask = (errors: readonly GraphQLError[]) =>
    errors.map((error) =>
      toClientError(error.toJSON(), error, (internal) => logger.error({ err: internal }, "unexpected error in a subscription")),
    );

  const executeEvent = deps.execute ?? executeGraphQLJs;
  /** Each operation's socket, by its context: shared results are written there directly. */
  const sinks = new WeakMap<object, DirectSink>();
  const shared = sharedExecution({
    accessClass: (args) => {
      const viewer = (args.contextValue as { viewer?: Viewer | null }).viewer;
      return viewer ? accessClassOf(viewer, viewerDependence(args.schema, args.document, args.operationName)) : null;
    },
    // Room log entries and stage changes are named by their log's seq; anything else runs per subscriber.
    eventSeq: (event) => (event instanceof StageChange ? event.seq : roomEntrySeq(event)),
    sinkOf: (contextValue) => sinks.get(contextValue as object) ?? null,
    execute: executeEvent,
    // Each event with loaders and a policy of its own.
    eventContext: (contextValue) => eventContext(contextValue as Context),
  });
  let liveOperations = 0;

  const server = useServer<ConnectionParams, SocketState>(
    {
      subscribe: (args) => shared.subscribe(args),
      // Queries and mutations sent over the socket run like HTTP's.
      ...(deps.execute ? { execute: deps.execute } : {}),
      isProd: true, // never put an internal error's message in a close reason
      connectionInitWaitTimeout: options.connectionInitWaitMs,
      async onConnect(ctx) {
        const viewer = await auth.admit(ctx.extra.socket, ctx.extra.request, ctx.connectionParams?.authorization);
        if (!viewer) return false;
        ctx.extra.viewer = viewer;
        ctx.extra.address = clientAddress(ctx.extra.request, deps.trustProxy);
        return true;
      },
      async onSubscribe(ctx, id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> {
        try {
          // graphql-ws lists this operation in `ctx.subscriptions` until it ends, refused ones too.
          const overCap = operationCapRefusal(Object.keys(ctx.subscriptions).length, config.maxSubscriptionsPerSocket);
          if (overCap) return [overCap];
          const prepared = documents.prepare(payload.query);
          if (prepared.errors) return prepared.errors;
          const viewer = ctx.extra.viewer ?? null;
          const address = ctx.extra.address ?? null;
          const costs = (ctx.extra.costs ??= new OperationCosts());
          const cost = await costs.admit(id, budget, {
            schema,
            document: prepared.document,
            operationName: payload.operationName,
            variables: payload.variables,
            viewer,
            address,
          });
          const contextValue = createContext(services, viewer, address);
          const socket = ctx.extra.socket;
          sinks.set(
            contextValue,
            directSink(socket, id, costs, cost, () => {
              // Written results are not awaited: a client that stops reading must not grow the server without bound.
              if (socket.bufferedAmount <= options.maxBufferedBytes) return false;
              logger.warn({ bufferedBytes: socket.bufferedAmount }, "cutting off a socket that stopped reading");
              socket.terminate();
              return true;
            }),
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
      onOperation(ctx, id, _payload, _args, result) {
        // Called once `subscribe` has resolved: for a live feed, after its bus subscription is made.
        if (result && typeof result === "object" && Symbol.asyncIterator in result) {
          (ctx.extra.live ??= new Set()).add(id);
          liveOperations++;
        }
      },
      onNext(ctx, id, _payload, _args, result) {
        const cost = ctx.extra.costs?.take(id);
        if (!cost && !result.errors?.length) return;
        return {
          ...result,
          ...(result.errors?.length ? { errors: mask(result.errors) } : {}),
          ...(cost ? { extensions: { ...result.extensions, cost } } : {}),
        };
      },
      onComplete(ctx, id) {
        ctx.extra.costs?.forget(id);
        if (ctx.extra.live?.delete(id)) liveOperations--;
      },
      onError(_ctx, _id, _payload, errors) {
        return mask(errors);
      },
    },
    wss,
    // graphql-ws's own keep-alive (a timer, a pong timeout and a listener per socket per ping) is off:
    // `keepAlive` below pings on one shared wheel.
    0,
  );

  let closing: Promise<void> | undefined;
  return {
    get clients() {
      return wss.clients.size;
    },
    get executions() {
      return shared.executions;
    },
    get liveOperations() {
      return liveOperations;
    },
    close() {
      closing ??= (async () => {
        const open = [...wss.clients];
        const allClosed = Promise.all(
          open.map(
            (socket) =>
              new Promise<void>((resolve) => (socket.readyState === socket.CLOSED ? resolve() : socket.once("close", () => resolve()))),
          ),
        );
        for (const socket of open) socket.close(GOING_AWAY, "Server shutting down");
        let timer: NodeJS.Timeout | undefined;
        const graceOver = new Promise<"late">((resolve) => (timer = setTimeout(resolve, options.closeGraceMs, "late")));
        if ((await Promise.race([allClosed, graceOver])) === "late") for (const socket of wss.clients) socket.terminate();
        clearTimeout(timer);
        await server.dispose();
        await auth.stop();
      })();
      return closing;
    },
  };
}

/**
 * Pings `socket` every `periodMs` and cuts it (terminate: no close handshake with a peer that is
 * gone) when neither a pong nor any message came since the last ping, so a peer that vanished
 * without a FIN (a laptop whose Wi-Fi died) is gone within two periods, and proxies see traffic on
 * an idle connection. Every socket rides the shared wheel of `spreadEvery` with one standing
 * `pong` listener, not a timer, a timeout and a listener per socket per ping: with 10,000 idle
 * subscribers those were nine tenths of the server's idle CPU (bench/). The wheel deals the sockets
 * evenly over the period: on a wheel of 30 slots filled as sockets arrived, 10,000 of them were 333
 * pings (and as many pongs) in one go every 400 ms, a few ms in which no event was delivered, and
 * 5,000 clients reconnecting at once were one slot of 5,000 pings.
 */
function keepAlive(socket: WebSocket, periodMs: number): void {
  if (!(periodMs > 0 && Number.isFinite(periodMs))) return;
  let alive = true;
  const heard = () => {
    alive = true;
  };
  socket.on("pong", heard);
  socket.on("message", heard);
  const stop = spreadEvery(periodMs, () => {
    if (socket.readyState !== socket.OPEN) return;
    if (!alive) {
      socket.terminate();
      return;
    }
    alive = false;
    if (!writePing(socket)) socket.ping();
  });
  socket.once("close", stop);
}
