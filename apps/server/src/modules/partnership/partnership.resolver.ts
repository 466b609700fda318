import { Arg, Ctx, Extensions, FieldResolver, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../context.js";
import { policyOf, writerPolicyOf } from "../../context.js";
import { LIST_BOUNDS, maxItems } from "../../limits/bounds.js";
import { Organization } from "../organization/organization.entity.js";
import { User } from "../user/user.entity.js";
import { agreementText } from "./agreement-text.js";
import { CodeOfConduct } from "./code-of-conduct.entity.js";
import { Partnership } from "./partnership.entity.js";
import { AmendPartnershipInput, ProposePartnershipInput, SignPartnershipInput, TerminatePartnershipInput } from "./partnership.inputs.js";
import { AgreementSignature, PartnershipTerms } from "./terms.entity.js";

const revisionsOf = (partnership: Partnership, context: Context): Promise<PartnershipTerms[]> =>
  context.loaders.partnershipTerms.load(partnership.id);

@Resolver(() => Partnership)
export class PartnershipResolver {
  @Extensions(maxItems(LIST_BOUNDS.perOrganization))
  @Query(() => [Partnership], { description: "Partnerships of the caller's organization, newest first." })
  partnerships(@Ctx() context: Context): Promise<Partnership[]> {
    return context.services.partnerships.list(policyOf(context));
  }

  @Query(() => CodeOfConduct, {
    nullable: true,
    description: "A published version of the partner code of conduct, with its text; the newest without `version`.",
  })
  codeOfConduct(
    @Arg("version", () => Int, { nullable: true }) version: number | null,
    @Ctx() context: Context,
  ): Promise<CodeOfConduct | null> {
    policyOf(context);
    return context.services.partnerships.codeOfConduct(version);
  }

  @Extensions(maxItems(LIST_BOUNDS.codesOfConduct))
  @Query(() => [CodeOfConduct], { description: "Every published version of the partner code of conduct, newest first." })
  codesOfConduct(@Ctx() context: Context): Promise<CodeOfConduct[]> {
    policyOf(context);
    return context.services.partnerships.codesOfConduct();
  }

  @Mutation(() => Partnership, { description: "Proposes a partnership with every point of its agreement; both sides then sign." })
  proposePartnership(
    @Arg("input", () => ProposePartnershipInput) input: ProposePartnershipInput,
    @Ctx() context: Context,
  ): Promise<Partnership> {
    return context.services.partnerships.propose(writerPolicyOf(context), input);
  }

  @Mutation(() => Partnership, {
    description:
      "New terms from either side: they replace a proposal not yet signed by both, or amend signed terms (which stay in force until both sign the amendment). Signatures of the replaced revision no longer count.",
  })
  amendPartnership(@Arg("input", () => AmendPartnershipInput) input: AmendPartnershipInput, @Ctx() context: Context): Promise<Partnership> {
    return context.services.partnerships.amend(writerPolicyOf(context), input);
  }

  @Mutation(() => Partnership, {
    description:
      "Signs the revision awaiting signatures for the caller's organization, accepting a code of conduct version; it takes effect once both sides have signed.",
  })
  signPartnership(@Arg("input", () => SignPartnershipInput) input: SignPartnershipInput, @Ctx() context: Context): Promise<Partnership> {
    return context.services.partnerships.sign(writerPolicyOf(context), input);
  }

  @Mutation(() => Partnership, { description: "Ends the partnership; partners keep read access but lose write access to shared rooms." })
  terminatePartnership(
    @Arg("input", () => TerminatePartnershipInput) input: TerminatePartnershipInput,
    @Ctx() context: Context,
  ): Promise<Partnership> {
    return context.services.partnerships.terminate(writerPolicyOf(context), input);
  }

  @FieldResolver(() => Organization)
  async proposer(@Root() partnership: Partnership, @Ctx() context: Context): Promise<Organization> {
    return (await context.loaders.organization.load(partnership.proposerOrganizationId))!;
  }

  @FieldResolver(() => Organization)
  async partner(@Root() partnership: Partnership, @Ctx() context: Context): Promise<Organization> {
    return (await context.loaders.organization.load(partnership.partnerOrganizationId))!;
  }

  @FieldResolver(() => PartnershipTerms, {
    nullable: true,
    description: "The terms that apply: those in force, or while none are, the proposal awaiting signatures (null: none proposed yet).",
  })
  async currentTerms(@Root() partnership: Partnership, @Ctx() context: Context): Promise<PartnershipTerms | null> {
    return partnership.currentOf(await revisionsOf(partnership, context));
  }

  @FieldResolver(() => PartnershipTerms, {
    nullable: true,
    description: "An amendment of the terms in force, awaiting both signatures; the terms in force apply until then.",
  })
  async pendingAmendment(@Root() partnership: Partnership, @Ctx() context: Context): Promise<PartnershipTerms | null> {
    return partnership.pendingAmendmentOf(await revisionsOf(partnership, context));
  }

  @Extensions(maxItems(LIST_BOUNDS.partnershipRevisions))
  @FieldResolver(() => [PartnershipTerms], { description: "Every revision of the terms, newest first: the agreement's history." })
  revisions(@Root() partnership: Partnership, @Ctx() context: Context): Promise<PartnershipTerms[]> {
    return revisionsOf(partnership, context);
  }

  @FieldResolver(() => String, {
    deprecationReason: "Use currentTerms.scope.",
    description: "The current terms' scope in one line (empty without terms).",
  })
  async scope(@Root() partnership: Partnership, @Ctx() context: Context): Promise<string> {
    const terms = await this.currentTerms(partnership, context);
    return terms ? [terms.scopeAccounts, terms.scopeRegions, terms.scopeProducts].filter(Boolean).join("; ") : "";
  }

  @FieldResolver(() => String, {
    deprecationReason: "Use currentTerms.text.",
    description: "The current terms as text (empty without terms).",
  })
  async terms(@Root() partnership: Partnership, @Ctx() context: Context): Promise<string> {
    const terms = await this.currentTerms(partnership, context);
    return terms ? textOf(terms, context) : "";
  }

  @FieldResolver(() => Int, { nullable: true, deprecationReason: "Use currentTerms.defaultCreditSplitBp." })
  async defaultRevenueSplitBp(@Root() partnership: Partnership, @Ctx() context: Context): Promise<number | null> {
    return (await this.currentTerms(partnership, context))?.defaultCreditSplitBp ?? null;
  }

  @FieldResolver(() => Boolean, {
    deprecationReason: "Use currentTerms.signatures (each names its code of conduct version).",
    description: "Whether a side has signed the current terms (every signature accepts the code of conduct).",
  })
  async codeOfConductAccepted(@Root() partnership: Partnership, @Ctx() context: Context): Promise<boolean> {
    const terms = await this.currentTerms(partnership, context);
    return terms !== null && (terms.proposerSignedById !== null || terms.partnerSignedById !== null);
  }

  @FieldResolver(() => User, { nullable: true, description: "Who signed the current terms for the proposing organization." })
  async proposerSignedBy(@Root() partnership: Partnership, @Ctx() context: Context): Promise<User | null> {
    const id = (await this.currentTerms(partnership, context))?.proposerSignedById;
    return id ? context.loaders.user.load(id) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: "Who signed the current terms for the partner organization." })
  async partnerSignedBy(@Root() partnership: Partnership, @Ctx() context: Context): Promise<User | null> {
    const id = (await this.currentTerms(partnership, context))?.partnerSignedById;
    return id ? context.loaders.user.load(id) : null;
  }
}

