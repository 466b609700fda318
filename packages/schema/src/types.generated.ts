export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
};

export type AcceptCommitmentInput = {
  /** A PROPOSED commitment. */
  id: Scalars['ID']['input'];
};

export type AccessLevel =
  | 'READ'
  | 'WRITE';

/** A customer company, owned by one organization. */
export type Account = Node & {
  __typename?: 'Account';
  domain: Maybe<Scalars['String']['output']>;
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** The organization that owns the account. */
  organization: Organization;
};

/** One entry of a room's append-only activity log. */
export type Activity = Node & {
  __typename?: 'Activity';
  /** Who did it; null for the system or an API token. */
  actor: Maybe<User>;
  /** The organization it was written for: the actor's, the API token's, or for system entries the opportunity's. */
  actorOrganization: Organization;
  /** The name of the API token it was written with; null when a person wrote it in the app, or the system. */
  apiTokenName: Maybe<Scalars['String']['output']>;
  body: Maybe<Scalars['String']['output']>;
  /** For edits, each changed field with its old and new value; empty for entries that are not edits. */
  changes: Array<FieldChange>;
  /** ISO 8601 time. */
  createdAt: Scalars['String']['output'];
  /** Opaque; pass to `activities(after:)` or `roomActivity(after:)`. */
  cursor: Scalars['String']['output'];
  /** Hex SHA-256 over this entry's content and the previous entry's hash, chained per room in `seq` order: an entry altered after the fact no longer matches (`verifyAuditTrail`). */
  hash: Scalars['String']['output'];
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** For a HELP_ANSWER: the help request it answers. */
  inReplyTo: Maybe<Activity>;
  kind: ActivityKind;
  /** For DEAL_WON and SPLIT_LOCKED: the locked split's lines with their payouts. */
  payouts: Maybe<Array<SplitLine>>;
  /** Position in the room's log: 1, 2, 3… with no gaps. */
  seq: Scalars['Int']['output'];
};

export type ActivityConnection = {
  __typename?: 'ActivityConnection';
  edges: Array<ActivityEdge>;
  pageInfo: PageInfo;
};

export type ActivityEdge = {
  __typename?: 'ActivityEdge';
  cursor: Scalars['String']['output'];
  node: Activity;
};

export type ActivityKind =
  | 'CALL'
  | 'COMMITMENT_ACCEPTED'
  | 'COMMITMENT_ADDED'
  | 'COMMITMENT_CANCELLED'
  | 'COMMITMENT_DECLINED'
  | 'COMMITMENT_DONE'
  | 'COMMITMENT_MISSED'
  | 'COMMITMENT_PROPOSED'
  | 'DEAL_LOST'
  | 'DEAL_REGISTERED'
  | 'DEAL_WON'
  | 'EMAIL'
  | 'HELP_ANSWER'
  | 'HELP_REQUEST'
  | 'MEETING'
  | 'MEMBER_ACCESS_CHANGED'
  | 'MEMBER_JOINED'
  | 'MEMBER_LEFT'
  | 'NOTE'
  | 'OPPORTUNITY_UPDATED'
  | 'RESULT'
  | 'SPLIT_AGREED'
  | 'SPLIT_APPROVED'
  | 'SPLIT_LOCKED'
  | 'SPLIT_NOT_AGREED'
  | 'SPLIT_PROPOSED'
  | 'SPLIT_WITHDRAWN'
  | 'STAGE_CHANGED';

export type AddCommitmentInput = {
  /** A member of the room. */
  assigneeId: Scalars['ID']['input'];
  /** ISO 8601 time in the future with Z or an offset, e.g. 2027-01-15T17:00:00Z or 2027-01-15T18:00:00+01:00. */
  dueAt: Scalars['String']['input'];
  opportunityId: Scalars['ID']['input'];
  title: Scalars['String']['input'];
};

export type AddRoomMemberInput = {
  access: AccessLevel;
  opportunityId: Scalars['ID']['input'];
  role: RoomRole;
  userId: Scalars['ID']['input'];
};

export type AnswerHelpRequestInput = {
  body: Scalars['String']['input'];
  /** The HELP_REQUEST activity being answered. */
  requestId: Scalars['ID']['input'];
};

/** READ: query and subscribe. WRITE: also mutate. */
export type ApiScope =
  | 'READ'
  | 'WRITE';

/** An organization's token for its own systems. The secret is shown once, at creation. */
export type ApiToken = Node & {
  __typename?: 'ApiToken';
  /** ISO 8601 time. */
  createdAt: Scalars['String']['output'];
  /** Who created it. */
  createdBy: Maybe<User>;
  /** The prefix and last four characters of the secret, to tell tokens apart. */
  hint: Scalars['String']['output'];
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** Last request made with it (ISO 8601), to the minute. */
  lastUsedAt: Maybe<Scalars['String']['output']>;
  name: Scalars['String']['output'];
  /** When it was revoked (ISO 8601); a revoked token is refused. */
  revokedAt: Maybe<Scalars['String']['output']>;
  scopes: Array<ApiScope>;
};

