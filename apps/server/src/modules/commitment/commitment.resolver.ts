import { CommitmentStatus } from "@cosell/schema";
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { policyOf, writerPolicyOf } from "../../context.js";
import { Opportunity } from "../opportunity/opportunity.entity.js";
import { Organization } from "../organization/organization.entity.js";
import { User } from "../user/user.entity.js";
import { Commitment, Reliability, reliabilityOf } from "./commitment.entity.js";
import { AddCommitmentInput, CancelCommitmentInput, CompleteCommitmentInput } from "./commitment.inputs.js";

@Resolver(() => Commitment)
export class CommitmentResolver {
  @Mutation(() => Commitment, { description: "Adds a step to the room's plan: a member commits to deliver something by a time." })
  addCommitment(@Arg("input", () => AddCommitmentInput) input: AddCommitmentInput, @Ctx() context: Context): Promise<Commitment> {
    return context.services.commitments.add(writerPolicyOf(context), input);
  }

  @Mutation(() => Commitment, { description: "The assignee marks their commitment done (a missed one counts as delivered late)." })
  completeCommitment(@Arg("input", () => CompleteCommitmentInput) input: CompleteCommitmentInput, @Ctx() context: Context): Promise<Commitment> {
    return context.services.commitments.complete(writerPolicyOf(context), input);
  }

  @Mutation(() => Commitment, { description: "Cancels an open commitment; it then counts neither as delivered nor as missed." })
  cancelCommitment(@Arg("input", () => CancelCommitmentInput) input: CancelCommitmentInput, @Ctx() context: Context): Promise<Commitment> {
    return context.services.commitments.cancel(writerPolicyOf(context), input);
  }

  @FieldResolver(() => User)
  async assignee(@Root() commitment: Commitment, @Ctx() context: Context): Promise<User> {
    return (await context.loaders.user.load(commitment.assigneeId))!;
  }

  @FieldResolver(() => User, { nullable: true, description: "Who added it; null for an API token." })
  createdBy(@Root() commitment: Commitment, @Ctx() context: Context): Promise<User | null> | null {
    return commitment.createdById ? context.loaders.user.load(commitment.createdById) : null;
  }

  @FieldResolver(() => Opportunity)
  async opportunity(@Root() commitment: Commitment, @Ctx() context: Context): Promise<Opportunity> {
    return (await context.loaders.opportunity.load(commitment.opportunityId))!;
  }
}

@Resolver(() => Opportunity)
export class OpportunityPlanResolver {
  @FieldResolver(() => [Commitment], { description: "The room's plan of action, by due time." })
  async commitments(
    @Root() opportunity: Opportunity,
    @Arg("status", () => CommitmentStatus, { nullable: true, description: "Only commitments in this status." }) status: CommitmentStatus | null,
    @Ctx() context: Context,
  ): Promise<Commitment[]> {
    const all = await context.loaders.commitments.load(opportunity.id);
    return status ? all.filter((c) => c.status === status) : all;
  }
}

@Resolver(() => User)
export class UserReliabilityResolver {
  @FieldResolver(() => Reliability, { description: "Delivery record across every room (counts only, never which rooms)." })
  async reliability(@Root() user: User, @Ctx() context: Context): Promise<Reliability> {
    policyOf(context);
    return reliabilityOf(await context.loaders.userReliability.load(user.id));
  }
}

@Resolver(() => Organization)
export class OrganizationReliabilityResolver {
  @FieldResolver(() => Reliability, { description: "Delivery record of all its people across every room (counts only)." })
  async reliability(@Root() organization: Organization, @Ctx() context: Context): Promise<Reliability> {
    policyOf(context);
    return reliabilityOf(await context.loaders.organizationReliability.load(organization.id));
  }
}
