import { RegistrationStatus } from "@cosell/schema";
import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { toGlobalId } from "../../ids.js";
import { Money } from "../opportunity/money.js";
import { Node } from "../node/node.type.js";

@Entity({ name: "deal_registration" })
@ObjectType({
  implements: Node,
  description: "A deal a partner found and registered with a vendor, for the vendor's manager to approve or reject.",
})
export class DealRegistration implements Node {
  @PrimaryColumn("uuid")
  id!: string;

  @Column("uuid", { name: "vendor_organization_id" })
  vendorOrganizationId!: string;

  @Column("uuid", { name: "registrant_id" })
  registrantId!: string;

  @Column("uuid", { name: "registrant_organization_id" })
  registrantOrganizationId!: string;

  @Field(() => String)
  @Column("text", { name: "account_name" })
  accountName!: string;

  @Field(() => String)
  @Column("text", { name: "account_domain" })
  accountDomain!: string;

  /** Lower case, without scheme and `www.`: compared with accounts' normalized domains. */
  @Column("text", { name: "normalized_domain" })
  normalizedDomain!: string;

  @Field(() => String)
  @Column("text")
  title!: string;

  @Column("bigint", { name: "amount_minor" })
  amountMinor!: string;

  @Column("char", { length: 3 })
  currency!: string;

  @Field(() => String, { nullable: true, description: "Expected close date, YYYY-MM-DD." })
  @Column("date", { name: "close_date", nullable: true })
  closeDate!: string | null;

  @Field(() => RegistrationStatus)
  @Column("text")
  status!: RegistrationStatus;

  @Column("uuid", { name: "reviewed_by_id", nullable: true })
  reviewedById!: string | null;

  @Column("timestamptz", { name: "reviewed_at", nullable: true })
  reviewedAtDate!: Date | null;

  @Field(() => String, { nullable: true, description: "Why it was rejected." })
  @Column("text", { name: "review_reason", nullable: true })
  reviewReason!: string | null;

  @Field(() => String, { nullable: true, description: "Why it was approved despite conflicting opportunities." })
  @Column("text", { name: "override_reason", nullable: true })
  overrideReason!: string | null;

  @Column("uuid", { name: "opportunity_id", nullable: true })
  opportunityId!: string | null;

  @Column("timestamptz", { name: "created_at" })
  createdAtDate!: Date;

  /** Set on approval: approval time + the vendor's protection window (`registrationProtectionDays`). */
  @Column("timestamptz", { name: "protected_until", nullable: true })
  protectedUntilDate!: Date | null;

  @Column("timestamptz", { name: "expired_at", nullable: true })
  expiredAtDate!: Date | null;

  @Field(() => Boolean, { description: "Approved at creation by the vendor's auto-approval rule for the registrant's firm (no reviewer)." })
  @Column("boolean", { name: "auto_approved", default: false })
  autoApproved!: boolean;

  get globalId(): string {
    return toGlobalId("DealRegistration", this.id);
  }

  @Field(() => Money)
  get amount(): Money {
    return Money.of(this.amountMinor, this.currency);
  }

  @Field(() => String, { nullable: true })
  get reviewedAt(): string | null {
    return this.reviewedAtDate ? new Date(this.reviewedAtDate).toISOString() : null;
  }

  @Field(() => String, {
    nullable: true,
    description:
      "Until when an approved registration protects the partner's claim; past it, it expires unless its deal has moved (left the stage it was opened in).",
  })
  get protectedUntil(): string | null {
    return this.protectedUntilDate ? new Date(this.protectedUntilDate).toISOString() : null;
  }

  @Field(() => String, { nullable: true, description: "When the protection window lapsed (status EXPIRED)." })
  get expiredAt(): string | null {
    return this.expiredAtDate ? new Date(this.expiredAtDate).toISOString() : null;
  }

  @Field(() => String)
  get createdAt(): string {
    return new Date(this.createdAtDate).toISOString();
  }
}
