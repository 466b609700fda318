import { WebhookEvent } from "@cosell/schema";
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUrl, Length, ValidateBy } from "class-validator";
import { Field, ID, InputType } from "type-graphql";

/** A URL with user info would hand those credentials to whoever sees the webhook's settings or logs. */
const withoutCredentials = (value: unknown): boolean => {
  if (typeof value !== "string") return false;
  try {
    const url = new URL(value.trim());
    return url.username === "" && url.password === "";
  } catch {
    return true; // not a URL at all: IsUrl says so
  }
};

@InputType()
export class CreateWebhookInput {
  @Field(() => String, { description: "Where to POST events (http or https)." })
  @IsUrl({ protocols: ["http", "https"], require_protocol: true, require_tld: false }, { message: "must be an http(s) URL" })
  @Length(1, 2000, { message: "must be at most 2000 characters" })
  @ValidateBy(
    { name: "noUrlCredentials", validator: { validate: withoutCredentials } },
    { message: "must not carry credentials (user:password@): the secret authenticates deliveries" },
  )
  url!: string;

  @Field(() => String, {
    description: "Shared secret that signs every delivery (`x-cosell-signature`); at least 16 characters. Never shown again.",
  })
  @Length(16, 200, { message: "must be 16 to 200 characters" })
  secret!: string;

  @Field(() => [WebhookEvent])
  @ArrayMinSize(1, { message: "must name at least one event" })
  @ArrayMaxSize(3)
  events!: WebhookEvent[];

  @Field(() => String, { nullable: true, description: "Retries with the same key create once and return the first result." })
  @IsOptional()
  @Length(1, 200, { message: "must be 1 to 200 characters" })
  idempotencyKey?: string | null;
}

@InputType()
export class DeleteWebhookInput {
  @Field(() => ID)
  id!: string;
}
