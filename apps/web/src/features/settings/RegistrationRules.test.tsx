import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createCache } from "../../apollo";
import { RegistrationRulesDocument, SetRegistrationAutoApprovalDocument, SetRegistrationProtectionDaysDocument } from "../../gql/graphql";
import type {
  RegistrationRulesQuery,
  SetRegistrationAutoApprovalMutationVariables,
  SetRegistrationProtectionDaysMutationVariables,
} from "../../gql/graphql";
import { RegistrationRules } from "./RegistrationRules";

const acme = { __typename: "Organization" as const, id: "T3JnOmFjbWU=", name: "Acme Print" };
const pixel = { __typename: "Organization" as const, id: "T3JnOnBpeGVs", name: "Pixel Studio" };

const rules: RegistrationRulesQuery = {
  viewer: { __typename: "User", id: "VXNlcjphZGE=", organization: { ...acme, reportingCurrency: "USD", registrationProtectionDays: 90 } },
  partnerships: [{ __typename: "Partnership", id: "UGFydDox", status: "SIGNED", proposer: acme, partner: pixel }],
  registrationAutoApprovals: [],
};

const rulesMock: MockLink.MockedResponse = { request: { query: RegistrationRulesDocument }, result: { data: rules }, maxUsageCount: 5 };

function renderRules(isAdmin: boolean, mocks: MockLink.MockedResponse[] = []) {
  render(
    <MockedProvider mocks={[rulesMock, ...mocks]} cache={createCache()}>
      <RegistrationRules isAdmin={isAdmin} />
    </MockedProvider>,
  );
}

describe("RegistrationRules", () => {
  it("lets an admin set the protection window, refusing a window out of bounds before sending", async () => {
    const sent: SetRegistrationProtectionDaysMutationVariables["input"][] = [];
    renderRules(true, [
      {
        request: { query: SetRegistrationProtectionDaysDocument, variables: () => true },
        result: (variables: SetRegistrationProtectionDaysMutationVariables) => {
          sent.push(variables.input);
          return { data: { setRegistrationProtectionDays: { __typename: "Organization", id: acme.id, registrationProtectionDays: 45 } } };
        },
      },
    ]);
    const days = await screen.findByLabelText("Protection window (days)");
    expect((days as HTMLInputElement).value).toBe("90");
    fireEvent.change(days, { target: { value: "4000" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("The protection window must be 1 to 3650 days.")).toBeTruthy();
    expect(sent).toEqual([]);

    fireEvent.change(days, { target: { value: "45" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(sent).toEqual([{ days: 45 }]));
    expect(await screen.findByText("Saved: approvals from now on are protected for 45 days.")).toBeTruthy();
  });

  it("shows a manager the window without a way to change it, and saves a partner's auto-approval rule", async () => {
    const sent: SetRegistrationAutoApprovalMutationVariables["input"][] = [];
    renderRules(false, [
      {
        request: { query: SetRegistrationAutoApprovalDocument, variables: () => true },
        result: (variables: SetRegistrationAutoApprovalMutationVariables) => {
          sent.push(variables.input);
          return {
            data: {
              setRegistrationAutoApproval: {
                __typename: "RegistrationAutoApproval",
                enabled: true,
                requireNoConflict: true,
                maxAmount: { __typename: "Money", amount: "10000.00", currency: "USD" },
                partner: pixel,
              },
            },
          };
        },
      },
    ]);
    expect(await screen.findByText("90 days")).toBeTruthy();
    expect(screen.queryByLabelText("Protection window (days)")).toBeNull();
    expect(screen.getByText("No rules: every registration waits for a manager's review.")).toBeTruthy();

    fireEvent.change(screen.getByLabelText("Approve at once up to"), { target: { value: "10000.00" } });
    fireEvent.click(screen.getByRole("button", { name: "Save rule" }));
    await waitFor(() =>
      expect(sent).toEqual([
        { partnerOrganizationId: pixel.id, maxAmount: "10000.00", currency: "USD", requireNoConflict: true, enabled: true },
      ]),
    );
    expect(await screen.findByText("Saved the rule for Pixel Studio.")).toBeTruthy();
  });
});
