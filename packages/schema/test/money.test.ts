import { describe, expect, it } from "vitest";
import { formatMinor, isCurrency, minorDigits, moneyProblem, parseMinor, sumMinor, totalsByCurrency } from "../src/index.js";

describe("minor digits", () => {
  it("are 2 for most currencies, 0 for JPY and KRW, 3 for BHD, KWD, JOD, OMR and TND", () => {
    expect(["USD", "EUR", "GBP"].map(minorDigits)).toEqual([2, 2, 2]);
    expect(["JPY", "KRW"].map(minorDigits)).toEqual([0, 0]);
    expect(["BHD", "KWD", "JOD", "OMR", "TND"].map(minorDigits)).toEqual([3, 3, 3, 3, 3]);
  });

  it("are 2 for a code Intl refuses", () => {
    expect(minorDigits("U$")).toBe(2);
  });
});

describe("parsing decimal strings", () => {
  it("counts in the currency's minor unit", () => {
    expect(parseMinor("12500.00", "USD")).toBe(1250000n);
    expect(parseMinor("0.1", "USD")).toBe(10n);
    expect(parseMinor("12500", "JPY")).toBe(12500n);
    expect(parseMinor("1.005", "BHD")).toBe(1005n);
    expect(parseMinor("1.5", "KWD")).toBe(1500n);
  });

  it("refuses more decimals than the currency has", () => {
    expect(() => parseMinor("1.001", "USD")).toThrow("USD has 2 decimal places");
    expect(() => parseMinor("1.5", "JPY")).toThrow("JPY has 0 decimal places");
    expect(() => parseMinor("1.0005", "BHD")).toThrow("BHD has 3 decimal places");
  });

  it("refuses what is not a decimal", () => {
    for (const text of ["", "1.", ".5", "1e3", "1,000", "+1", " 1"]) expect(() => parseMinor(text, "USD")).toThrow(RangeError);
  });

  it("takes negative and huge amounts exactly, as bigint", () => {
    expect(parseMinor("-0.01", "USD")).toBe(-1n);
    expect(parseMinor("9007199254740993.01", "USD")).toBe(900719925474099301n);
    expect(parseMinor("123456789012345678901234567890", "JPY")).toBe(123456789012345678901234567890n);
  });
});

describe("formatting minor units", () => {
  it("writes the currency's digits", () => {
    expect(formatMinor(1250000n, "USD")).toBe("12500.00");
    expect(formatMinor(5n, "USD")).toBe("0.05");
    expect(formatMinor(0n, "USD")).toBe("0.00");
    expect(formatMinor(125000n, "JPY")).toBe("125000");
    expect(formatMinor(5n, "BHD")).toBe("0.005");
  });

  it("writes negative and huge amounts exactly", () => {
    expect(formatMinor(-1n, "USD")).toBe("-0.01");
    expect(formatMinor(-1250050n, "USD")).toBe("-12500.50");
    expect(formatMinor(2n ** 64n, "USD")).toBe("184467440737095516.16");
  });

  it("round-trips what it parses", () => {
    for (const [amount, currency] of [
      ["0.01", "USD"],
      ["-12.30", "EUR"],
      ["7", "KRW"],
      ["0.250", "OMR"],
    ] as const) {
      expect(formatMinor(parseMinor(amount, currency), currency)).toBe(amount);
    }
  });
});

describe("sums", () => {
  it("are exact beyond 2^53", () => {
    expect(sumMinor([2n ** 53n, 1n, 1n])).toBe(2n ** 53n + 2n);
    expect(sumMinor([])).toBe(0n);
  });

  it("add per currency, in the order the currencies first appear, whatever the number of decimals sent", () => {
    expect(
      totalsByCurrency([
        { amount: "0.10", currency: "USD" },
        { amount: "0.20", currency: "USD" },
        { amount: "1000", currency: "JPY" },
        { amount: "48000.5", currency: "USD" },
        { amount: "250", currency: "JPY" },
        { amount: "-0.005", currency: "TND" },
      ]),
    ).toEqual([
      { amount: "48000.80", currency: "USD" },
      { amount: "1250", currency: "JPY" },
      { amount: "-0.005", currency: "TND" },
    ]);
  });

  it("keep totals beyond what a float holds", () => {
    expect(
      totalsByCurrency([
        { amount: "9007199254740993.01", currency: "USD" },
        { amount: "0.01", currency: "USD" },
      ]),
    ).toEqual([{ amount: "9007199254740993.02", currency: "USD" }]);
  });

  it("leave out an amount that is not a decimal in its currency", () => {
    expect(
      totalsByCurrency([
        { amount: "1.5", currency: "JPY" },
        { amount: "2", currency: "JPY" },
        { amount: "n/a", currency: "JPY" },
      ]),
    ).toEqual([{ amount: "2", currency: "JPY" }]);
  });
});

describe("an entered amount", () => {
  it("is taken when it is a non-negative decimal within the currency's digits", () => {
    expect(moneyProblem({ amount: "12500.00", currency: "USD" })).toBeNull();
    expect(moneyProblem({ amount: "999999999999999", currency: "JPY" })).toBeNull();
    expect(moneyProblem({ amount: "1.005", currency: "BHD" })).toBeNull();
  });

  it("names the field that is wrong", () => {
    expect(moneyProblem({ amount: "1", currency: "ZZZ" })).toEqual({ field: "currency", message: '"ZZZ" is not an ISO 4217 currency' });
    expect(moneyProblem({ amount: "1", currency: "usd" })?.field).toBe("currency");
    expect(moneyProblem({ amount: "-1", currency: "USD" })).toEqual({
      field: "amount",
      message: 'must be a non-negative decimal such as "12500.00"',
    });
    expect(moneyProblem({ amount: "1234567890123456", currency: "USD" })?.field).toBe("amount");
    expect(moneyProblem({ amount: "1.001", currency: "USD" })).toEqual({ field: "amount", message: "USD has 2 decimal places" });
    expect(moneyProblem({ amount: "5.5", currency: "JPY" })).toEqual({ field: "amount", message: "JPY has 0 decimal places" });
  });

  it("has a currency Intl knows", () => {
    expect([isCurrency("USD"), isCurrency("JPY"), isCurrency("ZZZ"), isCurrency("usd")]).toEqual([true, true, false, false]);
  });
});
