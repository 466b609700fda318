import { Arg, Ctx, Extensions, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { policyOf } from "../../context.js";
import { notFound } from "../../errors.js";
import { idOf } from "../../ids.js";
import { User } from "../user/user.entity.js";
import { Organization } from "./organization.entity.js";
import { LIST_BOUNDS, maxItems } from "../../limits/bounds.js";

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { description: "Any organization on cosell (the partner directory lists them all)." })
  async organization(@Arg("id", () => ID) id: string, @Ctx() context: Context): Promise<Organization> {
    policyOf(context);
    const rowId = idOf("Organization", id);
    const organization = rowId ? await context.loaders.organization.load(rowId) : null;
    if (!organization) throw notFound("Organization");
    return organization;
  }

  @Extensions(maxItems(LIST_BOUNDS.organizationMembers))
  @FieldResolver(() => [User], {
    description: `Its people: visible to its own members and to signed partners only. Counted as ${LIST_BOUNDS.organizationMembers} in a query's cost.`,
  })
  async members(@Root() organization: Organization, @Ctx() context: Context): Promise<User[]> {
    if (!(await policyOf(context).canSeeMembersOf(organization.id))) return [];
    return context.loaders.organizationMembers.load(organization.id);
  }
}
