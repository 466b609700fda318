/// <reference types="vitest/config" />
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { buildSchema } from "graphql";
import { defineConfig } from "vite";

/** Where `pnpm --filter @cosell/server dev` listens (its PORT default). */
const apiServer = "http://localhost:4000";

/** The schema codegen types the app from (codegen.ts reads the same COSELL_SCHEMA). */
const schemaFile = process.env.COSELL_SCHEMA ?? fileURLToPath(new URL("../../packages/schema/schema.graphql", import.meta.url));

/**
 * The Subscription fields the schema has: src/features/live/live.ts switches each live update on
 * when its field is there, so the app goes live in the build after the server's schema gains them.
 */
function subscriptionFields(): string[] {
  const subscription = buildSchema(readFileSync(schemaFile, "utf8")).getSubscriptionType();
  return subscription ? Object.keys(subscription.getFields()) : [];
}

export default defineConfig({
  plugins: [react()],
  define: {
    __COSELL_SUBSCRIPTION_FIELDS__: JSON.stringify(subscriptionFields()),
  },
  server: {
    // Same-origin in development as in production, where the server hosts the built app:
    // the browser talks to /graphql (HTTP and WebSocket) and /healthz on the page's own origin.
    proxy: {
      "/graphql": { target: apiServer, ws: true },
      "/healthz": { target: apiServer },
    },
  },
  build: {
    outDir: "dist",
    sourcemap: true,
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test/setup.ts"],
    restoreMocks: true,
    // Load graphql-ws through Vite like the tests, so its server (src/test/inProcessGraphQLWs.ts)
    // and the tests' schema share one copy of graphql; otherwise graphql rejects the schema as
    // coming "from another module or realm".
    server: { deps: { inline: ["graphql-ws"] } },
  },
});
