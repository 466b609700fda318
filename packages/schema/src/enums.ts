/**
 * The GraphQL enums, as `const` objects with a string-union type of the same name: the server
 * registers the objects in its schema (`registerEnumType`), and the union is the same type the web
 * app's generated documents use, so a value from either side fits both.
 */

export const DealStage = {
  PROSPECTING: "PROSPECTING",
  QUALIFICATION: "QUALIFICATION",
  PROPOSAL: "PROPOSAL",
  NEGOTIATION: "NEGOTIATION",
  CLOSED_WON: "CLOSED_WON",
  CLOSED_LOST: "CLOSED_LOST",
} as const;
export type DealStage = (typeof DealStage)[keyof typeof DealStage];

/** The stages in the order a deal moves through them: the board's columns, left to right. */
export const STAGE_ORDER: readonly DealStage[] = [
  DealStage.PROSPECTING,
  DealStage.QUALIFICATION,
  DealStage.PROPOSAL,
  DealStage.NEGOTIATION,
  DealStage.CLOSED_WON,
  DealStage.CLOSED_LOST,
];

/** A deal leaves the pipeline at CLOSED_WON or CLOSED_LOST. */
export const isClosedStage = (stage: DealStage): boolean => stage === DealStage.CLOSED_WON || stage === DealStage.CLOSED_LOST;

/** Open stages in pipeline order. */
export const OPEN_STAGES: readonly DealStage[] = STAGE_ORDER.filter((stage) => !isClosedStage(stage));

export const isDealStage = (value: string): value is DealStage => (STAGE_ORDER as readonly string[]).includes(value);

export const OrgRole = {
  REP: "REP",
  MANAGER: "MANAGER",
  ADMIN: "ADMIN",
} as const;
export type OrgRole = (typeof OrgRole)[keyof typeof OrgRole];

export const OrganizationKind = {
  VENDOR: "VENDOR",
  PARTNER: "PARTNER",
} as const;
export type OrganizationKind = (typeof OrganizationKind)[keyof typeof OrganizationKind];

export const RoomRole = {
  OWNER: "OWNER",
  PRODUCT_SPECIALIST: "PRODUCT_SPECIALIST",
  INDUSTRY_SPECIALIST: "INDUSTRY_SPECIALIST",
  PARTNER_REP: "PARTNER_REP",
  OBSERVER: "OBSERVER",
} as const;
export type RoomRole = (typeof RoomRole)[keyof typeof RoomRole];

export const AccessLevel = {
  READ: "READ",
  WRITE: "WRITE",
} as const;
export type AccessLevel = (typeof AccessLevel)[keyof typeof AccessLevel];

export const ActivityKind = {
  NOTE: "NOTE",
  CALL: "CALL",
  MEETING: "MEETING",
  EMAIL: "EMAIL",
  HELP_REQUEST: "HELP_REQUEST",
  RESULT: "RESULT",
  STAGE_CHANGED: "STAGE_CHANGED",
  MEMBER_JOINED: "MEMBER_JOINED",
  MEMBER_LEFT: "MEMBER_LEFT",
  MEMBER_ACCESS_CHANGED: "MEMBER_ACCESS_CHANGED",
  OPPORTUNITY_UPDATED: "OPPORTUNITY_UPDATED",
  COMMITMENT_ADDED: "COMMITMENT_ADDED",
  COMMITMENT_DONE: "COMMITMENT_DONE",
  COMMITMENT_MISSED: "COMMITMENT_MISSED",
  SPLIT_PROPOSED: "SPLIT_PROPOSED",
  SPLIT_AGREED: "SPLIT_AGREED",
  DEAL_WON: "DEAL_WON",
  DEAL_LOST: "DEAL_LOST",
  HELP_ANSWER: "HELP_ANSWER",
  COMMITMENT_CANCELLED: "COMMITMENT_CANCELLED",
  SPLIT_APPROVED: "SPLIT_APPROVED",
  SPLIT_LOCKED: "SPLIT_LOCKED",
  SPLIT_NOT_AGREED: "SPLIT_NOT_AGREED",
  DEAL_REGISTERED: "DEAL_REGISTERED",
  COMMITMENT_PROPOSED: "COMMITMENT_PROPOSED",
  COMMITMENT_ACCEPTED: "COMMITMENT_ACCEPTED",
  COMMITMENT_DECLINED: "COMMITMENT_DECLINED",
  SPLIT_WITHDRAWN: "SPLIT_WITHDRAWN",
  /** A co-sell request from account mapping was accepted: this room is where the two firms work the account. */
  CO_SELL_ACCEPTED: "CO_SELL_ACCEPTED",
  /** An amendment of the partnership agreement between the room's firms took effect (both signed). */
  PARTNERSHIP_AMENDED: "PARTNERSHIP_AMENDED",
  /** A meeting of the room was scheduled (scheduleMeeting); its invitation went to the attendees. */
  MEETING_SCHEDULED: "MEETING_SCHEDULED",
  /** A meeting moved to another time (rescheduleMeeting). */
  MEETING_RESCHEDULED: "MEETING_RESCHEDULED",
  /** A meeting was called off (cancelMeeting). */
  MEETING_CANCELLED: "MEETING_CANCELLED",
  /** A new version of the room's outline was published (publishOutline). */
  OUTLINE_PUBLISHED: "OUTLINE_PUBLISHED",
  /** A firm's manager signed a version of the outline (signOutline). */
  OUTLINE_SIGNED: "OUTLINE_SIGNED",
} as const;
export type ActivityKind = (typeof ActivityKind)[keyof typeof ActivityKind];