export type ApproveSplitInput = {
  /** The organization approving: the caller's own (the default); no one approves for another. */
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  /** The revision the approver saw; CONFLICT when a newer proposal replaced it. */
  revision?: InputMaybe<Scalars['Int']['input']>;
  splitId: Scalars['ID']['input'];
};

/** An organization's self-assessment (SWOT): what it is good at, where it needs partners. */
export type Assessment = {
  __typename?: 'Assessment';
  /** All items for your own organization; strengths only for others. */
  items: Array<AssessmentItem>;
  organization: Organization;
  updatedAt: Scalars['String']['output'];
  updatedBy: Maybe<User>;
};

/** One SWOT item, tagged with the capabilities and industries it is about. */
export type AssessmentItem = {
  __typename?: 'AssessmentItem';
  /** Lower-case tags, e.g. packaging-design. */
  capabilities: Array<Scalars['String']['output']>;
  description: Scalars['String']['output'];
  /** Lower-case tags, e.g. retail. */
  industries: Array<Scalars['String']['output']>;
  kind: SwotKind;
};

export type AssessmentItemInput = {
  /** Capability tags (compared without case), e.g. packaging-design. */
  capabilities?: Array<Scalars['String']['input']>;
  description: Scalars['String']['input'];
  /** Industry tags (compared without case), e.g. retail. */
  industries?: Array<Scalars['String']['input']>;
  kind: SwotKind;
};

/** The result of recomputing a room's hash chain from its first entry. */
export type AuditVerification = {
  __typename?: 'AuditVerification';
  /** Entries checked, up to and including the first broken one. */
  checked: Scalars['Int']['output'];
  /** The seq of the first entry that was altered, removed or moved; null when ok. */
  firstBrokenSeq: Maybe<Scalars['Int']['output']>;
  /** Whether every entry matches the chain and none is missing. */
  ok: Scalars['Boolean']['output'];
};

export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** When the session ends (ISO 8601); sign in again after. */
  expiresAt: Scalars['String']['output'];
  /** Send as `Authorization: Bearer <token>`. */
  token: Scalars['String']['output'];
  user: User;
};

export type CancelCommitmentInput = {
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};

/** A step of the room's plan of action: who delivers what, by when. */
export type Commitment = Node & {
  __typename?: 'Commitment';
  /** ISO 8601 time it was agreed: at creation when self-assigned; null while PROPOSED, when DECLINED, and for commitments made before agreement was required. */
  acceptedAt: Maybe<Scalars['String']['output']>;
  /** Who accepted it: the assignee or a manager of their organization. */
  acceptedBy: Maybe<User>;
  assignee: User;
  cancelledAt: Maybe<Scalars['String']['output']>;
  /** ISO 8601 time it was marked done. */
  completedAt: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['String']['output'];
  /** Who added it; null for an API token. */
  createdBy: Maybe<User>;
  /** Why the assignee's side declined it (DECLINED only). */
  declineReason: Maybe<Scalars['String']['output']>;
  /** ISO 8601 time it was declined. */
  declinedAt: Maybe<Scalars['String']['output']>;
  /** Who declined it: the assignee or a manager of their organization. */
  declinedBy: Maybe<User>;
  /** ISO 8601 time. */
  dueAt: Scalars['String']['output'];
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** For DONE: whether it was completed by its due time; null otherwise. */
  onTime: Maybe<Scalars['Boolean']['output']>;
  opportunity: Opportunity;
  /** PROPOSED until the assignee's side accepts (OPEN) or declines (DECLINED) it, unless self-assigned; OPEN until done or cancelled; an OPEN one past its due time becomes MISSED. */
  status: CommitmentStatus;
  title: Scalars['String']['output'];
  /** Whether the viewer may accept or decline it now: PROPOSED, and the viewer is the assignee or a manager/admin of the assignee's organization. */
  viewerCanAnswer: Scalars['Boolean']['output'];
};

/** PROPOSED (assigned to someone else, awaiting their answer) → OPEN (accepted) or DECLINED (with a reason); OPEN → DONE, MISSED (past due while open; can still be delivered late) or CANCELLED */
export type CommitmentStatus =
  | 'CANCELLED'
  | 'DECLINED'
  | 'DONE'
  | 'MISSED'
  | 'OPEN'
  | 'PROPOSED';

export type CompleteCommitmentInput = {
  id: Scalars['ID']['input'];
};

export type CreateAccountInput = {
  /** The customer's web domain, e.g. example.com; a web address such as https://example.com/ is stored as its domain. */
  domain?: InputMaybe<Scalars['String']['input']>;
  /** Retries with the same key create once and return the first result. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
};

export type CreateApiTokenInput = {
  /** What the token is for, e.g. the partner system that uses it. */
  name: Scalars['String']['input'];
  /** READ to query and subscribe; add WRITE to mutate. */
  scopes: Array<ApiScope>;
};

