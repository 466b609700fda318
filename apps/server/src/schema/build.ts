import "reflect-metadata";
import { getMetadataStorage as validationMetadataStorage, validateOrReject } from "class-validator";
import type { ValidatorOptions } from "class-validator";
import { ArgumentValidationError, buildSchema, getMetadataStorage, registerEnumType } from "type-graphql";
import type { PubSub } from "type-graphql";
import type { GraphQLSchema } from "graphql";
import {
  AccessLevel,
  ActivityKind,
  ApiScope,
  BoardChangeKind,
  CoSellRequestStatus,
  CommitmentStatus,
  DealStage,
  HelpRequestStatus,
  InvitationStatus,
  NotificationKind,
  OrganizationKind,
  OrgRole,
  PartnershipRelationship,
  PartnershipStatus,
  PartnershipTermsStatus,
  RegistrationDecision,
  RegistrationStatus,
  RevealLevel,
  RoomRole,
  SplitStatus,
  SplitType,
  SwotKind,
  WebhookDeliveryStatus,
  WebhookEvent,
} from "@cosell/schema";
import { AccountResolver } from "../modules/account/account.resolver.js";
import { ApiTokenResolver } from "../modules/api-token/api-token.resolver.js";
import { ActivityResolver, roomActivityPayload } from "../modules/activity/activity.resolver.js";
import { AssessmentResolver, OrganizationAssessmentResolver } from "../modules/assessment/assessment.resolver.js";
import {
  CommitmentResolver,
  OpportunityPlanResolver,
  OrganizationReliabilityResolver,
  UserReliabilityResolver,
} from "../modules/commitment/commitment.resolver.js";
import { HelpResolver, OpportunityHelpResolver } from "../modules/help/help.resolver.js";
import { MeetingResolver, OpportunityMeetingsResolver } from "../modules/meeting/meeting.resolver.js";
import { OpportunityOutlineResolver, OutlineResolver, OutlineSignatureResolver } from "../modules/outline/outline.resolver.js";
import {
  AccountMappingResolver,
  CoSellRequestResolver,
  OverlappingAccountResolver,
  PartnershipMappingResolver,
  RevealedDealResolver,
} from "../modules/mapping/mapping.resolver.js";
import { InvitationResolver } from "../modules/invitation/invitation.resolver.js";
import { NodeResolver } from "../modules/node/node.resolver.js";
import { NotificationResolver } from "../modules/notification/notification.resolver.js";
import { OpportunityResolver, RoomMemberResolver } from "../modules/opportunity/opportunity.resolver.js";
import { OrganizationResolver } from "../modules/organization/organization.resolver.js";
import { AgreementSignatureResolver, PartnershipResolver, PartnershipTermsResolver } from "../modules/partnership/partnership.resolver.js";
import { RegistrationAutoApprovalResolver, RegistrationResolver } from "../modules/registration/registration.resolver.js";
import { RoomResolver } from "../modules/room/room.resolver.js";
import {
  ActivityPayoutsResolver,
  OpportunitySplitResolver,
  SplitApprovalResolver,
  SplitLineResolver,
  SplitResolver,
  SplitRevisionResolver,
} from "../modules/split/split.resolver.js";
import { UserResolver } from "../modules/user/user.resolver.js";
import { WebhookResolver } from "../modules/webhook/webhook.resolver.js";
import { resolveWrappedFieldsDirectly, resolverContainer } from "./direct-fields.js";
import { refuseNulInStrings } from "./nul-guard.js";
import type { BoardChange, StageChange } from "../modules/opportunity/opportunity.types.js";
import { OpportunityStageHistoryResolver, ReportingResolver } from "../modules/reporting/reporting.resolver.js";

