import {
  CURRENCY_MESSAGE,
  CURRENCY_PATTERN,
  NOT_BLANK,
  PROTECTION_DAYS_MAX,
  PROTECTION_DAYS_MIN,
  RegistrationDecision,
  RegistrationStatus,
  TITLE_MAX,
} from "@cosell/schema";
import { IsInt, IsOptional, Length, Matches, Max, Min, ValidateNested } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { IsDomain } from "../account/domain.js";
import { IsCloseDate } from "../opportunity/close-date.js";
import { MoneyInput } from "../opportunity/money.js";

@InputType()
export class RegisterDealInput {
  @Field(() => ID, { description: "The vendor the deal is registered with; your organization needs a signed partnership with it." })
  vendorOrganizationId!: string;

  @Field(() => String)
  @Length(1, 200, { message: "must be 1 to 200 characters" })
  @Matches(/\S/, { message: "must not be empty" })
  accountName!: string;

  @Field(() => String, {
    description:
      "The customer's web domain, e.g. example.com (compared without case and `www.`); a web address such as https://example.com/ is taken as its domain.",
  })
  @IsDomain()
  accountDomain!: string;

  @Field(() => String)
  @Length(1, TITLE_MAX, { message: `must be 1 to ${TITLE_MAX} characters` })
  @Matches(NOT_BLANK, { message: "must not be empty" })
  title!: string;

  @Field(() => MoneyInput)
  @ValidateNested()
  amount!: MoneyInput;

  @Field(() => String, { nullable: true, description: "YYYY-MM-DD, from 1970-01-01 to 9999-12-31." })
  @IsOptional()
  @IsCloseDate()
  closeDate?: string | null;
}

@InputType()
export class ReviewDealRegistrationInput {
  @Field(() => ID)
  id!: string;

  @Field(() => RegistrationDecision)
  decision!: RegistrationDecision;

  @Field(() => String, { nullable: true, description: "Required to reject: why." })
  @IsOptional()
  @Length(0, 2000, { message: "must be at most 2000 characters" })
  reason?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Required to approve when the registration has conflicts: why the partner still gets the deal.",
  })
  @IsOptional()
  @Length(0, 2000, { message: "must be at most 2000 characters" })
  overrideReason?: string | null;

  @Field(() => ID, { nullable: true, description: "The vendor rep who owns the new opportunity; defaults to the reviewer." })
  ownerId?: string | null;
}

@InputType()
export class DealRegistrationFilter {
  @Field(() => RegistrationStatus, { nullable: true })
  status?: RegistrationStatus | null;
}

@InputType()
export class SetRegistrationProtectionDaysInput {
  @Field(() => Int, {
    description: `Days an approved registration with your organization protects the partner's claim (${PROTECTION_DAYS_MIN}..${PROTECTION_DAYS_MAX}); applies to approvals from now on.`,
  })
  @IsInt({ message: "must be a whole number of days" })
  @Min(PROTECTION_DAYS_MIN, { message: `must be at least ${PROTECTION_DAYS_MIN}` })
  @Max(PROTECTION_DAYS_MAX, { message: `must be at most ${PROTECTION_DAYS_MAX}` })
  days!: number;
}

@InputType()
export class SetRegistrationAutoApprovalInput {
  @Field(() => ID, { description: "The partner firm whose registrations the rule approves." })
  partnerOrganizationId!: string;

  @Field(() => String, { description: 'The largest amount approved automatically, a decimal string such as "10000.00".' })
  maxAmount!: string;

  @Field(() => String, {
    nullable: true,
    description: "ISO 4217 code of maxAmount; registrations in another currency always wait for review. Default: your reporting currency.",
  })
  @IsOptional()
  @Matches(CURRENCY_PATTERN, { message: CURRENCY_MESSAGE })
  currency?: string | null;

  @Field(() => Boolean, {
    defaultValue: true,
    description: "Approve only registrations without any conflict (no open deal of yours, no other partner's registration on the account).",
  })
  requireNoConflict!: boolean;

  @Field(() => Boolean, { description: "False keeps the rule but approves nothing automatically." })
  enabled!: boolean;

  @Field(() => ID, { nullable: true, description: "The rep of yours who owns the deals the rule opens; default: you." })
  ownerId?: string | null;
}
