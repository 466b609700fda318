import { Account } from "../modules/account/account.entity.js";
import { ApiToken } from "../modules/api-token/api-token.entity.js";
import { Activity } from "../modules/activity/activity.entity.js";
import { Assessment, AssessmentItem } from "../modules/assessment/assessment.entity.js";
import { Commitment } from "../modules/commitment/commitment.entity.js";
import { Meeting, MeetingAttendee } from "../modules/meeting/meeting.entity.js";
import { Outline, OutlineSignature } from "../modules/outline/outline.entity.js";
import { CoSellRequest } from "../modules/mapping/co-sell-request.entity.js";
import { Invitation } from "../modules/invitation/invitation.entity.js";
import { Opportunity } from "../modules/opportunity/opportunity.entity.js";
import { StageChangeRecord } from "../modules/opportunity/stage-change.entity.js";
import { Organization } from "../modules/organization/organization.entity.js";
import { CodeOfConduct } from "../modules/partnership/code-of-conduct.entity.js";
import { Partnership } from "../modules/partnership/partnership.entity.js";
import { PartnershipTerms } from "../modules/partnership/terms.entity.js";
import { RegistrationAutoApproval } from "../modules/registration/auto-approval.entity.js";
import { RegistrationAttachment } from "../modules/registration/registration-attachment.entity.js";
import { DealRegistration } from "../modules/registration/registration.entity.js";
import { RoomMember } from "../modules/room/room-member.entity.js";
import { CreditSplit, SplitApproval, SplitLine, SplitRevision } from "../modules/split/split.entity.js";
import { ExchangeRate } from "../modules/reporting/exchange-rate.entity.js";
import { User } from "../modules/user/user.entity.js";
import { Webhook, WebhookDelivery } from "../modules/webhook/webhook.entity.js";

export const ENTITIES = [
  Organization,
  User,
  Account,
  Opportunity,
  StageChangeRecord,
  RoomMember,
  Activity,
  Partnership,
  PartnershipTerms,
  CodeOfConduct,
  Commitment,
  CreditSplit,
  SplitRevision,
  SplitLine,
  SplitApproval,
  Assessment,
  AssessmentItem,
  DealRegistration,
  RegistrationAttachment,
  RegistrationAutoApproval,
  ApiToken,
  Webhook,
  WebhookDelivery,
  ExchangeRate,
  CoSellRequest,
  Invitation,
  Meeting,
  MeetingAttendee,
  Outline,
  OutlineSignature,
];
