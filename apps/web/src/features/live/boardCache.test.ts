import { gql } from "@apollo/client";
import { describe, expect, it } from "vitest";
import { createCache } from "../../apollo";
import { applyBoardChange } from "./boardCache";

const LIST = gql`
  query List($first: Int!, $filter: OpportunityFilter) {
    opportunities(first: $first, filter: $filter) {
      edges {
        cursor
        node {
          id
          title
          stage
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const deal = (id: string, title: string, stage = "PROSPECTING") => ({ __typename: "Opportunity", id, title, stage });

function cacheWith(lists: { filter?: Record<string, unknown>; deals: ReturnType<typeof deal>[] }[]) {
  const cache = createCache();
  for (const list of lists) {
    cache.writeQuery({
      query: LIST,
      variables: { first: 100, ...(list.filter ? { filter: list.filter } : {}) },
      data: {
        opportunities: {
          __typename: "OpportunityConnection",
          edges: list.deals.map((node) => ({ __typename: "OpportunityEdge", cursor: `c-${node.id}`, node })),
          pageInfo: { __typename: "PageInfo", hasNextPage: false, endCursor: "end" },
        },
      },
    });
  }
  const titles = (filter?: Record<string, unknown>) =>
    cache
      .readQuery<{ opportunities: { edges: { node: { title: string } }[] } }>({
        query: LIST,
        variables: { first: 100, ...(filter ? { filter } : {}) },
      })!
      .opportunities.edges.map((edge) => edge.node.title);
  return { cache, titles };
}

/** What Apollo does with a subscription result before `onData`: the deal is normalized into the cache. */
function arrive(cache: ReturnType<typeof createCache>, kind: string, node: ReturnType<typeof deal> | null, id = node?.id ?? "") {
  if (node)
    cache.writeFragment({
      id: cache.identify(node),
      fragment: gql`
        fragment D on Opportunity {
          id
          title
          stage
        }
      `,
      data: node,
    });
  applyBoardChange(cache, { kind, opportunityId: id, opportunity: node });
}

describe("applyBoardChange", () => {
  it("puts an arriving deal at the top of every loaded list it belongs in, once", () => {
    const { cache, titles } = cacheWith([{ deals: [deal("a", "Alpha")] }, { filter: { search: "menu" }, deals: [] }]);
    arrive(cache, "CREATED", deal("b", "Beta menus"));
    arrive(cache, "ACCESS_GAINED", deal("c", "Gamma"));
    arrive(cache, "UPDATED", deal("b", "Beta menus, reprinted"));
    expect(titles()).toEqual(["Gamma", "Beta menus, reprinted", "Alpha"]);
    expect(titles({ search: "menu" })).toEqual(["Beta menus, reprinted"]);
  });

  it("takes a deal the viewer lost out of every list, and one renamed out of a search out of that list", () => {
    const { cache, titles } = cacheWith([
      { deals: [deal("a", "Alpha menus"), deal("b", "Beta menus")] },
      { filter: { search: "menus" }, deals: [deal("a", "Alpha menus"), deal("b", "Beta menus")] },
    ]);
    arrive(cache, "ACCESS_LOST", null, "a");
    arrive(cache, "UPDATED", deal("b", "Beta flyers"));
    expect(titles()).toEqual(["Beta flyers"]);
    expect(titles({ search: "menus" })).toEqual([]);
  });

  it("leaves a list with a filter it cannot judge for its next fetch", () => {
    const { cache, titles } = cacheWith([{ filter: { accountId: "acc" }, deals: [] }]);
    arrive(cache, "CREATED", deal("b", "Beta"));
    expect(titles({ accountId: "acc" })).toEqual([]);
  });
});