/** The kinds a person may log with `logActivity`; the others are written by the system. */
export const LOGGABLE_ACTIVITY_KINDS = [
  ActivityKind.NOTE,
  ActivityKind.CALL,
  ActivityKind.MEETING,
  ActivityKind.EMAIL,
  ActivityKind.HELP_REQUEST,
  ActivityKind.RESULT,
] as const satisfies readonly ActivityKind[];
export type LoggableActivityKind = (typeof LOGGABLE_ACTIVITY_KINDS)[number];

export const isLoggableActivityKind = (kind: string): kind is LoggableActivityKind =>
  (LOGGABLE_ACTIVITY_KINDS as readonly string[]).includes(kind);

/** The kinds only the system writes (stage changes, membership, commitments, splits…). */
export const SYSTEM_ACTIVITY_KINDS: readonly ActivityKind[] = Object.values(ActivityKind).filter((kind) => !isLoggableActivityKind(kind));

export const PartnershipStatus = {
  PROPOSED: "PROPOSED",
  SIGNED: "SIGNED",
  TERMINATED: "TERMINATED",
} as const;
export type PartnershipStatus = (typeof PartnershipStatus)[keyof typeof PartnershipStatus];

/**
 * PROPOSED (assigned to someone else, awaiting their answer) → OPEN (accepted) or DECLINED;
 * OPEN → DONE, MISSED or CANCELLED. Only accepted commitments (OPEN, DONE, MISSED) count in
 * reliability.
 */
export const CommitmentStatus = {
  PROPOSED: "PROPOSED",
  OPEN: "OPEN",
  DONE: "DONE",
  MISSED: "MISSED",
  CANCELLED: "CANCELLED",
  DECLINED: "DECLINED",
} as const;
export type CommitmentStatus = (typeof CommitmentStatus)[keyof typeof CommitmentStatus];

/** Longest reason a commitment can be declined with. */
export const COMMITMENT_DECLINE_REASON_MAX = 1000;

export const HelpRequestStatus = {
  OPEN: "OPEN",
  ANSWERED: "ANSWERED",
} as const;
export type HelpRequestStatus = (typeof HelpRequestStatus)[keyof typeof HelpRequestStatus];

export const SplitStatus = {
  PROPOSED: "PROPOSED",
  AGREED: "AGREED",
  LOCKED: "LOCKED",
} as const;
export type SplitStatus = (typeof SplitStatus)[keyof typeof SplitStatus];

export const SplitType = {
  /** Shares of the deal's revenue: together exactly 10000 basis points. */
  REVENUE: "REVENUE",
  /** Extra credit on top (e.g. a specialist's quota credit); not limited by the revenue total. */
  OVERLAY: "OVERLAY",
} as const;
export type SplitType = (typeof SplitType)[keyof typeof SplitType];

export const SwotKind = {
  STRENGTH: "STRENGTH",
  WEAKNESS: "WEAKNESS",
  OPPORTUNITY: "OPPORTUNITY",
  THREAT: "THREAT",
} as const;
export type SwotKind = (typeof SwotKind)[keyof typeof SwotKind];

export const RegistrationStatus = {
  PENDING: "PENDING",
  APPROVED: "APPROVED",
  REJECTED: "REJECTED",
  /** Approved once, but its protection window passed while its deal had not moved. */
  EXPIRED: "EXPIRED",
} as const;
export type RegistrationStatus = (typeof RegistrationStatus)[keyof typeof RegistrationStatus];

export const RegistrationDecision = {
  APPROVE: "APPROVE",
  REJECT: "REJECT",
} as const;
export type RegistrationDecision = (typeof RegistrationDecision)[keyof typeof RegistrationDecision];

/** What an organization's API token may do: READ queries and subscribes; WRITE also mutates. */
export const ApiScope = {
  READ: "READ",
  WRITE: "WRITE",
} as const;
export type ApiScope = (typeof ApiScope)[keyof typeof ApiScope];

/** The events a webhook can receive. */
export const WebhookEvent = {
  ACTIVITY_LOGGED: "ACTIVITY_LOGGED",
  STAGE_CHANGED: "STAGE_CHANGED",
  DEAL_WON: "DEAL_WON",
} as const;
export type WebhookEvent = (typeof WebhookEvent)[keyof typeof WebhookEvent];

export const WebhookDeliveryStatus = {
  PENDING: "PENDING",
  DELIVERED: "DELIVERED",
  FAILED: "FAILED",
} as const;
export type WebhookDeliveryStatus = (typeof WebhookDeliveryStatus)[keyof typeof WebhookDeliveryStatus];

