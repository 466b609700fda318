import "reflect-metadata";
import { registerEnumType, buildSchema } from "type-graphql";
import type { PubSub } from "type-graphql";
import type { GraphQLSchema } from "graphql";
import { AccessLevel, ActivityKind, DealStage, OrganizationKind, OrgRole, PartnershipStatus, RoomRole } from "@cosell/schema";
import { AccountResolver } from "../modules/account/account.resolver.js";
import { ActivityResolver } from "../modules/activity/activity.resolver.js";
import { NodeResolver } from "../modules/node/node.resolver.js";
import { OpportunityResolver, RoomMemberResolver } from "../modules/opportunity/opportunity.resolver.js";
import { OrganizationResolver } from "../modules/organization/organization.resolver.js";
import { PartnershipResolver } from "../modules/partnership/partnership.resolver.js";
import { RoomResolver } from "../modules/room/room.resolver.js";
import { UserResolver } from "../modules/user/user.resolver.js";

registerEnumType(DealStage, { name: "DealStage", description: "PROSPECTING → QUALIFICATION → PROPOSAL → NEGOTIATION → CLOSED_WON / CLOSED_LOST" });
registerEnumType(OrgRole, { name: "OrgRole" });
registerEnumType(OrganizationKind, { name: "OrganizationKind" });
registerEnumType(RoomRole, { name: "RoomRole" });
registerEnumType(AccessLevel, { name: "AccessLevel" });
registerEnumType(ActivityKind, { name: "ActivityKind" });
registerEnumType(PartnershipStatus, { name: "PartnershipStatus" });

export const RESOLVERS = [
  NodeResolver,
  UserResolver,
  OrganizationResolver,
  AccountResolver,
  OpportunityResolver,
  RoomMemberResolver,
  RoomResolver,
  ActivityResolver,
  PartnershipResolver,
] as const;

/**
 * type-graphql wants a PubSub, but every cosell subscription brings its own stream
 * (`@Subscription({ subscribe })`, see src/realtime/): nothing may use this one.
 */
const NO_PUBSUB: PubSub = {
  publish() {
    throw new Error("publish through the EventBus (src/realtime/bus.ts)");
  },
  subscribe() {
    throw new Error("subscriptions use their own feeds (src/realtime/)");
  },
};

let built: Promise<GraphQLSchema> | undefined;

/** The executable schema, built once per process. */
export function cosellSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: RESOLVERS,
    pubSub: NO_PUBSUB,
    validate: { forbidUnknownValues: false },
  });
  return built;
}
