import { DealStage } from "@cosell/schema";
import { Extensions, Field, Float, Int, ObjectType } from "type-graphql";
import { PAGE_SIZED, maxItems } from "../../limits/bounds.js";
import { PageInfo } from "../../paging.js";
import { Money } from "../opportunity/money.js";
import { StageChange } from "../opportunity/opportunity.types.js";
import { Organization } from "../organization/organization.entity.js";
import { User } from "../user/user.entity.js";
import { ExchangeRate } from "./exchange-rate.entity.js";

/** At most this many currencies are listed apart in a figure (estimate: a firm deals in a handful). */
const CURRENCIES = 20;
/** Rates one figure applies: one per currency and day; estimate. */
const RATES = 20;
/** Reps with deals in one organization's figures: estimate. */
const LIST_ESTIMATE_REPS = 50;

@ObjectType({ description: "The weight of a stage in the weighted pipeline." })
export class StageWeight {
  @Field(() => DealStage)
  stage!: DealStage;

  @Field(() => Int, { description: "Whole percent 0..100." })
  percent!: number;

  @Field(() => Boolean, { description: "Whether the organization set it (false: the default)." })
  custom!: boolean;
}

@ObjectType({ description: "One open stage of the pipeline, in the reporting currency at today's rates." })
export class StageFigure {
  @Field(() => DealStage)
  stage!: DealStage;

  @Field(() => Int, { description: "Whole percent of the total the weighted pipeline counts." })
  weight!: number;

  @Field(() => Int, { description: "Open deals at this stage." })
  deals!: number;

  @Field(() => Money, { description: "Their amounts converted at today's rates (those with a rate)." })
  total!: Money;

  @Field(() => Money, { description: "`total` × `weight`, each deal rounded half-even to the minor unit." })
  weighted!: Money;

  @Extensions(maxItems(CURRENCIES))
  @Field(() => [Money], { description: "Amounts of deals with no rate for today, per currency: not in `total`." })
  unconverted!: Money[];
}

@ObjectType({ description: "How many deals that entered a stage in the period went on to the next one." })
export class StageConversion {
  @Field(() => DealStage)
  fromStage!: DealStage;

  @Field(() => DealStage, { description: "The next stage (CLOSED_WON after NEGOTIATION)." })
  toStage!: DealStage;

  @Field(() => Int, { description: "Deals that entered `fromStage` in the period (created there or moved into it)." })
  entered!: number;

  @Field(() => Int, { description: "Of those, deals that later reached `toStage` or any stage past it (not CLOSED_LOST)." })
  advanced!: number;

  @Field(() => Float, { nullable: true, description: "advanced / entered, 0..1; null when none entered." })
  rate!: number | null;
}

@ObjectType({ description: "One rep's open pipeline and results in the period (deals they own)." })
export class RepFigure {
  @Field(() => User)
  rep!: User;

  @Field(() => Int)
  openDeals!: number;

  @Field(() => Money, { description: "Open pipeline at today's rates." })
  pipeline!: Money;

  @Field(() => Money, { description: "Open pipeline weighted by stage." })
  weighted!: Money;

  @Field(() => Int, { description: "Deals won in the period." })
  won!: number;

  @Field(() => Int, { description: "Deals lost in the period." })
  lost!: number;

  @Field(() => Float, { nullable: true, description: "won / (won + lost); null when none closed." })
  winRate!: number | null;

  @Field(() => Money, { description: "Won in the period, each deal at the rate of its close date." })
  wonAmount!: Money;

  @Extensions(maxItems(CURRENCIES))
  @Field(() => [Money], { description: "Amounts (open or won) with no rate on their date, per currency: not in the totals." })
  unconverted!: Money[];
}

@ObjectType({
  description:
    "A manager's figures over the caller's organization's own deals: the open pipeline today, and what closed in the period. Every amount is in the reporting currency; open deals convert at today's rate, closed ones at the rate of their close date; what has no rate is listed apart.",
})
export class PipelineFigures {
  @Field(() => String)
  reportingCurrency!: string;

