import "reflect-metadata";
import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync } from "node:fs";
import { join } from "node:path";
import express from "express";
import type { NextFunction, Request, Response } from "express";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { GraphQLSchema } from "graphql";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import { sessionTokens } from "./auth/jwt.js";
import type { Config } from "./config.js";
import type { Context, Services } from "./context.js";
import { isAllowedOrigin, readSessionCookie, SESSION_COOKIE, sessionCookieOptions } from "./auth/web-session.js";
import { createContext, createServices, viewerFromRequest } from "./context.js";
import { openDatabase } from "./db/database.js";
import { unitOfWork } from "./db/transaction.js";
import { RETRY_AFTER_SECONDS, SERVICE_UNAVAILABLE_MESSAGE, isOutage, serviceUnavailable, toClientError } from "./errors.js";
import {
  LIMIT_RULES,
  LoginThrottle,
  PARSE_OPTIONS,
  limitsPlugin,
  memoryBudget,
  memoryLedger,
  redisBudget,
  redisLedger,
  trustFunction,
} from "./limits/index.js";
import type { CostBudget } from "./limits/index.js";
import { createLogger } from "./logger.js";
import type { Logger } from "./logger.js";
import { mountAuditExports } from "./export/audit.js";
import { mountPayoutExport } from "./export/payouts.js";
import { startCommitmentSweeper } from "./modules/commitment/commitment.sweeper.js";
import { startWebhookWorker } from "./modules/webhook/webhook.worker.js";
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
import { mountReadiness, readinessProbe } from "./readiness.js";
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
  /** The daily notification digest (sends nothing without `SMTP_URL`). */
  readonly digests: DigestScheduler;
  /**
   * Stops taking requests and sockets, closes open sockets with 1001 (Going Away), lets in-flight
   * HTTP requests finish, then closes presence, the bus and the database.
   */
  close(): Promise<void>;
}

