import { ActivityKind } from "@cosell/schema";
import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { toGlobalId } from "../../ids.js";
import { Node } from "../node/node.type.js";

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

/** One field of an edit, old and new value as display strings ("" when there was none). */
export interface FieldChange {
  readonly field: string;
  readonly from: string;
  readonly to: string;
}

/** Flat details of a system activity: ids, stages, amounts. */
export type ActivityData = Record<string, string | number | boolean | null>;

export const activityCursor = (seq: number): string => Buffer.from(`activity:${seq}`).toString("base64url");

/** The seq behind an activity cursor, or null when it is not one. */
export function seqOfCursor(cursor: string): number | null {
  const match = /^activity:(\d{1,10})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  return match ? Number(match[1]) : null;
}
