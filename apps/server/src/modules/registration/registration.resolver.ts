import { Arg, Ctx, Extensions, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { policyOf, writerPolicyOf } from "../../context.js";
import { Opportunity } from "../opportunity/opportunity.entity.js";
import { Organization } from "../organization/organization.entity.js";
import { User } from "../user/user.entity.js";
import { DealRegistration } from "./registration.entity.js";
import {
  DealRegistrationFilter,
  RegisterDealInput,
  ReviewDealRegistrationInput,
  SetRegistrationAutoApprovalInput,
  SetRegistrationProtectionDaysInput,
} from "./registration.inputs.js";
import { RegistrationAutoApproval } from "./auto-approval.entity.js";
import { RegistrationAttachment } from "./registration-attachment.entity.js";
import { LIST_BOUNDS, maxItems } from "../../limits/bounds.js";

@Resolver(() => DealRegistration)
export class RegistrationResolver {
  @Extensions(maxItems(LIST_BOUNDS.perOrganization))
  @Query(() => [DealRegistration], {
    description: "Deals the caller's organization registered with vendors, or that partners registered with it; newest first.",
  })
  dealRegistrations(
    @Arg("filter", () => DealRegistrationFilter, { nullable: true }) filter: DealRegistrationFilter | null,
    @Ctx() context: Context,
  ): Promise<DealRegistration[]> {
    return context.services.registrations.list(policyOf(context), filter?.status);
  }

  @Mutation(() => DealRegistration, {
    description:
      "A partner rep registers a deal they found with a vendor their organization has a signed partnership with; PENDING until reviewed.",
  })
  registerDeal(@Arg("input", () => RegisterDealInput) input: RegisterDealInput, @Ctx() context: Context): Promise<DealRegistration> {
    return context.services.registrations.register(writerPolicyOf(context), input);
  }

  @Mutation(() => DealRegistration, {
    description: "The vendor's manager approves (opening the opportunity with the registrant as PARTNER_REP) or rejects with a reason.",
  })
  reviewDealRegistration(
    @Arg("input", () => ReviewDealRegistrationInput) input: ReviewDealRegistrationInput,
    @Ctx() context: Context,
  ): Promise<DealRegistration> {
    return context.services.registrations.review(writerPolicyOf(context), input);
  }

  @Extensions(maxItems(LIST_BOUNDS.registrationConflicts))
  @FieldResolver(() => [Opportunity], {
    description:
      "The vendor's open opportunities on the same account (domain without case and `www.`) that the caller may see (the first 10).",
  })
  async conflicts(@Root() registration: DealRegistration, @Ctx() context: Context): Promise<Opportunity[]> {
    const ids = await context.services.registrations.conflicts(policyOf(context), registration);
    return (await context.loaders.opportunity.loadMany(ids)).filter((o): o is Opportunity => o instanceof Opportunity);
  }

  @Extensions(maxItems(LIST_BOUNDS.registrationConflicts))
  @FieldResolver(() => [DealRegistration], {
    description:
      "Other partner firms' registrations of the same account with the same vendor that are pending, or approved with their deal still open (the first 10, oldest first). The vendor sees them; a registrant sees none (only hasRegistrationConflict).",
  })
  conflictingRegistrations(@Root() registration: DealRegistration, @Ctx() context: Context): Promise<DealRegistration[]> {
    return context.services.registrations.conflictingRegistrations(policyOf(context), registration);
  }

  @FieldResolver(() => Boolean, {
    description:
      "Whether another partner firm has a pending or approved registration of the same account with the same vendor; which firm and what deal are not said to the registrant.",
  })
  hasRegistrationConflict(@Root() registration: DealRegistration, @Ctx() context: Context): Promise<boolean> {
    return context.services.registrations.hasRegistrationConflict(registration);
  }

  @Extensions(maxItems(LIST_BOUNDS.registrationAttachments))
  @FieldResolver(() => [RegistrationAttachment], {
    description: "Files backing the registration (upload with POST /registrations/:id/attachments), oldest first.",
  })
  attachments(@Root() registration: DealRegistration, @Ctx() context: Context): Promise<RegistrationAttachment[]> {
    policyOf(context);
    return context.services.registrations.attachments(registration);
  }

  @Mutation(() => Organization, {
    description: "Sets how many days an approved registration with your organization protects the partner's claim (admins; 1..3650).",
  })
  setRegistrationProtectionDays(
    @Arg("input", () => SetRegistrationProtectionDaysInput) input: SetRegistrationProtectionDaysInput,
    @Ctx() context: Context,
  ): Promise<Organization> {
    return context.services.registrationRules.setProtectionDays(writerPolicyOf(context), input);
  }

  @Mutation(() => RegistrationAutoApproval, {
    description: "Sets (or replaces) the rule that approves a partner firm's registrations at once (managers and admins of the vendor).",
  })
  setRegistrationAutoApproval(
    @Arg("input", () => SetRegistrationAutoApprovalInput) input: SetRegistrationAutoApprovalInput,
    @Ctx() context: Context,
  ): Promise<RegistrationAutoApproval> {
    return context.services.registrationRules.setAutoApproval(writerPolicyOf(context), input);
  }

  @Extensions(maxItems(LIST_BOUNDS.perOrganization))
  @Query(() => [RegistrationAutoApproval], { description: "Your organization's auto-approval rules for partner firms' registrations." })
  registrationAutoApprovals(@Ctx() context: Context): Promise<RegistrationAutoApproval[]> {
    return context.services.registrationRules.autoApprovals(policyOf(context));
  }

  @FieldResolver(() => Opportunity, {
    nullable: true,
    description: "The opportunity opened on approval (null before, or when the caller may not see it).",
  })
  async opportunity(@Root() registration: DealRegistration, @Ctx() context: Context): Promise<Opportunity | null> {
    if (!registration.opportunityId || !(await policyOf(context).canReadOpportunity(registration.opportunityId))) return null;
    return context.loaders.opportunity.load(registration.opportunityId);
  }

  @FieldResolver(() => Organization)
  async vendor(@Root() registration: DealRegistration, @Ctx() context: Context): Promise<Organization> {
    return (await context.loaders.organization.load(registration.vendorOrganizationId))!;
  }

  @FieldResolver(() => User)
  async registrant(@Root() registration: DealRegistration, @Ctx() context: Context): Promise<User> {
    return (await context.loaders.user.load(registration.registrantId))!;
  }

  @FieldResolver(() => User, { nullable: true })
  reviewedBy(@Root() registration: DealRegistration, @Ctx() context: Context): Promise<User | null> | null {
    return registration.reviewedById ? context.loaders.user.load(registration.reviewedById) : null;
  }
}

@Resolver(() => RegistrationAutoApproval)
export class RegistrationAutoApprovalResolver {
  @FieldResolver(() => Organization)
  async partner(@Root() rule: RegistrationAutoApproval, @Ctx() context: Context): Promise<Organization> {
    return (await context.loaders.organization.load(rule.partnerOrganizationId))!;
  }

  @FieldResolver(() => User, { description: "The rep who owns the deals the rule opens." })
  async owner(@Root() rule: RegistrationAutoApproval, @Ctx() context: Context): Promise<User> {
    return (await context.loaders.user.load(rule.ownerId))!;
  }

  @FieldResolver(() => User, { nullable: true })
  setBy(@Root() rule: RegistrationAutoApproval, @Ctx() context: Context): Promise<User | null> | null {
    return rule.setById ? context.loaders.user.load(rule.setById) : null;
  }
}
