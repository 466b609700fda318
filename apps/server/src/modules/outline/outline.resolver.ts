import { isManager } from "../../auth/viewer.js";
import { Arg, Ctx, Extensions, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { policyOf, writerPolicyOf } from "../../context.js";
import { LIST_BOUNDS, maxItems } from "../../limits/bounds.js";
import { Opportunity } from "../opportunity/opportunity.entity.js";
import { Organization } from "../organization/organization.entity.js";
import { User } from "../user/user.entity.js";
import { Outline, OutlineContent, OutlineSignature, outlineContent } from "./outline.entity.js";
import { PublishOutlineInput, SignOutlineInput } from "./outline.inputs.js";

@Resolver(() => Outline)
export class OutlineResolver {
  @Mutation(() => Outline, {
    description:
      "Publishes the room's plan as it stands (each firm's accepted commitments, the agreed split, the agreement scopes) as the next version of its outline; a manager of each firm in the room then signs it. Write access.",
  })
  publishOutline(@Arg("input", () => PublishOutlineInput) input: PublishOutlineInput, @Ctx() context: Context): Promise<Outline> {
    return context.services.outlines.publish(writerPolicyOf(context), input);
  }

  @Mutation(() => Outline, {
    description:
      "A manager or admin signs the latest version of the outline for their firm, once per firm (CONFLICT with reason ALREADY_SIGNED or SUPERSEDED otherwise).",
  })
  signOutline(@Arg("input", () => SignOutlineInput) input: SignOutlineInput, @Ctx() context: Context): Promise<Outline> {
    return context.services.outlines.sign(writerPolicyOf(context), input);
  }

  @FieldResolver(() => Opportunity)
  async opportunity(@Root() outline: Outline, @Ctx() context: Context): Promise<Opportunity> {
    return (await context.loaders.opportunity.load(outline.opportunityId))!;
  }

  @FieldResolver(() => User, { nullable: true, description: "Who published it; null for an API token." })
  publishedBy(@Root() outline: Outline, @Ctx() context: Context): Promise<User | null> | null {
    return outline.publishedById ? context.loaders.user.load(outline.publishedById) : null;
  }

  @FieldResolver(() => OutlineContent)
  content(@Root() outline: Outline): OutlineContent {
    return outlineContent(outline.data);
  }

  @Extensions(maxItems(LIST_BOUNDS.roomMembers))
  @FieldResolver(() => [OutlineSignature], { description: "Each firm's signature, in the order signed." })
  signatures(@Root() outline: Outline, @Ctx() context: Context): Promise<OutlineSignature[]> {
    return context.loaders.outlineSignatures.load(outline.id);
  }

  @Extensions(maxItems(LIST_BOUNDS.roomMembers))
  @FieldResolver(() => [Organization], {
    description: "The firms that have not signed yet: every firm with people in the room when it was published, and the deal's own.",
  })
  async awaitingSignatureFrom(@Root() outline: Outline, @Ctx() context: Context): Promise<Organization[]> {
    const signed = new Set((await context.loaders.outlineSignatures.load(outline.id)).map((s) => s.organizationId));
    const awaited = outline.parties.filter((id) => !signed.has(id));
    return (await context.loaders.organization.loadMany(awaited)).filter((o): o is Organization => o !== null && !(o instanceof Error));
  }

  @FieldResolver(() => Boolean, { description: "Whether a later version has been published (only the latest can be signed)." })
  async superseded(@Root() outline: Outline, @Ctx() context: Context): Promise<boolean> {
    const versions = await context.loaders.outlines.load(outline.opportunityId);
    return versions.some((other) => other.version > outline.version);
  }

  @FieldResolver(() => Boolean, {
    description: "Whether the viewer may sign it now: a manager or admin of a firm that has yet to sign the latest version.",
  })
  async viewerCanSign(@Root() outline: Outline, @Ctx() context: Context): Promise<boolean> {
    const viewer = policyOf(context).viewer;
    if (!isManager(viewer) || !outline.parties.includes(viewer.organizationId)) return false;
    if (await this.superseded(outline, context)) return false;
    const signatures = await context.loaders.outlineSignatures.load(outline.id);
    return !signatures.some((s) => s.organizationId === viewer.organizationId);
  }

  @FieldResolver(() => String, {
    description: "The outline as Markdown (`text/markdown`): GET it with the same bearer token as the API (or the web app's session).",
  })
  markdownUrl(@Root() outline: Outline, @Ctx() context: Context): string {
    return context.services.outlines.downloadUrl(outline, "md");
  }

  @FieldResolver(() => String, { description: "The outline as PDF (`application/pdf`), served like `markdownUrl`." })
  pdfUrl(@Root() outline: Outline, @Ctx() context: Context): string {
    return context.services.outlines.downloadUrl(outline, "pdf");
  }
}

@Resolver(() => OutlineSignature)
export class OutlineSignatureResolver {
  @FieldResolver(() => Organization)
  async organization(@Root() signature: OutlineSignature, @Ctx() context: Context): Promise<Organization> {
    return (await context.loaders.organization.load(signature.organizationId))!;
  }

  @FieldResolver(() => User, { description: "The manager or admin who signed for the firm." })
  async signedBy(@Root() signature: OutlineSignature, @Ctx() context: Context): Promise<User> {
    return (await context.loaders.user.load(signature.signedById))!;
  }
}

@Resolver(() => Opportunity)
export class OpportunityOutlineResolver {
  @Extensions(maxItems(LIST_BOUNDS.perRoom))
  @FieldResolver(() => [Outline], { description: "Every published version of the room's outline, newest first." })
  outlines(@Root() opportunity: Opportunity, @Ctx() context: Context): Promise<Outline[]> {
    return context.loaders.outlines.load(opportunity.id);
  }

  @FieldResolver(() => Outline, {
    nullable: true,
    description: "The latest version of the room's outline; null before the first is published.",
  })
  async outline(@Root() opportunity: Opportunity, @Ctx() context: Context): Promise<Outline | null> {
    return (await context.loaders.outlines.load(opportunity.id))[0] ?? null;
  }
}