export type CreateApiTokenPayload = {
  __typename?: 'CreateApiTokenPayload';
  apiToken: ApiToken;
  /** The secret: send as `Authorization: Bearer <token>`. Shown this once only. */
  token: Scalars['String']['output'];
};

export type CreateOpportunityInput = {
  accountId: Scalars['ID']['input'];
  amount: MoneyInput;
  /** YYYY-MM-DD, from 1970-01-01 to 9999-12-31. */
  closeDate?: InputMaybe<Scalars['String']['input']>;
  /** Retries with the same key create once and return the first result. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The owner rep; defaults to the caller (required for API tokens). */
  ownerId?: InputMaybe<Scalars['ID']['input']>;
  title: Scalars['String']['input'];
};

export type CreateWebhookInput = {
  events: Array<WebhookEvent>;
  /** Retries with the same key create once and return the first result. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Shared secret that signs every delivery (`x-cosell-signature`); at least 16 characters. Never shown again. */
  secret: Scalars['String']['input'];
  /** Where to POST events (http or https). */
  url: Scalars['String']['input'];
};

/** Who gets credit for the deal, agreed by every participating organization before the win. */
export type CreditSplit = Node & {
  __typename?: 'CreditSplit';
  /** The revision in force: the last one every organization it needed approved. It stays in force while a newer proposal awaits approval, and it is the one that locks (with payouts) at CLOSED_WON. Null until a revision is agreed. */
  agreed: Maybe<SplitRevision>;
  agreedAt: Maybe<Scalars['String']['output']>;
  /** Approvals of the current revision. */
  approvals: Array<SplitApproval>;
  /** Organizations that must still approve the current revision: every organization with a line in it, and every organization whose lines in the revision in force it lowers or removes (even with none of its people in the new lines). */
  awaitingApprovalFrom: Array<Organization>;
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** The lines of the current revision (`revision`): the pending proposal if there is one, else the revision in force. See `agreed` for the lines in force. */
  lines: Array<SplitLine>;
  lockedAt: Maybe<Scalars['String']['output']>;
  opportunity: Opportunity;
  /** The proposal awaiting approval, if any (the current revision when it is not the one in force). It never locks: if the deal is won while it is pending and a revision is in force, it is withdrawn (SPLIT_WITHDRAWN). */
  pending: Maybe<SplitRevision>;
  proposedAt: Scalars['String']['output'];
  proposedBy: Maybe<User>;
  /** The current revision: the pending proposal if there is one, else the revision in force. Bumped by every new proposal; approvals are for one revision. `lines`, `approvals`, `awaitingApprovalFrom`, `proposedBy` and `proposedAt` describe this revision. */
  revision: Scalars['Int']['output'];
  /** The status of the current revision (`revision`): PROPOSED while a proposal awaits approval (even when an earlier revision is agreed and stays in force: see `agreed`), AGREED once every organization it needs has approved, LOCKED when the deal is won and the payouts are fixed. */
  status: SplitStatus;
};

/** A deal a partner found and registered with a vendor, for the vendor's manager to approve or reject. */
export type DealRegistration = Node & {
  __typename?: 'DealRegistration';
  accountDomain: Scalars['String']['output'];
  accountName: Scalars['String']['output'];
  amount: Money;
  /** Expected close date, YYYY-MM-DD. */
  closeDate: Maybe<Scalars['String']['output']>;
  /** The vendor's open opportunities on the same account (domain without case and `www.`) that the caller may see. */
  conflicts: Array<Opportunity>;
  createdAt: Scalars['String']['output'];
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** The opportunity opened on approval (null before, or when the caller may not see it). */
  opportunity: Maybe<Opportunity>;
  /** Why it was approved despite conflicting opportunities. */
  overrideReason: Maybe<Scalars['String']['output']>;
  registrant: User;
  /** Why it was rejected. */
  reviewReason: Maybe<Scalars['String']['output']>;
  reviewedAt: Maybe<Scalars['String']['output']>;
  reviewedBy: Maybe<User>;
  status: RegistrationStatus;
  title: Scalars['String']['output'];
  vendor: Organization;
};

export type DealRegistrationFilter = {
  status?: InputMaybe<RegistrationStatus>;
};

/** PROSPECTING → QUALIFICATION → PROPOSAL → NEGOTIATION → CLOSED_WON / CLOSED_LOST */
export type DealStage =
  | 'CLOSED_LOST'
  | 'CLOSED_WON'
  | 'NEGOTIATION'
  | 'PROPOSAL'
  | 'PROSPECTING'
  | 'QUALIFICATION';

export type DeclineCommitmentInput = {
  /** A PROPOSED commitment. */
  id: Scalars['ID']['input'];
  /** Why, for the room's log: required, at most 1000 characters. */
  reason: Scalars['String']['input'];
};

export type DeleteWebhookInput = {
  id: Scalars['ID']['input'];
};

/** One field of an edit: its value before and after, as display strings ("" when there was none). */
export type FieldChange = {
  __typename?: 'FieldChange';
  field: Scalars['String']['output'];
  from: Scalars['String']['output'];
  to: Scalars['String']['output'];
};