registerEnumType(DealStage, {
  name: "DealStage",
  description: "PROSPECTING → QUALIFICATION → PROPOSAL → NEGOTIATION → CLOSED_WON / CLOSED_LOST",
});
registerEnumType(OrgRole, { name: "OrgRole" });
registerEnumType(OrganizationKind, { name: "OrganizationKind" });
registerEnumType(RoomRole, { name: "RoomRole" });
registerEnumType(AccessLevel, { name: "AccessLevel" });
registerEnumType(ActivityKind, { name: "ActivityKind" });
registerEnumType(PartnershipStatus, { name: "PartnershipStatus" });
registerEnumType(PartnershipRelationship, {
  name: "PartnershipRelationship",
  description: "REFERRAL: the partner passes leads on; CO_SELL: both firms work the deal; RESELL: the partner resells the offer.",
});
registerEnumType(PartnershipTermsStatus, {
  name: "PartnershipTermsStatus",
  description:
    "PENDING (awaiting both signatures) → IN_FORCE (both signed) → SUPERSEDED (a later revision took effect); REPLACED: changed again before both signed.",
});
registerEnumType(CommitmentStatus, {
  name: "CommitmentStatus",
  description:
    "PROPOSED (assigned to someone else, awaiting their answer) → OPEN (accepted) or DECLINED (with a reason); OPEN → DONE, MISSED (past due while open; can still be delivered late) or CANCELLED",
});
registerEnumType(HelpRequestStatus, { name: "HelpRequestStatus" });
registerEnumType(SplitStatus, { name: "SplitStatus", description: "PROPOSED → AGREED → LOCKED (at CLOSED_WON)" });
registerEnumType(SplitType, { name: "SplitType" });
registerEnumType(SwotKind, { name: "SwotKind" });
registerEnumType(RegistrationStatus, { name: "RegistrationStatus" });
registerEnumType(RegistrationDecision, { name: "RegistrationDecision" });
registerEnumType(ApiScope, { name: "ApiScope", description: "READ: query and subscribe. WRITE: also mutate." });
registerEnumType(WebhookEvent, { name: "WebhookEvent" });
registerEnumType(BoardChangeKind, { name: "BoardChangeKind", description: "What happened to an opportunity on a board." });
registerEnumType(WebhookDeliveryStatus, { name: "WebhookDeliveryStatus" });
registerEnumType(NotificationKind, { name: "NotificationKind" });
registerEnumType(RevealLevel, {
  name: "RevealLevel",
  description: "What one firm shows a partner of an account both have: NONE (counts only), NAME, or DEAL (name, open stage and owner).",
});
registerEnumType(InvitationStatus, {
  name: "InvitationStatus",
  description: "PENDING (the link works until it expires) → ACCEPTED, REVOKED or EXPIRED",
});
registerEnumType(CoSellRequestStatus, { name: "CoSellRequestStatus", description: "PENDING → ACCEPTED (a room opens) or DECLINED" });

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
  PartnershipTermsResolver,
  AgreementSignatureResolver,
  CommitmentResolver,
  OpportunityPlanResolver,
  UserReliabilityResolver,
  OrganizationReliabilityResolver,
  HelpResolver,
  OpportunityHelpResolver,
  SplitResolver,
  SplitRevisionResolver,
  SplitLineResolver,
  SplitApprovalResolver,
  OpportunitySplitResolver,
  ActivityPayoutsResolver,
  AssessmentResolver,
  OrganizationAssessmentResolver,
  RegistrationResolver,
  RegistrationAutoApprovalResolver,
  ApiTokenResolver,
  WebhookResolver,
  NotificationResolver,
  ReportingResolver,
  OpportunityStageHistoryResolver,
  AccountMappingResolver,
  PartnershipMappingResolver,
  OverlappingAccountResolver,
  RevealedDealResolver,
  CoSellRequestResolver,
  InvitationResolver,
  MeetingResolver,
  OpportunityMeetingsResolver,
  OutlineResolver,
  OutlineSignatureResolver,
  OpportunityOutlineResolver,
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

/** One problem per field: an empty title is "must not be empty", not that and "1 to 200 characters" too. */
const VALIDATOR_OPTIONS: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: true, stopAtFirstError: true };

/** Classes with class-validator rules of their own or inherited (no rule: nothing to check, nested values included). */
const hasRules = new WeakMap<object, boolean>();

/**
 * Whether class-validator would check anything on `value`: an object of a class with rules. Args
 * and inputs without any (a subscription's `opportunityId` and cursor, say) would otherwise go
 * through class-validator's metadata lookup and sorting on every resolver call, on every event of
 * a live subscription too.
 */
