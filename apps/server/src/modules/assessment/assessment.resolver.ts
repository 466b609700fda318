import { Arg, Ctx, Extensions, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { policyOf, writerPolicyOf } from "../../context.js";
import { Organization } from "../organization/organization.entity.js";
import { User } from "../user/user.entity.js";
import { Assessment, AssessmentItem, PartnerDirectoryEntry } from "./assessment.entity.js";
import { SaveAssessmentInput } from "./assessment.inputs.js";
import { LIST_BOUNDS, maxItems } from "../../limits/bounds.js";

@Resolver(() => Assessment)
export class AssessmentResolver {
  @Mutation(() => Assessment, { description: "Saves the caller's organization's SWOT, replacing the previous one (managers and admins)." })
  saveAssessment(@Arg("input", () => SaveAssessmentInput) input: SaveAssessmentInput, @Ctx() context: Context): Promise<Assessment> {
    return context.services.assessments.save(writerPolicyOf(context), input);
  }

  @Extensions(maxItems(LIST_BOUNDS.directoryEntries))
  @Query(() => [PartnerDirectoryEntry], {
    description: "Organizations whose strengths cover the needs (default: your organization's weaknesses), best match first; the best 50.",
  })
  partnerDirectory(
    @Arg("needs", () => [String], { nullable: true, description: "Capability or industry tags; omit to use your weaknesses' tags." })
    needs: string[] | null,
    @Ctx() context: Context,
  ): Promise<PartnerDirectoryEntry[]> {
    return context.services.assessments.directory(policyOf(context), needs);
  }

  @FieldResolver(() => Organization)
  async organization(@Root() assessment: Assessment, @Ctx() context: Context): Promise<Organization> {
    return (await context.loaders.organization.load(assessment.organizationId))!;
  }

  @Extensions(maxItems(LIST_BOUNDS.assessmentItems))
  @FieldResolver(() => [AssessmentItem], { description: "All items for your own organization; strengths only for others." })
  items(@Root() assessment: Assessment, @Ctx() context: Context): Promise<AssessmentItem[]> {
    return context.services.assessments.items(policyOf(context), assessment.organizationId);
  }

  @FieldResolver(() => User, { nullable: true })
  updatedBy(@Root() assessment: Assessment, @Ctx() context: Context): Promise<User | null> | null {
    return assessment.updatedById ? context.loaders.user.load(assessment.updatedById) : null;
  }
}

@Resolver(() => Organization)
export class OrganizationAssessmentResolver {
  @FieldResolver(() => Assessment, {
    nullable: true,
    description: "Its SWOT: complete for your own organization, strengths only for others.",
  })
  assessment(@Root() organization: Organization, @Ctx() context: Context): Promise<Assessment | null> {
    policyOf(context);
    return context.services.assessments.get(organization.id);
  }
}
