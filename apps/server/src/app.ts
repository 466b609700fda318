import "reflect-metadata";
import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ApolloServer, HeaderMap } from "@apollo/server";
import type { ApolloServerOptionsWithGateway, HTTPGraphQLRequest } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { ExecutionResult, GraphQLSchema } from "graphql";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { sessionTokens } from "./auth/jwt.js";
import type { Config } from "./config.js";
import type { Context, HttpExchange, Services } from "./context.js";
import { isAllowedOrigin, readSessionCookie, SESSION_COOKIE, sessionCookieOptions } from "./auth/web-session.js";
import { createContext, createServices, viewerFromRequest } from "./context.js";
import { openDatabase } from "./db/database.js";
import { unitOfWork } from "./db/transaction.js";
import { RETRY_AFTER_SECONDS, SERVICE_UNAVAILABLE_MESSAGE, isOutage, serviceUnavailable, toClientError } from "./errors.js";
import { compiledExecutor } from "./execution.js";
import type { Execute, ExecutionDifference } from "./execution.js";
import { auditExports } from "./export/audit.js";
import { matchExport } from "./export/http.js";
import { meetingDocuments } from "./export/meeting-documents.js";
import type { ExportRoute } from "./export/http.js";
import { opportunityExport, opportunityImport } from "./export/opportunities.js";
import { payoutExport } from "./export/payouts.js";
import {
  BodyError,
  appendCookie,
  errorBody,
  exchangeOf,
  mediaTypeOf,
  readBody,
  sendGraphQLResponse,
  sendJson,
  serializeCookie,
} from "./http/exchange.js";
import type { Exchange } from "./http/exchange.js";
import { webApp } from "./http/web-app.js";
import type { WebApp } from "./http/web-app.js";
import { knownOperations } from "./http/known-operations.js";
import type { KnownOperation } from "./http/known-operations.js";
import {
  LIMIT_RULES,
  LoginThrottle,
  PARSE_OPTIONS,
  admitOperation,
  chargeSideRequest,
  limitsPlugin,
  rateLimitHeaders,
  memoryBudget,
  memoryLedger,
  redisBudget,
  redisLedger,
  trustFunction,
} from "./limits/index.js";
import type { CostBudget, CostExtension, TrustFunction } from "./limits/index.js";
import { createLogger } from "./logger.js";
import type { Logger } from "./logger.js";
import { startCommitmentSweeper } from "./modules/commitment/commitment.sweeper.js";
import { startWebhookWorker } from "./modules/webhook/webhook.worker.js";
import { ATTACHMENT_PATH, registrationAttachments } from "./modules/registration/attachment.http.js";
import { startRegistrationSweeper } from "./modules/registration/registration.sweeper.js";
import type { RegistrationSweeper } from "./modules/registration/registration.sweeper.js";
import { createMailer } from "./mail/mailer.js";
import { startDigestScheduler } from "./modules/notification/notification.digest.js";
import type { DigestScheduler } from "./modules/notification/notification.digest.js";
import { memoryBus } from "./realtime/bus.js";
import type { EventBus } from "./realtime/bus.js";
import { realtimeOptions } from "./realtime/options.js";
import type { RealtimeOptions } from "./realtime/options.js";
import { memoryPresence, redisPresence } from "./realtime/presence.js";
import type { Presence } from "./realtime/presence.js";
import { connectRedis, redisBus } from "./realtime/redis.js";
import type { RedisLink } from "./realtime/redis.js";
import { serveGraphQLOverWebSocket } from "./realtime/websocket.js";
import { cosellSchema } from "./schema/build.js";
import { readinessHandler, readinessProbe } from "./readiness.js";
import { seedIfEmpty } from "./seed/demo.js";
import { securityHeaders } from "./security-headers.js";

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly services: Services;
  /** Open WebSocket connections. */
  readonly sockets: () => number;
  /** GraphQL executions run for subscription events so far (alike subscribers share one per event). */
  readonly subscriptionExecutions: () => number;
  /** Subscriptions live now over WebSocket (each subscribed to its bus topic; see `GraphQLWebSocket`). */
  readonly liveOperations: () => number;
  /**
   * HTTP requests that ran on the known-operation path (see http/known-operations.ts): answered
   * there, or handed to Apollo with their result to answer an error.
   */
  readonly knownOperations: () => { readonly answered: number; readonly handedOver: number };
  /** The daily notification digest (sends nothing without `SMTP_URL`). */
  readonly digests: DigestScheduler;
  /** Expires approved deal registrations past their protection window (`REGISTRATION_SWEEP_SECONDS`). */
  readonly registrationSweeper: RegistrationSweeper;
  /** Results that differed between compiled and graphql-js execution (only recorded with `GRAPHQL_EXECUTION=verify`). */
  readonly executionDifferences: () => readonly ExecutionDifference[];
  /**
   * Stops taking requests and sockets, closes open sockets with 1001 (Going Away), lets in-flight
   * HTTP requests finish, then closes presence, the bus and the database.
   */
  close(): Promise<void>;
}

