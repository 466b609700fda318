import { IsOptional, Length, Matches } from "class-validator";
import { Field, InputType } from "type-graphql";
import { IsDomain } from "./domain.js";

@InputType()
export class CreateAccountInput {
  @Field(() => String)
  @Length(1, 200, { message: "must be 1 to 200 characters" })
  @Matches(/\S/, { message: "must not be empty" })
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: "The customer's web domain, e.g. example.com; a web address such as https://example.com/ is stored as its domain.",
  })
  @IsOptional()
  @IsDomain()
  domain?: string | null;

  @Field(() => String, { nullable: true, description: "Retries with the same key create once and return the first result." })
  @IsOptional()
  @Length(1, 200, { message: "must be 1 to 200 characters" })
  idempotencyKey?: string | null;
}
