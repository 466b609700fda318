import { render, screen, within } from "@testing-library/react";
import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { describe, expect, it } from "vitest";
import { apiError, boardMock, opportunity } from "../../test/fixtures";
import { OpportunityList } from "./OpportunityList";

function renderList(mocks: MockLink.MockedResponse[]) {
  render(
    <MockedProvider mocks={mocks}>
      <OpportunityList />
    </MockedProvider>,
  );
}

describe("OpportunityList", () => {
  it("lists the viewer's opportunities with account, stage and amount", async () => {
    renderList([
      boardMock({
        opportunities: [
          opportunity("T3BwOjE=", { title: "Catalogue print run", stage: "PROPOSAL" }),
          opportunity("T3BwOjI=", {
            title: "Trade show banners",
            stage: "CLOSED_WON",
            amount: { __typename: "Money", amount: "4200.50", currency: "EUR" },
            account: { __typename: "Account", id: "QWNjb3VudDpnbG9ibw==", name: "Globo Foods" },
          }),
        ],
      }),
    ]);

    expect(screen.getByRole("status").textContent).toBe("Loading opportunities…");
    const list = await screen.findByRole("list", { name: "Opportunities" });
    const rows = within(list).getAllByRole("listitem");
    expect(rows).toHaveLength(2);
    expect(rows[0]?.textContent).toContain("Catalogue print run");
    expect(rows[0]?.textContent).toContain("Nimbus Retail");
    expect(rows[0]?.textContent).toContain("Proposal");
    expect(rows[1]?.textContent).toContain("Trade show banners");
    expect(rows[1]?.textContent).toContain("Globo Foods");
    expect(rows[1]?.textContent).toContain("Closed won");
    expect(rows[1]?.textContent).toMatch(/4,200\.50/);
    expect(screen.queryByText(/Showing the first/)).toBeNull();
  });

  it("says so when there is a further page", async () => {
    renderList([boardMock({ opportunities: [opportunity("T3BwOjE=")], hasNextPage: true })]);

    expect(await screen.findByText("Showing the first 1 opportunities.")).toBeTruthy();
  });

  it("shows an empty state when the viewer has no opportunities", async () => {
    renderList([boardMock({ opportunities: [] })]);

    expect(await screen.findByText("No opportunities yet.")).toBeTruthy();
    expect(screen.queryByRole("list", { name: "Opportunities" })).toBeNull();
  });

  it("shows the error and a way to try again when the query fails", async () => {
    renderList([boardMock({ error: apiError("Too many requests, slow down.", "RATE_LIMITED") })]);

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Too many requests, slow down.");
    expect(within(alert).getByRole("button", { name: "Try again" })).toBeTruthy();
  });
});