/** What happened to an opportunity, as `boardChanged` tells a board that shows it. */
export const BoardChangeKind = {
  /** A new deal was opened. */
  CREATED: "CREATED",
  /** Its title, amount or close date changed (`fields` names which). */
  UPDATED: "UPDATED",
  /** It moved to another open stage (or was reopened). */
  STAGE_MOVED: "STAGE_MOVED",
  /** It moved to CLOSED_WON or CLOSED_LOST. */
  CLOSED: "CLOSED",
  /** The subscriber may now see it (e.g. added to its room): the deal arrives whole. */
  ACCESS_GAINED: "ACCESS_GAINED",
  /** The subscriber may no longer see it (e.g. removed from its room): `opportunity` is null. */
  ACCESS_LOST: "ACCESS_LOST",
  /**
   * Many deals were opened at once by a CSV import: one change for all of them, whose `opportunity`
   * is the last one. Read the board again (`opportunities`) rather than expect a CREATED per deal.
   */
  IMPORTED: "IMPORTED",
} as const;
export type BoardChangeKind = (typeof BoardChangeKind)[keyof typeof BoardChangeKind];

/** Why a person was told something in their inbox (`notifications`, `notificationAdded`). */
export const NotificationKind = {
  /** A room member mentioned you in a note (or any entry) of the room's feed. */
  MENTION: "MENTION",
  /** A help request addressed to you, to your firm, or (unaddressed) to the whole room. */
  HELP_REQUEST: "HELP_REQUEST",
  /** Someone asked you to commit to a step of the plan; accept or decline it. */
  COMMITMENT_PROPOSED: "COMMITMENT_PROPOSED",
  /** One of your open commitments is due within 24 hours. */
  COMMITMENT_DUE_SOON: "COMMITMENT_DUE_SOON",
  /** One of your open commitments (or one you asked for) passed its due time undelivered. */
  COMMITMENT_MISSED: "COMMITMENT_MISSED",
  /** A credit split waits for your firm's approval (managers and admins). */
  SPLIT_AWAITING_APPROVAL: "SPLIT_AWAITING_APPROVAL",
  /** A partnership waits for your firm's signature (managers and admins). */
  PARTNERSHIP_AWAITING_SIGNATURE: "PARTNERSHIP_AWAITING_SIGNATURE",
  /** A partner registered a deal with your firm; it waits for review (managers and admins). */
  REGISTRATION_AWAITING_REVIEW: "REGISTRATION_AWAITING_REVIEW",
  /** A registration's protection window passed before its deal moved: the partner's claim lapsed (registrant; the vendor's managers). */
  REGISTRATION_EXPIRED: "REGISTRATION_EXPIRED",
  /** A deal you work on (room member) was won. */
  DEAL_WON: "DEAL_WON",
  /** A deal you work on (room member) was lost. */
  DEAL_LOST: "DEAL_LOST",
  /** A partner firm's rep asks your firm to co-sell on an account you both have (managers and admins). */
  COSELL_REQUEST_RECEIVED: "COSELL_REQUEST_RECEIVED",
  /** The partner firm accepted (the room is open) or declined your co-sell request. */
  COSELL_REQUEST_ANSWERED: "COSELL_REQUEST_ANSWERED",
  /** A new version of a room's outline waits for your firm's signature (managers and admins). */
  OUTLINE_AWAITING_SIGNATURE: "OUTLINE_AWAITING_SIGNATURE",
} as const;
export type NotificationKind = (typeof NotificationKind)[keyof typeof NotificationKind];

/**
 * What one side of a partnership shows the other about an account both have (account mapping):
 * NONE (it counts in the overlap figures only), NAME (the account's name), or DEAL (the name, and
 * the stage and owner rep of its most advanced open deal there).
 */
export const RevealLevel = {
  NONE: "NONE",
  NAME: "NAME",
  DEAL: "DEAL",
} as const;
export type RevealLevel = (typeof RevealLevel)[keyof typeof RevealLevel];

/** PENDING until a manager of the asked firm answers: ACCEPTED (a room opens or is joined) or DECLINED. */
export const CoSellRequestStatus = {
  PENDING: "PENDING",
  ACCEPTED: "ACCEPTED",
  DECLINED: "DECLINED",
} as const;
export type CoSellRequestStatus = (typeof CoSellRequestStatus)[keyof typeof CoSellRequestStatus];

/**
 * Where an invitation to join cosell stands: PENDING (the link works until it expires), ACCEPTED
 * (the invitee set a password and joined), REVOKED (withdrawn, or replaced by a newer invitation
 * after it expired), or EXPIRED (not accepted in time).
 */
export const InvitationStatus = {
  PENDING: "PENDING",
  ACCEPTED: "ACCEPTED",
  REVOKED: "REVOKED",
  EXPIRED: "EXPIRED",
} as const;
export type InvitationStatus = (typeof InvitationStatus)[keyof typeof InvitationStatus];
