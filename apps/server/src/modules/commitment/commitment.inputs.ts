import { COMMITMENT_DECLINE_REASON_MAX } from "@cosell/schema";
import { IsISO8601, IsOptional, Length, Matches } from "class-validator";
import { Field, ID, InputType } from "type-graphql";

@InputType()
export class AddCommitmentInput {
  @Field(() => ID)
  opportunityId!: string;

  @Field(() => ID, { description: "A member of the room." })
  assigneeId!: string;

  @Field(() => String)
  @Length(1, 500, { message: "must be 1 to 500 characters" })
  @Matches(/\S/, { message: "must not be empty" })
  title!: string;

  @Field(() => String, { description: "ISO 8601 time in the future, e.g. 2027-01-15T17:00:00Z." })
  @IsISO8601({ strict: true }, { message: "must be an ISO 8601 time such as 2027-01-15T17:00:00Z" })
  dueAt!: string;
}

@InputType()
export class CompleteCommitmentInput {
  @Field(() => ID)
  id!: string;
}

@InputType()
export class CancelCommitmentInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 2000, { message: "must be at most 2000 characters" })
  reason?: string | null;
}

@InputType()
export class AcceptCommitmentInput {
  @Field(() => ID, { description: "A PROPOSED commitment." })
  id!: string;
}

@InputType()
export class DeclineCommitmentInput {
  @Field(() => ID, { description: "A PROPOSED commitment." })
  id!: string;

  @Field(() => String, { description: `Why, for the room's log: required, at most ${COMMITMENT_DECLINE_REASON_MAX} characters.` })
  @Length(1, COMMITMENT_DECLINE_REASON_MAX, { message: `must be 1 to ${COMMITMENT_DECLINE_REASON_MAX} characters` })
  @Matches(/\S/, { message: "must not be empty" })
  reason!: string;
}
