import { startPeriodic } from "../../jobs/periodic.js";
import type { Logger } from "../../logger.js";
import type { RegistrationService } from "./registration.service.js";

export interface RegistrationSweeper {
  /** Expires the registrations whose protection lapsed before `now`; what the timer runs. Returns how many. */
  runOnce(now?: Date): Promise<number>;
  /** Stops scheduling and waits for a sweep in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Runs `expireLapsed` every `intervalSeconds` (0: never on a timer; `runOnce` still works). Runs never
 * overlap in one process; across instances the sweep's conditional UPDATE keeps them apart. A failed
 * run is logged and the next one tries again.
 */
export function startRegistrationSweeper(registrations: RegistrationService, intervalSeconds: number, logger: Logger): RegistrationSweeper {
  const runOnce = (now?: Date) => registrations.expireLapsed(now);
  const job = startPeriodic("registration sweep", intervalSeconds, logger, async () => {
    const expired = await runOnce();
    if (expired > 0) logger.info({ expired }, "expired deal registrations past their protection window");
  });
  return { runOnce, stop: () => job.stop() };
}