/** A member's HELP_REQUEST and the answers other members gave to it. */
export type HelpRequest = {
  __typename?: 'HelpRequest';
  /** HELP_ANSWER activities, oldest first. */
  answers: Array<Activity>;
  request: Activity;
  /** ANSWERED once anyone has answered. */
  status: HelpRequestStatus;
};

export type HelpRequestFilter = {
  /** Only open or only answered requests; both when omitted. */
  status?: InputMaybe<HelpRequestStatus>;
};

export type HelpRequestStatus =
  | 'ANSWERED'
  | 'OPEN';

export type LogActivityInput = {
  body: Scalars['String']['input'];
  /** Retries with the same key write once and return the first result. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** NOTE, CALL, MEETING, EMAIL, HELP_REQUEST or RESULT. */
  kind: ActivityKind;
  opportunityId: Scalars['ID']['input'];
};

export type LoginInput = {
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
};

export type LogoutInput = {
  /** End every session of the signed-in person (sign out everywhere), not only this one. */
  everywhere?: Scalars['Boolean']['input'];
};

export type LogoutPayload = {
  __typename?: 'LogoutPayload';
  /** How many sessions ended. */
  sessionsEnded: Scalars['Int']['output'];
};

/** An amount of money; `amount` is a decimal string in the currency's minor digits. */
export type Money = {
  __typename?: 'Money';
  amount: Scalars['String']['output'];
  currency: Scalars['String']['output'];
};

/** A decimal amount in a currency: { amount: "12500.00", currency: "USD" }. */
export type MoneyInput = {
  /** Non-negative decimal string, at most the currency's minor digits. */
  amount: Scalars['String']['input'];
  /** ISO 4217 code, e.g. USD. */
  currency: Scalars['String']['input'];
};

export type MoveOpportunityStageInput = {
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  stage: DealStage;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** The assignee, or a manager/admin of their organization, agrees to a PROPOSED commitment: it becomes OPEN and counts in reliability. */
  acceptCommitment: Commitment;
  /** Adds a step to the room's plan: OPEN at once when self-assigned, else PROPOSED until the assignee's side accepts or declines it. */
  addCommitment: Commitment;
  /** Adds someone to the room, or changes their role and access. */
  addRoomMember: RoomMember;
  /** Answers another member's HELP_REQUEST; the answer is a HELP_ANSWER activity linked to it and counts as help given. */
  answerHelpRequest: Activity;
  /** A manager or admin approves the split for their organization; AGREED once every participating organization has. */
  approveSplit: CreditSplit;
  /** Cancels an open commitment, or withdraws a proposed one; it then counts neither as delivered nor as missed. */
  cancelCommitment: Commitment;
  /** The assignee marks their accepted commitment done (a missed one counts as delivered late). */
  completeCommitment: Commitment;
  createAccount: Account;
  /** A new token for the caller's organization; the secret is in the answer only. */
  createApiToken: CreateApiTokenPayload;
  createOpportunity: Opportunity;
  /** Starts sending the chosen events the organization may see to `url`, signed with `secret`. */
  createWebhook: Webhook;
  /** The assignee, or a manager/admin of their organization, turns a PROPOSED commitment down with a reason. */
  declineCommitment: Commitment;
  /** Stops sending to the webhook and forgets its queue and log. */
  deleteWebhook: Webhook;
  /** Logs a note, call, meeting, email, help request or result to the room. */
  logActivity: Activity;
  /** Exchange email and password for a session token (scripts and partner systems). */
  login: AuthPayload;
  /** Ends the caller's session (with `everywhere`, all of their sessions); its sockets close with 4401. */
  logout: LogoutPayload;
  /** Moves the deal to another stage; CONFLICT when expectedVersion is stale. */
  moveOpportunityStage: Opportunity;
  proposePartnership: Partnership;
  /** Proposes a new revision of the opportunity's credit split (replacing any earlier proposal still pending). REVENUE lines total exactly 10000 bp. The revision in force stays in force until this one is agreed; an organization whose agreed lines it lowers or removes must approve it. */
  proposeSplit: CreditSplit;
  /** A partner rep registers a deal they found with a vendor their organization has a signed partnership with; PENDING until reviewed. */
  registerDeal: DealRegistration;
  /** Removes someone from the room (or leaves it); returns the opportunity. */
  removeRoomMember: Opportunity;
  /** The vendor's manager approves (opening the opportunity with the registrant as PARTNER_REP) or rejects with a reason. */
  reviewDealRegistration: DealRegistration;
  /** Stops a token at once, on every instance and every open connection. */
  revokeApiToken: ApiToken;
  /** Saves the caller's organization's SWOT, replacing the previous one (managers and admins). */
  saveAssessment: Assessment;
  /** For the web app: exchange email and password for a session kept in an httpOnly cookie; the token is never in the answer. HTTP only. */
  signIn: SignInPayload;
  /** Signs for the caller's organization; SIGNED once both sides have signed. */
  signPartnership: Partnership;
  /** Ends the partnership; partners keep read access but lose write access to shared rooms. */
  terminatePartnership: Partnership;
  /** Edits title, amount or close date; CONFLICT when expectedVersion is stale. */
  updateOpportunity: Opportunity;
};


