import { IsOptional, Length, Matches } from "class-validator";
import { Field, InputType } from "type-graphql";

@InputType()
export class CreateAccountInput {
  @Field(() => String)
  @Length(1, 200, { message: "must be 1 to 200 characters" })
  @Matches(/\S/, { message: "must not be empty" })
  name!: string;

  @Field(() => String, { nullable: true, description: "The customer's web domain, e.g. example.com." })
  @IsOptional()
  @Matches(/^(https?:\/\/)?([a-z0-9-]+\.)+[a-z]{2,}\/?$/i, { message: "must be a domain such as example.com" })
  domain?: string | null;

  @Field(() => String, { nullable: true, description: "Retries with the same key create once and return the first result." })
  @IsOptional()
  @Length(1, 200, { message: "must be 1 to 200 characters" })
  idempotencyKey?: string | null;
}
