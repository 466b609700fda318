import { PartnershipRelationship, PartnershipTermsStatus } from "@cosell/schema";
import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

@ObjectType({ description: "What the partnership covers; each says “all” when it is not restricted." })
export class PartnershipScope {
  @Field(() => String, { description: "Which customer accounts (named accounts, segments, or all)." })
  accounts!: string;

  @Field(() => String, { description: "Which regions." })
  regions!: string;

  @Field(() => String, { description: "Which products or services." })
  products!: string;
}

@ObjectType({ description: "How the two firms run shared deals day to day." })
export class PartnershipLogistics {
  @Field(() => String, { description: "Who leads customer meetings." })
  meetingsLedBy!: string;

  @Field(() => String, { description: "How leads are shared between the firms." })
  leadSharing!: string;
}

@ObjectType({ description: "One side's signature of a revision of the terms." })
export class AgreementSignature {
  @Field(() => String, { description: "ISO 8601 time." })
  signedAt!: string;

  @Field(() => Int, {
    nullable: true,
    description: "The code of conduct version this side accepted (null only for signatures from before versions were recorded).",
  })
  codeOfConductVersion!: number | null;

  organizationId!: string;
  signedById!: string;
}

@Entity({ name: "partnership_terms" })
@ObjectType({ description: "One revision of a partnership's agreement, point by point, with both sides' signatures." })
export class PartnershipTerms {
  @PrimaryColumn("uuid", { name: "partnership_id" })
  partnershipId!: string;

  @Field(() => Int, { description: "1 for the first proposal, one more for each edit or amendment." })
  @PrimaryColumn("integer")
  revision!: number;

  @Field(() => PartnershipTermsStatus)
  @Column("text")
  status!: PartnershipTermsStatus;

  @Column("text", { name: "scope_accounts" })
  scopeAccounts!: string;

  @Column("text", { name: "scope_regions" })
  scopeRegions!: string;

  @Column("text", { name: "scope_products" })
  scopeProducts!: string;

  @Field(() => PartnershipRelationship)
  @Column("text")
  relationship!: PartnershipRelationship;

  @Column("text", { name: "meetings_led_by" })
  meetingsLedBy!: string;

  @Column("text", { name: "lead_sharing" })
  leadSharing!: string;

  @Field(() => String, { description: "Problems the firms already know of (overlapping accounts, channel conflicts…)." })
  @Column("text", { name: "known_problems" })
  knownProblems!: string;

  @Field(() => String, { description: "How known problems and disputes (credit included) are settled." })
  @Column("text", { name: "dispute_resolution" })
  disputeResolution!: string;

  @Field(() => Int, {
    description:
      "The default credit share, on a shared deal, of the firm that does not own it: 0..10000 basis points (the suggested split starts from it).",
  })
  @Column("integer", { name: "default_credit_split_bp" })
  defaultCreditSplitBp!: number;

  @Field(() => String, { description: "First day of the term, YYYY-MM-DD." })
  @Column("date", { name: "starts_on" })
  startsOn!: string;

  @Field(() => String, {
    nullable: true,
    description: "Last day of the term, YYYY-MM-DD, after startsOn (null only for terms carried over from free text).",
  })
  @Column("date", { name: "ends_on", nullable: true })
  endsOn!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The free-text scope and terms agreed before agreements were structured (revision 1 of older partnerships only).",
  })
  @Column("text", { name: "earlier_terms", nullable: true })
  earlierTerms!: string | null;

  @Column("uuid", { name: "proposed_by_id", nullable: true })
  proposedById!: string | null;

  @Column("uuid", { name: "proposed_by_organization_id" })
  proposedByOrganizationId!: string;

  @Column("timestamptz", { name: "proposed_at" })
  proposedAtDate!: Date;

  @Column("uuid", { name: "proposer_signed_by_id", nullable: true })
  proposerSignedById!: string | null;

  @Column("timestamptz", { name: "proposer_signed_at", nullable: true })
  proposerSignedAt!: Date | null;

  @Column("integer", { name: "proposer_code_of_conduct_version", nullable: true })
  proposerCodeOfConductVersion!: number | null;

  @Column("uuid", { name: "partner_signed_by_id", nullable: true })
  partnerSignedById!: string | null;

  @Column("timestamptz", { name: "partner_signed_at", nullable: true })
  partnerSignedAt!: Date | null;

  @Column("integer", { name: "partner_code_of_conduct_version", nullable: true })
  partnerCodeOfConductVersion!: number | null;

  @Column("timestamptz", { name: "in_force_from", nullable: true })
  inForceFromDate!: Date | null;

  /** The partnership's two sides, set by the loader that reads revisions (`partnershipTerms`). */
  parties!: { readonly proposerOrganizationId: string; readonly partnerOrganizationId: string };

  @Field(() => PartnershipScope)
  get scope(): PartnershipScope {
    return { accounts: this.scopeAccounts, regions: this.scopeRegions, products: this.scopeProducts };
  }

  @Field(() => PartnershipLogistics)
  get logistics(): PartnershipLogistics {
    return { meetingsLedBy: this.meetingsLedBy, leadSharing: this.leadSharing };
  }

  @Field(() => String, { description: "ISO 8601 time it was proposed." })
  get proposedAt(): string {
    return new Date(this.proposedAtDate).toISOString();
  }

  @Field(() => String, { nullable: true, description: "ISO 8601 time it took effect (both signed)." })
  get inForceFrom(): string | null {
    return this.inForceFromDate ? new Date(this.inForceFromDate).toISOString() : null;
  }

  @Field(() => Boolean, {
    description: "Whether every point is stated; only complete terms can be signed (older free-text terms are not, until amended).",
  })
  get complete(): boolean {
    return this.endsOn !== null;
  }

  /** The signatures so far, the proposing organization's side first. */
  signatureList(): AgreementSignature[] {
    const { proposerOrganizationId, partnerOrganizationId } = this.parties;
    const sides: [string, string | null, Date | null, number | null][] = [
      [proposerOrganizationId, this.proposerSignedById, this.proposerSignedAt, this.proposerCodeOfConductVersion],
      [partnerOrganizationId, this.partnerSignedById, this.partnerSignedAt, this.partnerCodeOfConductVersion],
    ];
    return sides.flatMap(([organizationId, signedById, at, version]) =>
      signedById && at
        ? [
            Object.assign(new AgreementSignature(), {
              organizationId,
              signedById,
              signedAt: new Date(at).toISOString(),
              codeOfConductVersion: version,
            }),
          ]
        : [],
    );
  }
}
