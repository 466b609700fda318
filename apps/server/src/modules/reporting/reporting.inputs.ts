import { CURRENCY_MESSAGE, CURRENCY_PATTERN, DealStage, closeDateProblem, rateProblem } from "@cosell/schema";
import { ArrayMaxSize, ArrayMinSize, IsOptional, Matches, Max, Min, ValidateNested } from "class-validator";
import { Field, InputType, Int } from "type-graphql";
import { ValidateString } from "../../validation.js";

@InputType()
export class SetReportingCurrencyInput {
  @Field(() => String, { description: "ISO 4217 code every figure is reported in, e.g. EUR." })
  @Matches(CURRENCY_PATTERN, { message: CURRENCY_MESSAGE })
  currency!: string;
}

@InputType()
export class SetExchangeRateInput {
  @Field(() => String, { description: "ISO 4217 code converted from." })
  @Matches(CURRENCY_PATTERN, { message: CURRENCY_MESSAGE })
  fromCurrency!: string;

  @Field(() => String, {
    nullable: true,
    description: "ISO 4217 code converted to; must be the organization's reporting currency (the default when left out).",
  })
  @IsOptional()
  @Matches(CURRENCY_PATTERN, { message: CURRENCY_MESSAGE })
  toCurrency?: string | null;

  @Field(() => String, { description: 'Units of toCurrency for one unit of fromCurrency: a positive decimal string such as "0.9215".' })
  @ValidateString("isRate", rateProblem)
  rate!: string;

  @Field(() => String, {
    description: "YYYY-MM-DD: the first day (UTC) the rate applies. Setting the same pair and day again replaces it.",
  })
  @ValidateString("isDate", closeDateProblem)
  validFrom!: string;
}

@InputType()
export class StageWeightInput {
  @Field(() => DealStage, { description: "An open stage (won deals always count 100%, lost ones 0%)." })
  stage!: DealStage;

  @Field(() => Int, { description: "Whole percent 0..100 of the stage's amount the weighted pipeline counts." })
  @Min(0, { message: "must be from 0 to 100" })
  @Max(100, { message: "must be from 0 to 100" })
  percent!: number;
}

@InputType()
export class SetStageWeightsInput {
  @Field(() => [StageWeightInput], { description: "Stages to set; stages left out keep their weight." })
  @ArrayMinSize(1, { message: "must name at least one stage" })
  @ArrayMaxSize(4, { message: "must name each open stage at most once" })
  @ValidateNested({ each: true })
  weights!: StageWeightInput[];
}
