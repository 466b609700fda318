import { Arg, Ctx, ID, Mutation, Resolver, Root, Subscription } from "type-graphql";
import type { SubscribeResolverData } from "type-graphql";
import type { Context } from "../../context.js";
import { policyOf, writerPolicyOf } from "../../context.js";
import { notFound } from "../../errors.js";
import type { PresenceFeedItem } from "../../realtime/presence-feed.js";
import type { User } from "../user/user.entity.js";
import { PresenceEvent } from "./presence.types.js";
import { Opportunity } from "../opportunity/opportunity.entity.js";
import { RoomMember } from "./room-member.entity.js";
import { AddRoomMemberInput, RemoveRoomMemberInput } from "./room.inputs.js";
import { LIST_BOUNDS } from "../../limits/bounds.js";

@Resolver()
export class RoomResolver {
  @Mutation(() => RoomMember, { description: "Adds someone to the room, or changes their role and access." })
  addRoomMember(@Arg("input", () => AddRoomMemberInput) input: AddRoomMemberInput, @Ctx() context: Context): Promise<RoomMember> {
    return context.services.rooms.add(writerPolicyOf(context), input);
  }

  @Mutation(() => Opportunity, { description: "Removes someone from the room (or leaves it); returns the opportunity." })
  removeRoomMember(@Arg("input", () => RemoveRoomMemberInput) input: RemoveRoomMemberInput, @Ctx() context: Context): Promise<Opportunity> {
    return context.services.rooms.remove(writerPolicyOf(context), input);
  }

  @Subscription(() => PresenceEvent, {
    description: "Who has the room open now, across every server instance; the subscriber counts as present while subscribed.",
    subscribe: ({ args, context }: SubscribeResolverData<unknown, { opportunityId: string }, Context>) =>
      context.services.presence.follow(policyOf(context), args.opportunityId),
  })
  async roomPresence(
    @Root() item: PresenceFeedItem,
    @Arg("opportunityId", () => ID) opportunityId: string,
    @Ctx() context: Context,
  ): Promise<PresenceEvent> {
    if (item.kind === "accessEnded") throw notFound("Opportunity");
    // A snapshot lists a bounded number of people, so its cost is known before it runs (limits/bounds.ts).
    const users = await context.loaders.user.loadMany([...item.userIds].slice(0, LIST_BOUNDS.presence));
    return { opportunityId, users: users.filter((u): u is User => u !== null && !(u instanceof Error)), at: item.at };
  }
}
