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
