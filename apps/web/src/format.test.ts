import { describe, expect, it } from "vitest";
import { formatMoney, roleLabel, stageLabel } from "./format";

describe("formatMoney", () => {
  it("formats the API's decimal string in the given locale and currency", () => {
    expect(formatMoney({ amount: "12500.00", currency: "USD" }, "en-US")).toBe("$12,500.00");
    expect(formatMoney({ amount: "99", currency: "JPY" }, "en-US")).toBe("¥99");
  });

  it("shows the amount as sent when it cannot be formatted", () => {
    expect(formatMoney({ amount: "12500.00", currency: "dollars" }, "en-US")).toBe("12500.00 dollars");
    expect(formatMoney({ amount: "lots", currency: "USD" }, "en-US")).toBe("lots USD");
  });
});

describe("labels", () => {
  it("names stages and roles the way sales teams say them", () => {
    expect(stageLabel("CLOSED_WON")).toBe("Closed won");
    expect(roleLabel("MANAGER")).toBe("Manager");
  });
});
