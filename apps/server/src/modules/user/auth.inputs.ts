import { IsEmail, Length } from "class-validator";
import { Field, InputType, ObjectType } from "type-graphql";
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
}
