import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { Money } from "../opportunity/money.js";

@Entity({ name: "registration_auto_approval" })
@ObjectType({
  description:
    "A vendor's rule for one partner firm: its registrations up to an amount (and, when required, without any conflict) are approved at once.",
})
export class RegistrationAutoApproval {
  @PrimaryColumn("uuid", { name: "vendor_organization_id" })
  vendorOrganizationId!: string;

  @PrimaryColumn("uuid", { name: "partner_organization_id" })
  partnerOrganizationId!: string;

  @Field(() => Boolean)
  @Column("boolean")
  enabled!: boolean;

  @Column("bigint", { name: "max_amount_minor" })
  maxAmountMinor!: string;

  @Column("char", { length: 3 })
  currency!: string;

  @Field(() => Boolean, {
    description: "Only registrations with no conflict (no open deal of the vendor, no other partner's registration on the account).",
  })
  @Column("boolean", { name: "require_no_conflict" })
  requireNoConflict!: boolean;

  /** The vendor rep who owns the deals it opens. */
  @Column("uuid", { name: "owner_id" })
  ownerId!: string;

  @Column("uuid", { name: "set_by_id", nullable: true })
  setById!: string | null;

  @Column("timestamptz", { name: "set_at" })
  setAtDate!: Date;

  @Field(() => Money, { description: "The largest amount approved automatically, in this currency only." })
  get maxAmount(): Money {
    return Money.of(this.maxAmountMinor, this.currency);
  }

  @Field(() => String)
  get setAt(): string {
    return new Date(this.setAtDate).toISOString();
  }
}
