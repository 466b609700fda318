import { ArrayMaxSize, IsOptional } from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { MARK_READ_MAX } from "./notification.types.js";

@ArgsType()
export class NotificationsArgs {
  @Field(() => Int, { nullable: true, description: "Page size, 1 to 100 (default 20)." })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "The `cursor` of the last edge you have: the next (older) page." })
  after?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Only unread ones." })
  unreadOnly?: boolean | null;
}

@InputType()
export class MarkNotificationsReadInput {
  @Field(() => [ID], { nullable: true, description: `Your notifications to mark read (at most ${MARK_READ_MAX}).` })
  @IsOptional()
  @ArrayMaxSize(MARK_READ_MAX, { message: `must name at most ${MARK_READ_MAX} notifications` })
  ids?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: "Mark every unread notification of yours read." })
  all?: boolean | null;
}

@InputType()
export class UpdateNotificationSettingsInput {
  @Field(() => Boolean, { nullable: true, description: "Receive the daily e-mail digest of unread notifications." })
  emailDigest?: boolean | null;
}
