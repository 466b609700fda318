import { COMMITMENT_DECLINE_REASON_MAX, COMMITMENT_TITLE_MAX, NOT_BLANK } from "@cosell/schema";
import { IsISO8601, IsOptional, Length, Matches } from "class-validator";
import { Field, ID, InputType } from "type-graphql";

/** Date, time (seconds and fraction optional) and a zone: `Z` or `±hh:mm` (RFC 3339). */
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

@InputType()
export class AddCommitmentInput {
  @Field(() => ID)
  opportunityId!: string;

  @Field(() => ID, { description: "A member of the room." })
  assigneeId!: string;

  @Field(() => String)
  @Length(1, COMMITMENT_TITLE_MAX, { message: `must be 1 to ${COMMITMENT_TITLE_MAX} characters` })
  @Matches(NOT_BLANK, { message: "must not be empty" })
  title!: string;

  @Field(() => String, {
    description: "ISO 8601 time in the future with Z or an offset, e.g. 2027-01-15T17:00:00Z or 2027-01-15T18:00:00+01:00.",
  })
  @IsISO8601({ strict: true }, { message: "must be an ISO 8601 time such as 2027-01-15T17:00:00Z" })
  // A time without a zone means a different instant on every machine that reads it.
  @Matches(ZONED_TIME, { message: "must be an ISO 8601 time with Z or an offset, such as 2027-01-15T17:00:00Z" })
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
