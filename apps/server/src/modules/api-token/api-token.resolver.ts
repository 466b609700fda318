import { Arg, Ctx, Extensions, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { policyOf, writerPolicyOf } from "../../context.js";
import { User } from "../user/user.entity.js";
import { ApiToken } from "./api-token.entity.js";
import { CreateApiTokenInput, CreateApiTokenPayload, RevokeApiTokenInput } from "./api-token.inputs.js";
import { LIST_BOUNDS, maxItems } from "../../limits/bounds.js";

@Resolver(() => ApiToken)
export class ApiTokenResolver {
  @Extensions(maxItems(LIST_BOUNDS.perOrganizationSettings))
  @Query(() => [ApiToken], { description: "The organization's API tokens, newest first (managers and admins)." })
  apiTokens(@Ctx() context: Context): Promise<ApiToken[]> {
    return context.services.apiTokens.list(policyOf(context));
  }

  @Mutation(() => CreateApiTokenPayload, { description: "A new token for the caller's organization; the secret is in the answer only." })
  createApiToken(
    @Arg("input", () => CreateApiTokenInput) input: CreateApiTokenInput,
    @Ctx() context: Context,
  ): Promise<CreateApiTokenPayload> {
    return context.services.apiTokens.create(writerPolicyOf(context), input);
  }

  @Mutation(() => ApiToken, { description: "Stops a token at once, on every instance and every open connection." })
  revokeApiToken(@Arg("input", () => RevokeApiTokenInput) input: RevokeApiTokenInput, @Ctx() context: Context): Promise<ApiToken> {
    return context.services.apiTokens.revoke(writerPolicyOf(context), input);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who created it." })
  createdBy(@Root() token: ApiToken, @Ctx() context: Context): Promise<User | null> | null {
    return token.createdById ? context.loaders.user.load(token.createdById) : null;
  }
}
