import { SplitStatus, SplitType } from "@cosell/schema";
import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { toGlobalId } from "../../ids.js";
import { Money } from "../opportunity/money.js";
import { Node } from "../node/node.type.js";

@Entity({ name: "credit_split" })
@ObjectType({ implements: Node, description: "Who gets credit for the deal, agreed by every participating organization before the win." })
export class CreditSplit implements Node {
  @PrimaryColumn("uuid")
  id!: string;

  @Column("uuid", { name: "opportunity_id" })
  opportunityId!: string;

  @Field(() => SplitStatus, { description: "PROPOSED → AGREED (every participating organization approved) → LOCKED (deal won, payouts fixed)." })
  @Column("text")
  status!: SplitStatus;

  @Field(() => Int, { description: "Bumped by every new proposal; approvals are for one revision." })
  @Column("integer")
  revision!: number;

  @Column("uuid", { name: "proposed_by_id", nullable: true })
  proposedById!: string | null;

  @Column("timestamptz", { name: "proposed_at" })
  proposedAtDate!: Date;

  @Column("timestamptz", { name: "agreed_at", nullable: true })
  agreedAtDate!: Date | null;

  @Column("timestamptz", { name: "locked_at", nullable: true })
  lockedAtDate!: Date | null;

  get globalId(): string {
    return toGlobalId("CreditSplit", this.id);
  }

  @Field(() => String)
  get proposedAt(): string {
    return new Date(this.proposedAtDate).toISOString();
  }

  @Field(() => String, { nullable: true })
  get agreedAt(): string | null {
    return this.agreedAtDate ? new Date(this.agreedAtDate).toISOString() : null;
  }

  @Field(() => String, { nullable: true })
  get lockedAt(): string | null {
    return this.lockedAtDate ? new Date(this.lockedAtDate).toISOString() : null;
  }
}

@Entity({ name: "split_line" })
@ObjectType({ description: "One person's share of the credit, in basis points (10000 = 100%)." })
export class SplitLine {
  @PrimaryColumn("uuid", { name: "split_id" })
  splitId!: string;

  @PrimaryColumn("integer")
  position!: number;

  @Column("uuid", { name: "user_id" })
  userId!: string;

  @Column("uuid", { name: "organization_id" })
  organizationId!: string;

  @Field(() => Int)
  @Column("integer", { name: "basis_points" })
  basisPoints!: number;

  @Field(() => SplitType)
  @Column("text")
  type!: SplitType;

  /** Fixed when the split is locked at CLOSED_WON. */
  @Column("bigint", { name: "payout_minor", nullable: true })
  payoutMinor!: string | null;

  @Column("char", { name: "payout_currency", length: 3, nullable: true })
  payoutCurrency!: string | null;

  @Field(() => Money, { nullable: true, description: "The line's payout, fixed when the split is locked at CLOSED_WON; null before." })
  get payout(): Money | null {
    return this.payoutMinor !== null && this.payoutCurrency ? Money.of(this.payoutMinor, this.payoutCurrency) : null;
  }
}

@Entity({ name: "split_approval" })
@ObjectType({ description: "An organization's approval of one revision of a split." })
export class SplitApproval {
  @PrimaryColumn("uuid", { name: "split_id" })
  splitId!: string;

  @PrimaryColumn("uuid", { name: "organization_id" })
  organizationId!: string;

  @Field(() => Int)
  @Column("integer")
  revision!: number;

  @Column("uuid", { name: "approved_by_id" })
  approvedById!: string;

  @Column("timestamptz", { name: "approved_at" })
  approvedAtDate!: Date;

  @Field(() => String)
  get approvedAt(): string {
    return new Date(this.approvedAtDate).toISOString();
  }
}

@ObjectType({ description: "A split computed by cosell, with one human-readable line per contributor saying why." })
export class SuggestedSplit {
  @Field(() => [SplitLine])
  lines!: SplitLine[];

  @Field(() => [String])
  explanation!: string[];
}
