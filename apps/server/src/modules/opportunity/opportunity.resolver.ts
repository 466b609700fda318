import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Extensions,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from "type-graphql";
import type { SubscribeResolverData } from "type-graphql";
import type { Context } from "../../context.js";
import { policyOf, writerPolicyOf } from "../../context.js";
import { propertiesFor } from "../../db/projection.js";
import { connection, pageSize } from "../../paging.js";
import { joinedUser } from "../../loaders.js";
import { Account } from "../account/account.entity.js";
import { Activity } from "../activity/activity.entity.js";
import { Organization } from "../organization/organization.entity.js";
import { RoomMember } from "../room/room-member.entity.js";
import { User } from "../user/user.entity.js";
import {
  CreateOpportunityInput,
  MoveOpportunityStageInput,
  OpportunityFilter,
  StageChangeFilter,
  UpdateOpportunityInput,
} from "./opportunity.inputs.js";
import { Opportunity } from "./opportunity.entity.js";
import { ActivityConnection, BoardChange, OpportunityConnection, StageChange } from "./opportunity.types.js";
import { LIST_BOUNDS, maxItems } from "../../limits/bounds.js";

@ArgsType()
class OpportunitiesArgs {
  @Field(() => Int, { nullable: true, description: "1..100, default 20." })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => OpportunityFilter, { nullable: true })
  filter?: OpportunityFilter | null;
}

@ArgsType()
class ActivitiesArgs {
  @Field(() => Int, { nullable: true, description: "The oldest N after `after` (1..100)." })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: "The newest N before `before` (1..100)." })
  last?: number | null;

  @Field(() => String, { nullable: true })
  before?: string | null;
}

@ArgsType()
class DealStageChangedArgs {
  @Field(() => StageChangeFilter, { nullable: true })
  filter?: StageChangeFilter | null;

  @Field(() => String, { nullable: true, description: "The `cursor` of the last move the client processed: replay every newer one first." })
  after?: string | null;
}

@ArgsType()
class BoardChangedArgs {
  @Field(() => String, {
    nullable: true,
    description: "The `cursor` of the last change the client processed: replay every newer one first.",
  })
  after?: string | null;
}

@Resolver(() => Opportunity)
export class OpportunityResolver {
  @Query(() => OpportunityConnection, { description: "Opportunities the caller can see, newest first." })
  async opportunities(@Args(() => OpportunitiesArgs) args: OpportunitiesArgs, @Ctx() context: Context): Promise<OpportunityConnection> {
    const page = await context.services.opportunities.list(policyOf(context), args, propertiesFor(context.reads, "Opportunity"));
    return connection(page.edges, page.hasNextPage, Boolean(args.after));
  }

  @Query(() => Opportunity)
  opportunity(@Arg("id", () => ID) id: string, @Ctx() context: Context): Promise<Opportunity> {
    return context.services.opportunities.get(policyOf(context), id);
  }

  @Mutation(() => Opportunity)
  createOpportunity(
    @Arg("input", () => CreateOpportunityInput) input: CreateOpportunityInput,
    @Ctx() context: Context,
  ): Promise<Opportunity> {
    return context.services.opportunities.create(writerPolicyOf(context), input);
  }

  @Mutation(() => Opportunity, { description: "Edits title, amount or close date; CONFLICT when expectedVersion is stale." })
  updateOpportunity(
    @Arg("input", () => UpdateOpportunityInput) input: UpdateOpportunityInput,
    @Ctx() context: Context,
  ): Promise<Opportunity> {
    return context.services.opportunities.update(writerPolicyOf(context), input);
  }

  @Mutation(() => Opportunity, { description: "Moves the deal to another stage; CONFLICT when expectedVersion is stale." })
  moveOpportunityStage(
    @Arg("input", () => MoveOpportunityStageInput) input: MoveOpportunityStageInput,
    @Ctx() context: Context,
  ): Promise<Opportunity> {
    return context.services.opportunities.moveStage(writerPolicyOf(context), input);
  }

