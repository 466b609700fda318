import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createCache } from "../../apollo";
import { DealRegistrationsDocument, ReviewDealRegistrationDocument } from "../../gql/graphql";
import type { DealRegistrationsQuery, ReviewDealRegistrationMutationVariables } from "../../gql/graphql";
import { RegistrationReview } from "./DealRegistrations";

type Registration = DealRegistrationsQuery["dealRegistrations"][number];

const conflict: Registration["conflicts"][number] = {
  __typename: "Opportunity",
  id: "T3BwOmNvbnRvc28=",
  title: "Contoso holiday packaging",
  stage: "NEGOTIATION",
  owner: { __typename: "User", id: "VXNlcjphbmE=", name: "Ana Alvarez" },
};

function reviewMocks(sent: ReviewDealRegistrationMutationVariables["input"][]): MockLink.MockedResponse[] {
  return [
    {
      request: { query: ReviewDealRegistrationDocument, variables: () => true },
      result: (variables: ReviewDealRegistrationMutationVariables) => {
        sent.push(variables.input);
        return {
          data: {
            reviewDealRegistration: {
              __typename: "DealRegistration",
              id: variables.input.id,
              status: variables.input.decision === "APPROVE" ? "APPROVED" : "REJECTED",
              reviewReason: variables.input.reason ?? null,
              overrideReason: variables.input.overrideReason ?? null,
              opportunity: null,
            },
          },
        };
      },
    },
    { request: { query: DealRegistrationsDocument }, result: { data: { dealRegistrations: [] } } },
  ];
}

function renderReview(conflicts: Registration["conflicts"], sent: ReviewDealRegistrationMutationVariables["input"][]) {
  return render(
    <MockedProvider mocks={reviewMocks(sent)} cache={createCache()}>
      <RegistrationReview registration={{ id: "UmVnOjE=", title: "Contoso spring catalog", conflicts }} />
    </MockedProvider>,
  );
}

describe("RegistrationReview", () => {
  it("approves a registration in conflict only with an override reason", async () => {
    const sent: ReviewDealRegistrationMutationVariables["input"][] = [];
    renderReview([conflict], sent);

    fireEvent.click(screen.getByRole("button", { name: "Approve with override…" }));
    // Nothing is sent until the manager says why the partner still gets the deal.
    expect(sent).toEqual([]);
    const submit = () => screen.getByRole("button", { name: "Approve and override" }) as HTMLButtonElement;
    expect(submit().disabled).toBe(true);

    fireEvent.change(screen.getByLabelText("Why the partner still gets this deal"), {
      target: { value: "Pixel sourced the spring line; ours is holiday only." },
    });
    fireEvent.click(submit());

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      id: "UmVnOjE=",
      decision: "APPROVE",
      overrideReason: "Pixel sourced the spring line; ours is holiday only.",
    });
    await waitFor(() => expect(screen.queryByLabelText("Why the partner still gets this deal")).toBeNull());
  });

  it("approves a registration without conflicts at once", async () => {
    const sent: ReviewDealRegistrationMutationVariables["input"][] = [];
    renderReview([], sent);

    fireEvent.click(screen.getByRole("button", { name: "Approve" }));
    await waitFor(() => expect(sent).toEqual([{ id: "UmVnOjE=", decision: "APPROVE" }]));
  });

  it("rejects with the reason typed", async () => {
    const sent: ReviewDealRegistrationMutationVariables["input"][] = [];
    renderReview([conflict], sent);

    fireEvent.click(screen.getByRole("button", { name: "Reject…" }));
    fireEvent.change(screen.getByLabelText("Why it is rejected"), { target: { value: "Acme already works this account." } });
    fireEvent.click(screen.getByRole("button", { name: "Reject registration" }));

    await waitFor(() => expect(sent).toEqual([{ id: "UmVnOjE=", decision: "REJECT", reason: "Acme already works this account." }]));
  });
});
