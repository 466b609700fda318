import { describe, expect, it } from "vitest";
import { formatMinor, toMinor } from "../opportunity/money.js";
import { allocate, shareOf } from "./allocate.js";

const payouts = (amount: string, bps: number[]) => {
  const total = toMinor({ amount, currency: "USD" }).minor;
  const parts = allocate(total, bps.map(BigInt));
  return { parts: parts.map((p) => formatMinor(p, "USD")), sum: formatMinor(parts.reduce((a, b) => a + b, 0n), "USD") };
};

describe("largest-remainder payouts", () => {
  it("splits 1000.01 three ways to exactly 1000.01", () => {
    expect(payouts("1000.01", [3334, 3333, 3333])).toEqual({ parts: ["333.41", "333.30", "333.30"], sum: "1000.01" });
    expect(payouts("1000.01", [5000, 2500, 2500])).toEqual({ parts: ["500.01", "250.00", "250.00"], sum: "1000.01" });
    expect(payouts("1000.01", [1, 1, 9998])).toEqual({ parts: ["0.10", "0.10", "999.81"], sum: "1000.01" });
    expect(payouts("1000.01", [3333, 3334, 3333])).toEqual({ parts: ["333.30", "333.41", "333.30"], sum: "1000.01" });
  });

  it("splits 0.01 two ways to exactly 0.01: the cent goes to the larger remainder, ties to the first line", () => {
    expect(payouts("0.01", [5000, 5000])).toEqual({ parts: ["0.01", "0.00"], sum: "0.01" });
    expect(payouts("0.01", [4000, 6000])).toEqual({ parts: ["0.00", "0.01"], sum: "0.01" });
  });

  it("always sums exactly, for many awkward amounts and splits", () => {
    for (let cents = 0n; cents < 2000n; cents += 7n) {
      for (const bps of [[3334, 3333, 3333], [1, 9999], [2500, 2500, 2500, 2500], [7, 13, 9980]]) {
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