/** Largest JSON body accepted on /graphql; larger ones answer 413. */
export const BODY_LIMIT = "1mb";

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
  const services = createServices({
    dataSource: database.dataSource,
    bus,
    logger,
    tokens,
    uow: unitOfWork(database.dataSource, bus, logger),
    presence,
    realtime,
    webhookPrivateTargets: config.webhookPrivateTargets,
    loginThrottle,
    sessionTtlSeconds: config.sessionTtlSeconds,
  });
  // Listening before the first request, so no session news goes unheard.
  const stopSessionNews = await services.sessions.listen();
  if (config.seed === "demo") await seedIfEmpty(services);
  const sweeper = startCommitmentSweeper(services.commitments, config.commitmentSweepSeconds, logger);
  const budget = redis
    ? redisBudget({ client: redis.commands, prefix: config.rateLimitPrefix, limit: config.rateLimitPoints, logger })
    : memoryBudget(config.rateLimitPoints);

  const schema = await cosellSchema();
  const app = express();
  app.disable("x-powered-by");
  // First, so every answer carries them: pages, API, health checks and errors.
  app.use(securityHeaders());
  // `req.ip` names the client as `TRUST_PROXY` says; the WebSocket path applies the same function.
  app.set("trust proxy", trustProxy);
  const httpServer = createServer(app);
  let serving: "starting" | "serving" | "stopping" = "starting";

  const apollo = await mountGraphQLOverHttp(app, {
    httpServer,
    schema,
    services,
    budget,
    logger,
    introspection: config.introspection,
    production: config.nodeEnv === "production",
    health: () => serving === "serving",
    webOrigins: config.webOrigins,
  });
  mountReadiness(app, readinessProbe({ dataSource: database.dataSource, redis, logger }), () => serving);
  const sockets = await serveGraphQLOverWebSocket({ httpServer, schema, services, logger, options: realtime, budget, config, trustProxy });
  mountAuditExports(app, services);
  mountPayoutExport(app, services);
  serveWebApp(app, config, logger);
  // Anything else: a JSON 404 in the API's shape (Express's own would be HTML with its own CSP).
  app.use((_req: Request, res: Response) => {
    res.status(404).json({ errors: [{ message: "Not found", extensions: { code: "NOT_FOUND" } }] });
  });
  app.use(jsonErrors(logger));

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.port, () => resolve());
  });
  const webhooks = startWebhookWorker({ dataSource: database.dataSource, config, logger });
  const digests = startDigestScheduler({ dataSource: database.dataSource, config, logger });
  serving = "serving";
  const port = (httpServer.address() as AddressInfo).port;
  logger.info(
    { port, embedded: database.embedded, bus: config.redisClusterNodes ? "redis-cluster" : config.redisUrl ? "redis" : "memory" },
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
    digests,
    close() {
      closing ??= (async () => {
        serving = "stopping";
        await sockets.close();
        await apollo.stop();
        await stopSessionNews();
        await sweeper.stop();
        await presence.close();
        await webhooks.stop();
        await digests.stop();
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

/**
 * cosell's HTTP request path on an Express app: `/healthz`, then `/graphql` with Apollo (limits,
 * cost budget, error masking) and a context per request (caller from `Authorization`, policy,
 * loaders). Split out of `startServer` so the benchmarks can mount the same path on another schema.
 */
export async function mountGraphQLOverHttp(
  app: express.Express,
  deps: {
    httpServer: Server;
    schema: GraphQLSchema;
    services: Services;
    budget: CostBudget;
    logger: Logger;
    introspection: boolean;
    /** Hides "Did you mean …?" hints. */
    production: boolean;
    /** Whether `/healthz` answers 200 (liveness: the process serves; `/readyz` checks dependencies). */
    health: () => boolean;
    /** Origins besides the server's own that may use the web session cookie (`WEB_ORIGINS`). */
    webOrigins?: readonly string[];
  },
): Promise<ApolloServer<Context>> {
  const { services, logger } = deps;
  // Answers to POST /graphql are never revalidated: skip hashing every body for an ETag.
  app.set("etag", false);
  const apollo = new ApolloServer<Context>({
    schema: deps.schema,
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
      limitsPlugin<Context>(deps.budget),
    ],
  });
  await apollo.start();

  app.get("/healthz", (_req, res) => {
    const ready = deps.health();
    res.status(ready ? 200 : 503).json({ status: ready ? "ok" : "starting" });
  });
  app.use(
    "/graphql",
    refuseCrossSiteCookies(deps.webOrigins ?? []),
    express.json({ limit: BODY_LIMIT }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const { viewer, cookieSession } = await viewerFromRequest(services, req.headers).catch((error: unknown) => {
          throw outageAsHttp(error, logger);
        });
        return createContext(services, viewer, req.ip ?? null, {
          cookieSession,
          setSessionCookie: (token, expiresAt) => void res.cookie(SESSION_COOKIE, token, sessionCookieOptions(req.secure, expiresAt)),
          clearSessionCookie: () => void res.clearCookie(SESSION_COOKIE, sessionCookieOptions(req.secure)),
        });
      },
    }),
  );
  return apollo;
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
function refuseCrossSiteCookies(webOrigins: readonly string[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (
      req.headers.authorization === undefined &&
      readSessionCookie(req.headers.cookie) !== null &&
      !isAllowedOrigin(req.headers.origin, req.headers.host, webOrigins)
    ) {
      res
        .status(403)
        .json({ errors: [{ message: "The session cookie is not accepted from another origin", extensions: { code: "FORBIDDEN" } }] });
      return;
    }
    next();
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

/** Serves the built web app (apps/web/dist) with a fallback to index.html for client-side routes. */
function serveWebApp(app: express.Express, config: Config, logger: Logger): void {
  const dir = config.webDir ?? join(import.meta.dirname, "../../web/dist");
  if (!existsSync(join(dir, "index.html"))) {
    logger.info({ dir }, "web app not built; serving the API only");
    return;
  }
  app.use(express.static(dir, { index: "index.html", maxAge: "1h" }));
  app.get(/^\/(?!graphql|healthz|readyz|export\/).*/, (_req, res) => res.sendFile(join(dir, "index.html")));
}

/** Errors outside GraphQL (oversized or malformed bodies) as JSON with a code; no stack traces. */
function jsonErrors(logger: Logger) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(error);
    const status = typeof (error as { status?: unknown }).status === "number" ? (error as { status: number }).status : 500;
    if (status >= 500) logger.error({ err: error }, "unexpected HTTP error");
    const code = status === 413 ? "PAYLOAD_TOO_LARGE" : status < 500 ? "BAD_REQUEST" : "INTERNAL_SERVER_ERROR";
    const message =
      status === 413 ? `Request body is larger than ${BODY_LIMIT}` : status < 500 ? "Malformed request" : "Internal server error";
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}
