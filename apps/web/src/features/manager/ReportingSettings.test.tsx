import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createCache } from "../../apollo";
import { ReportingSettingsDocument, SetExchangeRateDocument } from "../../gql/graphql";
import type { OrgRole, ReportingSettingsQuery, SetExchangeRateMutationVariables } from "../../gql/graphql";
import { ReportingSettings } from "./ReportingSettings";

const settings = (role: OrgRole): ReportingSettingsQuery => ({
  viewer: {
    __typename: "User",
    id: "VXNlcjox",
    role,
    organization: { __typename: "Organization", id: "T3JnOjE=", reportingCurrency: "USD" },
  },
  stageWeights: (["PROSPECTING", "QUALIFICATION", "PROPOSAL", "NEGOTIATION", "CLOSED_WON", "CLOSED_LOST"] as const).map((stage, i) => ({
    __typename: "StageWeight" as const,
    stage,
    percent: [10, 20, 50, 75, 100, 0][i]!,
    custom: false,
  })),
  exchangeRates: [{ __typename: "ExchangeRate", fromCurrency: "EUR", toCurrency: "USD", rate: "1.1", validFrom: "2026-01-01" }],
});

function renderAs(role: OrgRole, sent: SetExchangeRateMutationVariables["input"][] = []) {
  const mocks: MockLink.MockedResponse[] = [
    { request: { query: ReportingSettingsDocument }, result: { data: settings(role) }, maxUsageCount: 5 },
    {
      request: { query: SetExchangeRateDocument, variables: () => true },
      result: (variables: SetExchangeRateMutationVariables) => {
        sent.push(variables.input);
        return { data: { setExchangeRate: { __typename: "ExchangeRate", toCurrency: "USD", ...variables.input } } };
      },
    },
  ];
  return render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <ReportingSettings />
    </MockedProvider>,
  );
}

describe("reporting settings", () => {
  it("let an admin add a rate, checked before it is sent", async () => {
    const sent: SetExchangeRateMutationVariables["input"][] = [];
    renderAs("ADMIN", sent);
    await screen.findByRole("table", { name: "Exchange rates" });
    expect(screen.getByRole("row", { name: /1 EUR/ }).textContent).toContain("1.1 USD");

    fireEvent.change(screen.getByLabelText("Currency"), { target: { value: "gbp" } });
    fireEvent.change(screen.getByLabelText("Rate"), { target: { value: "1,27" } });
    fireEvent.change(screen.getByLabelText("Valid from"), { target: { value: "2026-04-01" } });
    fireEvent.click(screen.getByRole("button", { name: "Add rate" }));
    await screen.findByText(/The rate must be a positive decimal/);
    expect(sent).toEqual([]);

    fireEvent.change(screen.getByLabelText("Rate"), { target: { value: "1.27" } });
    fireEvent.click(screen.getByRole("button", { name: "Add rate" }));
    await waitFor(() => expect(sent).toEqual([{ fromCurrency: "GBP", rate: "1.27", validFrom: "2026-04-01" }]));
  });

  it("show a rep the currency, weights and rates without letting them change anything", async () => {
    renderAs("REP");
    await screen.findByText("Figures are reported in USD.");
    expect((screen.getByRole("spinbutton", { name: /Proposal/ }) as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByRole("button", { name: "Save weights" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Add rate" })).toBeNull();
  });
});
