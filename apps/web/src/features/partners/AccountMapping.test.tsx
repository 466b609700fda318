import { MockedProvider } from "@apollo/client/testing/react";
import type { MockLink } from "@apollo/client/testing";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createCache } from "../../apollo";
import { makeFragmentData } from "../../gql";
import {
  AccountMappingSettingsFragmentDoc,
  AnswerCoSellRequestDocument,
  RequestCoSellDocument,
  SetAccountMappingDocument,
} from "../../gql/graphql";
import type { AccountOverlapQuery, CoSellRequestsQuery } from "../../gql/graphql";
import { AccountMappingCard, RevealedAccount } from "./AccountMapping";
import { CoSellRequestItem } from "./CoSellRequests";

const partnershipId = "UGFydG5lcnNoaXA6MQ";
const sent: Record<string, unknown>[] = [];

/** A mock that records the input it was sent and answers `data`. */
function recording(query: MockLink.MockedResponse["request"]["query"], data: (input: Record<string, any>) => Record<string, unknown>) {
  return {
    request: { query, variables: () => true },
    result: (variables: { input: Record<string, any> }) => {
      sent.push(variables.input);
      return { data: data(variables.input) };
    },
  } satisfies MockLink.MockedResponse;
}

const contoso: AccountOverlapQuery["overlappingAccounts"]["edges"][number]["node"] = {
  __typename: "OverlappingAccount",
  accountDomain: "contoso.example",
  theirRevealLevel: "DEAL",
  theirAccountName: "Contoso Retail Group",
  myRevealLevel: "NAME",
  account: { __typename: "Account", id: "QWNjb3VudDox", name: "Contoso Retail" },
  theirOpenDeal: {
    __typename: "RevealedDeal",
    stage: "QUALIFICATION",
    owner: { __typename: "User", id: "VXNlcjpsZWU", name: "Lee Lindqvist" },
  },
};

describe("account mapping on the Partners page", () => {
  it("shows what the partner revealed and sends a co-sell request with the rep's message", async () => {
    sent.length = 0;
    const mocks = [
      recording(RequestCoSellDocument, () => ({ requestCoSell: { __typename: "CoSellRequest", id: "Q1", status: "PENDING" } })),
    ];
    render(
      <MockedProvider mocks={mocks} cache={createCache()}>
        <ul>
          <RevealedAccount account={contoso} partnershipId={partnershipId} partnerName="Pixel Studio" canManage={false} />
        </ul>
      </MockedProvider>,
    );
    expect(screen.getByText("Contoso Retail Group")).toBeTruthy();
    expect(screen.getByText("Pixel Studio's open deal: Qualification, owned by Lee Lindqvist")).toBeTruthy();
    // A rep does not choose what the firm reveals.
    expect(screen.queryByLabelText("We reveal")).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Request co-sell" }));
    const send = () => screen.getByRole("button", { name: "Send request" }) as HTMLButtonElement;
    expect(send().disabled).toBe(true);
    fireEvent.change(screen.getByLabelText("What do you propose to Pixel Studio?"), { target: { value: "  Packaging together?  " } });
    fireEvent.click(send());
    await screen.findByText(/Request sent to Pixel Studio's managers/);
    expect(sent).toEqual([{ partnershipId, accountDomain: "contoso.example", message: "Packaging together?" }]);
  });

  it("lets a manager opt in, and says why nothing is matched yet", async () => {
    sent.length = 0;
    const partnership = (enabled: boolean) => ({
      __typename: "Partnership" as const,
      id: partnershipId,
      status: "SIGNED" as const,
      accountMapping: {
        __typename: "AccountMapping" as const,
        enabled,
        partnerEnabled: false,
        active: false,
        defaultRevealLevel: "NONE" as const,
      },
    });
    const mocks = [recording(SetAccountMappingDocument, (input) => ({ setAccountMapping: partnership(input.enabled) }))];
    render(
      <MockedProvider mocks={mocks} cache={createCache()}>
        <AccountMappingCard
          partnership={makeFragmentData(partnership(false), AccountMappingSettingsFragmentDoc)}
          partnerName="Pixel Studio"
          canManage
        />
      </MockedProvider>,
    );
    expect(screen.getByText(/Off\. Neither firm ever sees/)).toBeTruthy();
    fireEvent.click(screen.getByLabelText("Map our accounts with Pixel Studio"));
    await waitFor(() => expect(sent).toEqual([{ partnershipId, enabled: true }]));
  });
});

describe("a co-sell request in the list", () => {
  const request: CoSellRequestsQuery["coSellRequests"][number] = {
    __typename: "CoSellRequest",
    id: "Q29TZWxsUmVxdWVzdDox",
    status: "PENDING",
    accountDomain: "contoso.example",
    accountName: "Contoso Retail Group",
    message: "Your designers on our packaging deal?",
    reason: null,
    createdAt: "2026-11-30T10:00:00.000Z",
    requester: { __typename: "User", id: "VXNlcjphbmE", name: "Ana Alvarez" },
    requesterOrganization: { __typename: "Organization", id: "acme", name: "Acme Print" },
    recipientOrganization: { __typename: "Organization", id: "pixel", name: "Pixel Studio" },
    answeredBy: null,
    opportunity: null,
  };
  const viewer = (role: "REP" | "MANAGER") => ({ id: "me", role, organization: { id: "pixel" } });

  it("is accepted by a manager of the asked firm", async () => {
    sent.length = 0;
    const mocks = [
      recording(AnswerCoSellRequestDocument, (input) => ({
        answerCoSellRequest: { __typename: "CoSellRequest", id: input.id, status: "ACCEPTED", reason: null, opportunity: null },
      })),
    ];
    render(
      <MockedProvider mocks={mocks} cache={createCache()}>
        <ul>
          <CoSellRequestItem request={request} viewer={viewer("MANAGER")} incoming />
        </ul>
      </MockedProvider>,
    );
    fireEvent.click(screen.getByRole("button", { name: "Accept and open the room" }));
    await waitFor(() => expect(sent).toEqual([{ id: request.id, accept: true }]));
  });

  it("offers no answer to a rep, nor on a request the firm sent", () => {
    render(
      <MockedProvider mocks={[]} cache={createCache()}>
        <ul>
          <CoSellRequestItem request={request} viewer={viewer("REP")} incoming />
          <CoSellRequestItem request={{ ...request, id: "other" }} viewer={viewer("MANAGER")} incoming={false} />
        </ul>
      </MockedProvider>,
    );
    expect(screen.queryByRole("button", { name: "Accept and open the room" })).toBeNull();
    expect(screen.getAllByText("Your designers on our packaging deal?")).toHaveLength(2);
  });
});