export function validatable(value: unknown): value is object {
  if (value === null || typeof value !== "object") return false;
  const type = value.constructor;
  if (typeof type !== "function") return false; // Object.create(null): no class, no rules
  let rules = hasRules.get(type);
  if (rules === undefined) {
    rules = validationMetadataStorage().getTargetValidationMetadatas(type, "", false, false).length > 0;
    hasRules.set(type, rules);
  }
  return rules;
}

/**
 * class-validator on every input object, as type-graphql's default does, with one difference: the
 * default loads class-validator with a dynamic `import()` for every argument of every request, which
 * costs a trip through the module loader each time (measured in bench/: a tenth of a mutation's CPU).
 */
async function validateArgument(value: unknown): Promise<void> {
  try {
    if (Array.isArray(value)) await Promise.all(value.filter(validatable).map((item) => validateOrReject(item, VALIDATOR_OPTIONS)));
    else if (validatable(value)) await validateOrReject(value, VALIDATOR_OPTIONS);
  } catch (errors) {
    throw new ArgumentValidationError(errors as ConstructorParameters<typeof ArgumentValidationError>[0]);
  }
}

/**
 * Lets every plain data field (no field resolver, middleware or roles, and named in the schema as
 * its property is) resolve by graphql's default, a property read, which graphql-jit compiles
 * inline: type-graphql otherwise wraps each such field in a resolver of its own (building resolver
 * data and running an empty middleware chain), and compiled execution must then call it, with a
 * resolve info, for every field of every row (bench/: about a tenth of a page of deals). The
 * answer is the same: type-graphql's wrapper reads the same property. Fields that set `simple`
 * themselves keep their choice. Idempotent; call it before `buildSchema`.
 */
export function resolvePlainFieldsDirectly(): void {
  const storage = getMetadataStorage();
  // What type-graphql would wrap around a field: middlewares or roles on it, or on its whole class.
  const guarded = (target: (typeof storage.fields)[number]["target"], name: string) =>
    storage.middlewares.some((it) => it.target === target && it.fieldName === name) ||
    storage.authorizedFields.some((it) => it.target === target && it.fieldName === name) ||
    storage.resolverMiddlewares.some((it) => it.target === target) ||
    storage.authorizedResolver.some((it) => it.target === target);
  for (const field of storage.fields) {
    field.simple ??= field.schemaName === field.name && !guarded(field.target, field.name);
  }
}

/**
 * How an event becomes its payload, for the subscriptions whose payload is a function of the event
 * alone (no argument, context or middleware read): graphql-js and graphql-jit call it directly.
 * Through type-graphql, every event went through its argument handling again, which is
 * asynchronous even with nothing to validate (its `validateArg` is an async function): each event's
 * execution waited a turn of the microtask queue, and compiled execution took its slower
 * asynchronous path, for arguments checked once when the subscription started (as
 * `refuseNulInStrings` checks them) and never read. The decorated methods answer the same.
 */
const PAYLOADS: Readonly<Record<string, (event: never) => unknown>> = {
  roomActivity: roomActivityPayload,
  dealStageChanged: (change: StageChange) => change,
  boardChanged: (change: BoardChange) => change,
};

/** Sets each `PAYLOADS` subscription's `resolve` to its function. Mutates `schema`. */
export function resolvePayloadsDirectly(schema: GraphQLSchema): GraphQLSchema {
  const fields = schema.getSubscriptionType()?.getFields() ?? {};
  for (const [name, payload] of Object.entries(PAYLOADS)) {
    const field = fields[name];
    if (!field) throw new Error(`the schema has no subscription ${name}`);
    field.resolve = (event) => payload(event as never);
  }
  return schema;
}

let built: Promise<GraphQLSchema> | undefined;

/** The executable schema, built once per process. */
export function cosellSchema(): Promise<GraphQLSchema> {
  if (!built) {
    resolvePlainFieldsDirectly();
    const options = { resolvers: RESOLVERS, container: resolverContainer() };
    built = buildSchema({ ...options, pubSub: NO_PUBSUB, validateFn: validateArgument })
      .then((schema) => resolveWrappedFieldsDirectly(schema, options))
      .then(refuseNulInStrings)
      .then(resolvePayloadsDirectly);
  }
  return built;
}
