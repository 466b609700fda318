import { ApiScope } from "@cosell/schema";
import { Extensions, Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { toGlobalId } from "../../ids.js";
import { Node } from "../node/node.type.js";
import { LIST_BOUNDS, maxItems } from "../../limits/bounds.js";

@Entity({ name: "api_token" })
@ObjectType({ implements: Node, description: "An organization's token for its own systems. The secret is shown once, at creation." })
export class ApiToken implements Node {
  @PrimaryColumn("uuid")
  id!: string;

  @Column("uuid", { name: "organization_id" })
  organizationId!: string;

  @Field(() => String)
  @Column("text")
  name!: string;

  @Extensions(maxItems(LIST_BOUNDS.scopes))
  @Field(() => [ApiScope])
  @Column("text", { array: true })
  scopes!: ApiScope[];

  /** SHA-256 of the secret; never exposed. */
  @Column("text", { name: "token_hash", select: false })
  tokenHash!: string;

  @Field(() => String, { description: "The prefix and last four characters of the secret, to tell tokens apart." })
  @Column("text", { name: "token_hint" })
  hint!: string;

  @Column("uuid", { name: "created_by_id", nullable: true })
  createdById!: string | null;

  @Column("timestamptz", { name: "created_at" })
  createdAtDate!: Date;

  @Column("timestamptz", { name: "last_used_at", nullable: true })
  lastUsedAtDate!: Date | null;

  @Column("timestamptz", { name: "revoked_at", nullable: true })
  revokedAtDate!: Date | null;

  @Column("uuid", { name: "revoked_by_id", nullable: true })
  revokedById!: string | null;

  get globalId(): string {
    return toGlobalId("ApiToken", this.id);
  }

  @Field(() => String, { description: "ISO 8601 time." })
  get createdAt(): string {
    return new Date(this.createdAtDate).toISOString();
  }

  @Field(() => String, { nullable: true, description: "Last request made with it (ISO 8601), to the minute." })
  get lastUsedAt(): string | null {
    return this.lastUsedAtDate ? new Date(this.lastUsedAtDate).toISOString() : null;
  }

  @Field(() => String, { nullable: true, description: "When it was revoked (ISO 8601); a revoked token is refused." })
  get revokedAt(): string | null {
    return this.revokedAtDate ? new Date(this.revokedAtDate).toISOString() : null;
  }
}
