import { getNamedType, isInterfaceType, isListType, isNonNullType, isObjectType, parse } from "graphql";
import type { GraphQLSchema } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { cosellSchema } from "../schema/build.js";
import { LIMITS, LIST_BOUNDS, operationCost } from "./index.js";

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await cosellSchema();
});

const cost = (query: string, variables: Record<string, unknown> = {}) => operationCost(schema, parse(query), null, variables);

/** The shape from issue 12: a page of deals, each room's people, and each person's whole firm. */
const DEALS_MEMBERS_FIRMS = `{ opportunities(first: 100) { edges { node { members { user { organization { members { name } } } } } } } }`;

/** The web app's board (apps/web/src/features/board/Board.tsx with its OpportunityCard fragment), 100 deals a page. */
const BOARD = `
  query Board($first: Int!, $after: String) {
    opportunities(first: $first, after: $after) {
      edges { cursor node { id title stage version amount { amount currency } organization { id } members { user { id organization { id name } } } ...OpportunityCard } }
      pageInfo { hasNextPage endCursor }
    }
  }
  fragment OpportunityCard on Opportunity {
    id title stage version amount { amount currency } account { id name } organization { id name } owner { id name }
    members { user { id organization { id name } } }
    commitments { id title status dueAt assignee { id name } }
  }`;

describe("the query cost model", () => {
  it("remembers a document's cost by the page sizes it is sent with, and only by them", () => {
    const document = parse(BOARD);
    const board = (variables: Record<string, unknown>) => operationCost(schema, document, "Board", variables);
    const fresh = (variables: Record<string, unknown>) => operationCost(schema, parse(BOARD), "Board", variables);
    expect(board({ first: 20 })).toBe(fresh({ first: 20 }));
    // Another page size, the same document object: its own cost, not the one remembered.
    expect(board({ first: 50 })).toBe(fresh({ first: 50 }));
    expect(board({ first: 50 })).toBeGreaterThan(board({ first: 20 }));
    // A variable that is no page size does not change the cost.
    expect(board({ first: 20, after: "b3Bw" })).toBe(board({ first: 20 }));
    // Past the remembered sizes, costs are still computed right.
    for (let first = 1; first <= 40; first++) expect(board({ first })).toBe(fresh({ first }));
  });

  it("counts lists without `first` at their declared bound: 100 deals × members × their firms' members", () => {
    const { roomMembers, organizationMembers } = LIST_BOUNDS;
    const firm = 2 + organizationMembers * (2 + 1); // organization { members { name } }
    const member = 2 + (2 + firm); // members { user { organization … } }
    const expected = 100 * (2 + (2 + (2 + roomMembers * member))); // opportunities(first: 100) { edges { node … } }
    expect(cost(DEALS_MEMBERS_FIRMS)).toBe(expected);
    expect(expected).toBeGreaterThan(30 * LIMITS.cost); // it was 1,700 when every list counted once
  });

  it("keeps the web app's board of 100 deals within the limit, a field asked twice counted once", () => {
    const board = cost(BOARD, { first: 100 });
    expect(board).toBeLessThanOrEqual(LIMITS.cost);
    expect(board).toBeGreaterThan(LIMITS.cost / 2);
    // `members` is asked by the board and by its card fragment; execution sends it once.
    expect(cost(`{ opportunities(first: 1) { edges { node { members { role } members { role } } } } }`)).toBe(
      cost(`{ opportunities(first: 1) { edges { node { members { role } } } } }`),
    );
  });

  it("counts a connection asked without `first` at the default page of 20, and a variable's default value", () => {
    expect(cost(`{ opportunities { edges { node { id } } } }`)).toBe(20 * (2 + (2 + (2 + 1))));
    expect(cost(`query ($n: Int = 7) { opportunities(first: $n) { edges { node { id } } } }`)).toBe(7 * 7);
    expect(cost(`query ($n: Int = 7) { opportunities(first: $n) { edges { node { id } } } }`, { n: 3 })).toBe(3 * 7);
    expect(cost(`query ($id: ID!) { opportunity(id: $id) { activities(last: 5) { edges { node { id } } } } }`)).toBe(2 + 5 * 7);
  });

  it("follows fragments on interfaces and their type conditions", () => {
    const direct = cost(`query ($id: ID!) { opportunity(id: $id) { members { role } } }`);
    expect(cost(`query ($id: ID!) { node(id: $id) { ... on Opportunity { members { role } } } }`)).toBe(direct);
    expect(cost(`query ($id: ID!) { node(id: $id) { ...M } } fragment M on Opportunity { members { role } }`)).toBe(direct);
    expect(direct).toBe(2 + LIST_BOUNDS.roomMembers * 3);
  });

  it("has a bound declared on every list field of the schema", () => {
    const undeclared: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if ((!isObjectType(type) && !isInterfaceType(type)) || type.name.startsWith("__")) continue;
      for (const field of Object.values(type.getFields())) {
        const unwrapped = isNonNullType(field.type) ? field.type.ofType : field.type;
        if (!isListType(unwrapped) || field.args.some((a) => a.name === "first")) continue;
        if (field.extensions?.maxItems === undefined) undeclared.push(`${type.name}.${field.name}: ${getNamedType(field.type).name}`);
      }
    }
    expect(undeclared).toEqual([]);
  });
});
