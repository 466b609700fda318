import { OrgRole } from "@cosell/schema";
import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { toGlobalId } from "../../ids.js";
import { Node } from "../node/node.type.js";

@Entity({ name: "app_user" })
@ObjectType({ implements: Node, description: "A person at an organization." })
export class User implements Node {
  @PrimaryColumn("uuid")
  id!: string;

  @Column("uuid", { name: "organization_id" })
  organizationId!: string;

  @Field(() => String)
  @Column("text")
  name!: string;

  @Field(() => String)
  @Column("text")
  email!: string;

  @Field(() => OrgRole)
  @Column("text")
  role!: OrgRole;

  /** Never exposed: no @Field. */
  @Column("text", { name: "password_hash", select: false })
  passwordHash!: string;

  /** A deactivated user cannot sign in, and their sessions stop at once. */
  @Field(() => Boolean, { description: "False once an admin deactivated them: they cannot sign in; what they did stays theirs." })
  @Column("boolean", { default: true })
  active!: boolean;

  @Column("timestamptz", { name: "created_at" })
  createdAt!: Date;

  get globalId(): string {
    return toGlobalId("User", this.id);
  }
}
