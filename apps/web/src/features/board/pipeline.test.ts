import { describe, expect, it } from "vitest";
import { STAGES, isClosedStage, partnerOrganizations, totalsByCurrency } from "./pipeline";

describe("totalsByCurrency", () => {
  it("adds exactly, per currency, whatever the number of decimals", () => {
    expect(
      totalsByCurrency([
        { amount: "0.10", currency: "USD" },
        { amount: "0.20", currency: "USD" },
        { amount: "1000", currency: "JPY" },
        { amount: "48000.5", currency: "USD" },
        { amount: "250", currency: "JPY" },
      ]),
    ).toEqual([
      { amount: "48000.80", currency: "USD" },
      { amount: "1250", currency: "JPY" },
    ]);
  });

  it("keeps sums beyond what a float holds exactly", () => {
    expect(totalsByCurrency([
      { amount: "9007199254740993.01", currency: "USD" },
      { amount: "0.01", currency: "USD" },
    ])).toEqual([{ amount: "9007199254740993.02", currency: "USD" }]);
  });

  it("is empty for no deals", () => {
    expect(totalsByCurrency([])).toEqual([]);
  });
});

describe("partnerOrganizations", () => {
  const acme = { id: "acme", name: "Acme Print" };
  const pixel = { id: "pixel", name: "Pixel Studio" };
  const paper = { id: "paper", name: "Paperworks" };

  it("lists the members' organizations other than the owner's, once each, by name", () => {
    expect(
      partnerOrganizations({
        organization: acme,
        members: [pixel, acme, paper, pixel].map((organization) => ({ user: { organization } })),
      }),
    ).toEqual([paper, pixel]);
  });
});

describe("isClosedStage", () => {
  it("is true only for the two stages that end a deal", () => {
    expect(STAGES.filter(isClosedStage)).toEqual(["CLOSED_WON", "CLOSED_LOST"]);
  });
});
