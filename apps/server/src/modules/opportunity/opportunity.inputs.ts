import { DealStage, NOT_BLANK, TITLE_MAX } from "@cosell/schema";
import { IsOptional, Length, Matches, ValidateNested } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { IsCloseDate } from "./close-date.js";
import { MoneyInput } from "./money.js";

@InputType()
export class CreateOpportunityInput {
  @Field(() => ID)
  accountId!: string;

  @Field(() => String)
  @Length(1, TITLE_MAX, { message: `must be 1 to ${TITLE_MAX} characters` })
  @Matches(NOT_BLANK, { message: "must not be empty" })
  title!: string;

  @Field(() => MoneyInput)
  @ValidateNested()
  amount!: MoneyInput;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD, from 1970-01-01 to 9999-12-31." })
  @IsOptional()
  @IsCloseDate()
  closeDate?: string | null;

  @Field(() => ID, { nullable: true, description: "The owner rep; defaults to the caller (required for API tokens)." })
  ownerId?: string | null;

  @Field(() => DealStage, {
    nullable: true,
    description: "The open stage it starts in (PROSPECTING by default); a deal is closed by moving it, never created closed.",
  })
  stage?: DealStage | null;

  @Field(() => String, { nullable: true, description: "Retries with the same key create once and return the first result." })
  @IsOptional()
  @Length(1, 200, { message: "must be 1 to 200 characters" })
  idempotencyKey?: string | null;
}

@InputType()
export class UpdateOpportunityInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  expectedVersion!: number;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, TITLE_MAX, { message: `must be 1 to ${TITLE_MAX} characters` })
  @Matches(NOT_BLANK, { message: "must not be empty" })
  title?: string | null;

  @Field(() => MoneyInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  amount?: MoneyInput | null;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD, from 1970-01-01 to 9999-12-31." })
  @IsOptional()
  @IsCloseDate()
  closeDate?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "Hands the deal to another rep of its own organization (the owner rep, or a manager or admin there, may do so); the new owner joins the room as OWNER with WRITE access.",
  })
  ownerId?: string | null;
}

@InputType()
export class MoveOpportunityStageInput {
  @Field(() => ID)
  id!: string;

  @Field(() => DealStage)
  stage!: DealStage;

  @Field(() => Int)
  expectedVersion!: number;
}

@InputType()
export class OpportunityFilter {
  @Field(() => [DealStage], { nullable: true })
  stages?: DealStage[] | null;

  @Field(() => ID, { nullable: true })
  accountId?: string | null;

  @Field(() => ID, { nullable: true, description: "Owner organization." })
  organizationId?: string | null;

  @Field(() => String, { nullable: true, description: "Case-insensitive match on the title." })
  @IsOptional()
  @Length(0, 200)
  search?: string | null;
}

@InputType({ description: "Narrows `dealStageChanged`; every condition given must hold." })
export class StageChangeFilter {
  @Field(() => ID, { nullable: true, description: "Only opportunities owned by this organization." })
  organizationId?: string | null;

  @Field(() => MoneyInput, {
    nullable: true,
    description:
      "Only moves of opportunities in this currency worth at least this much when they moved. Amounts are not converted: moves of deals in any other currency are left out.",
  })
  minimumAmount?: MoneyInput | null;

  @Field(() => [DealStage], { nullable: true, description: "Only moves into one of these stages." })
  stages?: DealStage[] | null;
}
