import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { Context } from "../../context.js";
import { policyOf } from "../../context.js";
import { DomainError, ErrorCode, notFound } from "../../errors.js";
import { fromGlobalId } from "../../ids.js";
import { Activity } from "../activity/activity.entity.js";
import { Node } from "./node.type.js";

@Resolver()
export class NodeResolver {
  @Query(() => Node, { description: "Any object by its global id; NOT_FOUND for what the caller may not see." })
  async node(@Arg("id", () => ID) id: string, @Ctx() context: Context): Promise<Node> {
    // One answer for every id the caller may not see, whatever its type or reason.
    const found = await this.find(id, context).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === ErrorCode.NOT_FOUND) return null;
      throw error;
    });
    if (!found) throw notFound();
    return found;
  }

  private async find(id: string, context: Context): Promise<Node | null> {
    const policy = policyOf(context);
    const parsed = fromGlobalId(id);
    if (!parsed) return null;
    const { services, loaders } = context;
    switch (parsed.type) {
      case "Opportunity":
        return services.opportunities.get(policy, id);
      case "Organization": {
        const organization = await loaders.organization.load(parsed.id);
        if (organization) return organization;
        break;
      }
      case "User": {
        const user = await loaders.user.load(parsed.id);
        if (user && (await policy.canReadUser(user.id, user.organizationId))) return user;
        break;
      }
      case "Account": {
        const account = await loaders.account.load(parsed.id);
        if (account && (await policy.canReadAccount(account.id, account.organizationId))) return account;
        break;
      }
      case "Activity": {
        const activity = await services.dataSource.manager.findOneBy(Activity, { id: parsed.id });
        if (activity && (await policy.canReadOpportunity(activity.opportunityId))) return activity;
        break;
      }
      case "Partnership":
        return services.partnerships.get(policy, id);
      case "Commitment":
        return services.commitments.get(policy, id);
      case "CreditSplit":
        return services.splits.get(policy, id);
      case "DealRegistration":
        return services.registrations.get(policy, id);
      case "CoSellRequest":
        return services.coSell.get(policy, id);
      case "Meeting":
        return services.meetings.get(policy, id);
      case "Outline":
        return services.outlines.get(policy, id);
    }
    return null;
  }
}
