import { ActivityKind } from "@cosell/schema";
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { policyOf, writerPolicyOf } from "../../context.js";
import { Activity } from "../activity/activity.entity.js";
import { Opportunity } from "../opportunity/opportunity.entity.js";
import { Organization } from "../organization/organization.entity.js";
import { User } from "../user/user.entity.js";
import { CreditSplit, SplitApproval, SplitLine, SuggestedSplit } from "./split.entity.js";
import { ApproveSplitInput, ProposeSplitInput } from "./split.inputs.js";

@Resolver(() => CreditSplit)
export class SplitResolver {
  @Query(() => SuggestedSplit, { description: "A revenue split computed from the room's record (who did what), with the reasons; see docs/PARTNERING.md for the weights." })
  suggestedSplit(@Arg("opportunityId", () => ID) opportunityId: string, @Ctx() context: Context): Promise<SuggestedSplit> {
    return context.services.splits.suggest(policyOf(context), opportunityId);
  }

  @Mutation(() => CreditSplit, { description: "Proposes the opportunity's credit split (replacing any earlier proposal and its approvals). REVENUE lines total exactly 10000 bp." })
  proposeSplit(@Arg("input", () => ProposeSplitInput) input: ProposeSplitInput, @Ctx() context: Context): Promise<CreditSplit> {
    return context.services.splits.propose(writerPolicyOf(context), input);
  }

  @Mutation(() => CreditSplit, { description: "A manager or admin approves the split for their organization; AGREED once every participating organization has." })
  approveSplit(@Arg("input", () => ApproveSplitInput) input: ApproveSplitInput, @Ctx() context: Context): Promise<CreditSplit> {
    return context.services.splits.approve(writerPolicyOf(context), input);
  }

  @FieldResolver(() => [SplitLine])
  lines(@Root() split: CreditSplit, @Ctx() context: Context): Promise<SplitLine[]> {
    return context.loaders.splitLines.load(split.id);
  }

  @FieldResolver(() => [SplitApproval], { description: "Approvals of the current revision." })
  approvals(@Root() split: CreditSplit, @Ctx() context: Context): Promise<SplitApproval[]> {
    return context.loaders.splitApprovals.load(split.id);
  }

  @FieldResolver(() => [Organization], { description: "Participating organizations that have not approved yet." })
  async awaitingApprovalFrom(@Root() split: CreditSplit, @Ctx() context: Context): Promise<Organization[]> {
    const [lines, approvals] = await Promise.all([context.loaders.splitLines.load(split.id), context.loaders.splitApprovals.load(split.id)]);
    const approved = new Set(approvals.map((a) => a.organizationId));
    const pending = [...new Set(lines.map((l) => l.organizationId))].filter((org) => !approved.has(org));
    return (await context.loaders.organization.loadMany(pending)).filter((o): o is Organization => o instanceof Organization);
  }

  @FieldResolver(() => User, { nullable: true })
  proposedBy(@Root() split: CreditSplit, @Ctx() context: Context): Promise<User | null> | null {
    return split.proposedById ? context.loaders.user.load(split.proposedById) : null;
  }

  @FieldResolver(() => Opportunity)
  async opportunity(@Root() split: CreditSplit, @Ctx() context: Context): Promise<Opportunity> {
    return (await context.loaders.opportunity.load(split.opportunityId))!;
  }
}

@Resolver(() => SplitLine)
export class SplitLineResolver {
  @FieldResolver(() => User)
  async user(@Root() line: SplitLine, @Ctx() context: Context): Promise<User> {
    return (await context.loaders.user.load(line.userId))!;
  }

  @FieldResolver(() => Organization)
  async organization(@Root() line: SplitLine, @Ctx() context: Context): Promise<Organization> {
    return (await context.loaders.organization.load(line.organizationId))!;
  }
}

@Resolver(() => SplitApproval)
export class SplitApprovalResolver {
  @FieldResolver(() => Organization)
  async organization(@Root() approval: SplitApproval, @Ctx() context: Context): Promise<Organization> {
    return (await context.loaders.organization.load(approval.organizationId))!;
  }

  @FieldResolver(() => User)
  async approvedBy(@Root() approval: SplitApproval, @Ctx() context: Context): Promise<User> {
    return (await context.loaders.user.load(approval.approvedById))!;
  }
}

@Resolver(() => Opportunity)
export class OpportunitySplitResolver {
  @FieldResolver(() => CreditSplit, { nullable: true, description: "The credit split; null until someone proposes one." })
  split(@Root() opportunity: Opportunity, @Ctx() context: Context): Promise<CreditSplit | null> {
    return context.loaders.creditSplit.load(opportunity.id);
  }

  @FieldResolver(() => SuggestedSplit, { description: "A proposal pre-filled from the partnership agreements' default revenue splits; pass its lines to proposeSplit." })
  splitDraft(@Root() opportunity: Opportunity, @Ctx() context: Context): Promise<SuggestedSplit> {
    return context.services.splits.draftFromAgreements(opportunity);
  }
}

@Resolver(() => Activity)
export class ActivityPayoutsResolver {
  @FieldResolver(() => [SplitLine], { nullable: true, description: "For DEAL_WON and SPLIT_LOCKED: the locked split's lines with their payouts." })
  async payouts(@Root() activity: Activity, @Ctx() context: Context): Promise<SplitLine[] | null> {
    if (activity.kind !== ActivityKind.DEAL_WON && activity.kind !== ActivityKind.SPLIT_LOCKED) return null;
    const split = await context.loaders.creditSplit.load(activity.opportunityId);
    if (activity.data?.payouts !== true || !split || split.id !== activity.data.splitId) return null;
    return context.loaders.splitLines.load(split.id);
  }
}
