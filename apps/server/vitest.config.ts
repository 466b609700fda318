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
    // Files share each fork's loaded modules instead of importing TypeORM, Apollo and type-graphql
    // anew per file: the suite took 493 s isolated and 340 s so (also with its files shuffled). A file
    // that needs a server starts its own on a database of its own, so no state is meant to pass.
    isolate: false,
    setupFiles: ["reflect-metadata"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
