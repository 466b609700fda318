import { Extensions, Field, ID, ObjectType } from "type-graphql";
import { User } from "../user/user.entity.js";
import { LIST_BOUNDS, maxItems } from "../../limits/bounds.js";

@ObjectType({ description: "Who has the room open right now (as far as the subscriber may see), sent on every change." })
export class PresenceEvent {
  @Field(() => ID)
  opportunityId!: string;

  @Extensions(maxItems(LIST_BOUNDS.presence))
  @Field(() => [User], { description: `The people present, at most ${LIST_BOUNDS.presence}.` })
  users!: User[];

  @Field(() => String, { description: "ISO 8601 time of this snapshot." })
  at!: string;
}