export type MutationAcceptCommitmentArgs = {
  input: AcceptCommitmentInput;
};


export type MutationAddCommitmentArgs = {
  input: AddCommitmentInput;
};


export type MutationAddRoomMemberArgs = {
  input: AddRoomMemberInput;
};


export type MutationAnswerHelpRequestArgs = {
  input: AnswerHelpRequestInput;
};


export type MutationApproveSplitArgs = {
  input: ApproveSplitInput;
};


export type MutationCancelCommitmentArgs = {
  input: CancelCommitmentInput;
};


export type MutationCompleteCommitmentArgs = {
  input: CompleteCommitmentInput;
};


export type MutationCreateAccountArgs = {
  input: CreateAccountInput;
};


export type MutationCreateApiTokenArgs = {
  input: CreateApiTokenInput;
};


export type MutationCreateOpportunityArgs = {
  input: CreateOpportunityInput;
};


export type MutationCreateWebhookArgs = {
  input: CreateWebhookInput;
};


export type MutationDeclineCommitmentArgs = {
  input: DeclineCommitmentInput;
};


export type MutationDeleteWebhookArgs = {
  input: DeleteWebhookInput;
};


export type MutationLogActivityArgs = {
  input: LogActivityInput;
};


export type MutationLoginArgs = {
  input: LoginInput;
};


export type MutationLogoutArgs = {
  input: LogoutInput;
};


export type MutationMoveOpportunityStageArgs = {
  input: MoveOpportunityStageInput;
};


export type MutationProposePartnershipArgs = {
  input: ProposePartnershipInput;
};


export type MutationProposeSplitArgs = {
  input: ProposeSplitInput;
};


export type MutationRegisterDealArgs = {
  input: RegisterDealInput;
};


export type MutationRemoveRoomMemberArgs = {
  input: RemoveRoomMemberInput;
};


export type MutationReviewDealRegistrationArgs = {
  input: ReviewDealRegistrationInput;
};


export type MutationRevokeApiTokenArgs = {
  input: RevokeApiTokenInput;
};


export type MutationSaveAssessmentArgs = {
  input: SaveAssessmentInput;
};


export type MutationSignInArgs = {
  input: LoginInput;
};


export type MutationSignPartnershipArgs = {
  input: SignPartnershipInput;
};


export type MutationTerminatePartnershipArgs = {
  input: TerminatePartnershipInput;
};


export type MutationUpdateOpportunityArgs = {
  input: UpdateOpportunityInput;
};

/** An object with an opaque global id. */
export type Node = {
  /** Opaque global id. */
  id: Scalars['ID']['output'];
};

/** A deal, worked together in its opportunity room. */
export type Opportunity = Node & {
  __typename?: 'Opportunity';
  account: Account;
  /** The room's log in order; page forward with first/after or back with last/before. */
  activities: ActivityConnection;
  amount: Money;
  /** Expected close date, YYYY-MM-DD. */
  closeDate: Maybe<Scalars['String']['output']>;
  /** The room's plan of action, by due time. */
  commitments: Array<Commitment>;
  /** The room's help requests with their answers, oldest first. */
  helpRequests: Array<HelpRequest>;
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  /** The newest entry of the room's log (for boards); null before anything was logged. */
  lastActivity: Maybe<Activity>;
  /** The room's people, at most 25. */
  members: Array<RoomMember>;
  /** The owner organization. */
  organization: Organization;
  /** The owner rep. */
  owner: User;
  /** The credit split; null until someone proposes one. */
  split: Maybe<CreditSplit>;
  /** A proposal pre-filled from the partnership agreements' default revenue splits; pass its lines to proposeSplit. */
  splitDraft: SuggestedSplit;
  stage: DealStage;
  title: Scalars['String']['output'];
  /** Bumped by every edit; send it back as expectedVersion. */
  version: Scalars['Int']['output'];
};


/** A deal, worked together in its opportunity room. */
export type OpportunityActivitiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A deal, worked together in its opportunity room. */
export type OpportunityCommitmentsArgs = {
  status?: InputMaybe<CommitmentStatus>;
};


/** A deal, worked together in its opportunity room. */
export type OpportunityHelpRequestsArgs = {
  filter?: InputMaybe<HelpRequestFilter>;
};

export type OpportunityConnection = {
  __typename?: 'OpportunityConnection';
  edges: Array<OpportunityEdge>;
  pageInfo: PageInfo;
};

export type OpportunityEdge = {
  __typename?: 'OpportunityEdge';
  cursor: Scalars['String']['output'];
  node: Opportunity;
};

export type OpportunityFilter = {
  accountId?: InputMaybe<Scalars['ID']['input']>;
  /** Owner organization. */
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  /** Case-insensitive match on the title. */
  search?: InputMaybe<Scalars['String']['input']>;
  stages?: InputMaybe<Array<DealStage>>;
};

