import { ActivityKind, MENTIONS_MAX } from "@cosell/schema";
import { ArrayMaxSize, IsOptional, Length } from "class-validator";
import { ArgsType, Field, ID, InputType } from "type-graphql";

@InputType()
export class LogActivityInput {
  @Field(() => ID)
  opportunityId!: string;

  @Field(() => ActivityKind, { description: "NOTE, CALL, MEETING, EMAIL, HELP_REQUEST or RESULT." })
  kind!: ActivityKind;

  @Field(() => String)
  @Length(1, 20000, { message: "must be 1 to 20000 characters" })
  body!: string;

  @Field(() => String, { nullable: true, description: "Retries with the same key write once and return the first result." })
  @IsOptional()
  @Length(1, 200, { message: "must be 1 to 200 characters" })
  idempotencyKey?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: `Room members this entry mentions (their user ids, at most ${MENTIONS_MAX}); each is notified (MENTION, or HELP_REQUEST for a help request). Write their names in the body as you like (the web app writes "@Name"). Someone outside the room: BAD_USER_INPUT (field "mentions").`,
  })
  @IsOptional()
  @ArrayMaxSize(MENTIONS_MAX, { message: `must name at most ${MENTIONS_MAX} people` })
  mentions?: string[] | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "HELP_REQUEST only: the firm asked for help; its people in the room are notified. Without it (and without mentions) a help request notifies the whole room.",
  })
  @IsOptional()
  askOrganizationId?: string | null;
}

@ArgsType()
export class RoomActivityArgs {
  @Field(() => ID)
  opportunityId!: string;

  @Field(() => String, { nullable: true, description: "The last cursor the client saw: replay everything newer first." })
  after?: string | null;
}
