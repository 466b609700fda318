import { CommitmentStatus } from "@cosell/schema";
import { Arg, Ctx, Extensions, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { mayAnswerCommitment } from "../../auth/policy.js";
import { policyOf, writerPolicyOf } from "../../context.js";
import { commitmentsKey, joinedUser } from "../../loaders.js";
import { Opportunity } from "../opportunity/opportunity.entity.js";
import { Organization } from "../organization/organization.entity.js";
import { User } from "../user/user.entity.js";
import { Commitment, Reliability, reliabilityOf } from "./commitment.entity.js";
import {
  AcceptCommitmentInput,
  AddCommitmentInput,
  CancelCommitmentInput,
  CompleteCommitmentInput,
  DeclineCommitmentInput,
} from "./commitment.inputs.js";
import { LIST_BOUNDS, maxItems } from "../../limits/bounds.js";

@Resolver(() => Commitment)
export class CommitmentResolver {
  @Mutation(() => Commitment, {
    description:
      "Adds a step to the room's plan: OPEN at once when self-assigned, else PROPOSED until the assignee's side accepts or declines it.",
  })
  addCommitment(@Arg("input", () => AddCommitmentInput) input: AddCommitmentInput, @Ctx() context: Context): Promise<Commitment> {
    return context.services.commitments.add(writerPolicyOf(context), input);
  }

  @Mutation(() => Commitment, {
    description:
      "The assignee, or a manager/admin of their organization, agrees to a PROPOSED commitment: it becomes OPEN and counts in reliability.",
  })
  acceptCommitment(@Arg("input", () => AcceptCommitmentInput) input: AcceptCommitmentInput, @Ctx() context: Context): Promise<Commitment> {
    return context.services.commitments.accept(writerPolicyOf(context), input);
  }

  @Mutation(() => Commitment, {
    description: "The assignee, or a manager/admin of their organization, turns a PROPOSED commitment down with a reason.",
  })
  declineCommitment(
    @Arg("input", () => DeclineCommitmentInput) input: DeclineCommitmentInput,
    @Ctx() context: Context,
  ): Promise<Commitment> {
    return context.services.commitments.decline(writerPolicyOf(context), input);
  }

  @Mutation(() => Commitment, { description: "The assignee marks their accepted commitment done (a missed one counts as delivered late)." })
  completeCommitment(
    @Arg("input", () => CompleteCommitmentInput) input: CompleteCommitmentInput,
    @Ctx() context: Context,
  ): Promise<Commitment> {
    return context.services.commitments.complete(writerPolicyOf(context), input);
  }

  @Mutation(() => Commitment, {
    description: "Cancels an open commitment, or withdraws a proposed one; it then counts neither as delivered nor as missed.",
  })
  cancelCommitment(@Arg("input", () => CancelCommitmentInput) input: CancelCommitmentInput, @Ctx() context: Context): Promise<Commitment> {
    return context.services.commitments.cancel(writerPolicyOf(context), input);
  }

  @FieldResolver(() => User)
  assignee(@Root() commitment: Commitment, @Ctx() context: Context): User | Promise<User> {
    return joinedUser(commitment) ?? context.loaders.user.load(commitment.assigneeId).then((user) => user!);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who added it; null for an API token." })
  createdBy(@Root() commitment: Commitment, @Ctx() context: Context): Promise<User | null> | null {
    return commitment.createdById ? context.loaders.user.load(commitment.createdById) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: "Who accepted it: the assignee or a manager of their organization." })
  acceptedBy(@Root() commitment: Commitment, @Ctx() context: Context): Promise<User | null> | null {
    return commitment.acceptedById ? context.loaders.user.load(commitment.acceptedById) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: "Who declined it: the assignee or a manager of their organization." })
  declinedBy(@Root() commitment: Commitment, @Ctx() context: Context): Promise<User | null> | null {
    return commitment.declinedById ? context.loaders.user.load(commitment.declinedById) : null;
  }

  @FieldResolver(() => Boolean, {
    description:
      "Whether the viewer may accept or decline it now: PROPOSED, and the viewer is the assignee or a manager/admin of the assignee's organization.",
  })
  async viewerCanAnswer(@Root() commitment: Commitment, @Ctx() context: Context): Promise<boolean> {
    if (commitment.status !== CommitmentStatus.PROPOSED) return false;
    const assignee = await context.loaders.user.load(commitment.assigneeId);
    return assignee !== null && mayAnswerCommitment(policyOf(context).viewer, assignee);
  }

  @FieldResolver(() => Opportunity)
  async opportunity(@Root() commitment: Commitment, @Ctx() context: Context): Promise<Opportunity> {
    return (await context.loaders.opportunity.load(commitment.opportunityId))!;
  }
}

@Resolver(() => Opportunity)
export class OpportunityPlanResolver {
  @Extensions(maxItems(LIST_BOUNDS.perRoom))
  @FieldResolver(() => [Commitment], { description: "The room's plan of action, by due time." })
  async commitments(
    @Root() opportunity: Opportunity,
    @Arg("status", () => CommitmentStatus, { nullable: true, description: "Only commitments in this status." })
    status: CommitmentStatus | null,
    @Ctx() context: Context,
  ): Promise<Commitment[]> {
    return context.loaders.commitments.load(commitmentsKey(opportunity.id, status));
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
