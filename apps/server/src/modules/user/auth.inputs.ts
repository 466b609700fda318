import { OrgRole } from "@cosell/schema";
import { IsEmail, Length } from "class-validator";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { User } from "./user.entity.js";

@InputType()
export class LoginInput {
  @Field(() => String)
  @IsEmail({}, { message: "must be an email address" })
  email!: string;

  @Field(() => String)
  @Length(1, 200, { message: "must not be empty" })
  password!: string;
}

@ObjectType()
export class AuthPayload {
  @Field(() => String, { description: "Send as `Authorization: Bearer <token>`." })
  token!: string;

  @Field(() => User)
  user!: User;

  @Field(() => String, { description: "When the session ends (ISO 8601); sign in again after." })
  expiresAt!: string;
}

@ObjectType()
export class SignInPayload {
  @Field(() => User)
  user!: User;

  @Field(() => String, { description: "When the session ends (ISO 8601); sign in again after." })
  expiresAt!: string;
}

@InputType()
export class LogoutInput {
  @Field(() => Boolean, {
    defaultValue: false,
    description: "End every session of the signed-in person (sign out everywhere), not only this one.",
  })
  everywhere!: boolean;
}

@ObjectType()
export class LogoutPayload {
  @Field(() => Int, { description: "How many sessions ended." })
  sessionsEnded!: number;
}

@InputType({ description: "An admin gives a person of their organization another role." })
export class SetUserRoleInput {
  @Field(() => ID)
  userId!: string;

  @Field(() => OrgRole)
  role!: OrgRole;
}

@InputType({ description: "An admin deactivates a person of their organization: no more sign-in, sessions and sockets end now." })
export class DeactivateUserInput {
  @Field(() => ID)
  userId!: string;
}

@InputType({ description: "The signed-in person changes their password; their other sessions end." })
export class ChangePasswordInput {
  @Field(() => String)
  @Length(1, 200, { message: "must not be empty" })
  currentPassword!: string;

  @Field(() => String, { description: "At least 10 characters." })
  newPassword!: string;
}

@ObjectType()
export class ChangePasswordPayload {
  @Field(() => User)
  user!: User;

  @Field(() => Int, { description: "How many of the person's other sessions ended (this one goes on)." })
  sessionsEnded!: number;
}

@InputType({ description: "An admin issues a single-use link with which a person of their organization sets a new password." })
export class IssuePasswordResetInput {
  @Field(() => ID)
  userId!: string;
}

@ObjectType({ description: "A single-use link to set a new password, issued by an admin; shown once, in the answer to the admin." })
export class PasswordReset {
  @Field(() => ID)
  id!: string;

  @Field(() => User, { description: "Whose password it resets." })
  user!: User;

  @Field(() => String, { description: "When the link stops working (ISO 8601)." })
  expiresAt!: string;

  @Field(() => String, {
    description: "The link (`…/reset-password?token=…`), to hand to the person; cosell keeps only a hash of its token.",
  })
  resetUrl!: string;

  @Field(() => Boolean, {
    description: "Whether the link also went out to the person by e-mail (SMTP configured and the mail server took it).",
  })
  emailSent!: boolean;
}

@InputType({ description: "Sets a new password with a reset link; every earlier session of the person ends." })
export class ResetPasswordInput {
  @Field(() => String, { description: "The `token` of the reset link." })
  @Length(1, 200, { message: "must be the token of a reset link" })
  token!: string;

  @Field(() => String, { description: "At least 10 characters." })
  newPassword!: string;
}