  @Subscription(() => StageChange, {
    description:
      "Stage moves of every opportunity the caller can see (a manager's pipeline feed), optionally filtered. With `after` (the `cursor` of the last move you processed) it first replays the moves you missed, then goes on live: in order, no gap, no duplicate.",
    subscribe: ({ args, context }: SubscribeResolverData<unknown, DealStageChangedArgs, Context>) =>
      context.services.stageFeed.follow(policyOf(context), args.filter, args.after),
  })
  dealStageChanged(@Root() change: StageChange, @Args(() => DealStageChangedArgs) _args: DealStageChangedArgs): StageChange {
    return change;
  }

  @Query(() => String, {
    description:
      "Where the `boardChanged` feed stands now: subscribe with it as `after` (e.g. right after loading a board) to receive every change from this moment on, even one made before the subscription starts or while the connection is down.",
  })
  boardChangesCursor(@Ctx() context: Context): Promise<string> {
    policyOf(context);
    return context.services.boardFeed.currentCursor();
  }

  @Subscription(() => BoardChange, {
    description:
      "What happens to every opportunity the caller can see, for a live board: opened, edited (with the new values), moved, closed, and the caller gaining sight of a deal (it arrives whole) or losing it (only its id). With `after` (the `cursor` of the last change you processed) it first replays what you missed, then goes on live: in order, no gap, no duplicate.",
    subscribe: ({ args, context }: SubscribeResolverData<unknown, BoardChangedArgs, Context>) =>
      context.services.boardFeed.follow(policyOf(context), args.after),
  })
  boardChanged(@Root() change: BoardChange, @Args(() => BoardChangedArgs) _args: BoardChangedArgs): BoardChange {
    return change;
  }

  @FieldResolver(() => Account)
  async account(@Root() opportunity: Opportunity, @Ctx() context: Context): Promise<Account> {
    return (await context.loaders.account.load(opportunity.accountId))!;
  }

  @FieldResolver(() => Organization, { description: "The owner organization." })
  async organization(@Root() opportunity: Opportunity, @Ctx() context: Context): Promise<Organization> {
    return (await context.loaders.organization.load(opportunity.organizationId))!;
  }

  @FieldResolver(() => User, { description: "The owner rep." })
  async owner(@Root() opportunity: Opportunity, @Ctx() context: Context): Promise<User> {
    return (await context.loaders.user.load(opportunity.ownerId))!;
  }

  @Extensions(maxItems(LIST_BOUNDS.roomMembers))
  @FieldResolver(() => [RoomMember], { description: `The room's people, at most ${LIST_BOUNDS.roomMembers}.` })
  members(@Root() opportunity: Opportunity, @Ctx() context: Context): Promise<RoomMember[]> {
    return context.loaders.roomMembers.load(opportunity.id);
  }

  @FieldResolver(() => Activity, {
    nullable: true,
    description: "The newest entry of the room's log (for boards); null before anything was logged.",
  })
  lastActivity(@Root() opportunity: Opportunity, @Ctx() context: Context): Promise<Activity | null> {
    return context.loaders.lastActivity.load(opportunity.id);
  }

  @FieldResolver(() => ActivityConnection, {
    description: "The room's log in order; page forward with first/after or back with last/before.",
  })
  async activities(
    @Root() opportunity: Opportunity,
    @Args(() => ActivitiesArgs) args: ActivitiesArgs,
    @Ctx() context: Context,
  ): Promise<ActivityConnection> {
    const fromEnd = args.last != null && args.first == null;
    const size = pageSize(fromEnd ? args.last : args.first, fromEnd ? "last" : "first");
    const page = await context.services.activities.page(opportunity.id, {
      ...args,
      first: fromEnd ? null : size,
      last: fromEnd ? size : null,
    });
    const edges = page.activities.map((node) => ({ cursor: node.cursor, node }));
    return connection(edges, page.hasNextPage, page.hasPreviousPage);
  }
}

@Resolver(() => RoomMember)
export class RoomMemberResolver {
  @FieldResolver(() => User)
  user(@Root() member: RoomMember, @Ctx() context: Context): User | Promise<User> {
    return joinedUser(member) ?? context.loaders.user.load(member.userId).then((user) => user!);
  }
}
