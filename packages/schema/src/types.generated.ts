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
  body: Maybe<Scalars['String']['output']>;
  /** ISO 8601 time. */
  createdAt: Scalars['String']['output'];
  /** Opaque; pass to `activities(after:)` or `roomActivity(after:)`. */
  cursor: Scalars['String']['output'];
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  kind: ActivityKind;
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
  | 'COMMITMENT_ADDED'
  | 'COMMITMENT_DONE'
  | 'COMMITMENT_MISSED'
  | 'DEAL_LOST'
  | 'DEAL_WON'
  | 'EMAIL'
  | 'HELP_REQUEST'
  | 'MEETING'
  | 'MEMBER_ACCESS_CHANGED'
  | 'MEMBER_JOINED'
  | 'MEMBER_LEFT'
  | 'NOTE'
  | 'OPPORTUNITY_UPDATED'
  | 'RESULT'
  | 'SPLIT_AGREED'
  | 'SPLIT_PROPOSED'
  | 'STAGE_CHANGED';

export type AddRoomMemberInput = {
  access: AccessLevel;
  opportunityId: Scalars['ID']['input'];
  role: RoomRole;
  userId: Scalars['ID']['input'];
};

export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** Send as `Authorization: Bearer <token>`. */
  token: Scalars['String']['output'];
  user: User;
};

export type CreateAccountInput = {
  /** The customer's web domain, e.g. example.com. */
  domain?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
};

export type CreateOpportunityInput = {
  accountId: Scalars['ID']['input'];
  amount: MoneyInput;
  /** YYYY-MM-DD */
  closeDate?: InputMaybe<Scalars['String']['input']>;
  /** The owner rep; defaults to the caller (required for API tokens). */
  ownerId?: InputMaybe<Scalars['ID']['input']>;
  title: Scalars['String']['input'];
};

/** PROSPECTING → QUALIFICATION → PROPOSAL → NEGOTIATION → CLOSED_WON / CLOSED_LOST */
export type DealStage =
  | 'CLOSED_LOST'
  | 'CLOSED_WON'
  | 'NEGOTIATION'
  | 'PROPOSAL'
  | 'PROSPECTING'
  | 'QUALIFICATION';

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
  /** Adds someone to the room, or changes their role and access. */
  addRoomMember: RoomMember;
  createAccount: Account;
  createOpportunity: Opportunity;
  /** Logs a note, call, meeting, email, help request or result to the room. */
  logActivity: Activity;
  /** Exchange email and password for a session token. */
  login: AuthPayload;
  /** Moves the deal to another stage; CONFLICT when expectedVersion is stale. */
  moveOpportunityStage: Opportunity;
  proposePartnership: Partnership;
  /** Removes someone from the room (or leaves it); returns the opportunity. */
  removeRoomMember: Opportunity;
  /** Signs for the caller's organization; SIGNED once both sides have signed. */
  signPartnership: Partnership;
  /** Ends the partnership; partners keep read access but lose write access to shared rooms. */
  terminatePartnership: Partnership;
  /** Edits title, amount or close date; CONFLICT when expectedVersion is stale. */
  updateOpportunity: Opportunity;
};


export type MutationAddRoomMemberArgs = {
  input: AddRoomMemberInput;
};


export type MutationCreateAccountArgs = {
  input: CreateAccountInput;
};


export type MutationCreateOpportunityArgs = {
  input: CreateOpportunityInput;
};


export type MutationLogActivityArgs = {
  input: LogActivityInput;
};


export type MutationLoginArgs = {
  input: LoginInput;
};


export type MutationMoveOpportunityStageArgs = {
  input: MoveOpportunityStageInput;
};


export type MutationProposePartnershipArgs = {
  input: ProposePartnershipInput;
};


export type MutationRemoveRoomMemberArgs = {
  input: RemoveRoomMemberInput;
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
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  members: Array<RoomMember>;
  /** The owner organization. */
  organization: Organization;
  /** The owner rep. */
  owner: User;
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
  /** Opaque global id. */
  id: Scalars['ID']['output'];
  kind: OrganizationKind;
  /** Its people: visible to its own members and to signed partners only. */
  members: Array<User>;
  name: Scalars['String']['output'];
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

export type Query = {
  __typename?: 'Query';
  /** Customer accounts of the caller's organization. */
  accounts: Array<Account>;
  /** Any object by its global id; NOT_FOUND for what the caller may not see. */
  node: Node;
  /** Opportunities the caller can see, newest first. */
  opportunities: OpportunityConnection;
  opportunity: Opportunity;
  /** Any organization on cosell (the partner directory lists them all). */
  organization: Organization;
  /** Partnerships of the caller's organization, newest first. */
  partnerships: Array<Partnership>;
  /** The signed-in person; null for an API token. */
  viewer: Maybe<User>;
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

export type RemoveRoomMemberInput = {
  opportunityId: Scalars['ID']['input'];
  userId: Scalars['ID']['input'];
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

export type SignPartnershipInput = {
  /** Signing requires accepting the code of conduct. */
  acceptCodeOfConduct: Scalars['Boolean']['input'];
  id: Scalars['ID']['input'];
};

export type TerminatePartnershipInput = {
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};

export type UpdateOpportunityInput = {
  amount?: InputMaybe<MoneyInput>;
  /** YYYY-MM-DD */
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
  role: OrgRole;
};
