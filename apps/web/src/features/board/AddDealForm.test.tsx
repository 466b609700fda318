import type { MockLink } from "@apollo/client/testing";
import { MockedProvider } from "@apollo/client/testing/react";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createCache } from "../../apollo";
import { CreateDealAccountDocument, CreateDealDocument, DealAccountsDocument } from "../../gql/graphql";
import { boardMock, opportunity } from "../../test/fixtures";
import { Board } from "./Board";

const initech = { __typename: "Account", id: "QWNjOmluaXQ=", name: "Initech", domain: "initech.example" } as const;
const accountsMock = (accounts: { __typename: "Account"; id: string; name: string; domain: string | null }[]): MockLink.MockedResponse => ({
  request: { query: DealAccountsDocument },
  result: { data: { accounts } },
});

function renderBoard(mocks: MockLink.MockedResponse[]) {
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <Board />
    </MockedProvider>,
  );
}

/** Opens "+ Add deal" in the Proposal column and returns its form. */
async function openForm() {
  const proposal = await screen.findByRole("region", { name: "Proposal" });
  fireEvent.click(within(proposal).getByRole("button", { name: "Add a deal to Proposal" }));
  const form = await screen.findByRole("form", { name: "Add a deal to Proposal" });
  // The accounts have loaded once the select is enabled.
  await waitFor(() => expect((within(form).getByLabelText("Account") as HTMLSelectElement).disabled).toBe(false));
  return form;
}

/** The message tied to a field by aria-describedby: what a screen reader reads with it. */
function messageOf(field: HTMLElement): string | null {
  const id = field.getAttribute("aria-describedby");
  return id ? (document.getElementById(id)?.textContent ?? null) : null;
}

