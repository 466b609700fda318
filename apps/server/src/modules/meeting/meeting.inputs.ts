import { LIST_BOUNDS } from "../../limits/bounds.js";
import { MEETING_AGENDA_MAX, MEETING_DURATION_MAX, MEETING_DURATION_MIN, NOT_BLANK, zonedTimeProblem } from "@cosell/schema";
import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Length, Matches, Max, Min } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { ValidateString } from "../../validation.js";

const DURATION_MESSAGE = `must be a whole number of minutes from ${MEETING_DURATION_MIN} to ${MEETING_DURATION_MAX}`;

@InputType()
export class ScheduleMeetingInput {
  @Field(() => ID)
  opportunityId!: string;

  @Field(() => String, {
    description: "ISO 8601 time in the future with Z or an offset, e.g. 2027-01-15T16:00:00Z; stored and sent in UTC.",
  })
  @ValidateString("zonedTime", zonedTimeProblem)
  startsAt!: string;

  @Field(() => Int, { description: `Length in minutes, ${MEETING_DURATION_MIN} to ${MEETING_DURATION_MAX}.` })
  @IsInt({ message: DURATION_MESSAGE })
  @Min(MEETING_DURATION_MIN, { message: DURATION_MESSAGE })
  @Max(MEETING_DURATION_MAX, { message: DURATION_MESSAGE })
  durationMinutes!: number;

  @Field(() => [ID], { description: "People to invite: each a member of the room (at least one)." })
  @ArrayMinSize(1, { message: "must name at least one member of the room" })
  @ArrayMaxSize(LIST_BOUNDS.roomMembers, { message: `must name at most ${LIST_BOUNDS.roomMembers} people` })
  attendeeIds!: string[];

  @Field(() => String, { description: `What the meeting is for, 1 to ${MEETING_AGENDA_MAX} characters; goes into the invitation.` })
  @Length(1, MEETING_AGENDA_MAX, { message: `must be 1 to ${MEETING_AGENDA_MAX} characters` })
  @Matches(NOT_BLANK, { message: "must not be empty" })
  agenda!: string;
}

@InputType()
export class RescheduleMeetingInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "The new start: ISO 8601 time in the future with Z or an offset." })
  @ValidateString("zonedTime", zonedTimeProblem)
  startsAt!: string;

  @Field(() => Int, { nullable: true, description: "The new length in minutes; unchanged when left out." })
  @IsOptional()
  @IsInt({ message: DURATION_MESSAGE })
  @Min(MEETING_DURATION_MIN, { message: DURATION_MESSAGE })
  @Max(MEETING_DURATION_MAX, { message: DURATION_MESSAGE })
  durationMinutes?: number | null;
}

@InputType()
export class CancelMeetingInput {
  @Field(() => ID)
  id!: string;
}
