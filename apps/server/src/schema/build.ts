import "reflect-metadata";
import { registerEnumType, buildSchema } from "type-graphql";
import type { GraphQLSchema } from "graphql";
import { AccessLevel, ActivityKind, ApiScope, DealStage, OrganizationKind, OrgRole, PartnershipStatus, RoomRole, WebhookDeliveryStatus, WebhookEvent } from "@cosell/schema";
import { AccountResolver } from "../modules/account/account.resolver.js";
import { ApiTokenResolver } from "../modules/api-token/api-token.resolver.js";
import { ActivityResolver } from "../modules/activity/activity.resolver.js";
import { NodeResolver } from "../modules/node/node.resolver.js";
import { OpportunityResolver, RoomMemberResolver } from "../modules/opportunity/opportunity.resolver.js";
import { OrganizationResolver } from "../modules/organization/organization.resolver.js";
import { PartnershipResolver } from "../modules/partnership/partnership.resolver.js";
import { RoomResolver } from "../modules/room/room.resolver.js";
import { UserResolver } from "../modules/user/user.resolver.js";
import { WebhookResolver } from "../modules/webhook/webhook.resolver.js";

registerEnumType(DealStage, { name: "DealStage", description: "PROSPECTING → QUALIFICATION → PROPOSAL → NEGOTIATION → CLOSED_WON / CLOSED_LOST" });
registerEnumType(OrgRole, { name: "OrgRole" });
registerEnumType(OrganizationKind, { name: "OrganizationKind" });
registerEnumType(RoomRole, { name: "RoomRole" });
registerEnumType(AccessLevel, { name: "AccessLevel" });
registerEnumType(ActivityKind, { name: "ActivityKind" });
registerEnumType(PartnershipStatus, { name: "PartnershipStatus" });
registerEnumType(ApiScope, { name: "ApiScope", description: "READ: query and subscribe. WRITE: also mutate." });
registerEnumType(WebhookEvent, { name: "WebhookEvent" });
registerEnumType(WebhookDeliveryStatus, { name: "WebhookDeliveryStatus" });

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
  ApiTokenResolver,
  WebhookResolver,
] as const;

let built: Promise<GraphQLSchema> | undefined;

/** The executable schema, built once per process. */
export function cosellSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: RESOLVERS,
    validate: { forbidUnknownValues: false },
  });
  return built;
}
