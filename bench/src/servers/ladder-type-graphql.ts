import "reflect-metadata";
import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver, buildSchema } from "type-graphql";
import type { GraphQLSchema } from "graphql";
import type { Context } from "@cosell/server/src/context.js";
import { context, policy, schemaBuild } from "./built.js";
import { firstDeals } from "./ladder-data.js";
import type { DealRow } from "./ladder-data.js";

const { decideOpportunityAccess } = policy;
const { policyOf } = context;
const { resolvePlainFieldsDirectly } = schemaBuild;

@ObjectType()
class Person {
  @Field(() => String) id!: string;
  @Field(() => String) name!: string;
}

@ObjectType()
class DealMember {
  @Field(() => String) role!: string;
  @Field(() => String) access!: string;
  @Field(() => Person) user!: Person;
}

@ObjectType()
class Price {
  @Field(() => String) amount!: string;
  @Field(() => String) currency!: string;
}

@ObjectType()
class Deal {
  @Field(() => String) id!: string;
  @Field(() => String) title!: string;
  @Field(() => String) stage!: string;
  @Field(() => Price) amount!: Price;
  @Field(() => [DealMember]) members!: DealMember[];
}

/** L2: type-graphql, no cosell. */
@Resolver(() => Deal)
class PlainDealResolver {
  @Query(() => [Deal])
  deals(@Arg("first", () => Int) first: number): readonly DealRow[] {
    return firstDeals(first);
  }
}

/**
 * L3: what a cosell resolver does around the same data: the caller's policy from the context
 * (UNAUTHENTICATED without one) and cosell's visibility rule for every row; the data stays in memory.
 */
@Resolver(() => Deal)
class PolicyDealResolver {
  @Query(() => [Deal])
  deals(@Arg("first", () => Int) first: number, @Ctx() context: Context): readonly DealRow[] {
    const { viewer } = policyOf(context);
    return firstDeals(first).filter(
      (deal) =>
        decideOpportunityAccess(viewer, {
          organizationId: deal.organizationId,
          viewerAccess: null,
          orgHasMember: true,
          orgHasWriteMember: true,
          orgHasAgreedLine: false,
        }) !== "NONE",
    );
  }
}

/** L2 builds as type-graphql does by default; L3 as cosell builds its schema (`cosellSchema`). */
export function ladderTypeGraphQLSchema(withPolicy: boolean): Promise<GraphQLSchema> {
  if (withPolicy) resolvePlainFieldsDirectly();
  return buildSchema({ resolvers: [withPolicy ? PolicyDealResolver : PlainDealResolver], validate: false });
}
