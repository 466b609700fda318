import DataLoader from "dataloader";
import { Arg, Args, ArgsType, Ctx, Extensions, Field, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { policyOf, writerPolicyOf } from "../../context.js";
import { LIST_BOUNDS, maxItems } from "../../limits/bounds.js";
import { StageChangeFilter } from "../opportunity/opportunity.inputs.js";
import { Opportunity } from "../opportunity/opportunity.entity.js";
import { StageChange } from "../opportunity/opportunity.types.js";
import { Organization } from "../organization/organization.entity.js";
import { ExchangeRate } from "./exchange-rate.entity.js";
import { SetExchangeRateInput, SetReportingCurrencyInput, SetStageWeightsInput } from "./reporting.inputs.js";
import { PartnerPerformance, PipelineFigures, StageChangeConnection, StageWeight } from "./reporting.types.js";

@ArgsType()
class StageChangesArgs {
  @Field(() => StageChangeFilter, { nullable: true })
  filter?: StageChangeFilter | null;

  @Field(() => Int, { nullable: true, description: "1..100, default 20." })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "The `cursor` of the last move of the previous page." })
  after?: string | null;
}

const PERIOD = "YYYY-MM-DD, UTC, included";

/** One stage-history loader per request: one query for every opportunity of a page. */
const histories = new WeakMap<Context, DataLoader<string, StageChange[]>>();

@Resolver()
export class ReportingResolver {
  @Query(() => PipelineFigures, {
    description: `The manager's figures over the caller's organization's own deals: open pipeline per stage (total and weighted), and win rate, stage conversion, median cycle time and per-rep results over the deals closed from \`from\` to \`to\` (${PERIOD}), all in the reporting currency.`,
  })
  pipelineFigures(
    @Arg("from", () => String) from: string,
    @Arg("to", () => String) to: string,
    @Ctx() context: Context,
  ): Promise<PipelineFigures> {
    return context.services.reporting.pipelineFigures(policyOf(context), from, to);
  }

  @Extensions(maxItems(LIST_BOUNDS.perOrganizationSettings))
  @Query(() => [PartnerPerformance], {
    description: `Per signed partner firm of the caller's organization: deals it sourced or influenced among the organization's own deals closed from \`from\` to \`to\` (${PERIOD}), with and without it.`,
  })
  partnerPerformance(
    @Arg("from", () => String) from: string,
    @Arg("to", () => String) to: string,
    @Ctx() context: Context,
  ): Promise<PartnerPerformance[]> {
    return context.services.reporting.partnerPerformance(policyOf(context), from, to);
  }

  @Query(() => StageChangeConnection, {
    description:
      "Stage moves of every opportunity the caller can see, newest first, with the filter of dealStageChanged. Its cursors are those of dealStageChanged: subscribe with `after` = the newest one to go on live.",
  })
  stageChanges(@Args(() => StageChangesArgs) args: StageChangesArgs, @Ctx() context: Context): Promise<StageChangeConnection> {
    return context.services.reporting.stageChanges(policyOf(context), args);
  }

  @Extensions(maxItems(LIST_BOUNDS.perOrganizationSettings))
  @Query(() => [ExchangeRate], { description: "The caller's organization's exchange rates, by currency and newest first." })
  exchangeRates(@Ctx() context: Context): Promise<ExchangeRate[]> {
    return context.services.reportingSettings.exchangeRates(policyOf(context));
  }

  @Extensions(maxItems(6))
  @Query(() => [StageWeight], { description: "The caller's organization's weight for each stage." })
  stageWeights(@Ctx() context: Context): Promise<StageWeight[]> {
    return context.services.reportingSettings.stageWeights(policyOf(context).viewer.organizationId);
  }

  @Mutation(() => Organization, { description: "Sets the caller's organization's reporting currency (managers and admins)." })
  setReportingCurrency(
    @Arg("input", () => SetReportingCurrencyInput) input: SetReportingCurrencyInput,
    @Ctx() context: Context,
  ): Promise<Organization> {
    return context.services.reportingSettings.setReportingCurrency(writerPolicyOf(context), input);
  }

  @Mutation(() => ExchangeRate, {
    description: "Sets a rate into the reporting currency from a day on (admins); the same pair and day again replaces it.",
  })
  setExchangeRate(@Arg("input", () => SetExchangeRateInput) input: SetExchangeRateInput, @Ctx() context: Context): Promise<ExchangeRate> {
    return context.services.reportingSettings.setExchangeRate(writerPolicyOf(context), input);
  }

  @Extensions(maxItems(6))
  @Mutation(() => [StageWeight], { description: "Sets the weight of open stages in the weighted pipeline (managers and admins)." })
  setStageWeights(@Arg("input", () => SetStageWeightsInput) input: SetStageWeightsInput, @Ctx() context: Context): Promise<StageWeight[]> {
    return context.services.reportingSettings.setStageWeights(writerPolicyOf(context), input);
  }
}

@Resolver(() => Opportunity)
export class OpportunityStageHistoryResolver {
  @Extensions(maxItems(LIST_BOUNDS.perRoom))
  @FieldResolver(() => [StageChange], {
    description: "Every stage the deal was in, oldest first: its opening (no fromStage), then each move.",
  })
  stageHistory(@Root() opportunity: Opportunity, @Ctx() context: Context): Promise<StageChange[]> {
    let loader = histories.get(context);
    if (!loader) histories.set(context, (loader = new DataLoader((ids) => context.services.reporting.stageHistories(ids))));
    return loader.load(opportunity.id);
  }
}
