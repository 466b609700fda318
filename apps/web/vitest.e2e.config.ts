import { defineConfig } from "vitest/config";

/**
 * Browser tests (e2e/): the real server on a fresh PostgreSQL database, the built app, Debian's
 * chromium driven by playwright-core. Run after the component tests by `pnpm test`.
 */
export default defineConfig({
  test: {
    environment: "node",
    include: ["e2e/**/*.e2e.test.ts"],
    // The app is built once for every file (each starts a server of its own on it).
    globalSetup: ["e2e/global-setup.ts"],
    // Building the app and starting the server take a while on a cold machine.
    hookTimeout: 180_000,
    testTimeout: 60_000,
    // One server, one browser, stories in order.
    fileParallelism: false,
    sequence: { concurrent: false },
  },
});
