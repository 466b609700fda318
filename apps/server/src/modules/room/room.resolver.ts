import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { Context } from "../../context.js";
import { writerPolicyOf } from "../../context.js";
import { Opportunity } from "../opportunity/opportunity.entity.js";
import { RoomMember } from "./room-member.entity.js";
import { AddRoomMemberInput, RemoveRoomMemberInput } from "./room.inputs.js";

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
}
