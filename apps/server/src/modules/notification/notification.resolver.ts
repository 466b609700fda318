import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import type { SubscribeResolverData } from "type-graphql";
import type { Context } from "../../context.js";
import { policyOf } from "../../context.js";
import { Opportunity } from "../opportunity/opportunity.entity.js";
import { User } from "../user/user.entity.js";
import { MarkNotificationsReadInput, NotificationsArgs, UpdateNotificationSettingsInput } from "./notification.inputs.js";
import { MarkNotificationsReadPayload, Notification, NotificationConnection, NotificationSettings } from "./notification.types.js";

/** API tokens have no inbox: every operation here answers FORBIDDEN for them (see `recipientOf`). */
@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationConnection, {
    description: "The signed-in person's notifications, newest first, with the unread count. FORBIDDEN for an API token (no inbox).",
  })
  notifications(@Args(() => NotificationsArgs) args: NotificationsArgs, @Ctx() context: Context): Promise<NotificationConnection> {
    return context.services.notifications.list(policyOf(context), args);
  }

  @Query(() => NotificationSettings, { description: "How the signed-in person wants to be told (the e-mail digest)." })
  notificationSettings(@Ctx() context: Context): Promise<NotificationSettings> {
    return context.services.notifications.settings(policyOf(context));
  }

  @Mutation(() => MarkNotificationsReadPayload, {
    description: "Marks your notifications read: those in `ids` (one that is not yours answers NOT_FOUND and nothing is marked), or `all`.",
  })
  markNotificationsRead(
    @Arg("input", () => MarkNotificationsReadInput) input: MarkNotificationsReadInput,
    @Ctx() context: Context,
  ): Promise<MarkNotificationsReadPayload> {
    return context.services.notifications.markRead(policyOf(context), input);
  }

  @Mutation(() => NotificationSettings, { description: "Turns the daily e-mail digest of unread notifications on or off for you." })
  updateNotificationSettings(
    @Arg("input", () => UpdateNotificationSettingsInput) input: UpdateNotificationSettingsInput,
    @Ctx() context: Context,
  ): Promise<NotificationSettings> {
    return context.services.notifications.updateSettings(policyOf(context), input);
  }

  @Subscription(() => Notification, {
    description:
      "Your new notifications as they are written (after the write commits). After a reconnect, read `notifications(unreadOnly: true)` for what arrived meanwhile.",
    subscribe: ({ context }: SubscribeResolverData<unknown, Record<string, never>, Context>) =>
      context.services.notifications.follow(policyOf(context)),
  })
  notificationAdded(@Root() notification: Notification): Notification {
    return notification;
  }

  @FieldResolver(() => Opportunity, { nullable: true, description: "The deal it is about, while you may still read it; else null." })
  async opportunity(@Root() notification: Notification, @Ctx() context: Context): Promise<Opportunity | null> {
    const id = notification.opportunityRowId;
    if (!id || !(await policyOf(context).canReadOpportunity(id))) return null;
    return context.loaders.opportunity.load(id);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who caused it; null for the system or an API token." })
  actor(@Root() notification: Notification, @Ctx() context: Context): Promise<User | null> | null {
    return notification.actorRowId ? context.loaders.user.load(notification.actorRowId) : null;
  }
}
