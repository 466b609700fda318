import { PartnershipStatus } from "@cosell/schema";
import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { toGlobalId } from "../../ids.js";
import { Node } from "../node/node.type.js";

@Entity({ name: "partnership" })
@ObjectType({ implements: Node, description: "A working agreement between two organizations." })
export class Partnership implements Node {
  @PrimaryColumn("uuid")
  id!: string;

  @Column("uuid", { name: "proposer_organization_id" })
  proposerOrganizationId!: string;

  @Column("uuid", { name: "partner_organization_id" })
  partnerOrganizationId!: string;

  @Field(() => PartnershipStatus)
  @Column("text")
  status!: PartnershipStatus;

  @Field(() => String)
  @Column("text")
  scope!: string;

  @Field(() => String)
  @Column("text")
  terms!: string;

  @Field(() => Int, { nullable: true, description: "Default revenue share of the partner, in basis points." })
  @Column("integer", { name: "default_revenue_split_bp", nullable: true })
  defaultRevenueSplitBp!: number | null;

  @Field(() => Boolean)
  @Column("boolean", { name: "code_of_conduct_accepted" })
  codeOfConductAccepted!: boolean;

  @Column("uuid", { name: "proposer_signed_by_id", nullable: true })
  proposerSignedById!: string | null;

  @Column("timestamptz", { name: "proposer_signed_at", nullable: true })
  proposerSignedAt!: Date | null;

  @Column("uuid", { name: "partner_signed_by_id", nullable: true })
  partnerSignedById!: string | null;

  @Column("timestamptz", { name: "partner_signed_at", nullable: true })
  partnerSignedAt!: Date | null;

  @Column("uuid", { name: "terminated_by_id", nullable: true })
  terminatedById!: string | null;

  @Column("timestamptz", { name: "terminated_at", nullable: true })
  terminatedAt!: Date | null;

  @Column("timestamptz", { name: "created_at" })
  createdAt!: Date;

  get globalId(): string {
    return toGlobalId("Partnership", this.id);
  }

  involves(organizationId: string): boolean {
    return this.proposerOrganizationId === organizationId || this.partnerOrganizationId === organizationId;
  }

  otherSide(organizationId: string): string {
    return this.proposerOrganizationId === organizationId ? this.partnerOrganizationId : this.proposerOrganizationId;
  }
}
