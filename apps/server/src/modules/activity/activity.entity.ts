import { ActivityKind } from "@cosell/schema";
import { Extensions, Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { toGlobalId } from "../../ids.js";
import { Node } from "../node/node.type.js";
import { LIST_BOUNDS, maxItems } from "../../limits/bounds.js";

@ObjectType({ description: 'One field of an edit: its value before and after, as display strings ("" when there was none).' })
export class FieldChange {
  @Field(() => String)
  field!: string;

  @Field(() => String)
  from!: string;

  @Field(() => String)
  to!: string;
}

@Entity({ name: "activity" })
@ObjectType({ implements: Node, description: "One entry of a room's append-only activity log." })
export class Activity implements Node {
  @PrimaryColumn("uuid")
  id!: string;

  @Column("uuid", { name: "opportunity_id" })
  opportunityId!: string;

  @Field(() => Int, { description: "Position in the room's log: 1, 2, 3… with no gaps." })
  @Column("integer")
  seq!: number;

  @Field(() => ActivityKind)
  @Column("text")
  kind!: ActivityKind;

  @Field(() => String, { nullable: true })
  @Column("text", { nullable: true })
  body!: string | null;

  @Column("uuid", { name: "actor_id", nullable: true })
  actorId!: string | null;

  /** The organization the entry is written for: the actor's, the API token's, or for the system the opportunity's. */
  @Column("uuid", { name: "actor_organization_id" })
  actorOrganizationId!: string;

  @Column("uuid", { name: "api_token_id", nullable: true })
  apiTokenId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The name of the API token it was written with; null when a person wrote it in the app, or the system.",
  })
  @Column("text", { name: "api_token_name", nullable: true })
  apiTokenName!: string | null;

  @Extensions(maxItems(LIST_BOUNDS.fieldChanges))
  @Field(() => [FieldChange], {
    description: "For edits, each changed field with its old and new value; empty for entries that are not edits.",
  })
  @Column("jsonb", { default: () => "'[]'" })
  changes!: FieldChange[];

  @Field(() => String, {
    description:
      "Hex SHA-256 over this entry's content and the previous entry's hash, chained per room in `seq` order: an entry altered after the fact no longer matches (`verifyAuditTrail`).",
  })
  @Column("text")
  hash!: string;

  /** Structured details of system activities (from/to stage, member, …). */
  @Column("jsonb", { nullable: true })
  data!: ActivityData | null;

  @Column("text", { name: "idempotency_key", nullable: true })
  idempotencyKey!: string | null;

  @Column("timestamptz", { name: "created_at" })
  createdAtDate!: Date;

  get globalId(): string {
    return toGlobalId("Activity", this.id);
  }

  @Field(() => String, { description: "Opaque; pass to `activities(after:)` or `roomActivity(after:)`." })
  get cursor(): string {
    return activityCursor(this.seq);
  }

  @Field(() => String, { description: "ISO 8601 time." })
  get createdAt(): string {
    return new Date(this.createdAtDate).toISOString();
  }
}

/** Flat details of a system activity: ids, stages, amounts. */
export type ActivityData = Record<string, string | number | boolean | null>;

export const activityCursor = (seq: number): string => Buffer.from(`activity:${seq}`).toString("base64url");

/** The seq behind an activity cursor, or null when it is not one. */
export function seqOfCursor(cursor: string): number | null {
  const match = /^activity:(\d{1,10})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  return match ? Number(match[1]) : null;
}

@ObjectType({ description: "The result of recomputing a room's hash chain from its first entry." })
export class AuditVerification {
  @Field(() => Boolean, { description: "Whether every entry matches the chain and none is missing." })
  ok!: boolean;

  @Field(() => Int, { description: "Entries checked, up to and including the first broken one." })
  checked!: number;

  @Field(() => Int, { nullable: true, description: "The seq of the first entry that was altered, removed or moved; null when ok." })
  firstBrokenSeq!: number | null;
}
