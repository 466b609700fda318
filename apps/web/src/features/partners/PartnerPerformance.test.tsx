import { MockedProvider } from "@apollo/client/testing/react";
import { render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createCache } from "../../apollo";
import { periodOf } from "../reporting/figures";
import { PartnerPerformance, PartnerPerformanceDocument, PerformanceTable } from "./PartnerPerformance";
import type { PerformanceRow } from "./PartnerPerformance";

const row = (name: string, extra: Partial<PerformanceRow>): PerformanceRow => ({
  __typename: "PartnerPerformance",
  organization: { __typename: "Organization", id: name, name },
  sourcedDeals: 0,
  influencedDeals: 0,
  wonDeals: 0,
  wonAmount: { __typename: "Money", amount: "0.00", currency: "USD" },
  wonUnconverted: [],
  ratesUsed: [],
  winRate: null,
  winRateWithout: null,
  medianDaysToClose: null,
  medianDaysToCloseWithout: null,
  onTimeRate: null,
  ...extra,
});

describe("the partner performance table", () => {
  it("shows each partner's sourced and influenced deals, won amount and figures with and without it", () => {
    render(
      <PerformanceTable
        currency="USD"
        rows={[
          row("Pixel Studio", {
            sourcedDeals: 1,
            influencedDeals: 2,
            wonDeals: 3,
            wonAmount: { __typename: "Money", amount: "3200.00", currency: "USD" },
            wonUnconverted: [{ __typename: "Money", amount: "300.00", currency: "GBP" }],
            ratesUsed: [{ __typename: "ExchangeRate", fromCurrency: "EUR", toCurrency: "USD", rate: "1.1", validFrom: "2026-01-01" }],
            winRate: 1,
            winRateWithout: 1 / 3,
            medianDaysToClose: 20,
            medianDaysToCloseWithout: 4,
            onTimeRate: 0.5,
          }),
          row("Paperworks", { influencedDeals: 1, winRate: 0, winRateWithout: 0.8, medianDaysToCloseWithout: 15 }),
        ]}
      />,
    );
    const table = screen.getByRole("table", { name: "Partner performance" });
    const cells = (name: string) =>
      within(within(table).getByRole("row", { name: new RegExp(name) }))
        .getAllByRole("cell")
        .map((cell) => cell.textContent);
    expect(cells("Pixel Studio")).toEqual(["1", "2", "$3,200.00 + £300.00 without a rate", "100% / 33%", "20 days / 4 days", "50%"]);
    expect(cells("Paperworks")).toEqual(["0", "1", "$0.00", "0% / 80%", "— / 15 days", "—"]);
    expect(screen.getByText(/Rates used: 1 EUR = 1.1 USD from 2026-01-01/)).toBeTruthy();
  });

  it("says when there are no signed partners", () => {
    render(<PerformanceTable currency="USD" rows={[]} />);
    expect(screen.getByText(/No signed partners yet/)).toBeTruthy();
  });
});

describe("the partner performance panel", () => {
  it("holds the chart's height while its figures load, so the panels below it do not jump", async () => {
    const answer = {
      request: { query: PartnerPerformanceDocument, variables: periodOf("LAST_90_DAYS") },
      result: {
        data: {
          viewer: {
            __typename: "User" as const,
            id: "VXNlcjox",
            organization: { __typename: "Organization" as const, id: "T3JnOjE", reportingCurrency: "USD" },
          },
          partnerPerformance: [row("Pixel Studio", { sourcedDeals: 2 })],
        },
      },
      delay: 300,
    };
    render(
      <MockedProvider mocks={[answer]} cache={createCache()}>
        <PartnerPerformance />
      </MockedProvider>,
    );
    expect(screen.getByRole("status").textContent).toBe("Loading partner performance…");
    expect(screen.getByTestId("performance-placeholder").className).toBe("chart-placeholder");
    await waitFor(() => expect(screen.getByRole("table", { name: "Partner performance" })).toBeTruthy(), { timeout: 5_000 });
    expect(screen.queryByRole("status")).toBeNull();
    expect(screen.queryByTestId("performance-placeholder")).toBeNull();
  });
});
