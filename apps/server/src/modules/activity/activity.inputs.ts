import { ActivityKind } from "@cosell/schema";
import { IsOptional, Length } from "class-validator";
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
}

@ArgsType()
export class RoomActivityArgs {
  @Field(() => ID)
  opportunityId!: string;

  @Field(() => String, { nullable: true, description: "The last cursor the client saw: replay everything newer first." })
  after?: string | null;
}
