import { ApolloClient, ApolloLink, Observable } from "@apollo/client";
import type { Unmasked } from "@apollo/client/masking";
import { ApolloProvider } from "@apollo/client/react";
import { MockLink } from "@apollo/client/testing";
import { render } from "@testing-library/react";
import { OperationTypeNode } from "graphql";
import { createCache } from "../apollo";
import { RoomPage } from "../features/room/RoomPage";
import type { RoomQuery } from "../gql/graphql";
import { acmePrint, ana, pixelStudio } from "./fixtures";

export const roomId = "T3BwOm5vcnRo";
export const lee = { __typename: "User", id: "VXNlcjpsZWU=", name: "Lee Lindqvist" } as const;
const reliability = { __typename: "Reliability", delivered: 4, deliveredOnTime: 4, missed: 0, open: 1, onTimeRate: 1 } as const;

/** A room with one of everything: two members, a commitment, a help request, a split and a note. */
export function room(): Unmasked<RoomQuery> {
  const member = (user: typeof lee | typeof ana, organization: typeof acmePrint | typeof pixelStudio, role: "OWNER" | "PARTNER_REP") => ({
    __typename: "RoomMember" as const,
    role,
    access: "WRITE" as const,
    user: { __typename: "User" as const, id: user.id, name: user.name, email: `${user.id}@example.test`, organization },
  });
  return {
    viewer: { __typename: "User", id: ana.id, role: "REP", organization: { __typename: "Organization", id: acmePrint.id } },
    opportunity: {
      __typename: "Opportunity",
      id: roomId,
      title: "North catalogue",
      stage: "PROPOSAL",
      version: 3,
      closeDate: null,
      amount: { __typename: "Money", amount: "100.00", currency: "USD" },
      account: { __typename: "Account", id: "QWNjOm5vcnRo", name: "North Outfitters" },
      organization: acmePrint,
      owner: { __typename: "User", id: ana.id, name: ana.name },
      members: [member(ana, acmePrint, "OWNER"), member(lee, pixelStudio, "PARTNER_REP")],
      commitments: [
        {
          __typename: "Commitment",
          id: "Q29tOjE=",
          title: "Three cover concepts",
          status: "OPEN",
          dueAt: "2099-01-15T17:00:00.000Z",
          completedAt: null,
          onTime: null,
          declineReason: null,
          viewerCanAnswer: false,
          assignee: { __typename: "User", id: lee.id, name: lee.name, organization: pixelStudio, reliability },
        },
      ],
      helpRequests: [
        {
          __typename: "HelpRequest",
          status: "OPEN",
          request: {
            __typename: "Activity",
            id: "QWN0OjI=",
            body: "Who knows their buyer?",
            createdAt: "2026-01-10T09:00:00.000Z",
            actor: { __typename: "User", id: ana.id, name: ana.name },
          },
          answers: [],
        },
      ],
      split: null,
      splitDraft: { __typename: "SuggestedSplit", explanation: [], lines: [] },
      meetings: [],
      outline: null,
      activities: {
        __typename: "ActivityConnection",
        edges: [
          {
            __typename: "ActivityEdge",
            cursor: "c1",
            node: {
              __typename: "Activity",
              id: "QWN0OjE=",
              seq: 1,
              kind: "NOTE",
              body: "Kick-off call booked",
              createdAt: "2026-01-09T09:00:00.000Z",
              apiTokenName: null,
              actor: { __typename: "User", id: ana.id, name: ana.name, organization: acmePrint },
              actorOrganization: acmePrint,
              changes: [],
            },
          },
        ],
        pageInfo: { __typename: "PageInfo", hasPreviousPage: false, startCursor: "c1" },
      },
    },
  };
}

/** RoomPage on a real cache; records each query and mutation sent, and leaves subscriptions silent. */
export function renderRoom(mocks: MockLink.MockedResponse[]) {
  const sent: string[] = [];
  const mockLink = new MockLink(mocks);
  const link = new ApolloLink((operation, forward) => {
    if (operation.operationType === OperationTypeNode.SUBSCRIPTION) return new Observable(() => undefined);
    sent.push(operation.operationName ?? "");
    return forward(operation);
  }).concat(mockLink);
  const client = new ApolloClient({ cache: createCache(), link });
  render(
    <ApolloProvider client={client}>
      <RoomPage opportunityId={roomId} />
    </ApolloProvider>,
  );
  return { sent };
}
