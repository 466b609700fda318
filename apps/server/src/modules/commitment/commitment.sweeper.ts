import { startPeriodic } from "../../jobs/periodic.js";
import type { Logger } from "../../logger.js";
import type { CommitmentService } from "./commitment.service.js";

export interface CommitmentSweeper {
  /** Stops scheduling and waits for a sweep in progress to finish. */
  stop(): Promise<void>;
}

/**
 * Runs `sweepOverdue`, then `announceDueSoon`, every `intervalSeconds` (0: never). Runs never overlap; a failed run is
 * logged and the next one tries again.
 */
export function startCommitmentSweeper(commitments: CommitmentService, intervalSeconds: number, logger: Logger): CommitmentSweeper {
  return startPeriodic("commitment sweep", intervalSeconds, logger, async () => {
    const missed = await commitments.sweepOverdue();
    if (missed > 0) logger.info({ missed }, "marked overdue commitments as missed");
    const dueSoon = await commitments.announceDueSoon();
    if (dueSoon > 0) logger.info({ dueSoon }, "told assignees of commitments due soon");
  });
}
