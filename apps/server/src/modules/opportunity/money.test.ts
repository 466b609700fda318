import { formatMinor, minorDigits } from "@cosell/schema";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../errors.js";
import { toMinor } from "./money.js";

describe("money", () => {
  it("knows each currency's minor digits", () => {
    expect([minorDigits("USD"), minorDigits("JPY"), minorDigits("BHD")]).toEqual([2, 0, 3]);
  });

  it("parses decimal strings to exact minor units", () => {
    expect(toMinor({ amount: "12500.00", currency: "USD" })).toEqual({ minor: 1250000n, currency: "USD" });
    expect(toMinor({ amount: "0.1", currency: "USD" }).minor).toBe(10n);
    expect(toMinor({ amount: "999999999999999", currency: "JPY" }).minor).toBe(999999999999999n);
    expect(toMinor({ amount: "1.005", currency: "BHD" }).minor).toBe(1005n);
  });

  it("formats minor units back without floating point", () => {
    expect(formatMinor(1250000n, "USD")).toBe("12500.00");
    expect(formatMinor(5n, "USD")).toBe("0.05");
    expect(formatMinor(125000n, "JPY")).toBe("125000");
  });

  it("refuses more decimals than the currency has, and unknown currencies", () => {
    expect(() => toMinor({ amount: "1.001", currency: "USD" })).toThrow(DomainError);
    expect(() => toMinor({ amount: "1", currency: "ZZZ" })).toThrow(/ISO 4217/);
  });
});
