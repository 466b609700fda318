import { describe, expect, it } from "vitest";
import {
  SplitType,
  TOTAL_BP,
  allocate,
  basisPointsFromPercent,
  formatBasisPoints,
  formatMinor,
  parseMinor,
  payouts,
  revenueTotal,
  shareOf,
  splitProblem,
} from "../src/index.js";

const split = (amount: string, bps: number[]) => {
  const total = parseMinor(amount, "USD");
  const parts = allocate(total, bps.map(BigInt));
  return {
    parts: parts.map((p) => formatMinor(p, "USD")),
    sum: formatMinor(
      parts.reduce((a, b) => a + b, 0n),
      "USD",
    ),
  };
};

describe("largest-remainder payouts", () => {
  it("splits 1000.01 three ways to exactly 1000.01", () => {
    expect(split("1000.01", [3334, 3333, 3333])).toEqual({ parts: ["333.41", "333.30", "333.30"], sum: "1000.01" });
    expect(split("1000.01", [5000, 2500, 2500])).toEqual({ parts: ["500.01", "250.00", "250.00"], sum: "1000.01" });
    expect(split("1000.01", [1, 1, 9998])).toEqual({ parts: ["0.10", "0.10", "999.81"], sum: "1000.01" });
    expect(split("1000.01", [3333, 3334, 3333])).toEqual({ parts: ["333.30", "333.41", "333.30"], sum: "1000.01" });
  });

  it("splits 0.01 two ways to exactly 0.01: the cent goes to the larger remainder, ties to the first line", () => {
    expect(split("0.01", [5000, 5000])).toEqual({ parts: ["0.01", "0.00"], sum: "0.01" });
    expect(split("0.01", [4000, 6000])).toEqual({ parts: ["0.00", "0.01"], sum: "0.01" });
  });

  it("always sums exactly, for many awkward amounts and splits", () => {
    for (let cents = 0n; cents < 2000n; cents += 7n) {
      for (const bps of [
        [3334, 3333, 3333],
        [1, 9999],
        [2500, 2500, 2500, 2500],
        [7, 13, 9980],
      ]) {
        const parts = allocate(cents, bps.map(BigInt));
        expect(parts.reduce((a, b) => a + b, 0n)).toBe(cents);
        parts.forEach((p, i) => expect(Number(p)).toBeGreaterThanOrEqual(Math.floor((Number(cents) * bps[i]!) / 10000)));
      }
    }
  });

  it("refuses all-zero or negative weights", () => {
    expect(() => allocate(100n, [0n, 0n])).toThrow(RangeError);
    expect(() => allocate(100n, [-1n, 2n])).toThrow(RangeError);
  });

  it("rounds overlay shares half up", () => {
    expect(shareOf(100001n, 1000)).toBe(10000n); // 10000.1
    expect(shareOf(5n, 1000)).toBe(1n); // 0.5
    expect(shareOf(4n, 1000)).toBe(0n); // 0.4
  });
});

const revenue = (basisPoints: number) => ({ basisPoints, type: SplitType.REVENUE });
const overlay = (basisPoints: number) => ({ basisPoints, type: SplitType.OVERLAY });

describe("payouts of a locked split", () => {
  it("shares the amount among REVENUE lines exactly and rounds OVERLAY lines on top, in the lines' order", () => {
    const lines = [revenue(3334), overlay(1500), revenue(3333), revenue(3333)];
    expect(payouts(100001n, lines)).toEqual([33341n, 15000n, 33330n, 33330n]);
    expect(payouts(5n, [revenue(TOTAL_BP), overlay(1000)])).toEqual([5n, 1n]);
  });

  it("pays overlay lines alone when there are no REVENUE lines", () => {
    expect(payouts(1000n, [overlay(2500)])).toEqual([250n]);
  });

  it("keeps amounts beyond 2^53 exact", () => {
    const amount = 2n ** 60n + 1n;
    const parts = payouts(amount, [revenue(5000), revenue(5000)]);
    expect(parts).toEqual([2n ** 59n + 1n, 2n ** 59n]);
  });
});

describe("the 10,000 rule", () => {
  it("counts REVENUE lines only", () => {
    expect(revenueTotal([revenue(6000), revenue(4000), overlay(2500)])).toBe(TOTAL_BP);
  });

  it("accepts revenue shares that make exactly 100%", () => {
    expect(splitProblem([revenue(3334), revenue(3333), revenue(3333), overlay(500)])).toBeNull();
  });

  it("says by how much the revenue shares miss 100%", () => {
    expect(splitProblem([revenue(6000), revenue(3000)])).toBe("Revenue shares add up to 90%, not 100%.");
    expect(splitProblem([revenue(6000), revenue(4001)])).toBe("Revenue shares add up to 100.01%, not 100%.");
  });

  it("refuses no lines, and shares below 1 bp, above 100% or fractional", () => {
    expect(splitProblem([])).toBe("Add at least one line.");
    for (const bp of [0, -1, 10_001, 12.5]) expect(splitProblem([revenue(bp)])).toBe("Each share is between 0.01% and 100%.");
  });

  it("reads and writes percentages as people type them", () => {
    expect(basisPointsFromPercent("33.33")).toBe(3333);
    expect(basisPointsFromPercent("12,5")).toBe(1250);
    expect(basisPointsFromPercent(" ")).toBeNaN();
    expect(basisPointsFromPercent("half")).toBeNaN();
    expect([formatBasisPoints(2500), formatBasisPoints(3333), formatBasisPoints(1)]).toEqual(["25%", "33.33%", "0.01%"]);
  });
});
