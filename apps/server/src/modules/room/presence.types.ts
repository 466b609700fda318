import { Field, ID, ObjectType } from "type-graphql";
import { User } from "../user/user.entity.js";

@ObjectType({ description: "Who has the room open right now (as far as the subscriber may see), sent on every change." })
export class PresenceEvent {
  @Field(() => ID)
  opportunityId!: string;

  @Field(() => [User])
  users!: User[];

  @Field(() => String, { description: "ISO 8601 time of this snapshot." })
  at!: string;
}
