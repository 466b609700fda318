import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigError, loadConfig } from "../../config.js";
import { createLogger } from "../../logger.js";
import type { CommitmentService } from "./commitment.service.js";
import { startCommitmentSweeper } from "./commitment.sweeper.js";

const logger = createLogger({ logLevel: "silent" });

describe("COMMITMENT_SWEEP_SECONDS", () => {
  it("defaults to a sweep a minute, accepts 0 (off), and names a bad value", () => {
    const base = { DATABASE_URL: "postgres://db/cosell" };
    expect(loadConfig(base).commitmentSweepSeconds).toBe(60);
    expect(loadConfig({ ...base, COMMITMENT_SWEEP_SECONDS: "0" }).commitmentSweepSeconds).toBe(0);
    for (const bad of ["-1", "often", "1.5", "86401"]) {
      expect(() => loadConfig({ ...base, COMMITMENT_SWEEP_SECONDS: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ ...base, COMMITMENT_SWEEP_SECONDS: bad })).toThrow(/COMMITMENT_SWEEP_SECONDS/);
    }
  });
});

describe("the commitment sweeper's schedule", () => {
  afterEach(() => vi.useRealTimers());

  it("sweeps every interval, never two runs at once, and stop() waits for the run in progress", async () => {
    vi.useFakeTimers();
    let finish: (() => void) | undefined;
    let runs = 0;
    const commitments = {
      sweepOverdue: () => {
        runs += 1;
        return new Promise<number>((resolve) => (finish = () => resolve(0)));
      },
      announceDueSoon: async () => 0,
    } as unknown as CommitmentService;
    const sweeper = startCommitmentSweeper(commitments, 2, logger);
    await vi.advanceTimersByTimeAsync(1999);
    expect(runs).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(6000); // still running: no overlap
    expect(runs).toBe(1);
    let stopped = false;
    const stopping = sweeper.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish!();
    await stopping;
    expect(stopped).toBe(true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs).toBe(1);
  });

  it("does nothing when turned off", async () => {
    vi.useFakeTimers();
    const sweepOverdue = vi.fn(async () => 0);
    const sweeper = startCommitmentSweeper({ sweepOverdue } as unknown as CommitmentService, 0, logger);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(sweepOverdue).not.toHaveBeenCalled();
    await sweeper.stop();
  });
});
