import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { toGlobalId } from "../../ids.js";
import { Node } from "../node/node.type.js";

@Entity({ name: "account" })
@ObjectType({ implements: Node, description: "A customer company, owned by one organization." })
export class Account implements Node {
  @PrimaryColumn("uuid")
  id!: string;

  @Column("uuid", { name: "organization_id" })
  organizationId!: string;

  @Field(() => String)
  @Column("text")
  name!: string;

  @Field(() => String, { nullable: true })
  @Column("text", { nullable: true })
  domain!: string | null;

  /** Lower case, without scheme, `www.` and path: the key for conflict checks. */
  @Column("text", { name: "normalized_domain", nullable: true })
  normalizedDomain!: string | null;

  @Column("timestamptz", { name: "created_at" })
  createdAt!: Date;

  get globalId(): string {
    return toGlobalId("Account", this.id);
  }
}