/** Largest JSON body accepted on /graphql; larger ones answer 413. */
export const BODY_LIMIT = "1mb";
const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * How long a stopping server lets in-flight HTTP requests finish before it closes their
 * connections; the rest of the shutdown (sockets, bus, database) takes well under a second, so
 * SIGTERM ends the process within the 10 s an orchestrator usually grants.
 */
export const DRAIN_GRACE_MS = 5_000;

/** Boot: config → database → event bus → HTTP (+ WebSocket). */
export async function startServer(
  config: Config,
  logger: Logger = createLogger(config),
  realtimeOverrides: Partial<RealtimeOptions> = {},
): Promise<RunningServer> {
  const realtime = realtimeOptions({ presenceTtlMs: config.presenceTtlSeconds * 1000, ...realtimeOverrides });
  const database = await openDatabase(config, logger);
  const { bus, presence, redis } = await openRealtime(config, logger, realtime);
  const tokens = sessionTokens(config.jwtSecret);
  const loginFailures = redis
    ? redisLedger({ client: redis.commands, prefix: `${config.rateLimitPrefix}login:`, settings: config.loginThrottle, logger })
    : memoryLedger(config.loginThrottle);
  const loginThrottle = new LoginThrottle(loginFailures, config.loginThrottle);
  const trustProxy = trustFunction(config.trustProxy);
  const mailer = createMailer(config);
  const services = createServices({
    dataSource: database.dataSource,
    mailer,
    publicUrl: config.publicUrl,
    bus,
    logger,
    tokens,
    uow: unitOfWork(database.dataSource, bus, logger),
    presence,
    realtime,
    webhookPrivateTargets: config.webhookPrivateTargets,
    loginThrottle,
    sessionTtlSeconds: config.sessionTtlSeconds,
    invitationTtlHours: config.invitationTtlHours,
    passwordResetTtlMinutes: config.passwordResetTtlMinutes,
  });
  // Listening before the first request, so no session news goes unheard.
  const stopSessionNews = await services.sessions.listen();
  if (config.seed === "demo") await seedIfEmpty(services);
  const sweeper = startCommitmentSweeper(services.commitments, config.commitmentSweepSeconds, logger);
  const registrationSweeper = startRegistrationSweeper(services.registrations, config.registrationSweepSeconds, logger);
  const budget = redis
    ? redisBudget({ client: redis.commands, prefix: config.rateLimitPrefix, limit: config.rateLimitPoints, logger })
    : memoryBudget(config.rateLimitPoints);

  const schema = await cosellSchema();
  const differences: ExecutionDifference[] = [];
  // One compiled executor for both transports: an operation compiled for HTTP serves the socket too.
  const executor = compiledExecutor(schema, {
    mode: config.execution,
    onDifference: (difference) => {
      differences.push(difference);
      logger.error(
        { operationName: difference.operationName, compiled: difference.compiled, reference: difference.reference },
        "compiled execution differs from graphql-js",
      );
    },
  });
  const httpServer = createServer();
  let serving: "starting" | "serving" | "stopping" = "starting";

  const graphql = await graphQLOverHttp({
    httpServer,
    schema,
    execute: executor.execute,
    services,
    budget,
    logger,
    introspection: config.introspection,
    production: config.nodeEnv === "production",
    webOrigins: config.webOrigins,
  });
  httpServer.on(
    "request",
    httpRequests({
      graphql,
      trustProxy,
      logger,
      health: () => serving === "serving",
      readiness: readinessHandler(readinessProbe({ dataSource: database.dataSource, redis, logger }), () => serving),
      exports: [
        ...auditExports(services),
        payoutExport(services),
        ...meetingDocuments(services),
        opportunityExport(services, { webOrigins: config.webOrigins }),
        opportunityImport(services, { webOrigins: config.webOrigins }),
      ],
      attachments: registrationAttachments(services, { webOrigins: config.webOrigins, logger }),
      admit: sideRequestAdmission(services, budget),
      webApp: webAppIn(config, logger),
    }),
  );
  const sockets = await serveGraphQLOverWebSocket({
    httpServer,
    schema,
    services,
    logger,
    options: realtime,
    budget,
    config,
    trustProxy,
    execute: executor.execute,
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen({ port: config.port, backlog: config.listenBacklog }, () => resolve());
  });
  const webhooks = startWebhookWorker({ dataSource: database.dataSource, config, logger });
  const digests = startDigestScheduler({ dataSource: database.dataSource, config, mailer, logger });
  serving = "serving";
  const port = (httpServer.address() as AddressInfo).port;
  logger.info(
    {
      port,
      embedded: database.embedded,
      bus: config.redisClusterNodes ? "redis-cluster" : config.redisUrl ? "redis" : "memory",
      execution: config.execution,
    },
    `cosell listening on http://localhost:${port}`,
  );

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    services,
    sockets: () => sockets.clients,
    subscriptionExecutions: () => sockets.executions,
    liveOperations: () => sockets.liveOperations,
    knownOperations: () => ({ ...graphql.knownOperations() }),
    digests,
    registrationSweeper,
    executionDifferences: () => differences,
    close() {
      closing ??= (async () => {
        serving = "stopping";
        await sockets.close();
        await graphql.apollo.stop();
        await stopSessionNews();
        await sweeper.stop();
        await registrationSweeper.stop();
        await presence.close();
        await webhooks.stop();
        await digests.stop();
        mailer.close();
        await budget.close();
        await loginThrottle.close();
        await bus.close();
        await database.close();
        logger.info("cosell stopped");
      })();
      return closing;
    },
  };
}

