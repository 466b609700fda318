import { Field, ID, InputType } from "type-graphql";

@InputType()
export class PublishOutlineInput {
  @Field(() => ID, { description: "The room whose plan to publish." })
  opportunityId!: string;
}

@InputType()
export class SignOutlineInput {
  @Field(() => ID, { description: "The latest version of the room's outline." })
  id!: string;
}
