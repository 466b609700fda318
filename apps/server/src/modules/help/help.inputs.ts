import { HelpRequestStatus } from "@cosell/schema";
import { Length } from "class-validator";
import { Field, ID, InputType } from "type-graphql";

@InputType()
export class AnswerHelpRequestInput {
  @Field(() => ID, { description: "The HELP_REQUEST activity being answered." })
  requestId!: string;

  @Field(() => String)
  @Length(1, 20000, { message: "must be 1 to 20000 characters" })
  body!: string;
}

@InputType()
export class HelpRequestFilter {
  @Field(() => HelpRequestStatus, { nullable: true, description: "Only open or only answered requests; both when omitted." })
  status?: HelpRequestStatus | null;
}
