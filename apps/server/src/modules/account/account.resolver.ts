import { Arg, Ctx, Extensions, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { policyOf, writerPolicyOf } from "../../context.js";
import { Organization } from "../organization/organization.entity.js";
import { Account } from "./account.entity.js";
import { CreateAccountInput } from "./account.inputs.js";
import { LIST_BOUNDS, maxItems } from "../../limits/bounds.js";

@Resolver(() => Account)
export class AccountResolver {
  @Extensions(maxItems(LIST_BOUNDS.perOrganization))
  @Query(() => [Account], { description: "Customer accounts of the caller's organization." })
  accounts(@Ctx() context: Context): Promise<Account[]> {
    return context.services.accounts.list(policyOf(context));
  }

  @Mutation(() => Account)
  createAccount(@Arg("input", () => CreateAccountInput) input: CreateAccountInput, @Ctx() context: Context): Promise<Account> {
    return context.services.accounts.create(writerPolicyOf(context), input);
  }

  @FieldResolver(() => Organization, { description: "The organization that owns the account." })
  async organization(@Root() account: Account, @Ctx() context: Context): Promise<Organization> {
    return (await context.loaders.organization.load(account.organizationId))!;
  }
}
