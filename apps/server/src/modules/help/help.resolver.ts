import { Arg, Ctx, Extensions, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { writerPolicyOf } from "../../context.js";
import { Activity } from "../activity/activity.entity.js";
import { Opportunity } from "../opportunity/opportunity.entity.js";
import { AnswerHelpRequestInput, HelpRequestFilter } from "./help.inputs.js";
import { HelpRequest } from "./help.types.js";
import { LIST_BOUNDS, maxItems } from "../../limits/bounds.js";

@Resolver(() => Activity)
export class HelpResolver {
  @Mutation(() => Activity, {
    description: "Answers another member's HELP_REQUEST; the answer is a HELP_ANSWER activity linked to it and counts as help given.",
  })
  answerHelpRequest(@Arg("input", () => AnswerHelpRequestInput) input: AnswerHelpRequestInput, @Ctx() context: Context): Promise<Activity> {
    return context.services.help.answer(writerPolicyOf(context), input);
  }

  @FieldResolver(() => Activity, { nullable: true, description: "For a HELP_ANSWER: the help request it answers." })
  inReplyTo(@Root() activity: Activity, @Ctx() context: Context): Promise<Activity | null> | null {
    return context.services.help.requestOf(activity);
  }
}

@Resolver(() => Opportunity)
export class OpportunityHelpResolver {
  @Extensions(maxItems(LIST_BOUNDS.perRoom))
  @FieldResolver(() => [HelpRequest], { description: "The room's help requests with their answers, oldest first." })
  helpRequests(
    @Root() opportunity: Opportunity,
    @Arg("filter", () => HelpRequestFilter, { nullable: true }) filter: HelpRequestFilter | null,
    @Ctx() context: Context,
  ): Promise<HelpRequest[]> {
    return context.services.help.list(opportunity.id, filter?.status);
  }
}
