/**
 * Enums shared by the server and the web app. The server registers them in the GraphQL schema;
 * `schema.graphql` beside this folder is emitted from the server (`pnpm codegen`).
 */

export enum DealStage {
  PROSPECTING = "PROSPECTING",
  QUALIFICATION = "QUALIFICATION",
  PROPOSAL = "PROPOSAL",
  NEGOTIATION = "NEGOTIATION",
  CLOSED_WON = "CLOSED_WON",
  CLOSED_LOST = "CLOSED_LOST",
}

/** Open stages in pipeline order; a deal leaves the pipeline at CLOSED_WON or CLOSED_LOST. */
export const OPEN_STAGES: readonly DealStage[] = [
  DealStage.PROSPECTING,
  DealStage.QUALIFICATION,
  DealStage.PROPOSAL,
  DealStage.NEGOTIATION,
];

export const isClosedStage = (stage: DealStage): boolean =>
  stage === DealStage.CLOSED_WON || stage === DealStage.CLOSED_LOST;

export enum OrgRole {
  REP = "REP",
  MANAGER = "MANAGER",
  ADMIN = "ADMIN",
}

export enum OrganizationKind {
  VENDOR = "VENDOR",
  PARTNER = "PARTNER",
}

export enum RoomRole {
  OWNER = "OWNER",
  PRODUCT_SPECIALIST = "PRODUCT_SPECIALIST",
  INDUSTRY_SPECIALIST = "INDUSTRY_SPECIALIST",
  PARTNER_REP = "PARTNER_REP",
  OBSERVER = "OBSERVER",
}

export enum AccessLevel {
  READ = "READ",
  WRITE = "WRITE",
}

export enum ActivityKind {
  NOTE = "NOTE",
  CALL = "CALL",
  MEETING = "MEETING",
  EMAIL = "EMAIL",
  HELP_REQUEST = "HELP_REQUEST",
  RESULT = "RESULT",
  STAGE_CHANGED = "STAGE_CHANGED",
  MEMBER_JOINED = "MEMBER_JOINED",
  MEMBER_LEFT = "MEMBER_LEFT",
  MEMBER_ACCESS_CHANGED = "MEMBER_ACCESS_CHANGED",
  OPPORTUNITY_UPDATED = "OPPORTUNITY_UPDATED",
  COMMITMENT_ADDED = "COMMITMENT_ADDED",
  COMMITMENT_DONE = "COMMITMENT_DONE",
  COMMITMENT_MISSED = "COMMITMENT_MISSED",
  SPLIT_PROPOSED = "SPLIT_PROPOSED",
  SPLIT_AGREED = "SPLIT_AGREED",
  DEAL_WON = "DEAL_WON",
  DEAL_LOST = "DEAL_LOST",
  HELP_ANSWER = "HELP_ANSWER",
  COMMITMENT_CANCELLED = "COMMITMENT_CANCELLED",
  SPLIT_APPROVED = "SPLIT_APPROVED",
  SPLIT_LOCKED = "SPLIT_LOCKED",
  SPLIT_NOT_AGREED = "SPLIT_NOT_AGREED",
  DEAL_REGISTERED = "DEAL_REGISTERED",
  COMMITMENT_PROPOSED = "COMMITMENT_PROPOSED",
  COMMITMENT_ACCEPTED = "COMMITMENT_ACCEPTED",
  COMMITMENT_DECLINED = "COMMITMENT_DECLINED",
  SPLIT_WITHDRAWN = "SPLIT_WITHDRAWN",
}

/** The kinds a person may log with `logActivity`; the others are written by the system. */
export const LOGGABLE_ACTIVITY_KINDS: readonly ActivityKind[] = [
  ActivityKind.NOTE,
  ActivityKind.CALL,
  ActivityKind.MEETING,
  ActivityKind.EMAIL,
  ActivityKind.HELP_REQUEST,
  ActivityKind.RESULT,
];

export enum PartnershipStatus {
  PROPOSED = "PROPOSED",
  SIGNED = "SIGNED",
  TERMINATED = "TERMINATED",
}

/**
 * PROPOSED (assigned to someone else, awaiting their answer) → OPEN (accepted) or DECLINED;
 * OPEN → DONE, MISSED or CANCELLED. Only accepted commitments (OPEN, DONE, MISSED) count in
 * reliability.
 */
export enum CommitmentStatus {
  PROPOSED = "PROPOSED",
  OPEN = "OPEN",
  DONE = "DONE",
  MISSED = "MISSED",
  CANCELLED = "CANCELLED",
  DECLINED = "DECLINED",
}

/** Longest reason a commitment can be declined with. */
export const COMMITMENT_DECLINE_REASON_MAX = 1000;

export enum HelpRequestStatus {
  OPEN = "OPEN",
  ANSWERED = "ANSWERED",
}

export enum SplitStatus {
  PROPOSED = "PROPOSED",
  AGREED = "AGREED",
  LOCKED = "LOCKED",
}

export enum SplitType {
  /** Shares of the deal's revenue: together exactly 10000 basis points. */
  REVENUE = "REVENUE",
  /** Extra credit on top (e.g. a specialist's quota credit); not limited by the revenue total. */
  OVERLAY = "OVERLAY",
}

export enum SwotKind {
  STRENGTH = "STRENGTH",
  WEAKNESS = "WEAKNESS",
  OPPORTUNITY = "OPPORTUNITY",
  THREAT = "THREAT",
}

export enum RegistrationStatus {
  PENDING = "PENDING",
  APPROVED = "APPROVED",
  REJECTED = "REJECTED",
}

export enum RegistrationDecision {
  APPROVE = "APPROVE",
  REJECT = "REJECT",
}

/** What an organization's API token may do: READ queries and subscribes; WRITE also mutates. */
export enum ApiScope {
  READ = "READ",
  WRITE = "WRITE",
}

/** The events a webhook can receive. */
export enum WebhookEvent {
  ACTIVITY_LOGGED = "ACTIVITY_LOGGED",
  STAGE_CHANGED = "STAGE_CHANGED",
  DEAL_WON = "DEAL_WON",
}

export enum WebhookDeliveryStatus {
  PENDING = "PENDING",
  DELIVERED = "DELIVERED",
  FAILED = "FAILED",
}
