/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig } from "vite";

/** Where `pnpm --filter @cosell/server dev` listens (its PORT default). */
const apiServer = "http://localhost:4000";

export default defineConfig({
  plugins: [react()],
  // @cosell/schema from its TypeScript sources, as tsc reads it (tsconfig.base.json): the web app
  // needs no build of the package first.
  resolve: { conditions: ["cosell-source", ...defaultClientConditions] },
  server: {
    // Same-origin in development as in production, where the server hosts the built app:
    // the browser talks to /graphql (HTTP and WebSocket) and /healthz on the page's own origin.
    proxy: {
      "/graphql": { target: apiServer, ws: true },
      "/healthz": { target: apiServer },
      "/import": { target: apiServer },
      "/export": { target: apiServer },
    },
  },
  build: {
    outDir: "dist",
    // Maps are written for whoever debugs a build, but not linked from the bundles; the server never serves .map files.
    sourcemap: "hidden",
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
