import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { recheckEvery, spreadEvery } from "./feed.js";

/** The wheels (feed.ts): re-checks of feeds started together run in the same tick; spread work is dealt over the period. */
describe("the feed timer wheels (recheckEvery, spreadEvery)", () => {
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

  it("deals spread tasks evenly over the period, even when they all arrive at once", () => {
    const calls = new Map<number, number>();
    const start = Date.now();
    // 12 s: 1,200 turns of 10 ms. 2,400 tasks started together: two a turn, not 2,400 in one.
    const stops = Array.from({ length: 2_400 }, () =>
      spreadEvery(12_000, () => {
        const at = Date.now() - start;
        calls.set(at, (calls.get(at) ?? 0) + 1);
      }),
    );
    vi.advanceTimersByTime(12_000);
    expect([...calls.values()].reduce((a, b) => a + b, 0)).toBe(2_400);
    expect(calls.size).toBe(1_200);
    expect(Math.max(...calls.values())).toBe(2);
    // Each task once a period after that.
    vi.advanceTimersByTime(12_000);
    expect([...calls.values()].reduce((a, b) => a + b, 0)).toBe(4_800);
    for (const stop of stops) stop();
    vi.advanceTimersByTime(12_000);
    expect([...calls.values()].reduce((a, b) => a + b, 0)).toBe(4_800);
  });

  it("keeps a short period's spread wheel at 30 turns", () => {
    const calls: number[] = [];
    const start = Date.now();
    // 240 ms would be 24 turns of 10 ms: it is 30 of 8 ms.
    const stops = Array.from({ length: 60 }, () => spreadEvery(240, () => calls.push(Date.now() - start)));
    vi.advanceTimersByTime(240);
    expect(calls).toHaveLength(60);
    expect(new Set(calls).size).toBe(30);
    for (const stop of stops) stop();
  });
});
