import "reflect-metadata";
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { ApolloServer, HeaderMap } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import { GraphQLError, execute, parse, validate } from "graphql";
import type { ExecutionResult, GraphQLSchema } from "graphql";
import { compileQuery, isCompiledQuery } from "graphql-jit";
import { DataSource } from "typeorm";
import { serveParent } from "../lib/proc.js";
import { app, bus as buses, context, exchange, jwt, limits, logger as logging, presence } from "./built.js";
import { ORG } from "./ladder-data.js";
import { ladderSchema } from "./ladder-graphql-js.js";
import { ladderTypeGraphQLSchema } from "./ladder-type-graphql.js";

const { graphQLOverHttp, httpRequests } = app;
const { sessionTokens } = jwt;
const { sendGraphQLResponse } = exchange;
const { createServices } = context;
const { memoryBudget } = limits;
const { createLogger } = logging;
const { memoryBus } = buses;
const { memoryPresence } = presence;

/**
 * One rung of the query ladder (LEVEL) on a free port, all on the same in-memory data:
 * - L0: graphql-js's `execute` on node:http;
 * - L0-jit: the same server executing each query text compiled once by graphql-jit;
 * - L1: Apollo Server 5 on node:http through `executeHTTPGraphQLRequest` (the integration cosell
 *   uses), configured as cosell configures it (no cache-control plugin), executing with graphql-js;
 * - L2: L1 + type-graphql;
 * - L3: cosell's own HTTP path (graphQLOverHttp on node:http: JWT caller, context with policy and
 *   loaders, limits and cost budget, error masking, compiled execution), no database;
 * - L1-express (information only): Apollo Server 5 + Express 5 with Apollo's defaults, the stack
 *   cosell served through before.
 */
const level = process.env.LEVEL ?? "L0";
export const JWT_SECRET = "bench-secret-".padEnd(40, "x");

/** Runs one parsed, validated operation with its variables: graphql-js's `execute` or a compiled query. */
type Run = (variables: Record<string, unknown>) => Promise<ExecutionResult> | ExecutionResult;

function plainGraphQL(schema: GraphQLSchema, compiled: boolean) {
  // Parsed and validated once per query text, as Apollo does (and for L0-jit compiled once);
  // execution every time.
  const runs = new Map<string, Run | readonly GraphQLError[]>();
  const prepare = (query: string, operationName: string | undefined): Run | readonly GraphQLError[] => {
    const document = parse(query);
    const errors = validate(schema, document);
    if (errors.length) return errors;
    if (!compiled) return (variableValues) => execute({ schema, document, variableValues, operationName });
    const jit = compileQuery(schema, document, operationName);
    if (!isCompiledQuery(jit)) return jit.errors ?? [new GraphQLError("graphql-jit could not compile the query")];
    return (variables) => jit.query(undefined, undefined, variables) as Promise<ExecutionResult> | ExecutionResult;
  };
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
            const key = `${operationName ?? ""}\n${query}`;
            let run = runs.get(key);
            if (!run) runs.set(key, (run = prepare(query, operationName)));
            const result: ExecutionResult = typeof run === "function" ? await run(variables ?? {}) : { errors: run };
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

/**
 * Apollo Server 5 on node:http through `executeHTTPGraphQLRequest`, as cosell's `graphQLOverHttp`
 * drives it (headers into a HeaderMap, the parsed JSON body, the answer's headers, status and body
 * written back), without cosell's context, limits or compiled execution.
 */
async function apolloHttp(schema: GraphQLSchema) {
  const apollo = new ApolloServer({ schema, plugins: [ApolloServerPluginCacheControlDisabled()] });
  await apollo.start();
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method?.toUpperCase() ?? "GET",
        headers,
        search: new URL(req.url ?? "/", "http://localhost").search,
        body: text ? (JSON.parse(text) as unknown) : {},
      },
      context: async () => ({}),
    });
    await sendGraphQLResponse(res, response);
  };
  // Failures answer 400 here, so nothing is lost by not awaiting.
  return createServer((req, res) => void handle(req, res).catch(() => res.writeHead(400).end()));
}

/** Apollo Server 5 + Express 5 with Apollo's defaults: the stack cosell served through before (information only). */
async function apolloExpress(schema: GraphQLSchema) {
  const app = express();
  app.disable("x-powered-by");
  const apollo = new ApolloServer({ schema });
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
if (level === "L0") server = plainGraphQL(ladderSchema, false);
else if (level === "L0-jit") server = plainGraphQL(ladderSchema, true);
else if (level === "L1") server = await apolloHttp(ladderSchema);
else if (level === "L1-express") server = await apolloExpress(ladderSchema);
else if (level === "L2") server = await apolloHttp(await ladderTypeGraphQLSchema(false));
else if (level === "L3") {
  const cosell = await cosellPath(await ladderTypeGraphQLSchema(true));
  server = cosell.httpServer;
  token = cosell.token;
} else throw new Error(`unknown ladder level ${level}`);
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
serveParent({ port: (server.address() as AddressInfo).port, token }, { mem: () => ({ rss: process.memoryUsage().rss }) });
