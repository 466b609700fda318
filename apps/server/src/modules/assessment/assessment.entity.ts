import { PartnershipStatus, SwotKind } from "@cosell/schema";
import { Extensions, Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";
import { Reliability } from "../commitment/commitment.entity.js";
import { Organization } from "../organization/organization.entity.js";
import { LIST_BOUNDS, maxItems } from "../../limits/bounds.js";

@Entity({ name: "assessment" })
@ObjectType({ description: "An organization's self-assessment (SWOT): what it is good at, where it needs partners." })
export class Assessment {
  @PrimaryColumn("uuid", { name: "organization_id" })
  organizationId!: string;

  @Column("uuid", { name: "updated_by_id", nullable: true })
  updatedById!: string | null;

  @Column("timestamptz", { name: "updated_at" })
  updatedAtDate!: Date;

  @Field(() => String)
  get updatedAt(): string {
    return new Date(this.updatedAtDate).toISOString();
  }
}

@Entity({ name: "assessment_item" })
@ObjectType({ description: "One SWOT item, tagged with the capabilities and industries it is about." })
export class AssessmentItem {
  @PrimaryColumn("uuid")
  id!: string;

  @Column("uuid", { name: "organization_id" })
  organizationId!: string;

  @Column("integer")
  position!: number;

  @Field(() => SwotKind)
  @Column("text")
  kind!: SwotKind;

  @Field(() => String)
  @Column("text")
  description!: string;

  @Extensions(maxItems(LIST_BOUNDS.tags))
  @Field(() => [String], { description: "Lower-case tags, e.g. packaging-design." })
  @Column("text", { array: true })
  capabilities!: string[];

  @Extensions(maxItems(LIST_BOUNDS.tags))
  @Field(() => [String], { description: "Lower-case tags, e.g. retail." })
  @Column("text", { array: true })
  industries!: string[];
}

@ObjectType({ description: "An organization that covers some of the needs, with the due-diligence figures to judge it by." })
export class PartnerDirectoryEntry {
  @Field(() => Organization)
  organization!: Organization;

  @Extensions(maxItems(LIST_BOUNDS.tags))
  @Field(() => [String], { description: "The needs its strengths cover." })
  matchedNeeds!: string[];

  @Extensions(maxItems(LIST_BOUNDS.directoryStrengths))
  @Field(() => [AssessmentItem], { description: "Its strengths that cover them, in its own order; at most 10." })
  strengths!: AssessmentItem[];

  @Field(() => Reliability)
  reliability!: Reliability;

  @Field(() => Int, { description: "Deals won together: opportunities one side owned with the other's people in the room." })
  wonDealsTogether!: number;

  @Field(() => PartnershipStatus, { nullable: true, description: "The current partnership with the caller's organization, if any." })
  partnershipStatus!: PartnershipStatus | null;
}