@Resolver(() => PartnershipTerms)
export class PartnershipTermsResolver {
  @Extensions(maxItems(LIST_BOUNDS.signatures))
  @FieldResolver(() => [AgreementSignature], { description: "Each side's signature so far, the proposing organization's first." })
  signatures(@Root() terms: PartnershipTerms): AgreementSignature[] {
    return terms.signatureList();
  }

  @FieldResolver(() => User, { nullable: true, description: "Who proposed this revision (null for terms carried over from free text)." })
  proposedBy(@Root() terms: PartnershipTerms, @Ctx() context: Context): Promise<User | null> | null {
    return terms.proposedById ? context.loaders.user.load(terms.proposedById) : null;
  }

  @FieldResolver(() => Organization, { description: "The organization that proposed this revision." })
  async proposedByOrganization(@Root() terms: PartnershipTerms, @Ctx() context: Context): Promise<Organization> {
    return (await context.loaders.organization.load(terms.proposedByOrganizationId))!;
  }

  @FieldResolver(() => String, {
    description: "The full agreement as the signers read it: every point in words, with both firms named. Show it before signing.",
  })
  text(@Root() terms: PartnershipTerms, @Ctx() context: Context): Promise<string> {
    return textOf(terms, context);
  }
}

@Resolver(() => AgreementSignature)
export class AgreementSignatureResolver {
  @FieldResolver(() => Organization)
  async organization(@Root() signature: AgreementSignature, @Ctx() context: Context): Promise<Organization> {
    return (await context.loaders.organization.load(signature.organizationId))!;
  }

  @FieldResolver(() => User)
  async signedBy(@Root() signature: AgreementSignature, @Ctx() context: Context): Promise<User> {
    return (await context.loaders.user.load(signature.signedById))!;
  }

  @FieldResolver(() => CodeOfConduct, { nullable: true, description: "The code of conduct this side accepted, with its text." })
  codeOfConduct(@Root() signature: AgreementSignature, @Ctx() context: Context): Promise<CodeOfConduct | null> | null {
    return signature.codeOfConductVersion === null ? null : context.services.partnerships.codeOfConduct(signature.codeOfConductVersion);
  }
}

async function textOf(terms: PartnershipTerms, context: Context): Promise<string> {
  const [proposer, partner] = await Promise.all([
    context.loaders.organization.load(terms.parties.proposerOrganizationId),
    context.loaders.organization.load(terms.parties.partnerOrganizationId),
  ]);
  return agreementText(terms, proposer!.name, partner!.name);
}
