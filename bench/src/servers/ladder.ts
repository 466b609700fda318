import "reflect-metadata";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import { GraphQLError, execute, parse, validate } from "graphql";
import type { DocumentNode, GraphQLSchema } from "graphql";
import { DataSource } from "typeorm";
import { graphQLOverHttp, httpRequests } from "@cosell/server/src/app.js";
import { sessionTokens } from "@cosell/server/src/auth/jwt.js";
import { createServices } from "@cosell/server/src/context.js";
import { memoryBudget } from "@cosell/server/src/limits/index.js";
import { createLogger } from "@cosell/server/src/logger.js";
import { memoryBus } from "@cosell/server/src/realtime/bus.js";
import { memoryPresence } from "@cosell/server/src/realtime/presence.js";
import { serveParent } from "../lib/proc.js";
import { ORG } from "./ladder-data.js";
import { ladderSchema } from "./ladder-graphql-js.js";
import { ladderTypeGraphQLSchema } from "./ladder-type-graphql.js";

/**
 * One rung of the query ladder (LEVEL = L0…L3) on a free port:
 * L0 graphql-js on node:http, L1 Apollo Server 5 + Express (with its defaults; L1-no-cache-control
 * without cache hints, as cosell configures Apollo), L2 + type-graphql,
 * L3 cosell's own HTTP path (graphQLOverHttp on node:http: JWT caller, context with policy and loaders,
 * limits and cost budget, error masking) on the same in-memory data, no database.
 */
const level = process.env.LEVEL ?? "L0";
export const JWT_SECRET = "bench-secret-".padEnd(40, "x");

async function plainGraphQL(schema: GraphQLSchema) {
  // Parsed and validated once per query text, as Apollo does; execution every time.
  const documents = new Map<string, DocumentNode | readonly GraphQLError[]>();
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    // The handler answers its own failures (400), so nothing is lost by not awaiting it.
    req.on(
      "end",
      () =>
        void (async () => {
          try {
            const { query, variables, operationName } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
            let document = documents.get(query);
            if (!document) {
              const parsed = parse(query);
              const errors = validate(schema, parsed);
              documents.set(query, (document = errors.length ? errors : parsed));
            }
            const result = Array.isArray(document)
              ? { errors: document }
              : await execute({ schema, document: document as DocumentNode, variableValues: variables, operationName });
            const body = JSON.stringify(result);
            res.writeHead(result.errors ? 400 : 200, {
              "content-type": "application/json; charset=utf-8",
              "content-length": Buffer.byteLength(body),
            });
            res.end(body);
          } catch {
            res.writeHead(400).end();
          }
        })(),
    );
  });
}

async function apolloExpress(schema: GraphQLSchema, cacheControl = true) {
  const app = express();
  app.disable("x-powered-by");
  const apollo = new ApolloServer({ schema, plugins: cacheControl ? [] : [ApolloServerPluginCacheControlDisabled()] });
  await apollo.start();
  app.use("/graphql", express.json({ limit: "1mb" }), expressMiddleware(apollo));
  return createServer(app);
}

async function cosellPath(schema: GraphQLSchema) {
  const logger = createLogger({ logLevel: "silent" });
  const bus = memoryBus();
  // A data source that is never connected: this schema's resolvers never reach the database.
  const dataSource = new DataSource({ type: "postgres" });
  const tokens = sessionTokens(JWT_SECRET);
  const userId = "0190a000-0000-7000-8000-0000000000aa";
  const sessionId = "0190a000-0000-7000-8000-0000000000bb";
  const expiresAt = new Date(Date.now() + 12 * 3600 * 1000);
  const services = createServices({
    // The session row as the database would answer; the service remembers it as it does in production.
    sessionLookup: async () => ({
      userId,
      organizationId: ORG,
      role: "REP" as never,
      active: true,
      expiresAtMs: expiresAt.getTime(),
      revoked: false,
      lastSeenAtMs: Date.now(),
    }),
    dataSource,
    bus,
    logger,
    tokens,
    uow: { run: () => Promise.reject(new Error("no database in the ladder")) } as never,
    presence: memoryPresence(bus, logger),
  });
  const httpServer = createServer();
  const graphql = await graphQLOverHttp({
    httpServer,
    schema,
    services,
    // The board costs 8,180 points: a real budget would refuse the load after ~1,200 requests a minute and time 429s.
    budget: memoryBudget(1e12),
    logger,
    introspection: false,
    production: true,
  });
  httpServer.on("request", httpRequests({ graphql, trustProxy: () => false, logger, health: () => true }));
  const token = await tokens.issue({ userId, sessionId, expiresAt });
  return { httpServer, token };
}

let server;
let token: string | undefined;
if (level === "L0") server = await plainGraphQL(ladderSchema);
else if (level === "L1") server = await apolloExpress(ladderSchema);
else if (level === "L1-no-cache-control") server = await apolloExpress(ladderSchema, false);
else if (level === "L2") server = await apolloExpress(await ladderTypeGraphQLSchema(false));
else {
  const cosell = await cosellPath(await ladderTypeGraphQLSchema(true));
  server = cosell.httpServer;
  token = cosell.token;
}
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
serveParent({ port: (server.address() as AddressInfo).port, token }, { mem: () => ({ rss: process.memoryUsage().rss }) });
