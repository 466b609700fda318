import { existsSync } from "node:fs";
import { DRAIN_GRACE_MS, startServer } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";

// A .env in the working directory (or the repository root) fills in what the environment lacks.
for (const file of [".env", "../../.env"]) {
  if (existsSync(file)) {
    process.loadEnvFile(file);
    break;
  }
}

/** SIGTERM to exit, at most: the drain's grace period plus time for the closes. */
const SHUTDOWN_DEADLINE_MS = DRAIN_GRACE_MS + 4_000;

try {
  const config = loadConfig();
  const logger = createLogger(config);
  const server = await startServer(config, logger);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "draining requests and shutting down");
    // The last resort: whatever still holds the event loop after the drain and the closes, the
    // process ends before an orchestrator's kill.
    setTimeout(() => {
      logger.error({ signal }, "shutdown did not finish in time; exiting");
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "unclean shutdown");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error("cosell failed to start:", error);
  process.exit(1);
}
