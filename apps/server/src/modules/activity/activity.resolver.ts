import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import type { SubscribeResolverData } from "type-graphql";
import type { Context } from "../../context.js";
import { policyOf, writerPolicyOf } from "../../context.js";
import { notFound } from "../../errors.js";
import type { RoomFeedItem } from "../../realtime/room-feed.js";
import { rowIdOf } from "../../ids.js";
import { User } from "../user/user.entity.js";
import { Organization } from "../organization/organization.entity.js";
import { Activity, AuditVerification } from "./activity.entity.js";
import { LogActivityInput, RoomActivityArgs } from "./activity.inputs.js";
import { writtenWithOf } from "./room-message.js";

@Resolver(() => Activity)
export class ActivityResolver {
  @Mutation(() => Activity, { description: "Logs a note, call, meeting, email, help request or result to the room." })
  logActivity(@Arg("input", () => LogActivityInput) input: LogActivityInput, @Ctx() context: Context): Promise<Activity> {
    const opportunityId = rowIdOf("Opportunity", input.opportunityId, "Opportunity");
    return context.services.activities.log(writerPolicyOf(context), { ...input, opportunityId });
  }

  @Subscription(() => Activity, {
    description:
      "The room's activities as they happen. With `after` (the last cursor seen), first everything newer from the log: no gap, no duplicate, `seq` strictly increasing. Ends with NOT_FOUND when the subscriber loses access.",
    subscribe: ({ args, context }: SubscribeResolverData<unknown, RoomActivityArgs, Context>) =>
      context.services.activityFeed.follow(policyOf(context), args.opportunityId, args.after),
  })
  roomActivity(@Root() item: RoomFeedItem<Activity>, @Args(() => RoomActivityArgs) _args: RoomActivityArgs): Activity {
    return roomActivityPayload(item);
  }

  @Query(() => AuditVerification, {
    description: "Recomputes the room's tamper-evident hash chain: `ok: false` with the first altered, removed or moved entry's seq.",
  })
  async verifyAuditTrail(@Arg("opportunityId", () => ID) globalId: string, @Ctx() context: Context): Promise<AuditVerification> {
    const opportunityId = await policyOf(context).readableOpportunityId(globalId);
    return context.services.activities.verifyChain(opportunityId);
  }

  @FieldResolver(() => Organization, {
    description: "The organization it was written for: the actor's, the API token's, or for system entries the opportunity's.",
  })
  actorOrganization(@Root() activity: Activity, @Ctx() context: Context): Organization | Promise<Organization | null> {
    return writtenWithOf(activity)?.actorOrganization ?? context.loaders.organization.load(activity.actorOrganizationId);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who did it; null for the system or an API token." })
  actor(@Root() activity: Activity, @Ctx() context: Context): User | Promise<User | null> | null {
    if (!activity.actorId) return null;
    return writtenWithOf(activity)?.actor ?? context.loaders.user.load(activity.actorId);
  }
}

/**
 * A `roomActivity` event as its payload: the entry, or NOT_FOUND once the subscriber lost access.
 * A live entry carries the actor and its organization as the statement that wrote it read them
 * (`writtenWithOf`), which `actor` and `actorOrganization` answer with: no query, loader or promise
 * per event.
 */
export function roomActivityPayload(item: RoomFeedItem<Activity>): Activity {
  if (item.kind === "accessEnded") throw notFound("Opportunity");
  return item.entry;
}
