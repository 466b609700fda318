import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // One graphql instance: Vite would pick graphql's "module" build for our sources while Node loads
    // the CommonJS build for Apollo and type-graphql ("Cannot use GraphQLSchema from another realm").
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  // Workspace packages from their TypeScript sources, as tsx and tsc read them (tsconfig.base.json);
  // the rest are Vite's default server conditions.
  ssr: { resolve: { conditions: ["cosell-source", "module", "node", "development|production"] } },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    pool: "forks",
    setupFiles: ["reflect-metadata"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
