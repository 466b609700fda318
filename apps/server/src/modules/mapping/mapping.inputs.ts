import { COSELL_MESSAGE_MAX, CoSellRequestStatus, NOT_BLANK, RevealLevel } from "@cosell/schema";
import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Matches } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { IsDomain } from "../account/domain.js";
import { REVEAL_DOMAINS_MAX } from "./mapping.types.js";

@InputType()
export class SetAccountMappingInput {
  @Field(() => ID)
  partnershipId!: string;

  @Field(() => Boolean, {
    description:
      "true opts your organization in (the partnership must be SIGNED); false opts out at once, deleting nothing of either side.",
  })
  enabled!: boolean;

  @Field(() => RevealLevel, {
    nullable: true,
    description: "What you reveal of an overlapping account you set nothing else for; NONE until you say, unchanged when left out.",
  })
  defaultRevealLevel?: RevealLevel | null;
}

@InputType()
export class RevealAccountsInput {
  @Field(() => ID)
  partnershipId!: string;

  @Field(() => [String], { description: `Domains of your own accounts, 1..${REVEAL_DOMAINS_MAX}.` })
  @ArrayMinSize(1, { message: "name at least one domain" })
  @ArrayMaxSize(REVEAL_DOMAINS_MAX, { message: `name at most ${REVEAL_DOMAINS_MAX} domains` })
  accountDomains!: string[];

  @Field(() => RevealLevel)
  level!: RevealLevel;
}

@InputType()
export class RequestCoSellInput {
  @Field(() => ID)
  partnershipId!: string;

  @Field(() => String, { description: "An overlapping account's domain, among those the partner firm revealed to you." })
  @IsDomain()
  accountDomain!: string;

  @Field(() => String, { description: `What you propose, for the partner firm's manager (1..${COSELL_MESSAGE_MAX} characters).` })
  @Length(1, COSELL_MESSAGE_MAX, { message: `must be 1 to ${COSELL_MESSAGE_MAX} characters` })
  @Matches(NOT_BLANK, { message: "must not be empty" })
  message!: string;
}

@InputType()
export class AnswerCoSellRequestInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Boolean, { description: "true opens the room (or joins the requester's open deal); false declines." })
  accept!: boolean;

  @Field(() => String, { nullable: true, description: "Why it is declined (optional)." })
  @IsOptional()
  @Length(0, COSELL_MESSAGE_MAX, { message: `must be at most ${COSELL_MESSAGE_MAX} characters` })
  reason?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "On accept: the rep of your organization who owns the new opportunity, or joins the requester's open deal; defaults to you. Unused when your organization already has an open deal on the account (the requester joins it).",
  })
  ownerId?: string | null;
}

@InputType()
export class CoSellRequestFilter {
  @Field(() => CoSellRequestStatus, { nullable: true })
  status?: CoSellRequestStatus | null;
}
