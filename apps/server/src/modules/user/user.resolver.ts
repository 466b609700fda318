import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { policyOf } from "../../context.js";
import { Organization } from "../organization/organization.entity.js";
import { AuthPayload, LoginInput } from "./auth.inputs.js";
import { User } from "./user.entity.js";

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: "The signed-in person; null for an API token." })
  async viewer(@Ctx() context: Context): Promise<User | null> {
    const { viewer } = policyOf(context);
    return viewer.kind === "user" ? context.loaders.user.load(viewer.userId) : null;
  }

  @Mutation(() => AuthPayload, { description: "Exchange email and password for a session token." })
  login(@Arg("input", () => LoginInput) input: LoginInput, @Ctx() context: Context): Promise<AuthPayload> {
    return context.services.auth.login(input.email, input.password, {
      address: context.clientAddress,
      sessionUserId: context.viewer?.kind === "user" ? context.viewer.userId : null,
    });
  }

  @FieldResolver(() => Organization)
  async organization(@Root() user: User, @Ctx() context: Context): Promise<Organization> {
    return (await context.loaders.organization.load(user.organizationId))!;
  }
}
