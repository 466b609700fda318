import type { MockLink } from "@apollo/client/testing";
import type { ErrorCode } from "@cosell/schema";
import type { GraphQLFormattedError } from "graphql";
import { boardVariables } from "../features/board/Board";
import { noFilters } from "../features/board/filters";
import type { BoardFilters } from "../features/board/filters";
import { BoardDocument, SignInDocument, SignOutDocument, ViewerDocument } from "../gql/graphql";
import type { BoardQuery, OpportunityCardFragment, SignInMutation, SignOutMutation, ViewerQuery } from "../gql/graphql";

/** Ana, a rep at Acme Print, as the demo world seeds her. */
export const ana = {
  __typename: "User",
  id: "VXNlcjphbmE=",
  name: "Ana Rivera",
  email: "ana@acme.test",
  role: "REP",
  organization: { __typename: "Organization", id: "T3JnOmFjbWU=", name: "Acme Print" },
} as const satisfies SignInMutation["signIn"]["user"];

/** Max, a manager at Acme Print. */
export const max = {
  __typename: "User",
  id: "VXNlcjptYXg=",
  name: "Max Okafor",
  email: "max@acme.test",
  role: "MANAGER",
  organization: ana.organization,
} as const satisfies SignInMutation["signIn"]["user"];

/** A user as the Viewer query selects them. */
export function asViewer(user: SignInMutation["signIn"]["user"]): ViewerQuery["viewer"] {
  const { email: _email, ...viewer } = user;
  return viewer;
}

/** An error as the server sends it over the wire. */
export function apiError(message: string, code: ErrorCode): GraphQLFormattedError {
  return { message, extensions: { code } };
}

export function signInMock(
  input: { email: string; password: string },
  outcome: { user: SignInMutation["signIn"]["user"] } | { error: GraphQLFormattedError },
): MockLink.MockedResponse<SignInMutation> {
  return {
    request: { query: SignInDocument, variables: { input } },
    result:
      "user" in outcome
        ? {
            data: {
              signIn: { __typename: "SignInPayload", expiresAt: "2030-01-01T12:00:00.000Z", user: outcome.user },
            },
          }
        : { errors: [outcome.error] },
  };
}

/** The server ending the session when someone signs out. */
export function signOutMock(): MockLink.MockedResponse<SignOutMutation> {
  return {
    request: { query: SignOutDocument, variables: { input: {} } },
    result: { data: { logout: { __typename: "LogoutPayload", sessionsEnded: 1 } } },
  };
}

export function viewerMock(
  outcome: { viewer: ViewerQuery["viewer"] } | { error: GraphQLFormattedError },
): MockLink.MockedResponse<ViewerQuery> {
  return {
    request: { query: ViewerDocument },
    result: "viewer" in outcome ? { data: { viewer: outcome.viewer } } : { errors: [outcome.error] },
  };
}

/** Organizations of the demo world, as queries select them. */
export const acmePrint = { __typename: "Organization", id: "T3JnOmFjbWU=", name: "Acme Print" } as const;
export const pixelStudio = { __typename: "Organization", id: "T3JnOnBpeGVs", name: "Pixel Studio" } as const;
export const paperworks = { __typename: "Organization", id: "T3JnOnBhcGVy", name: "Paperworks" } as const;

/** A room member of `organization`, as the board's cards select them. */
export function cardMember(userId: string, organization: { __typename: "Organization"; id: string; name: string }) {
  return { __typename: "RoomMember", user: { __typename: "User", id: userId, organization } } as const;
}

/** A deal as the board selects it: Ana's, at Nimbus Retail, unless `fields` says otherwise. */
export function opportunity(id: string, fields: Partial<Omit<OpportunityCardFragment, "__typename" | "id">> = {}): OpportunityCardFragment {
  return {
    __typename: "Opportunity",
    id,
    title: "Catalogue print run",
    stage: "PROSPECTING",
    version: 1,
    amount: { __typename: "Money", amount: "12500.00", currency: "USD" },
    account: { __typename: "Account", id: "QWNjb3VudDpuaW1idXM=", name: "Nimbus Retail" },
    organization: acmePrint,
    owner: { __typename: "User", id: ana.id, name: ana.name },
    members: [cardMember(ana.id, acmePrint)],
    commitments: [],
    ...fields,
  };
}

export function boardMock(
  outcome: { opportunities: OpportunityCardFragment[]; hasNextPage?: boolean } | { error: GraphQLFormattedError },
  { filters = noFilters, after, delay }: { filters?: BoardFilters; after?: string; delay?: number } = {},
): MockLink.MockedResponse<BoardQuery> {
  const request = {
    query: BoardDocument,
    variables: { ...boardVariables(filters), ...(after ? { after } : {}) },
  };
  const timing = delay === undefined ? {} : { delay };
  if ("error" in outcome) return { request, result: { errors: [outcome.error] }, ...timing };
  const edges = outcome.opportunities.map((node) => ({
    __typename: "OpportunityEdge" as const,
    cursor: `cursor:${node.id}`,
    node,
  }));
  return {
    request,
    ...timing,
    result: {
      data: {
        opportunities: {
          __typename: "OpportunityConnection",
          edges,
          pageInfo: {
            __typename: "PageInfo",
            hasNextPage: outcome.hasNextPage ?? false,
            endCursor: edges.at(-1)?.cursor ?? null,
          },
        },
      },
    },
  };
}
