import { ActivityKind, SplitStatus } from "@cosell/schema";
import { Arg, Ctx, Extensions, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { policyOf, writerPolicyOf } from "../../context.js";
import { Activity } from "../activity/activity.entity.js";
import { Opportunity } from "../opportunity/opportunity.entity.js";
import { Organization } from "../organization/organization.entity.js";
import { User } from "../user/user.entity.js";
import { revisionKey } from "../../loaders.js";
import { approversOf } from "./revision.js";
import { CreditSplit, SplitApproval, SplitLine, SplitRevision, SuggestedSplit } from "./split.entity.js";
import { ApproveSplitInput, ProposeSplitInput } from "./split.inputs.js";
import { LIST_BOUNDS, maxItems } from "../../limits/bounds.js";

@Resolver(() => CreditSplit)
export class SplitResolver {
  @Query(() => SuggestedSplit, {
    description:
      "A revenue split computed from the room's record (who did what), with the reasons; see docs/PARTNERING.md for the weights.",
  })
  suggestedSplit(@Arg("opportunityId", () => ID) opportunityId: string, @Ctx() context: Context): Promise<SuggestedSplit> {
    return context.services.splits.suggest(policyOf(context), opportunityId);
  }

  @Mutation(() => CreditSplit, {
    description:
      "Proposes a new revision of the opportunity's credit split (replacing any earlier proposal still pending). REVENUE lines total exactly 10000 bp. The revision in force stays in force until this one is agreed; an organization whose agreed lines it lowers or removes must approve it.",
  })
  proposeSplit(@Arg("input", () => ProposeSplitInput) input: ProposeSplitInput, @Ctx() context: Context): Promise<CreditSplit> {
    return context.services.splits.propose(writerPolicyOf(context), input);
  }

  @Mutation(() => CreditSplit, {
    description: "A manager or admin approves the split for their organization; AGREED once every participating organization has.",
  })
  approveSplit(@Arg("input", () => ApproveSplitInput) input: ApproveSplitInput, @Ctx() context: Context): Promise<CreditSplit> {
    return context.services.splits.approve(writerPolicyOf(context), input);
  }

  @Extensions(maxItems(LIST_BOUNDS.splitLines))
  @FieldResolver(() => [SplitLine], {
    description:
      "The lines of the current revision (`revision`): the pending proposal if there is one, else the revision in force. See `agreed` for the lines in force.",
  })
  lines(@Root() split: CreditSplit, @Ctx() context: Context): Promise<SplitLine[]> {
    return context.loaders.splitLines.load(revisionKey(split.id, split.revision));
  }

  @Extensions(maxItems(LIST_BOUNDS.splitOrganizations))
  @FieldResolver(() => [SplitApproval], { description: "Approvals of the current revision." })
  approvals(@Root() split: CreditSplit, @Ctx() context: Context): Promise<SplitApproval[]> {
    return context.loaders.splitApprovals.load(revisionKey(split.id, split.revision));
  }

  @Extensions(maxItems(LIST_BOUNDS.splitOrganizations))
  @FieldResolver(() => [Organization], {
    description:
      "Organizations that must still approve the current revision: every organization with a line in it, and every organization whose lines in the revision in force it lowers or removes (even with none of its people in the new lines).",
  })
  awaitingApprovalFrom(@Root() split: CreditSplit, @Ctx() context: Context): Promise<Organization[]> {
    return awaitingApproval(split, split.revision, context);
  }

  @FieldResolver(() => SplitRevision, {
    nullable: true,
    description:
      "The revision in force: the last one every organization it needed approved. It stays in force while a newer proposal awaits approval, and it is the one that locks (with payouts) at CLOSED_WON. Null until a revision is agreed.",
  })
  agreed(@Root() split: CreditSplit, @Ctx() context: Context): Promise<SplitRevision | null> {
    return split.agreedRevision == null ? Promise.resolve(null) : revisionOf(split, split.agreedRevision, context);
  }

  @FieldResolver(() => SplitRevision, {
    nullable: true,
    description:
      "The proposal awaiting approval, if any (the current revision when it is not the one in force). It never locks: if the deal is won while it is pending and a revision is in force, it is withdrawn (SPLIT_WITHDRAWN).",
  })
  pending(@Root() split: CreditSplit, @Ctx() context: Context): Promise<SplitRevision | null> {
    return split.revision === split.agreedRevision || split.status === SplitStatus.LOCKED
      ? Promise.resolve(null)
      : revisionOf(split, split.revision, context);
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

/** One revision of `split`, with its status as the split sees it. */
async function revisionOf(split: CreditSplit, revision: number, context: Context): Promise<SplitRevision | null> {
  const found = (await context.loaders.splitRevisions.load(split.id)).find((r) => r.revision === revision);
  if (!found) return null;
  const status =
    revision !== split.agreedRevision
      ? SplitStatus.PROPOSED
      : split.status === SplitStatus.LOCKED
        ? SplitStatus.LOCKED
        : SplitStatus.AGREED;
  return Object.assign(found, { status, split });
}

/** Who must still approve one revision of `split` (nobody, for the revision in force). */
async function awaitingApproval(split: CreditSplit, revision: number, context: Context): Promise<Organization[]> {
  if (revision === split.agreedRevision) return [];
  const inForce = split.agreedRevision == null ? null : context.loaders.splitLines.load(revisionKey(split.id, split.agreedRevision));
  const [lines, approvals, agreedLines] = await Promise.all([
    context.loaders.splitLines.load(revisionKey(split.id, revision)),
    context.loaders.splitApprovals.load(revisionKey(split.id, revision)),
    inForce,
  ]);
  const approved = new Set(approvals.map((a) => a.organizationId));
  const pending = approversOf(lines, agreedLines).filter((org) => !approved.has(org));
  return (await context.loaders.organization.loadMany(pending)).filter((o): o is Organization => o instanceof Organization);
}

@Resolver(() => SplitRevision)
export class SplitRevisionResolver {
  @Extensions(maxItems(LIST_BOUNDS.splitLines))
  @FieldResolver(() => [SplitLine], {
    description: "The revision's lines; payouts are set on the revision in force once the split is locked.",
  })
  lines(@Root() revision: SplitRevision, @Ctx() context: Context): Promise<SplitLine[]> {
    return context.loaders.splitLines.load(revisionKey(revision.splitId, revision.revision));
  }

  @Extensions(maxItems(LIST_BOUNDS.splitOrganizations))
  @FieldResolver(() => [SplitApproval])
  approvals(@Root() revision: SplitRevision, @Ctx() context: Context): Promise<SplitApproval[]> {
    return context.loaders.splitApprovals.load(revisionKey(revision.splitId, revision.revision));
  }

  @Extensions(maxItems(LIST_BOUNDS.splitOrganizations))
  @FieldResolver(() => [Organization], {
    description: "Organizations that must still approve this revision; empty for the revision in force.",
  })
  awaitingApprovalFrom(@Root() revision: SplitRevision, @Ctx() context: Context): Promise<Organization[]> {
    return awaitingApproval(revision.split, revision.revision, context);
  }

  @FieldResolver(() => User, { nullable: true })
  proposedBy(@Root() revision: SplitRevision, @Ctx() context: Context): Promise<User | null> | null {
    return revision.proposedById ? context.loaders.user.load(revision.proposedById) : null;
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

  @FieldResolver(() => SuggestedSplit, {
    description: "A proposal pre-filled from the partnership agreements' default revenue splits; pass its lines to proposeSplit.",
  })
  splitDraft(@Root() opportunity: Opportunity, @Ctx() context: Context): Promise<SuggestedSplit> {
    return context.services.splits.draftFromAgreements(opportunity);
  }
}

@Resolver(() => Activity)
export class ActivityPayoutsResolver {
  @Extensions(maxItems(LIST_BOUNDS.splitLines))
  @FieldResolver(() => [SplitLine], {
    nullable: true,
    description: "For DEAL_WON and SPLIT_LOCKED: the locked split's lines with their payouts.",
  })
  async payouts(@Root() activity: Activity, @Ctx() context: Context): Promise<SplitLine[] | null> {
    if (activity.kind !== ActivityKind.DEAL_WON && activity.kind !== ActivityKind.SPLIT_LOCKED) return null;
    const split = await context.loaders.creditSplit.load(activity.opportunityId);
    if (activity.data?.payouts !== true || !split || split.id !== activity.data.splitId || split.agreedRevision == null) return null;
    return context.loaders.splitLines.load(revisionKey(split.id, split.agreedRevision));
  }
}
