import { describe, expect, it } from "vitest";
import { pipelineByStage } from "./pipelineFigures";

describe("pipelineByStage", () => {
  it("totals and weights each stage in the currency most deals use, leaving the others out", () => {
    const usd = (amount: string) => ({ amount, currency: "USD" });
    const { currency, bars, otherCurrencyDeals } = pipelineByStage([
      { stage: "PROPOSAL", amount: usd("48000.00") },
      { stage: "PROPOSAL", amount: usd("2000.00") },
      { stage: "NEGOTIATION", amount: usd("125000.00") },
      { stage: "PROPOSAL", amount: { amount: "9999.00", currency: "EUR" } },
    ]);

    expect(currency).toBe("USD");
    expect(otherCurrencyDeals).toBe(1);
    expect(bars.find((bar) => bar.stage === "PROPOSAL")).toEqual({ stage: "PROPOSAL", deals: 2, amount: 50000, weighted: 25000 });
    expect(bars.find((bar) => bar.stage === "NEGOTIATION")?.weighted).toBe(93750);
    expect(bars.find((bar) => bar.stage === "CLOSED_LOST")).toEqual({ stage: "CLOSED_LOST", deals: 0, amount: 0, weighted: 0 });
  });

  it("has no currency for an empty pipeline", () => {
    expect(pipelineByStage([]).currency).toBeNull();
  });
});
