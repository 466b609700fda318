import type { Logger } from "../logger.js";

export interface PeriodicJob {
  /** Stops scheduling and waits for a run in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Runs `run` every `intervalSeconds` in this process (0 or less: never). Runs never overlap: a tick
 * that finds the last run still going is skipped. A failed run is logged as `<what> failed` and the
 * next tick tries again. The timer does not keep the process alive. Jobs that several instances run
 * keep apart by their own SQL (a conditional UPDATE), not by this.
 */
export function startPeriodic(what: string, intervalSeconds: number, logger: Logger, run: () => Promise<void>): PeriodicJob {
  if (intervalSeconds <= 0) return { stop: async () => {} };
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = run()
      .catch((error: unknown) => logger.error({ err: error }, `${what} failed`))
      .finally(() => {
        running = undefined;
      });
  }, intervalSeconds * 1000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
