import { CommitmentStatus } from "@cosell/schema";
import { Field, Int, ObjectType, Float } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { toGlobalId } from "../../ids.js";
import { Node } from "../node/node.type.js";

@Entity({ name: "commitment" })
@ObjectType({ implements: Node, description: "A step of the room's plan of action: who delivers what, by when." })
export class Commitment implements Node {
  @PrimaryColumn("uuid")
  id!: string;

  @Column("uuid", { name: "opportunity_id" })
  opportunityId!: string;

  @Column("uuid", { name: "assignee_id" })
  assigneeId!: string;

  @Column("uuid", { name: "created_by_id", nullable: true })
  createdById!: string | null;

  @Field(() => String)
  @Column("text")
  title!: string;

  @Column("timestamptz", { name: "due_at" })
  dueAtDate!: Date;

  @Field(() => CommitmentStatus, {
    description:
      "PROPOSED until the assignee's side accepts (OPEN) or declines (DECLINED) it, unless self-assigned; OPEN until done or cancelled; an OPEN one past its due time becomes MISSED.",
  })
  @Column("text")
  status!: CommitmentStatus;

  @Column("timestamptz", { name: "completed_at", nullable: true })
  completedAtDate!: Date | null;

  @Column("timestamptz", { name: "missed_at", nullable: true })
  missedAtDate!: Date | null;

  @Column("timestamptz", { name: "cancelled_at", nullable: true })
  cancelledAtDate!: Date | null;

  @Column("uuid", { name: "cancelled_by_id", nullable: true })
  cancelledById!: string | null;

  @Column("timestamptz", { name: "created_at" })
  createdAtDate!: Date;

  @Column("timestamptz", { name: "accepted_at", nullable: true })
  acceptedAtDate!: Date | null;

  @Column("uuid", { name: "accepted_by_id", nullable: true })
  acceptedById!: string | null;

  @Column("timestamptz", { name: "declined_at", nullable: true })
  declinedAtDate!: Date | null;

  @Column("uuid", { name: "declined_by_id", nullable: true })
  declinedById!: string | null;

  @Field(() => String, { nullable: true, description: "Why the assignee's side declined it (DECLINED only)." })
  @Column("text", { name: "decline_reason", nullable: true })
  declineReason!: string | null;

  get globalId(): string {
    return toGlobalId("Commitment", this.id);
  }

  @Field(() => String, { description: "ISO 8601 time." })
  get dueAt(): string {
    return new Date(this.dueAtDate).toISOString();
  }

  @Field(() => String, { nullable: true, description: "ISO 8601 time it was marked done." })
  get completedAt(): string | null {
    return this.completedAtDate ? new Date(this.completedAtDate).toISOString() : null;
  }

  @Field(() => String, { nullable: true })
  get cancelledAt(): string | null {
    return this.cancelledAtDate ? new Date(this.cancelledAtDate).toISOString() : null;
  }

  @Field(() => String, {
    nullable: true,
    description:
      "ISO 8601 time it was agreed: at creation when self-assigned; null while PROPOSED, when DECLINED, and for commitments made before agreement was required.",
  })
  get acceptedAt(): string | null {
    return this.acceptedAtDate ? new Date(this.acceptedAtDate).toISOString() : null;
  }

  @Field(() => String, { nullable: true, description: "ISO 8601 time it was declined." })
  get declinedAt(): string | null {
    return this.declinedAtDate ? new Date(this.declinedAtDate).toISOString() : null;
  }

  @Field(() => String)
  get createdAt(): string {
    return new Date(this.createdAtDate).toISOString();
  }

  @Field(() => Boolean, { nullable: true, description: "For DONE: whether it was completed by its due time; null otherwise." })
  get onTime(): boolean | null {
    if (this.status !== CommitmentStatus.DONE || !this.completedAtDate) return null;
    return new Date(this.completedAtDate).getTime() <= new Date(this.dueAtDate).getTime();
  }
}

@ObjectType({ description: "How reliably someone delivers what they commit to, from the whole history of commitments." })
export class Reliability {
  @Field(() => Int, { description: "Commitments marked done (on time or late)." })
  delivered!: number;

  @Field(() => Int, { description: "Of those, done by their due time." })
  deliveredOnTime!: number;

  @Field(() => Int, { description: "Commitments that passed their due time while open." })
  missed!: number;

  @Field(() => Int, { description: "Accepted commitments still open (proposals awaiting an answer and declined ones count nowhere)." })
  open!: number;

  @Field(() => Float, { nullable: true, description: "deliveredOnTime / (delivered + missed), 0..1; null before anything was due." })
  onTimeRate!: number | null;

  @Field(() => Int, { description: "Answers given to other members' help requests." })
  helpGiven!: number;
}

/** Counts behind a `Reliability`, as one SQL row. */
export interface ReliabilityCounts {
  readonly delivered: number;
  readonly deliveredOnTime: number;
  readonly missed: number;
  readonly open: number;
  readonly helpGiven: number;
}

export function reliabilityOf(counts: ReliabilityCounts | undefined): Reliability {
  const c = counts ?? { delivered: 0, deliveredOnTime: 0, missed: 0, open: 0, helpGiven: 0 };
  const due = c.delivered + c.missed;
  return Object.assign(new Reliability(), { ...c, onTimeRate: due === 0 ? null : c.deliveredOnTime / due });
}