/** cosell's GraphQL over HTTP: Apollo Server, and the handler of `/graphql` requests. */
export interface GraphQLOverHttp {
  readonly apollo: ApolloServer<Context>;
  handle(exchange: Exchange): Promise<void>;
  /** How many requests ran on the known-operation path (see http/known-operations.ts). */
  knownOperations(): { readonly answered: number; readonly handedOver: number };
}

/**
 * cosell's GraphQL request path over HTTP: Apollo Server (CSRF prevention, parse options and limit
 * rules, cost budget, error masking) driven through `executeHTTPGraphQLRequest` on plain
 * `node:http`, executing with `execute` (compiled), and a context per request (caller from
 * `Authorization` or the session cookie, policy, loaders). An operation Apollo has already
 * validated runs on the known-operation path: the same caller, context, cost budget and execution,
 * without Apollo's per-request pipeline; it answers there when the result has no error, else Apollo
 * shapes the answer from that result (nothing runs twice), and anything refused is Apollo's to
 * answer. Split out of `startServer` so the benchmarks can serve the same path on another schema.
 */
export async function graphQLOverHttp(deps: {
  httpServer: Server;
  schema: GraphQLSchema;
  /** How operations execute; default: compiled (graphql-jit with graphql-js where it must). */
  execute?: Execute;
  services: Services;
  budget: CostBudget;
  logger: Logger;
  introspection: boolean;
  /** Hides "Did you mean …?" hints. */
  production: boolean;
  /** Origins besides the server's own that may use the web session cookie (`WEB_ORIGINS`). */
  webOrigins?: readonly string[];
}): Promise<GraphQLOverHttp> {
  const { services, logger, schema } = deps;
  const execute = deps.execute ?? compiledExecutor(schema).execute;
  const webOrigins = deps.webOrigins ?? [];
  const known = knownOperations();
  // Requests the known path admitted, charged and ran, handed to Apollo to answer their errors: by
  // the request's own HttpExchange, which Apollo's copy of the context shares. Apollo's limits
  // plugin takes the cost as charged and its executor the result as it came.
  const handedOver = new WeakMap<HttpExchange, { readonly cost: CostExtension; readonly outcome: Promise<ExecutionResult> }>();
  const ranAlready = (context: Context) => (context.http ? handedOver.get(context.http) : undefined);
  const apollo = new ApolloServer<Context>({
    gateway: executingGateway(schema, (args) => ranAlready(args.contextValue as Context)?.outcome ?? execute(args)),
    introspection: deps.introspection,
    // "Did you mean …?" would spell out the schema that production keeps to itself.
    hideSchemaDetailsFromClientErrors: deps.production,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // The process's own shutdown (main.ts) stops Apollo; Apollo's signal handlers would race it and
    // keep the process alive after SIGTERM.
    stopOnTerminationSignals: false,
    parseOptions: PARSE_OPTIONS,
    validationRules: [...LIMIT_RULES],
    formatError: (formatted, error) =>
      toClientError(formatted, error, (internal) => logger.error({ err: internal }, "unexpected error in a resolver")),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: deps.httpServer, stopGracePeriodMillis: DRAIN_GRACE_MS }),
      // Answers are private to their caller and never cached by a CDN: skip cache hints, which
      // otherwise wrap every field resolver (bench/, scenario 2).
      ApolloServerPluginCacheControlDisabled(),
      // The landing page runs Apollo's scripts from their CDN in this origin, which the
      // Content-Security-Policy forbids (src/security-headers.ts); use any GraphQL client instead.
      ApolloServerPluginLandingPageDisabled(),
      limitsPlugin<Context>(deps.budget, (context) => ranAlready(context)?.cost),
      known.plugin,
    ],
  });
  await apollo.start();

  return {
    apollo,
    async handle(exchange) {
      const { req, res } = exchange;
      if (refusesCrossSiteCookie(req, webOrigins)) {
        sendJson(res, 403, errorBody("The session cookie is not accepted from another origin", "FORBIDDEN"));
        return;
      }
      const body = await requestBody(req, res);
      if (body === REFUSED) return;
      const authenticate = () => viewerFromRequest(services, req.headers);
      const contextOf = ({ viewer, cookieSession }: Awaited<ReturnType<typeof authenticate>>) =>
        createContext(services, viewer, exchange.clientAddress, {
          cookieSession,
          setSessionCookie: (token, expiresAt) =>
            appendCookie(res, serializeCookie(SESSION_COOKIE, token, sessionCookieOptions(exchange.secure, expiresAt))),
          // Expired at the epoch, as Express's clearCookie does.
          clearSessionCookie: () =>
            appendCookie(res, serializeCookie(SESSION_COOKIE, "", { ...sessionCookieOptions(exchange.secure), expires: new Date(1) })),
        });
      const accept = req.headers.accept;
      const knownOperation = known.match(body, accept);
      let context: Context | undefined;
      if (knownOperation) {
        // A caller who cannot be authenticated is Apollo's to answer (and to log, for an outage).
        const caller = await authenticate().catch(() => null);
        if (caller?.viewer) {
          context = contextOf(caller);
          if (await answerKnown(knownOperation, context, res)) return;
        }
      }
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
      }
      const httpGraphQLRequest: HTTPGraphQLRequest = {
        method: req.method?.toUpperCase() ?? "GET",
        headers,
        search: exchange.url.search,
        body,
      };
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest,
        context: async () =>
          context ??
          contextOf(
            await authenticate().catch((error: unknown) => {
              throw outageAsHttp(error, logger);
            }),
          ),
      });
      if (response.status === undefined || response.status === 200) known.learnContentType(accept, response.headers.get("content-type"));
      await sendGraphQLResponse(res, response);
    },
    knownOperations: () => known.counts,
  };

  /**
   * Runs a known operation and answers it as Apollo would (the same body, status and headers; a
   * test compares them) when the result has no error. False leaves the answer to Apollo: when the
   * operation was refused before it ran (nothing charged), or with the cost and the result handed
   * over when it ran, so that nothing is charged or run twice.
   */
  async function answerKnown(query: KnownOperation, contextValue: Context, res: ServerResponse): Promise<boolean> {
    const exchange = contextValue.http;
    if (!exchange) return false;
    let cost: CostExtension;
    try {
      cost = await admitOperation(deps.budget, {
        schema,
        document: query.document,
        operationName: query.operationName,
        variables: query.variables,
        viewer: contextValue.viewer,
        address: contextValue.clientAddress,
      });
    } catch {
      // Over the cost limit or the budget: nothing was charged, and Apollo says why.
      return false;
    }
    const outcome = Promise.resolve(
      execute({ schema, document: query.document, operationName: query.operationName, variableValues: query.variables, contextValue }),
    );
    const result = await outcome.catch(() => null);
    if (!result || (result.errors && result.errors.length > 0)) {
      handedOver.set(exchange, { cost, outcome });
      known.count("handedOver");
      return false;
    }
    const body = `${JSON.stringify({ data: result.data, extensions: { ...result.extensions, cost } })}\n`;
    res.statusCode = 200;
    for (const [name, value] of rateLimitHeaders(cost)) res.setHeader(name, value);
    res.setHeader("content-type", query.contentType);
    res.setHeader("content-length", Buffer.byteLength(body));
    res.end(body);
    known.count("answered");
    return true;
  }
}

