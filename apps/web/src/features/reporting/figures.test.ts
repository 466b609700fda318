import { describe, expect, it } from "vitest";
import { describeRates, formatDays, formatRate, periodOf } from "./figures";

describe("periods", () => {
  const now = new Date("2026-05-20T15:00:00Z");
  it("end today and start where the choice says, in UTC days", () => {
    expect(periodOf("LAST_30_DAYS", now)).toEqual({ from: "2026-04-21", to: "2026-05-20" });
    expect(periodOf("LAST_90_DAYS", now)).toEqual({ from: "2026-02-20", to: "2026-05-20" });
    expect(periodOf("THIS_QUARTER", now)).toEqual({ from: "2026-04-01", to: "2026-05-20" });
    expect(periodOf("THIS_YEAR", now)).toEqual({ from: "2026-01-01", to: "2026-05-20" });
  });
});

describe("figures as text", () => {
  it("shows rates as whole percents and nothing-yet as a dash", () => {
    expect(formatRate(2 / 3)).toBe("67%");
    expect(formatRate(null)).toBe("—");
    expect(formatDays(1)).toBe("1 day");
    expect(formatDays(15.5)).toBe("15.5 days");
    expect(formatDays(null)).toBe("—");
  });

  it("says which rate converted what", () => {
    expect(describeRates([{ fromCurrency: "EUR", toCurrency: "USD", rate: "1.1", validFrom: "2026-01-01" }])).toEqual([
      "1 EUR = 1.1 USD from 2026-01-01",
    ]);
  });
});
