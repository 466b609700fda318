import { PartnershipRelationship } from "@cosell/schema";
import { IsOptional, Length } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";

// The points' rules (each required, the term's dates in order, the split's range) are
// `agreementProblems` in @cosell/schema, which the web app's form applies too; the service checks
// them and names the first broken one (`terms.scope.accounts: is required`).

@InputType({ description: "What the partnership covers; say “all” where it is not restricted." })
export class PartnershipScopeInput {
  @Field(() => String, { description: "Which customer accounts (named accounts, segments, or all)." })
  accounts!: string;

  @Field(() => String, { description: "Which regions." })
  regions!: string;

  @Field(() => String, { description: "Which products or services." })
  products!: string;
}

@InputType({ description: "How the two firms run shared deals day to day." })
export class PartnershipLogisticsInput {
  @Field(() => String, { description: "Who leads customer meetings." })
  meetingsLedBy!: string;

  @Field(() => String, { description: "How leads are shared between the firms." })
  leadSharing!: string;
}

@InputType({ description: "Every point of a partnership agreement; all are required." })
export class PartnershipTermsInput {
  @Field(() => PartnershipScopeInput)
  scope!: PartnershipScopeInput;

  @Field(() => PartnershipRelationship)
  relationship!: PartnershipRelationship;

  @Field(() => PartnershipLogisticsInput)
  logistics!: PartnershipLogisticsInput;

  @Field(() => String, { description: "Problems the firms already know of (overlapping accounts, channel conflicts…)." })
  knownProblems!: string;

  @Field(() => String, { description: "How known problems and disputes (credit included) are settled." })
  disputeResolution!: string;

  @Field(() => Int, { description: "The default credit share, on a shared deal, of the firm that does not own it: 0..10000 basis points." })
  defaultCreditSplitBp!: number;

  @Field(() => String, { description: "First day of the term, YYYY-MM-DD." })
  startsOn!: string;

  @Field(() => String, { description: "Last day of the term, YYYY-MM-DD, after startsOn." })
  endsOn!: string;
}

@InputType()
export class ProposePartnershipInput {
  @Field(() => ID, { description: "The organization to partner with." })
  partnerOrganizationId!: string;

  @Field(() => PartnershipTermsInput)
  terms!: PartnershipTermsInput;
}

@InputType()
export class SignPartnershipInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      "The code of conduct version the signer read and accepts: the newest published one (`codeOfConduct`). Required unless the deprecated acceptCodeOfConduct is true.",
  })
  codeOfConductVersion?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "The revision of the terms the signer read (`Partnership.revision`). When it is no longer the one awaiting signatures, nothing is signed (CONFLICT, reason TERMS_REVISED). Always send it.",
  })
  revision?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    deprecationReason: "Send codeOfConductVersion (true here accepts the newest version without naming it).",
  })
  acceptCodeOfConduct?: boolean | null;
}

@InputType({ description: "New terms: on a proposed partnership they replace the proposal; on a signed one they are an amendment." })
export class AmendPartnershipInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      "The newest revision the caller saw (`Partnership.revision`); when another came since, nothing changes (CONFLICT, reason TERMS_REVISED).",
  })
  revision?: number | null;

  @Field(() => PartnershipTermsInput)
  terms!: PartnershipTermsInput;
}

@InputType()
export class TerminatePartnershipInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(0, 2000)
  reason?: string | null;
}