export type OrgRole =
  | 'ADMIN'
  | 'MANAGER'
  | 'REP';

/** A company: the vendor or a partner firm. */
export type Organization = Node & {
  __typename?: 'Organization';
  /** Its SWOT: complete for your own organization, strengths only for others. */
  assessment: Maybe<Assessment>;
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  kind: OrganizationKind;
  /** Its people: visible to its own members and to signed partners only. Counted as 500 in a query's cost. */
  members: Array<User>;
  name: Scalars['String']['output'];
  /** Delivery record of all its people across every room (counts only). */
  reliability: Reliability;
};

export type OrganizationKind =
  | 'PARTNER'
  | 'VENDOR';

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor: Maybe<Scalars['String']['output']>;
};

/** An organization that covers some of the needs, with the due-diligence figures to judge it by. */
export type PartnerDirectoryEntry = {
  __typename?: 'PartnerDirectoryEntry';
  /** The needs its strengths cover. */
  matchedNeeds: Array<Scalars['String']['output']>;
  organization: Organization;
  /** The current partnership with the caller's organization, if any. */
  partnershipStatus: Maybe<PartnershipStatus>;
  reliability: Reliability;
  /** Its strengths that cover them, in its own order; at most 10. */
  strengths: Array<AssessmentItem>;
  /** Deals won together: opportunities one side owned with the other's people in the room. */
  wonDealsTogether: Scalars['Int']['output'];
};

/** A working agreement between two organizations. */
export type Partnership = Node & {
  __typename?: 'Partnership';
  codeOfConductAccepted: Scalars['Boolean']['output'];
  /** Default revenue share of the partner, in basis points. */
  defaultRevenueSplitBp: Maybe<Scalars['Int']['output']>;
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  partner: Organization;
  partnerSignedBy: Maybe<User>;
  proposer: Organization;
  proposerSignedBy: Maybe<User>;
  scope: Scalars['String']['output'];
  status: PartnershipStatus;
  terms: Scalars['String']['output'];
};

export type PartnershipStatus =
  | 'PROPOSED'
  | 'SIGNED'
  | 'TERMINATED';

/** Who has the room open right now (as far as the subscriber may see), sent on every change. */
export type PresenceEvent = {
  __typename?: 'PresenceEvent';
  /** ISO 8601 time of this snapshot. */
  at: Scalars['String']['output'];
  opportunityId: Scalars['ID']['output'];
  /** The people present, at most 50. */
  users: Array<User>;
};

export type ProposePartnershipInput = {
  /** Default revenue share of the partner, 0..10000 basis points. */
  defaultRevenueSplitBp?: InputMaybe<Scalars['Int']['input']>;
  /** The organization to partner with. */
  partnerOrganizationId: Scalars['ID']['input'];
  /** What the partnership covers. */
  scope?: Scalars['String']['input'];
  /** The working agreement's terms. */
  terms?: Scalars['String']['input'];
};

export type ProposeSplitInput = {
  lines: Array<SplitLineInput>;
  opportunityId: Scalars['ID']['input'];
};

export type Query = {
  __typename?: 'Query';
  /** Customer accounts of the caller's organization. */
  accounts: Array<Account>;
  /** The organization's API tokens, newest first (managers and admins). */
  apiTokens: Array<ApiToken>;
  /** Deals the caller's organization registered with vendors, or that partners registered with it; newest first. */
  dealRegistrations: Array<DealRegistration>;
  /** Any object by its global id; NOT_FOUND for what the caller may not see. */
  node: Node;
  /** Opportunities the caller can see, newest first. */
  opportunities: OpportunityConnection;
  opportunity: Opportunity;
  /** Any organization on cosell (the partner directory lists them all). */
  organization: Organization;
  /** Organizations whose strengths cover the needs (default: your organization's weaknesses), best match first; the best 50. */
  partnerDirectory: Array<PartnerDirectoryEntry>;
  /** Partnerships of the caller's organization, newest first. */
  partnerships: Array<Partnership>;
  /** A revenue split computed from the room's record (who did what), with the reasons; see docs/PARTNERING.md for the weights. */
  suggestedSplit: SuggestedSplit;
  /** Recomputes the room's tamper-evident hash chain: `ok: false` with the first altered, removed or moved entry's seq. */
  verifyAuditTrail: AuditVerification;
  /** The signed-in person; null for an API token. */
  viewer: Maybe<User>;
  /** The organization's webhooks, newest first. */
  webhooks: Array<Webhook>;
};


