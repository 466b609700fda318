import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { writerPolicyOf } from "../../context.js";
import { notFound } from "../../errors.js";
import { idOf } from "../../ids.js";
import { User } from "../user/user.entity.js";
import { Activity } from "./activity.entity.js";
import { LogActivityInput } from "./activity.inputs.js";

@Resolver(() => Activity)
export class ActivityResolver {
  @Mutation(() => Activity, { description: "Logs a note, call, meeting, email, help request or result to the room." })
  logActivity(@Arg("input", () => LogActivityInput) input: LogActivityInput, @Ctx() context: Context): Promise<Activity> {
    const opportunityId = idOf("Opportunity", input.opportunityId);
    if (!opportunityId) throw notFound("Opportunity");
    return context.services.activities.log(writerPolicyOf(context), { ...input, opportunityId });
  }

  @FieldResolver(() => User, { nullable: true, description: "Who did it; null for the system or an API token." })
  actor(@Root() activity: Activity, @Ctx() context: Context): Promise<User | null> | null {
    return activity.actorId ? context.loaders.user.load(activity.actorId) : null;
  }
}
