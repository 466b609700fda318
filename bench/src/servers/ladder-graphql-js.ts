import { GraphQLInt, GraphQLList, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from "graphql";
import { firstDeals } from "./ladder-data.js";

const text = new GraphQLNonNull(GraphQLString);
const Person = new GraphQLObjectType({ name: "Person", fields: { id: { type: text }, name: { type: text } } });
const DealMember = new GraphQLObjectType({
  name: "DealMember",
  fields: { role: { type: text }, access: { type: text }, user: { type: new GraphQLNonNull(Person) } },
});
const Price = new GraphQLObjectType({ name: "Price", fields: { amount: { type: text }, currency: { type: text } } });
const Deal = new GraphQLObjectType({
  name: "Deal",
  fields: {
    id: { type: text },
    title: { type: text },
    stage: { type: text },
    amount: { type: new GraphQLNonNull(Price) },
    members: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(DealMember))) },
  },
});

/** The ladder's schema written with graphql-js alone (rungs L0, L0-jit, L1 and the Express row). */
export const ladderSchema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: "Query",
    fields: {
      deals: {
        type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(Deal))),
        args: { first: { type: new GraphQLNonNull(GraphQLInt) } },
        resolve: (_root, args: { first: number }) => firstDeals(args.first),
      },
    },
  }),
});
