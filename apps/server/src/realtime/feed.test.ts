import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { recheckEvery } from "./feed.js";

/** The recheck wheel (feed.ts): each feed every period, feeds started together in the same tick. */
describe("recheckEvery", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("re-checks each feed once a period, one period after it started", () => {
    const calls: number[] = [];
    const stop = recheckEvery(3_000, () => calls.push(Date.now()));
    const start = Date.now();
    vi.advanceTimersByTime(2_899);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(9_101);
    expect(calls.map((at) => at - start)).toEqual([3_000, 6_000, 9_000, 12_000]);
    stop();
    vi.advanceTimersByTime(10_000);
    expect(calls).toHaveLength(4);
  });

  it("runs the re-checks of feeds started in the same turn in the same tick, and others apart", () => {
    const ticks = new Map<string, number[]>();
    const record = (name: string) => () => ticks.set(name, [...(ticks.get(name) ?? []), Date.now()]);
    const stops = [recheckEvery(3_000, record("a")), recheckEvery(3_000, record("b"))];
    vi.advanceTimersByTime(1_500);
    stops.push(recheckEvery(3_000, record("c")));
    vi.advanceTimersByTime(6_000);
    expect(ticks.get("a")).toEqual(ticks.get("b"));
    expect(ticks.get("a")).toHaveLength(2);
    expect(ticks.get("c")![0]! - ticks.get("a")![0]!).toBe(1_500);
    for (const stop of stops) stop();
  });
});
