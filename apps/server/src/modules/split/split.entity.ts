import { SplitStatus, SplitType } from "@cosell/schema";
import { Extensions, Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { toGlobalId } from "../../ids.js";
import { Money } from "../opportunity/money.js";
import { Node } from "../node/node.type.js";
import { LIST_BOUNDS, maxItems } from "../../limits/bounds.js";

@Entity({ name: "credit_split" })
@ObjectType({ implements: Node, description: "Who gets credit for the deal, agreed by every participating organization before the win." })
export class CreditSplit implements Node {
  @PrimaryColumn("uuid")
  id!: string;

  @Column("uuid", { name: "opportunity_id" })
  opportunityId!: string;

  @Field(() => SplitStatus, {
    description:
      "The status of the current revision (`revision`): PROPOSED while a proposal awaits approval (even when an earlier revision is agreed and stays in force: see `agreed`), AGREED once every organization it needs has approved, LOCKED when the deal is won and the payouts are fixed.",
  })
  @Column("text")
  status!: SplitStatus;

  @Field(() => Int, {
    description:
      "The current revision: the pending proposal if there is one, else the revision in force. Bumped by every new proposal; approvals are for one revision. `lines`, `approvals`, `awaitingApprovalFrom`, `proposedBy` and `proposedAt` describe this revision.",
  })
  @Column("integer")
  revision!: number;

  /** The last revision every organization it needed approved: the one in force, and the one that locks at CLOSED_WON. */
  @Column("integer", { name: "agreed_revision", nullable: true })
  agreedRevision!: number | null;

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

/**
 * One revision of a split, stored side by side with the others: a new proposal never overwrites
 * the revision in force, which stays in force (and is what locks at CLOSED_WON) until the new one
 * is agreed.
 */
@Entity({ name: "split_revision" })
@ObjectType({ description: "One revision of a credit split: its lines and who has approved it." })
export class SplitRevision {
  @PrimaryColumn("uuid", { name: "split_id" })
  splitId!: string;

  @Field(() => Int)
  @PrimaryColumn("integer")
  revision!: number;

  @Column("uuid", { name: "proposed_by_id", nullable: true })
  proposedById!: string | null;

  @Column("timestamptz", { name: "proposed_at" })
  proposedAtDate!: Date;

  @Column("timestamptz", { name: "agreed_at", nullable: true })
  agreedAtDate!: Date | null;

  /** When a newer proposal replaced this one, or the deal was won while it was still pending. */
  @Column("timestamptz", { name: "closed_at", nullable: true })
  closedAtDate!: Date | null;

  /** The split it belongs to, set with `status` by whoever hands the revision out. */
  split!: CreditSplit;

  /** Set by whoever hands the revision out: it depends on the split (in force, locked or pending). */
  @Field(() => SplitStatus, { description: "PROPOSED (pending), AGREED (in force) or LOCKED (in force and paid out at the win)." })
  status!: SplitStatus;

  @Field(() => String)
  get proposedAt(): string {
    return new Date(this.proposedAtDate).toISOString();
  }

  @Field(() => String, { nullable: true })
  get agreedAt(): string | null {
    return this.agreedAtDate ? new Date(this.agreedAtDate).toISOString() : null;
  }
}

@Entity({ name: "split_line" })
@ObjectType({ description: "One person's share of the credit, in basis points (10000 = 100%)." })
export class SplitLine {
  @PrimaryColumn("uuid", { name: "split_id" })
  splitId!: string;

  @PrimaryColumn("integer")
  revision!: number;

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
  @PrimaryColumn("integer")
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
  @Extensions(maxItems(LIST_BOUNDS.suggestedLines))
  @Field(() => [SplitLine])
  lines!: SplitLine[];

  @Extensions(maxItems(LIST_BOUNDS.explanation))
  @Field(() => [String])
  explanation!: string[];
}
