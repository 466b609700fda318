import { isDealStage } from "@cosell/schema";
import { stageLabel } from "../../format";
import type { AccessLevel, ActivityKind, RoomRole } from "../../gql/graphql";

const activityKindLabels: Readonly<Record<ActivityKind, string>> = {
  NOTE: "Note",
  CALL: "Call",
  MEETING: "Meeting",
  EMAIL: "Email",
  HELP_REQUEST: "Help request",
  RESULT: "Result",
  STAGE_CHANGED: "Stage changed",
  MEMBER_JOINED: "Joined",
  MEMBER_LEFT: "Left",
  MEMBER_ACCESS_CHANGED: "Access changed",
  OPPORTUNITY_UPDATED: "Deal updated",
  COMMITMENT_ADDED: "Commitment added",
  COMMITMENT_DONE: "Commitment done",
  COMMITMENT_MISSED: "Commitment missed",
  SPLIT_PROPOSED: "Split proposed",
  SPLIT_AGREED: "Split agreed",
  DEAL_WON: "Deal won",
  DEAL_LOST: "Deal lost",
  COMMITMENT_CANCELLED: "Commitment cancelled",
  HELP_ANSWER: "Help given",
  SPLIT_APPROVED: "Split approved",
  SPLIT_LOCKED: "Split locked",
  SPLIT_NOT_AGREED: "Split not agreed",
  DEAL_REGISTERED: "Deal registered",
  COMMITMENT_PROPOSED: "Commitment proposed",
  COMMITMENT_ACCEPTED: "Commitment accepted",
  COMMITMENT_DECLINED: "Commitment declined",
  SPLIT_WITHDRAWN: "Split proposal withdrawn",
  CO_SELL_ACCEPTED: "Co-sell accepted",
  PARTNERSHIP_AMENDED: "Agreement amended",
  MEETING_SCHEDULED: "Meeting scheduled",
  MEETING_RESCHEDULED: "Meeting moved",
  MEETING_CANCELLED: "Meeting cancelled",
  OUTLINE_PUBLISHED: "Outline published",
  OUTLINE_SIGNED: "Outline signed",
};

export function activityKindLabel(kind: ActivityKind): string {
  return activityKindLabels[kind];
}

const roomRoleLabels: Readonly<Record<RoomRole, string>> = {
  OWNER: "Owner",
  PRODUCT_SPECIALIST: "Product specialist",
  INDUSTRY_SPECIALIST: "Industry specialist",
  PARTNER_REP: "Partner rep",
  OBSERVER: "Observer",
};

export function roomRoleLabel(role: RoomRole): string {
  return roomRoleLabels[role];
}

/** Roles someone can be given when added; OWNER belongs to the owner rep alone. */
export const ADDABLE_ROLES = [
  "PRODUCT_SPECIALIST",
  "INDUSTRY_SPECIALIST",
  "PARTNER_REP",
  "OBSERVER",
] as const satisfies readonly RoomRole[];

export function accessLabel(access: AccessLevel): string {
  return access === "WRITE" ? "Can write" : "Read only";
}

/**
 * A system entry's text with the API's enum words (stages, access levels) as people read them:
 * "Stage PROPOSAL → NEGOTIATION" reads "Stage Proposal → Negotiation".
 */
export function readableSystemText(body: string): string {
  return body.replace(/\b[A-Z][A-Z_]+[A-Z]\b/g, (word) => {
    if (isDealStage(word)) return stageLabel(word);
    if (word === "WRITE" || word === "READ") return word.toLowerCase();
    return word;
  });
}
