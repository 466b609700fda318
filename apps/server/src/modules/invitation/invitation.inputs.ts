import { NAME_MAX, OrgRole } from "@cosell/schema";
import { IsEmail, Length, Matches } from "class-validator";
import { Field, ID, InputType, ObjectType } from "type-graphql";

const NOT_BLANK = { message: "must not be empty" };

@InputType({ description: "An admin invites a person to their own organization, with the role they will have." })
export class InviteUserInput {
  @Field(() => String)
  @IsEmail({}, { message: "must be an email address" })
  @Length(3, 320, { message: "must be an email address" })
  email!: string;

  @Field(() => OrgRole)
  role!: OrgRole;
}

@InputType({
  description:
    "A manager or admin invites a partner firm that is not on cosell yet: the firm is created, its first admin invited, and a partnership proposal from the inviting organization waits for them.",
})
export class InvitePartnerOrganizationInput {
  @Field(() => String, { description: "The new firm's name; names are unique on cosell, whatever their case." })
  @Length(1, NAME_MAX, { message: `must be 1 to ${NAME_MAX} characters` })
  @Matches(/\S/, NOT_BLANK)
  organizationName!: string;

  @Field(() => String, { description: "Who becomes the firm's first admin." })
  @IsEmail({}, { message: "must be an email address" })
  @Length(3, 320, { message: "must be an email address" })
  adminEmail!: string;
}

@InputType({ description: "The invitee joins: names themself and sets a password; the answer signs them in." })
export class AcceptInvitationInput {
  @Field(() => String, { description: "The `token` of the invitation link." })
  @Length(1, 200, { message: "must be the token of an invitation link" })
  token!: string;

  @Field(() => String, { description: "The name colleagues and partners see." })
  @Length(1, NAME_MAX, { message: `must be 1 to ${NAME_MAX} characters` })
  @Matches(/\S/, NOT_BLANK)
  name!: string;

  @Field(() => String, { description: "At least 10 characters." })
  password!: string;
}

@InputType()
export class RevokeInvitationInput {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ description: "What an invitation link is for, shown on the page that accepts it (to whoever holds the link)." })
export class InvitationPreview {
  @Field(() => String)
  email!: string;

  @Field(() => OrgRole)
  role!: OrgRole;

  @Field(() => String, { description: "The organization the invitee joins." })
  organizationName!: string;

  @Field(() => String, { description: "Who sent it." })
  invitedByName!: string;

  @Field(() => String, { description: "The firm of whoever sent it (another firm, for a partner firm's first admin)." })
  invitingOrganizationName!: string;

  @Field(() => String, { description: "When the link stops working (ISO 8601)." })
  expiresAt!: string;
}
