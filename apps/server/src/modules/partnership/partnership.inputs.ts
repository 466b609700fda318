import { IsInt, IsOptional, Length, Max, Min } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";

@InputType()
export class ProposePartnershipInput {
  @Field(() => ID, { description: "The organization to partner with." })
  partnerOrganizationId!: string;

  @Field(() => String, { defaultValue: "", description: "What the partnership covers." })
  @Length(0, 5000)
  scope!: string;

  @Field(() => String, { defaultValue: "", description: "The working agreement's terms." })
  @Length(0, 20000)
  terms!: string;

  @Field(() => Int, { nullable: true, description: "Default revenue share of the partner, 0..10000 basis points." })
  @IsOptional()
  @IsInt()
  @Min(0, { message: "must be from 0 to 10000 basis points" })
  @Max(10000, { message: "must be from 0 to 10000 basis points" })
  defaultRevenueSplitBp?: number | null;
}

@InputType()
export class SignPartnershipInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Boolean, { description: "Signing requires accepting the code of conduct." })
  acceptCodeOfConduct!: boolean;
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
