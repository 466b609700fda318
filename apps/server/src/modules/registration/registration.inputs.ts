import { NOT_BLANK, RegistrationDecision, RegistrationStatus, TITLE_MAX } from "@cosell/schema";
import { IsOptional, Length, Matches, ValidateNested } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
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