describe("+ Add deal on a board column", () => {
  it("says next to each field what is wrong, in the API's terms, and sends nothing", async () => {
    // Only the board and the accounts are answered: a request to create would fail the test.
    renderBoard([boardMock({ opportunities: [] }), accountsMock([initech])]);
    const form = await openForm();
    expect(form.hasAttribute("novalidate")).toBe(true);

    const field = (label: string) => within(form).getByLabelText(label);
    fireEvent.change(field("Title"), { target: { value: "   " } });
    fireEvent.change(field("Amount"), { target: { value: "12,500" } });
    fireEvent.click(within(form).getByRole("button", { name: "Add deal" }));

    expect(field("Title").getAttribute("aria-invalid")).toBe("true");
    expect(messageOf(field("Title"))).toBe("Enter a title.");
    expect(messageOf(field("Amount"))).toBe('Must be a non-negative decimal such as "12500.00".');
    expect(field("Currency").getAttribute("aria-invalid")).toBe("false");
    // Focus goes to the first field that needs attention.
    expect(document.activeElement).toBe(field("Title"));

    // Currency rules come from @cosell/schema too: yen has no decimals, "EURO" is no code.
    fireEvent.change(field("Title"), { target: { value: "Tokyo flyers" } });
    fireEvent.change(field("Amount"), { target: { value: "1.5" } });
    fireEvent.change(field("Currency"), { target: { value: "jpy" } });
    fireEvent.click(within(form).getByRole("button", { name: "Add deal" }));
    expect(messageOf(field("Title"))).toBeNull();
    expect(messageOf(field("Amount"))).toBe("JPY has 0 decimal places.");
    fireEvent.change(field("Currency"), { target: { value: "EURO" } });
    fireEvent.click(within(form).getByRole("button", { name: "Add deal" }));
    expect(messageOf(field("Currency"))).toBe('"EURO" is not an ISO 4217 currency.');

    // A new account: its name is required and its domain is checked, and shown as it will be saved.
    fireEvent.change(field("Account"), { target: { value: "new" } });
    fireEvent.change(field("Web domain (optional)"), { target: { value: "https://WWW.Initech.example/" } });
    expect(messageOf(field("Web domain (optional)"))).toBe("Saved as www.initech.example");
    fireEvent.change(field("Web domain (optional)"), { target: { value: "initech.example/contact" } });
    fireEvent.click(within(form).getByRole("button", { name: "Add deal" }));
    expect(messageOf(field("Account name"))).toBe("Enter the account's name.");
    expect(messageOf(field("Web domain (optional)"))).toBe("Must be a domain such as example.com.");

    // Escape closes the form and gives focus back to the column's button.
    fireEvent.keyDown(field("Title"), { key: "Escape" });
    expect(screen.queryByRole("form", { name: "Add a deal to Proposal" })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Add a deal to Proposal" }));
  });

  it("creates the account, then the deal in the column's stage, and the board shows it", async () => {
    let accountKey: string | null = null;
    /** The input's retry key when the rest of it is `expected`, else null. */
    const sameAsBefore = (vars: Record<string, unknown>, expected: Record<string, unknown>): string | null => {
      const { idempotencyKey, ...rest } = vars["input"] as Record<string, unknown>;
      return typeof idempotencyKey === "string" && JSON.stringify(rest) === JSON.stringify(expected) ? idempotencyKey : null;
    };
    const created = opportunity("T3BwOm5ldw==", { title: "Globex signage", stage: "PROPOSAL" });
    const globex = { __typename: "Account", id: "QWNjOmdsb2I=", name: "Globex", domain: "globex.example" } as const;
    renderBoard([
      boardMock({ opportunities: [] }),
      accountsMock([initech]),
      {
        request: {
          query: CreateDealAccountDocument,
          variables: (vars: Record<string, unknown>) => {
            accountKey = sameAsBefore(vars, { name: "Globex", domain: "https://globex.example/" });
            return accountKey !== null;
          },
        },
        result: { data: { createAccount: globex } },
      },
      accountsMock([initech, globex]),
      {
        request: {
          query: CreateDealDocument,
          // The deal goes with the same retry key as its account: one draft, one request.
          variables: (vars: Record<string, unknown>) =>
            sameAsBefore(vars, {
              accountId: globex.id,
              title: "Globex signage",
              amount: { amount: "4200.00", currency: "EUR" },
              stage: "PROPOSAL",
              closeDate: "2027-03-31",
            }) === accountKey,
        },
        result: {
          data: { createOpportunity: { __typename: "Opportunity", id: created.id, title: created.title, stage: "PROPOSAL", version: 1 } },
        },
      },
      boardMock({ opportunities: [created] }),
    ]);
    const form = await openForm();
    const field = (label: string) => within(form).getByLabelText(label);
    fireEvent.change(field("Account"), { target: { value: "new" } });
    fireEvent.change(field("Account name"), { target: { value: "Globex" } });
    fireEvent.change(field("Web domain (optional)"), { target: { value: "https://globex.example/" } });
    fireEvent.change(field("Title"), { target: { value: " Globex signage " } });
    fireEvent.change(field("Amount"), { target: { value: "4200.00" } });
    fireEvent.change(field("Currency"), { target: { value: "eur" } });
    fireEvent.change(field("Close date (optional)"), { target: { value: "2027-03-31" } });
    fireEvent.click(within(form).getByRole("button", { name: "Add deal" }));

    expect(await screen.findByText("Added “Globex signage” to Proposal.")).toBeTruthy();
    const proposal = screen.getByRole("region", { name: "Proposal" });
    expect(await within(proposal).findByRole("link", { name: "Globex signage" })).toBeTruthy();
    expect(screen.queryByRole("form", { name: "Add a deal to Proposal" })).toBeNull();
  });

  it("is offered on open stages only: a deal is closed by moving it", async () => {
    renderBoard([boardMock({ opportunities: [] })]);
    await screen.findByRole("region", { name: "Proposal" });
    expect(within(screen.getByRole("region", { name: "Prospecting" })).queryByRole("button", { name: /Add a deal/ })).toBeTruthy();
    expect(within(screen.getByRole("region", { name: "Closed won" })).queryByRole("button", { name: /Add a deal/ })).toBeNull();
    expect(within(screen.getByRole("region", { name: "Closed lost" })).queryByRole("button", { name: /Add a deal/ })).toBeNull();
  });
});