  @Field(() => String, { description: "YYYY-MM-DD (UTC): the day open deals were converted at." })
  asOf!: string;

  @Field(() => String)
  from!: string;

  @Field(() => String)
  to!: string;

  @Extensions(maxItems(4))
  @Field(() => [StageFigure], { description: "The open stages in order." })
  stages!: StageFigure[];

  @Field(() => Money, { description: "The whole open pipeline." })
  total!: Money;

  @Field(() => Money)
  weighted!: Money;

  @Extensions(maxItems(CURRENCIES))
  @Field(() => [Money], { description: "Open amounts with no rate for today, per currency." })
  unconverted!: Money[];

  @Field(() => Int, { description: "Deals won in the period." })
  won!: number;

  @Field(() => Int, { description: "Deals lost in the period." })
  lost!: number;

  @Field(() => Float, { nullable: true, description: "won / (won + lost); null when none closed in the period." })
  winRate!: number | null;

  @Field(() => Money, { description: "Won in the period, each at the rate of its close date." })
  wonAmount!: Money;

  @Extensions(maxItems(CURRENCIES))
  @Field(() => [Money], { description: "Won amounts with no rate on their close date, per currency." })
  wonUnconverted!: Money[];

  @Field(() => Float, { nullable: true, description: "Median days from creation to CLOSED_WON of the deals won in the period." })
  medianDaysToClose!: number | null;

  @Extensions(maxItems(4))
  @Field(() => [StageConversion])
  conversions!: StageConversion[];

  @Extensions(maxItems(LIST_ESTIMATE_REPS))
  @Field(() => [RepFigure], { description: "Per owner rep with open deals or deals closed in the period." })
  reps!: RepFigure[];

  @Extensions(maxItems(RATES))
  @Field(() => [ExchangeRate], { description: "Every rate these figures applied." })
  ratesUsed!: ExchangeRate[];
}

@ObjectType({
  description:
    "What one partner firm was worth on the caller's organization's deals closed in the period, from the record: deals it sourced (registered) or influenced (took part in), and the same figures without it.",
})
export class PartnerPerformance {
  @Field(() => Organization, { description: "The partner firm." })
  organization!: Organization;

  @Field(() => Int, { description: "Closed deals it sourced: its approved deal registration became the opportunity." })
  sourcedDeals!: number;

  @Field(() => Int, {
    description: "Closed deals it did not source but took part in: a member, an activity or a commitment of its people.",
  })
  influencedDeals!: number;

  @Field(() => Int, { description: "Of its sourced and influenced deals, the ones won." })
  wonDeals!: number;

  @Field(() => Money, {
    nullable: true,
    description:
      "Won amount of its deals in the reporting currency, each at the rate of its close date (amounts without a rate: `wonUnconverted`).",
  })
  wonAmount!: Money | null;

  @Extensions(maxItems(CURRENCIES))
  @Field(() => [Money], { description: "Won amounts with no rate on their close date, per currency: not in `wonAmount`." })
  wonUnconverted!: Money[];

  @Extensions(maxItems(RATES))
  @Field(() => [ExchangeRate], { description: "The rates `wonAmount` applied." })
  ratesUsed!: ExchangeRate[];

  @Field(() => Float, { nullable: true, description: "Won / closed among its deals; null when none closed." })
  winRate!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "Won / closed among the period's other deals (without this partner); null when none.",
  })
  winRateWithout!: number | null;

  @Field(() => Float, { nullable: true, description: "Median days from creation to CLOSED_WON of its won deals." })
  medianDaysToClose!: number | null;

  @Field(() => Float, { nullable: true, description: "The same over the won deals without it." })
  medianDaysToCloseWithout!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "Its people's commitments on the caller's organization's deals due in the period: done on time / (done + missed); null when none was due.",
  })
  onTimeRate!: number | null;
}

@ObjectType()
export class StageChangeEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => StageChange)
  node!: StageChange;
}

@ObjectType()
export class StageChangeConnection {
  @Extensions(maxItems(PAGE_SIZED))
  @Field(() => [StageChangeEdge])
  edges!: StageChangeEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