export type QueryDealRegistrationsArgs = {
  filter?: InputMaybe<DealRegistrationFilter>;
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOpportunitiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<OpportunityFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryOpportunityArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOrganizationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryPartnerDirectoryArgs = {
  needs?: InputMaybe<Array<Scalars['String']['input']>>;
};


export type QuerySuggestedSplitArgs = {
  opportunityId: Scalars['ID']['input'];
};


export type QueryVerifyAuditTrailArgs = {
  opportunityId: Scalars['ID']['input'];
};

export type RegisterDealInput = {
  /** The customer's web domain, e.g. example.com (compared without case and `www.`); a web address such as https://example.com/ is taken as its domain. */
  accountDomain: Scalars['String']['input'];
  accountName: Scalars['String']['input'];
  amount: MoneyInput;
  /** YYYY-MM-DD, from 1970-01-01 to 9999-12-31. */
  closeDate?: InputMaybe<Scalars['String']['input']>;
  title: Scalars['String']['input'];
  /** The vendor the deal is registered with; your organization needs a signed partnership with it. */
  vendorOrganizationId: Scalars['ID']['input'];
};

export type RegistrationDecision =
  | 'APPROVE'
  | 'REJECT';

export type RegistrationStatus =
  | 'APPROVED'
  | 'PENDING'
  | 'REJECTED';

/** How reliably someone delivers what they commit to, from the whole history of commitments. */
export type Reliability = {
  __typename?: 'Reliability';
  /** Commitments marked done (on time or late). */
  delivered: Scalars['Int']['output'];
  /** Of those, done by their due time. */
  deliveredOnTime: Scalars['Int']['output'];
  /** Answers given to other members' help requests. */
  helpGiven: Scalars['Int']['output'];
  /** Commitments that passed their due time while open. */
  missed: Scalars['Int']['output'];
  /** deliveredOnTime / (delivered + missed), 0..1; null before anything was due. */
  onTimeRate: Maybe<Scalars['Float']['output']>;
  /** Accepted commitments still open (proposals awaiting an answer and declined ones count nowhere). */
  open: Scalars['Int']['output'];
};

export type RemoveRoomMemberInput = {
  opportunityId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
};

export type ReviewDealRegistrationInput = {
  decision: RegistrationDecision;
  id: Scalars['ID']['input'];
  /** Required to approve when the registration has conflicts: why the partner still gets the deal. */
  overrideReason?: InputMaybe<Scalars['String']['input']>;
  /** The vendor rep who owns the new opportunity; defaults to the reviewer. */
  ownerId?: InputMaybe<Scalars['ID']['input']>;
  /** Required to reject: why. */
  reason?: InputMaybe<Scalars['String']['input']>;
};

export type RevokeApiTokenInput = {
  id: Scalars['ID']['input'];
};

/** A person on an opportunity, with a deal role and an access level. */
export type RoomMember = {
  __typename?: 'RoomMember';
  access: AccessLevel;
  role: RoomRole;
  user: User;
};

export type RoomRole =
  | 'INDUSTRY_SPECIALIST'
  | 'OBSERVER'
  | 'OWNER'
  | 'PARTNER_REP'
  | 'PRODUCT_SPECIALIST';

export type SaveAssessmentInput = {
  /** The whole SWOT; replaces the organization's previous one. */
  items: Array<AssessmentItemInput>;
};

export type SignInPayload = {
  __typename?: 'SignInPayload';
  /** When the session ends (ISO 8601); sign in again after. */
  expiresAt: Scalars['String']['output'];
  user: User;
};

export type SignPartnershipInput = {
  /** Signing requires accepting the code of conduct. */
  acceptCodeOfConduct: Scalars['Boolean']['input'];
  id: Scalars['ID']['input'];
};

/** An organization's approval of one revision of a split. */
export type SplitApproval = {
  __typename?: 'SplitApproval';
  approvedAt: Scalars['String']['output'];
  approvedBy: User;
  organization: Organization;
  revision: Scalars['Int']['output'];
};

/** One person's share of the credit, in basis points (10000 = 100%). */
export type SplitLine = {
  __typename?: 'SplitLine';
  basisPoints: Scalars['Int']['output'];
  organization: Organization;
  /** The line's payout, fixed when the split is locked at CLOSED_WON; null before. */
  payout: Maybe<Money>;
  type: SplitType;
  user: User;
};

export type SplitLineInput = {
  /** 1..10000 (10000 = 100%). */
  basisPoints: Scalars['Int']['input'];
  /** REVENUE lines together total exactly 10000; OVERLAY lines are credit on top. */
  type: SplitType;
  /** A member of the room. */
  userId: Scalars['ID']['input'];
};

/** One revision of a credit split: its lines and who has approved it. */
export type SplitRevision = {
  __typename?: 'SplitRevision';
  agreedAt: Maybe<Scalars['String']['output']>;
  approvals: Array<SplitApproval>;
  /** Organizations that must still approve this revision; empty for the revision in force. */
  awaitingApprovalFrom: Array<Organization>;
  /** The revision's lines; payouts are set on the revision in force once the split is locked. */
  lines: Array<SplitLine>;
  proposedAt: Scalars['String']['output'];
  proposedBy: Maybe<User>;
  revision: Scalars['Int']['output'];
  /** PROPOSED (pending), AGREED (in force) or LOCKED (in force and paid out at the win). */
  status: SplitStatus;
};

/** PROPOSED → AGREED → LOCKED (at CLOSED_WON) */
export type SplitStatus =
  | 'AGREED'
  | 'LOCKED'
  | 'PROPOSED';

export type SplitType =
  | 'OVERLAY'
  | 'REVENUE';

/** A move of an opportunity from one stage to another. */
export type StageChange = {
  __typename?: 'StageChange';
  at: Scalars['String']['output'];
  changedBy: Maybe<User>;
  /** Where this move stands in the feed: pass the last one you processed as `dealStageChanged(after:)` to resume. */
  cursor: Scalars['String']['output'];
  fromStage: Maybe<DealStage>;
  opportunity: Opportunity;
  toStage: DealStage;
};

/** Narrows `dealStageChanged`; every condition given must hold. */
export type StageChangeFilter = {
  /** Only moves of opportunities in this currency worth at least this much when they moved. Amounts are not converted: moves of deals in any other currency are left out. */
  minimumAmount?: InputMaybe<MoneyInput>;
  /** Only opportunities owned by this organization. */
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  /** Only moves into one of these stages. */
  stages?: InputMaybe<Array<DealStage>>;
};

export type Subscription = {
  __typename?: 'Subscription';
  /** Stage moves of every opportunity the caller can see (a manager's pipeline feed), optionally filtered. With `after` (the `cursor` of the last move you processed) it first replays the moves you missed, then goes on live: in order, no gap, no duplicate. */
  dealStageChanged: StageChange;
  /** The room's activities as they happen. With `after` (the last cursor seen), first everything newer from the log: no gap, no duplicate, `seq` strictly increasing. Ends with NOT_FOUND when the subscriber loses access. */
  roomActivity: Activity;
  /** Who has the room open now, across every server instance; the subscriber counts as present while subscribed. */
  roomPresence: PresenceEvent;
};


export type SubscriptionDealStageChangedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<StageChangeFilter>;
};


export type SubscriptionRoomActivityArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  opportunityId: Scalars['ID']['input'];
};


export type SubscriptionRoomPresenceArgs = {
  opportunityId: Scalars['ID']['input'];
};

/** A split computed by cosell, with one human-readable line per contributor saying why. */
export type SuggestedSplit = {
  __typename?: 'SuggestedSplit';
  explanation: Array<Scalars['String']['output']>;
  lines: Array<SplitLine>;
};

export type SwotKind =
  | 'OPPORTUNITY'
  | 'STRENGTH'
  | 'THREAT'
  | 'WEAKNESS';

export type TerminatePartnershipInput = {
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};

export type UpdateOpportunityInput = {
  amount?: InputMaybe<MoneyInput>;
  /** YYYY-MM-DD, from 1970-01-01 to 9999-12-31. */
  closeDate?: InputMaybe<Scalars['String']['input']>;
  expectedVersion: Scalars['Int']['input'];
  id: Scalars['ID']['input'];
  title?: InputMaybe<Scalars['String']['input']>;
};

/** A person at an organization. */
export type User = Node & {
  __typename?: 'User';
  email: Scalars['String']['output'];
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  organization: Organization;
  /** Delivery record across every room (counts only, never which rooms). */
  reliability: Reliability;
  role: OrgRole;
};

/** An organization's endpoint for events it may see, signed with its secret. */
export type Webhook = Node & {
  __typename?: 'Webhook';
  /** ISO 8601 time. */
  createdAt: Scalars['String']['output'];
  /** The newest deliveries first (1..100, default 20). */
  deliveries: Array<WebhookDelivery>;
  events: Array<WebhookEvent>;
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  url: Scalars['String']['output'];
};


/** An organization's endpoint for events it may see, signed with its secret. */
export type WebhookDeliveriesArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** One event queued for one webhook, and how sending it went. */
export type WebhookDelivery = {
  __typename?: 'WebhookDelivery';
  /** Attempts so far. */
  attempts: Scalars['Int']['output'];
  createdAt: Scalars['String']['output'];
  deliveredAt: Maybe<Scalars['String']['output']>;
  event: WebhookEvent;
  /** The event's id (also in the body and the `x-cosell-event-id` header): the same on every retry. */
  eventId: Scalars['String']['output'];
  /** Also sent as `x-cosell-delivery-id`. */
  id: Scalars['ID']['output'];
  lastAttemptAt: Maybe<Scalars['String']['output']>;
  /** Why the last attempt failed. */
  lastError: Maybe<Scalars['String']['output']>;
  /** HTTP status of the last answer, if there was one. */
  lastStatusCode: Maybe<Scalars['Int']['output']>;
  /** When the next attempt is due, while PENDING. */
  nextAttemptAt: Maybe<Scalars['String']['output']>;
  status: WebhookDeliveryStatus;
};

export type WebhookDeliveryStatus =
  | 'DELIVERED'
  | 'FAILED'
  | 'PENDING';

export type WebhookEvent =
  | 'ACTIVITY_LOGGED'
  | 'DEAL_WON'
  | 'STAGE_CHANGED';
