import { ApiScope } from "@cosell/schema";
import { ArrayContains, ArrayMaxSize, ArrayMinSize, Length, Matches } from "class-validator";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { ApiToken } from "./api-token.entity.js";

@InputType()
export class CreateApiTokenInput {
  @Field(() => String, { description: "What the token is for, e.g. the partner system that uses it." })
  @Length(1, 100, { message: "must be 1 to 100 characters" })
  @Matches(/\S/, { message: "must not be empty" })
  name!: string;

  @Field(() => [ApiScope], { description: "READ to query and subscribe; add WRITE to mutate." })
  @ArrayMinSize(1, { message: "must name at least one scope" })
  @ArrayMaxSize(2)
  @ArrayContains([ApiScope.READ], { message: "must include READ: a token that writes reads what it changes (send [READ, WRITE])" })
  scopes!: ApiScope[];
}

@InputType()
export class RevokeApiTokenInput {
  @Field(() => ID)
  id!: string;
}

@ObjectType()
export class CreateApiTokenPayload {
  @Field(() => String, { description: "The secret: send as `Authorization: Bearer <token>`. Shown this once only." })
  token!: string;

  @Field(() => ApiToken)
  apiToken!: ApiToken;
}
