import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { PipelineFiguresQuery } from "../../gql/graphql";
import { FiguresBody } from "./PipelineFigures";

const usd = (amount: string) => ({ __typename: "Money" as const, amount, currency: "USD" });
const stage = (
  s: "PROSPECTING" | "QUALIFICATION" | "PROPOSAL" | "NEGOTIATION",
  weight: number,
  deals: number,
  total: string,
  weighted: string,
) => ({
  __typename: "StageFigure" as const,
  stage: s,
  weight,
  deals,
  total: usd(total),
  weighted: usd(weighted),
  unconverted: [] as { __typename: "Money"; amount: string; currency: string }[],
});

const figures: PipelineFiguresQuery["pipelineFigures"] = {
  __typename: "PipelineFigures",
  reportingCurrency: "USD",
  asOf: "2026-05-20",
  stages: [
    stage("PROSPECTING", 10, 1, "1000.00", "100.00"),
    stage("QUALIFICATION", 20, 0, "0.00", "0.00"),
    { ...stage("PROPOSAL", 50, 2, "6700.00", "3350.00"), unconverted: [{ __typename: "Money", amount: "250.00", currency: "CHF" }] },
    stage("NEGOTIATION", 75, 0, "0.00", "0.00"),
  ],
  total: usd("7700.00"),
  weighted: usd("3450.00"),
  unconverted: [{ __typename: "Money", amount: "250.00", currency: "CHF" }],
  won: 4,
  lost: 2,
  winRate: 4 / 6,
  wonAmount: usd("3600.00"),
  wonUnconverted: [{ __typename: "Money", amount: "300.00", currency: "GBP" }],
  medianDaysToClose: 15,
  conversions: [
    { __typename: "StageConversion", fromStage: "PROSPECTING", toStage: "QUALIFICATION", entered: 6, advanced: 5, rate: 5 / 6 },
    { __typename: "StageConversion", fromStage: "NEGOTIATION", toStage: "CLOSED_WON", entered: 0, advanced: 0, rate: null },
  ],
  reps: [
    {
      __typename: "RepFigure",
      rep: { __typename: "User", id: "u1", name: "Ana Alvarez" },
      openDeals: 3,
      pipeline: usd("7700.00"),
      weighted: usd("3450.00"),
      won: 3,
      lost: 2,
      winRate: 0.6,
      wonAmount: usd("3200.00"),
      unconverted: [],
    },
  ],
  ratesUsed: [{ __typename: "ExchangeRate", fromCurrency: "EUR", toCurrency: "USD", rate: "1.1", validFrom: "2026-01-01" }],
};

/** Text as read, with Intl's no-break spaces as plain ones. */
const text = (node: Node | null | undefined) => node?.textContent?.replace(/\u00a0/g, " ");

describe("the manager's figures", () => {
  it("show the totals, win rate, cycle time, conversion and reps in the reporting currency, with unconverted amounts apart", () => {
    render(<FiguresBody figures={figures} />);
    const tiles = screen.getByLabelText("Pipeline figures");
    expect(text(within(tiles).getByText("Open pipeline").nextSibling)).toBe("$7,700.00 + CHF 250.00 without a rate");
    expect(text(within(tiles).getByText("Win rate").nextSibling)).toBe("67% (4 won, 2 lost)");
    expect(text(within(tiles).getByText("Won").nextSibling)).toBe("$3,600.00 + £300.00 without a rate");
    expect(text(within(tiles).getByText("Median cycle time").nextSibling)).toBe("15 days");

    const proposal = screen.getByRole("row", { name: /Proposal \(50%\)/ });
    expect(within(proposal).getAllByRole("cell").map(text)).toEqual(["2", "$6,700.00 + CHF 250.00 without a rate", "$3,350.00"]);

    const conversion = screen.getByRole("table", { name: "Stage conversion" });
    expect(within(conversion).getByRole("row", { name: /Prospecting → Qualification/ }).textContent).toContain("83%");
    expect(within(conversion).getByRole("row", { name: /Negotiation → Closed won/ }).textContent).toContain("—");

    const reps = screen.getByRole("table", { name: "By rep" });
    expect(within(reps).getByRole("row", { name: /Ana Alvarez/ }).textContent).toContain("60%");
    expect(screen.getByText(/Rates used: 1 EUR = 1.1 USD from 2026-01-01/)).toBeTruthy();
  });
});
