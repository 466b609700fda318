import { Arg, Ctx, Extensions, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { policyOf, writerPolicyOf } from "../../context.js";
import { Organization } from "../organization/organization.entity.js";
import { User } from "../user/user.entity.js";
import { Partnership } from "./partnership.entity.js";
import { ProposePartnershipInput, SignPartnershipInput, TerminatePartnershipInput } from "./partnership.inputs.js";
import { LIST_BOUNDS, maxItems } from "../../limits/bounds.js";

@Resolver(() => Partnership)
export class PartnershipResolver {
  @Extensions(maxItems(LIST_BOUNDS.perOrganization))
  @Query(() => [Partnership], { description: "Partnerships of the caller's organization, newest first." })
  partnerships(@Ctx() context: Context): Promise<Partnership[]> {
    return context.services.partnerships.list(policyOf(context));
  }

  @Mutation(() => Partnership)
  proposePartnership(
    @Arg("input", () => ProposePartnershipInput) input: ProposePartnershipInput,
    @Ctx() context: Context,
  ): Promise<Partnership> {
    return context.services.partnerships.propose(writerPolicyOf(context), input);
  }

  @Mutation(() => Partnership, { description: "Signs for the caller's organization; SIGNED once both sides have signed." })
  signPartnership(@Arg("input", () => SignPartnershipInput) input: SignPartnershipInput, @Ctx() context: Context): Promise<Partnership> {
    return context.services.partnerships.sign(writerPolicyOf(context), input);
  }

  @Mutation(() => Partnership, { description: "Ends the partnership; partners keep read access but lose write access to shared rooms." })
  terminatePartnership(
    @Arg("input", () => TerminatePartnershipInput) input: TerminatePartnershipInput,
    @Ctx() context: Context,
  ): Promise<Partnership> {
    return context.services.partnerships.terminate(writerPolicyOf(context), input);
  }

  @FieldResolver(() => Organization)
  async proposer(@Root() partnership: Partnership, @Ctx() context: Context): Promise<Organization> {
    return (await context.loaders.organization.load(partnership.proposerOrganizationId))!;
  }

  @FieldResolver(() => Organization)
  async partner(@Root() partnership: Partnership, @Ctx() context: Context): Promise<Organization> {
    return (await context.loaders.organization.load(partnership.partnerOrganizationId))!;
  }

  @FieldResolver(() => User, { nullable: true })
  proposerSignedBy(@Root() partnership: Partnership, @Ctx() context: Context): Promise<User | null> | null {
    return partnership.proposerSignedById ? context.loaders.user.load(partnership.proposerSignedById) : null;
  }

  @FieldResolver(() => User, { nullable: true })
  partnerSignedBy(@Root() partnership: Partnership, @Ctx() context: Context): Promise<User | null> | null {
    return partnership.partnerSignedById ? context.loaders.user.load(partnership.partnerSignedById) : null;
  }
}
