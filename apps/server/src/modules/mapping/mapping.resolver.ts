import { Arg, Args, ArgsType, Ctx, Extensions, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { policyOf, writerPolicyOf } from "../../context.js";
import { LIST_BOUNDS, maxItems } from "../../limits/bounds.js";
import { Account } from "../account/account.entity.js";
import { Opportunity } from "../opportunity/opportunity.entity.js";
import { Organization } from "../organization/organization.entity.js";
import { Partnership } from "../partnership/partnership.entity.js";
import { User } from "../user/user.entity.js";
import { CoSellRequest } from "./co-sell-request.entity.js";
import {
  AnswerCoSellRequestInput,
  CoSellRequestFilter,
  RequestCoSellInput,
  RevealAccountsInput,
  SetAccountMappingInput,
} from "./mapping.inputs.js";
import { mappingOf } from "./mapping.service.js";
import {
  AccountMapping,
  AccountOverlap,
  AccountReveal,
  OverlappingAccount,
  OverlappingAccountConnection,
  REVEAL_DOMAINS_MAX,
  RevealedDeal,
} from "./mapping.types.js";

@ArgsType()
class OverlappingAccountsArgs {
  @Field(() => ID)
  partnershipId!: string;

  @Field(() => Int, { nullable: true, description: "1..100, default 20." })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@Resolver()
export class AccountMappingResolver {
  @Query(() => AccountOverlap, {
    description: "Counts only: the accounts your organization and the partner firm both have, while both opted in to mapping.",
  })
  accountOverlap(@Arg("partnershipId", () => ID) partnershipId: string, @Ctx() context: Context): Promise<AccountOverlap> {
    return context.services.accountMapping.overlap(policyOf(context), partnershipId);
  }

  @Query(() => OverlappingAccountConnection, {
    description: "The overlapping accounts the partner firm revealed to yours (NAME or DEAL), by domain; empty while mapping is off.",
  })
  overlappingAccounts(
    @Args(() => OverlappingAccountsArgs) args: OverlappingAccountsArgs,
    @Ctx() context: Context,
  ): Promise<OverlappingAccountConnection> {
    return context.services.accountMapping.revealed(policyOf(context), args);
  }

  @Mutation(() => Partnership, {
    description: "Opts your organization in to account mapping on a signed partnership, or out (at once, deleting nothing).",
  })
  setAccountMapping(
    @Arg("input", () => SetAccountMappingInput) input: SetAccountMappingInput,
    @Ctx() context: Context,
  ): Promise<Partnership> {
    return context.services.accountMapping.set(writerPolicyOf(context), input);
  }

  @Extensions(maxItems(REVEAL_DOMAINS_MAX))
  @Mutation(() => [AccountReveal], { description: "Sets what your organization reveals of some of its accounts to the partner firm." })
  revealAccounts(@Arg("input", () => RevealAccountsInput) input: RevealAccountsInput, @Ctx() context: Context): Promise<AccountReveal[]> {
    return context.services.accountMapping.reveal(writerPolicyOf(context), input);
  }
}

@Resolver(() => Partnership)
export class PartnershipMappingResolver {
  @FieldResolver(() => AccountMapping, { description: "Account mapping on this partnership, as your organization sees it." })
  async accountMapping(@Root() partnership: Partnership, @Ctx() context: Context): Promise<AccountMapping> {
    return mappingOf(partnership, policyOf(context).viewer.organizationId, await context.loaders.accountMapping.load(partnership.id));
  }
}

@Resolver(() => OverlappingAccount)
export class OverlappingAccountResolver {
  @FieldResolver(() => Account, { description: "Your own account on the domain (the oldest, if you have several)." })
  async account(@Root() overlapping: OverlappingAccount, @Ctx() context: Context): Promise<Account> {
    return (await context.loaders.account.load(overlapping.accountId))!;
  }
}

@Resolver(() => RevealedDeal)
export class RevealedDealResolver {
  @FieldResolver(() => User, { description: "The partner firm's owner rep of the deal." })
  async owner(@Root() deal: RevealedDeal, @Ctx() context: Context): Promise<User> {
    return (await context.loaders.user.load(deal.ownerId))!;
  }
}

@Resolver(() => CoSellRequest)
export class CoSellRequestResolver {
  @Extensions(maxItems(LIST_BOUNDS.perOrganization))
  @Query(() => [CoSellRequest], { description: "Co-sell requests your organization sent or received, newest first." })
  coSellRequests(
    @Arg("filter", () => CoSellRequestFilter, { nullable: true }) filter: CoSellRequestFilter | null,
    @Ctx() context: Context,
  ): Promise<CoSellRequest[]> {
    return context.services.coSell.list(policyOf(context), filter?.status);
  }

  @Mutation(() => CoSellRequest, {
    description: "Asks the partner firm to co-sell on an overlapping account it revealed to yours; its managers are told.",
  })
  requestCoSell(@Arg("input", () => RequestCoSellInput) input: RequestCoSellInput, @Ctx() context: Context): Promise<CoSellRequest> {
    return context.services.coSell.request(writerPolicyOf(context), input);
  }

  @Mutation(() => CoSellRequest, {
    description:
      "A manager of the asked firm accepts (a room opens with both reps, or your rep joins the requester's open deal) or declines; once.",
  })
  answerCoSellRequest(
    @Arg("input", () => AnswerCoSellRequestInput) input: AnswerCoSellRequestInput,
    @Ctx() context: Context,
  ): Promise<CoSellRequest> {
    return context.services.coSell.answer(writerPolicyOf(context), input);
  }

  @FieldResolver(() => User)
  async requester(@Root() request: CoSellRequest, @Ctx() context: Context): Promise<User> {
    return (await context.loaders.user.load(request.requesterId))!;
  }

  @FieldResolver(() => Organization)
  async requesterOrganization(@Root() request: CoSellRequest, @Ctx() context: Context): Promise<Organization> {
    return (await context.loaders.organization.load(request.requesterOrganizationId))!;
  }

  @FieldResolver(() => Organization, { description: "The partner firm asked." })
  async recipientOrganization(@Root() request: CoSellRequest, @Ctx() context: Context): Promise<Organization> {
    return (await context.loaders.organization.load(request.recipientOrganizationId))!;
  }

  @FieldResolver(() => User, { nullable: true })
  answeredBy(@Root() request: CoSellRequest, @Ctx() context: Context): Promise<User | null> | null {
    return request.answeredById ? context.loaders.user.load(request.answeredById) : null;
  }

  @FieldResolver(() => Opportunity, {
    nullable: true,
    description: "Once accepted: the room where the account is worked (null before, or when the caller may not see it).",
  })
  async opportunity(@Root() request: CoSellRequest, @Ctx() context: Context): Promise<Opportunity | null> {
    if (!request.opportunityId || !(await policyOf(context).canReadOpportunity(request.opportunityId))) return null;
    return context.loaders.opportunity.load(request.opportunityId);
  }
}
