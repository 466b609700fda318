import { HelpRequestStatus } from "@cosell/schema";
import { Extensions, Field, ObjectType } from "type-graphql";
import { Activity } from "../activity/activity.entity.js";
import { LIST_BOUNDS, maxItems } from "../../limits/bounds.js";

@ObjectType({ description: "A member's HELP_REQUEST and the answers other members gave to it." })
export class HelpRequest {
  @Field(() => Activity)
  request!: Activity;

  @Extensions(maxItems(LIST_BOUNDS.perRoom))
  @Field(() => [Activity], { description: "HELP_ANSWER activities, oldest first." })
  answers!: Activity[];

  @Field(() => HelpRequestStatus, { description: "ANSWERED once anyone has answered." })
  status!: HelpRequestStatus;
}
