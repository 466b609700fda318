import { AccessLevel, RoomRole } from "@cosell/schema";
import { Field, ID, InputType } from "type-graphql";

@InputType()
export class AddRoomMemberInput {
  @Field(() => ID)
  opportunityId!: string;

  @Field(() => ID)
  userId!: string;

  @Field(() => RoomRole)
  role!: RoomRole;

  @Field(() => AccessLevel)
  access!: AccessLevel;
}

@InputType()
export class RemoveRoomMemberInput {
  @Field(() => ID)
  opportunityId!: string;

  @Field(() => ID)
  userId!: string;
}
