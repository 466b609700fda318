import { BoardChangeKind, DealStage } from "@cosell/schema";
import { Extensions, Field, ID, ObjectType } from "type-graphql";
import { PageInfo } from "../../paging.js";
import { Activity } from "../activity/activity.entity.js";
import { User } from "../user/user.entity.js";
import { Opportunity } from "./opportunity.entity.js";
import { LIST_BOUNDS, PAGE_SIZED, maxItems } from "../../limits/bounds.js";

@ObjectType()
export class OpportunityEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Opportunity)
  node!: Opportunity;
}

@ObjectType()
export class OpportunityConnection {
  @Extensions(maxItems(PAGE_SIZED))
  @Field(() => [OpportunityEdge])
  edges!: OpportunityEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType()
export class ActivityEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Activity)
  node!: Activity;
}

@ObjectType()
export class ActivityConnection {
  @Extensions(maxItems(PAGE_SIZED))
  @Field(() => [ActivityEdge])
  edges!: ActivityEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType({ description: "A move of an opportunity from one stage to another." })
export class StageChange {
  @Field(() => Opportunity)
  opportunity!: Opportunity;

  @Field(() => DealStage, { nullable: true })
  fromStage!: DealStage | null;

  @Field(() => DealStage)
  toStage!: DealStage;

  @Field(() => User, { nullable: true })
  changedBy!: User | null;

  @Field(() => String)
  at!: string;

  @Field(() => String, {
    description: "Where this move stands in the feed: pass the last one you processed as `dealStageChanged(after:)` to resume.",
  })
  cursor!: string;

  /** The move's number in `stage_change` (commit order). */
  seq!: number;
}

@ObjectType({ description: "What happened to an opportunity on the subscriber's board (see `boardChanged`)." })
export class BoardChange {
  @Field(() => String, {
    description: "Where this change stands in the feed: pass the last one you processed as `boardChanged(after:)` to resume.",
  })
  cursor!: string;

  @Field(() => BoardChangeKind)
  kind!: BoardChangeKind;

  @Field(() => ID, { description: "The opportunity's id, also when it is no longer visible (ACCESS_LOST)." })
  opportunityId!: string;

  @Field(() => Opportunity, {
    nullable: true,
    description: "The deal as it is now (new values included); null on ACCESS_LOST.",
  })
  opportunity!: Opportunity | null;

  @Extensions(maxItems(LIST_BOUNDS.fieldChanges))
  @Field(() => [String], { description: "On UPDATED: the fields that changed (title, amount, closeDate, owner); empty otherwise." })
  fields!: string[];

  @Field(() => String)
  at!: string;

  /** The row's number in `board_change` (commit order). */
  seq!: number;
}
