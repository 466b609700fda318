import { DealStage, RevealLevel } from "@cosell/schema";
import { Extensions, Field, Int, ObjectType } from "type-graphql";
import { LIST_BOUNDS, PAGE_SIZED, maxItems } from "../../limits/bounds.js";
import { PageInfo } from "../../paging.js";

/** Stage pairs an overlap can hold: each side's open stages or none, 5 × 5. Enforced. */
export const STAGE_PAIRS_MAX = 25;

/** Domains one `revealAccounts` may name. */
export const REVEAL_DOMAINS_MAX = 100;

/** One side's row of `account_mapping`. */
export interface MappingSide {
  readonly partnership_id: string;
  readonly organization_id: string;
  readonly enabled: boolean;
  readonly default_level: RevealLevel;
}

@ObjectType({ description: "Account mapping on one partnership, as the caller's organization sees it." })
export class AccountMapping {
  @Field(() => Boolean, { description: "Whether your organization has opted in (setAccountMapping)." })
  enabled!: boolean;

  @Field(() => Boolean, { description: "Whether the partner firm has opted in." })
  partnerEnabled!: boolean;

  @Field(() => Boolean, { description: "Whether accounts are matched now: both sides opted in and the partnership is SIGNED." })
  active!: boolean;

  @Field(() => RevealLevel, { description: "What your organization reveals of an overlapping account it set nothing else for." })
  defaultRevealLevel!: RevealLevel;
}

@ObjectType({ description: "How many overlapping accounts sit at one pair of stages (null: no open deal on that side)." })
export class StageOverlap {
  @Field(() => DealStage, { nullable: true, description: "The most advanced open stage of your deals on those accounts." })
  myStage!: DealStage | null;

  @Field(() => DealStage, { nullable: true, description: "The most advanced open stage of the partner firm's deals on them." })
  theirStage!: DealStage | null;

  @Field(() => Int)
  count!: number;
}

@ObjectType({
  description:
    "Counts only: how many accounts (by normalized domain) both firms have, and where their open deals stand. All zero while mapping is not active.",
})
export class AccountOverlap {
  @Field(() => Boolean, { description: "Whether both sides opted in and the partnership is SIGNED." })
  active!: boolean;

  @Field(() => Int, { description: "Accounts both firms have." })
  common!: number;

  @Field(() => Int)
  withMyOpenDeals!: number;

  @Field(() => Int)
  withTheirOpenDeals!: number;

  @Field(() => Int)
  withBothOpenDeals!: number;

  @Extensions(maxItems(STAGE_PAIRS_MAX))
  @Field(() => [StageOverlap], { description: "The common accounts by your stage and theirs; pairs with no account are left out." })
  byStage!: StageOverlap[];
}

@ObjectType({ description: "The partner firm's open deal on an overlapping account, as it chose to reveal it (DEAL)." })
export class RevealedDeal {
  @Field(() => DealStage, { description: "The most advanced open stage of its deals on the account." })
  stage!: DealStage;

  ownerId!: string;
}

@ObjectType({ description: "An account both firms have that the partner firm chose to reveal to yours." })
export class OverlappingAccount {
  @Field(() => String, { description: "The domain the accounts were matched on (lower case, without `www.`)." })
  accountDomain!: string;

  /** Your own oldest account on the domain; resolved as `account`. */
  accountId!: string;

  @Field(() => RevealLevel, { description: "What the partner firm reveals of it: NAME or DEAL." })
  theirRevealLevel!: RevealLevel;

  @Field(() => String, { description: "The partner firm's name for the account." })
  theirAccountName!: string;

  @Field(() => RevealedDeal, { nullable: true, description: "With DEAL: their open deal there (null when they have none open)." })
  theirOpenDeal!: RevealedDeal | null;

  @Field(() => RevealLevel, { description: "What your organization reveals of it to the partner firm." })
  myRevealLevel!: RevealLevel;
}

@ObjectType()
export class OverlappingAccountEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => OverlappingAccount)
  node!: OverlappingAccount;
}

@ObjectType({ description: "Overlapping accounts the partner firm revealed, by domain." })
export class OverlappingAccountConnection {
  @Extensions(maxItems(PAGE_SIZED))
  @Field(() => [OverlappingAccountEdge])
  edges!: OverlappingAccountEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType({ description: "What your organization now reveals of one of its accounts to a partner firm." })
export class AccountReveal {
  @Field(() => String)
  accountDomain!: string;

  @Field(() => RevealLevel)
  level!: RevealLevel;
}

/** The bound of `coSellRequests`: the newest requests the caller's organization sent or received. */
export const CO_SELL_REQUESTS_MAX = LIST_BOUNDS.perOrganization;