/**
 * Apollo Server's hook for running operations another way is a gateway's executor: Apollo still
 * parses, validates (with cosell's rules), runs the plugins (limits and cost) and formats every
 * error through `formatError`; only execution itself is ours.
 */
function executingGateway(schema: GraphQLSchema, execute: Execute): ApolloServerOptionsWithGateway<Context>["gateway"] {
  return {
    async load() {
      return {
        schema,
        executor: async (request) =>
          execute({
            schema,
            document: request.document,
            operationName: request.request.operationName,
            variableValues: request.request.variables,
            contextValue: request.context,
          }),
      };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: "" });
      return () => undefined;
    },
    async stop() {},
  };
}

/** `requestBody`'s answer when it has already refused the request. */
const REFUSED = Symbol("refused");

/**
 * A POST's body for Apollo: parsed JSON (an object or array, as Express's `json()` takes it) when
 * the type is `application/json`, else the text (Apollo's CSRF prevention and checks refuse it).
 * Too large: 413; malformed: 400; both in the API's error shape.
 */
async function requestBody(req: IncomingMessage, res: ServerResponse): Promise<unknown> {
  if (req.method !== "POST") return undefined;
  let raw: Buffer;
  try {
    raw = await readBody(req, BODY_LIMIT_BYTES);
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    refuseBody(res, error.status);
    return REFUSED;
  }
  const text = raw.toString("utf8");
  if (mediaTypeOf(req.headers["content-type"]) !== "application/json") return text;
  if (text.trim() === "") return {};
  if (!/^\s*[{[]/.test(text)) {
    refuseBody(res, 400);
    return REFUSED;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    refuseBody(res, 400);
    return REFUSED;
  }
}

function refuseBody(res: ServerResponse, status: 400 | 413): void {
  if (status === 413) {
    // The rest of the body is discarded, not read: say the connection ends with this answer.
    sendJson(res, 413, errorBody(`Request body is larger than ${BODY_LIMIT}`, "PAYLOAD_TOO_LARGE"), { connection: "close" });
  } else {
    sendJson(res, 400, errorBody("Malformed request", "BAD_REQUEST"));
  }
}

/**
 * A request that cannot even be authenticated because PostgreSQL is out of reach (API tokens are
 * looked up there) answers 503 with Retry-After and SERVICE_UNAVAILABLE; other errors pass as they are.
 */
function outageAsHttp(error: unknown, logger: Logger): unknown {
  if (!isOutage(error)) return error;
  logger.error({ err: error }, "could not authenticate a request");
  return new GraphQLError(SERVICE_UNAVAILABLE_MESSAGE, {
    originalError: serviceUnavailable(),
    extensions: { http: { status: 503, headers: new HeaderMap([["retry-after", String(RETRY_AFTER_SECONDS)]]) } },
  });
}

/**
 * A request that would be authenticated by the session cookie (no `Authorization`) must come from
 * the server's own origin or a configured web origin: the browser sends the cookie whatever page
 * asks. (Apollo's CSRF prevention stops simple cross-site requests too; this also stops any that a
 * misconfigured proxy or CORS rule would let through.)
 */
function refusesCrossSiteCookie(req: IncomingMessage, webOrigins: readonly string[]): boolean {
  return (
    req.headers.authorization === undefined &&
    readSessionCookie(req.headers.cookie) !== null &&
    !isAllowedOrigin(req.headers.origin, req.headers.host, webOrigins)
  );
}

/**
 * Every HTTP request, on `node:http`: security headers first (so every answer carries them), then
 * `/graphql`, registration attachments, `/healthz`, `/readyz`, the exports and the import, the web app, and a JSON 404 for anything else.
 * No CORS headers are sent: only the server's own origin (and `WEB_ORIGINS` for the cookie, through
 * a proxy) may read answers from a browser. An unexpected failure answers 500 in the API's shape.
 */
export function httpRequests(deps: {
  graphql: GraphQLOverHttp;
  trustProxy: TrustFunction;
  logger: Logger;
  /** Whether `/healthz` answers 200 (liveness: the process serves; `/readyz` checks dependencies). */
  health: () => boolean;
  readiness?: (res: ServerResponse) => Promise<void>;
  exports?: readonly ExportRoute[];
  /** Files attached to deal registrations (`ATTACHMENT_PATH`, upload and download). */
  attachments?: (exchange: Exchange, match: RegExpExecArray) => Promise<void>;
  /**
   * Charges an attachment, export or import request to its caller's budget before it runs; false
   * when it answered 429 instead. Without it (tests of the router alone) nothing is charged.
   */
  admit?: (exchange: Exchange) => Promise<boolean>;
  webApp?: WebApp | null;
}): (req: IncomingMessage, res: ServerResponse) => void {
  const headers = securityHeaders();
  const route = async (exchange: Exchange): Promise<void> => {
    const { req, res, url } = exchange;
    const path = url.pathname.length > 1 && url.pathname.endsWith("/") ? url.pathname.slice(0, -1) : url.pathname;
    if (path === "/graphql") return deps.graphql.handle(exchange);
    const attachment = deps.attachments && ATTACHMENT_PATH.exec(path);
    if (attachment) {
      if (deps.admit && !(await deps.admit(exchange))) return void req.resume();
      return deps.attachments!(exchange, attachment);
    }
    if (req.method === "GET" || req.method === "HEAD") {
      if (path === "/healthz") {
        const ready = deps.health();
        return sendJson(res, ready ? 200 : 503, { status: ready ? "ok" : "starting" });
      }
      if (path === "/readyz" && deps.readiness) return deps.readiness(res);
    }
    const exported = matchExport(deps.exports ?? [], path, req.method);
    if (exported) {
      if (deps.admit && !(await deps.admit(exchange))) return void req.resume();
      exported.route.handle({ headers: req.headers, path, params: exported.params, query: url.searchParams, raw: req }, res);
      return;
    }
    if ((req.method === "GET" || req.method === "HEAD") && deps.webApp && (await deps.webApp.serve(req, res, url.pathname))) return;
    // Anything else: a JSON 404 in the API's shape.
    sendJson(res, 404, errorBody("Not found", "NOT_FOUND"));
  };
  return (req, res) => {
    const exchange = exchangeOf(req, res, deps.trustProxy);
    const failed = (error: unknown) => {
      deps.logger.error({ err: error }, "unexpected HTTP error");
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, errorBody("Internal server error", "INTERNAL_SERVER_ERROR"));
    };
    try {
      headers(req, res, exchange.secure);
      route(exchange).catch(failed);
    } catch (error) {
      failed(error);
    }
  };
}

/** The event bus and presence: over Redis when `REDIS_URL` or `REDIS_CLUSTER_NODES` is set, in-process otherwise. */
async function openRealtime(
  config: Config,
  logger: Logger,
  options: RealtimeOptions,
): Promise<{ bus: EventBus; presence: Presence; redis: RedisLink | null }> {
  const target = config.redisClusterNodes ? { clusterNodes: config.redisClusterNodes } : config.redisUrl ? { url: config.redisUrl } : null;
  if (!target) {
    const bus = memoryBus();
    return { bus, presence: memoryPresence(bus, logger), redis: null };
  }
  const link = await connectRedis(target, logger);
  const bus = redisBus(link, logger, options.publishTimeoutMs);
  return {
    bus,
    presence: redisPresence(link.commands, bus, logger, { ttlMs: options.presenceTtlMs, heartbeatMs: options.presenceHeartbeatMs }),
    redis: link,
  };
}

/** The built web app (apps/web/dist, or `COSELL_WEB_DIR`), or null when there is none. */
function webAppIn(config: Config, logger: Logger): WebApp | null {
  const dir = config.webDir ?? join(import.meta.dirname, "../../web/dist");
  if (!existsSync(join(dir, "index.html"))) {
    logger.info({ dir }, "web app not built; serving the API only");
    return null;
  }
  return webApp(dir);
}

/**
 * Admission of requests outside `/graphql` (exports, the import, attachments, calendar and outline
 * downloads): each is charged `SIDE_REQUEST_COST` to its caller's budget, the one queries draw on;
 * over it, 429 with `Retry-After` in the API's shape, before the endpoint reads a byte. The caller
 * is read as the endpoint reads it (bearer token, else the session cookie; by address without
 * either); the endpoint still decides who may do what.
 */
function sideRequestAdmission(services: Services, budget: CostBudget): (exchange: Exchange) => Promise<boolean> {
  return async ({ req, res, clientAddress }) => {
    const { viewer } = await viewerFromRequest(services, req.headers);
    const cost = await chargeSideRequest(budget, viewer, clientAddress);
    for (const [name, value] of rateLimitHeaders(cost)) res.setHeader(name, value);
    if (cost.allowed) return true;
    res.setHeader("retry-after", String(cost.resetInSeconds));
    sendJson(res, 429, {
      errors: [
        {
          message: `Rate limit reached: this request costs ${cost.requested} points and ${cost.remaining} of ${cost.limit} are left this minute; retry in ${cost.resetInSeconds} s`,
          extensions: { code: "RATE_LIMITED", retryAfterSeconds: cost.resetInSeconds, retryAfter: cost.resetInSeconds },
        },
      ],
    });
    return false;
  };
}
