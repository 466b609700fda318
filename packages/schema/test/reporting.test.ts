import { describe, expect, it } from "vitest";
import { DEFAULT_STAGE_WEIGHTS, convertMinor, divideHalfEven, median, rateOf, rateProblem, weightMinor } from "../src/index.js";

describe("rounding half to even", () => {
  it("rounds ties to the even neighbour and everything else to the nearest", () => {
    expect([5n, 15n, 25n, 35n].map((n) => divideHalfEven(n, 10n))).toEqual([0n, 2n, 2n, 4n]);
    expect([14n, 16n, 26n].map((n) => divideHalfEven(n, 10n))).toEqual([1n, 2n, 3n]);
    expect([-5n, -15n, -16n].map((n) => divideHalfEven(n, 10n))).toEqual([0n, -2n, -2n]);
  });
});

describe("converting into the reporting currency", () => {
  it("multiplies minor units by the rate between two 2-digit currencies", () => {
    expect(convertMinor(10000n, "USD", "EUR", "0.9")).toBe(9000n);
    expect(convertMinor(1250000n, "EUR", "USD", "1.0825")).toBe(1353125n);
    // 0.015 EUR is a tie: to the even cent.
    expect(convertMinor(1n, "USD", "EUR", "1.5")).toBe(2n);
    expect(convertMinor(3n, "USD", "EUR", "0.5")).toBe(2n);
    expect(convertMinor(1n, "USD", "EUR", "0.5")).toBe(0n);
  });

  it("handles a 0-digit currency on either side", () => {
    // 1.00 USD at 151.505 JPY/USD is 151.505 JPY, which rounds to 152 (nearest, no tie).
    expect(convertMinor(100n, "USD", "JPY", "151.505")).toBe(152n);
    // 151 JPY at 0.0066 USD/JPY is 0.9966 USD → 1.00 USD.
    expect(convertMinor(151n, "JPY", "USD", "0.0066")).toBe(100n);
    // 1 JPY at 0.005 is exactly half a cent: a tie, to the even 0.
    expect(convertMinor(1n, "JPY", "USD", "0.005")).toBe(0n);
    expect(convertMinor(3n, "JPY", "USD", "0.005")).toBe(2n);
  });

  it("handles a 3-digit currency on either side", () => {
    // 12.345 BHD at 2.65 USD/BHD is 32.71425 USD → 32.71.
    expect(convertMinor(12345n, "BHD", "USD", "2.65")).toBe(3271n);
    // 10.00 USD at 0.377 BHD/USD is 3.770 BHD.
    expect(convertMinor(1000n, "USD", "BHD", "0.377")).toBe(3770n);
    // 1 JPY at 0.0025 KWD/JPY is 0.0025 KWD: a tie between 0.002 and 0.003, to the even 0.002.
    expect(convertMinor(1n, "JPY", "KWD", "0.0025")).toBe(2n);
  });

  it("stays exact far beyond a double's 15 significant digits", () => {
    expect(convertMinor(123456789012345678n, "USD", "EUR", "0.123456789012")).toBe(15241578753196160n); // checked with Python's decimal module, ROUND_HALF_EVEN;
  });

  it("refuses a rate that is not a positive decimal", () => {
    expect(() => convertMinor(1n, "USD", "EUR", "0")).toThrow("greater than zero");
    expect(() => convertMinor(1n, "USD", "EUR", "-1")).toThrow("positive decimal");
    expect(() => convertMinor(1n, "USD", "EUR", "1e3")).toThrow("positive decimal");
    expect(rateProblem("0.0000")).toBe("must be greater than zero");
    expect(rateProblem("1.0825")).toBeNull();
  });
});

describe("weighted pipeline", () => {
  it("weights an amount by a whole percent, rounded half-even", () => {
    expect(weightMinor(1000000n, DEFAULT_STAGE_WEIGHTS.PROPOSAL)).toBe(500000n);
    expect(weightMinor(5n, 10)).toBe(0n); // 0.5 → 0
    expect(weightMinor(15n, 10)).toBe(2n); // 1.5 → 2
    expect(() => weightMinor(1n, 101)).toThrow("whole percent");
  });

  it("starts from the usual forecast weights", () => {
    expect(DEFAULT_STAGE_WEIGHTS).toMatchObject({ PROSPECTING: 10, QUALIFICATION: 20, PROPOSAL: 50, NEGOTIATION: 75 });
  });
});

describe("medians and rates", () => {
  it("takes the middle value, or the mean of the middle two", () => {
    expect(median([])).toBeNull();
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 20, 30])).toBe(25);
  });

  it("is null before anything counted", () => {
    expect(rateOf(0, 0)).toBeNull();
    expect(rateOf(1, 4)).toBe(0.25);
  });
});
