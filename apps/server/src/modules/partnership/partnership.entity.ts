import { PartnershipStatus } from "@cosell/schema";
import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { toGlobalId } from "../../ids.js";
import { Node } from "../node/node.type.js";
import type { PartnershipTerms } from "./terms.entity.js";

@Entity({ name: "partnership" })
@ObjectType({
  implements: Node,
  description:
    "A working agreement between two organizations: its terms as numbered revisions, each signed by both sides with the code of conduct version each accepted.",
})
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

  @Field(() => Int, {
    description:
      "The newest revision of the terms (0 while none was proposed): the one awaiting signatures, or the one in force. Send it with signPartnership and amendPartnership.",
  })
  @Column("integer")
  revision!: number;

  @Field(() => Int, { nullable: true, description: "The revision both sides signed last (null until the first is signed)." })
  @Column("integer", { name: "in_force_revision", nullable: true })
  inForceRevision!: number | null;

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

  /** Of its `revisions`: the terms that apply, those in force, else the newest proposal (null when none was made). */
  currentOf(revisions: readonly PartnershipTerms[]): PartnershipTerms | null {
    const wanted = this.inForceRevision ?? this.revision;
    return revisions.find((terms) => terms.revision === wanted) ?? null;
  }

  /** Of its `revisions`: an amendment of signed terms awaiting both signatures. */
  pendingAmendmentOf(revisions: readonly PartnershipTerms[]): PartnershipTerms | null {
    if (this.inForceRevision === null || this.revision === this.inForceRevision) return null;
    return revisions.find((terms) => terms.revision === this.revision) ?? null;
  }
}
