import { ActivityKind, NotificationKind, PartnershipStatus, PartnershipTermsStatus, agreementProblems } from "@cosell/schema";
import type { DataSource, EntityManager } from "typeorm";
import type { Policy } from "../../auth/policy.js";
import { actorId } from "../../auth/viewer.js";
import { findVisible } from "../../db/find.js";
import { returning } from "../../db/sql.js";
import type { Outbox, UnitOfWork } from "../../db/transaction.js";
import { badInput, conflict, notFound } from "../../errors.js";
import { idOf, newId } from "../../ids.js";
import { appendActivity } from "../activity/activity.service.js";
import { notify } from "../notification/notify.js";
import { Organization } from "../organization/organization.entity.js";
import { revokePartnerWriteAccess } from "../room/room.service.js";
import { User } from "../user/user.entity.js";
import { CodeOfConduct } from "./code-of-conduct.entity.js";
import type {
  AmendPartnershipInput,
  PartnershipTermsInput,
  ProposePartnershipInput,
  SignPartnershipInput,
  TerminatePartnershipInput,
} from "./partnership.inputs.js";
import { Partnership } from "./partnership.entity.js";
import { PartnershipTerms } from "./terms.entity.js";

const assertManager = (policy: Policy, action: string): string =>
  policy.assertManager(`Only a manager or admin can ${action} a partnership`);

/** The points of `input`, trimmed, or BAD_USER_INPUT naming the first one missing or wrong (`terms.scope.accounts`). */
function checkedTerms(input: PartnershipTermsInput): PartnershipTermsInput {
  const terms: PartnershipTermsInput = {
    scope: { accounts: input.scope.accounts.trim(), regions: input.scope.regions.trim(), products: input.scope.products.trim() },
    relationship: input.relationship,
    logistics: { meetingsLedBy: input.logistics.meetingsLedBy.trim(), leadSharing: input.logistics.leadSharing.trim() },
    knownProblems: input.knownProblems.trim(),
    disputeResolution: input.disputeResolution.trim(),
    defaultCreditSplitBp: input.defaultCreditSplitBp,
    startsOn: input.startsOn.trim(),
    endsOn: input.endsOn.trim(),
  };
  const problems = agreementProblems(terms);
  const first = problems[0];
  if (first) {
    throw badInput(`terms.${first.field}`, first.message, {
      problems: problems.map((p) => ({ field: `terms.${p.field}`, message: p.message })),
    });
  }
  return terms;
}

/** Why nothing was signed: the terms moved on since the signer read them. */
const termsRevised = (revision: number) =>
  conflict(`The terms were changed since you read them (now revision ${revision}); read them again before signing`, {
    reason: "TERMS_REVISED",
    currentRevision: revision,
  });

export class PartnershipService {
  /** Published versions never change: each is read from the database once. */
  private readonly codes = new Map<number, CodeOfConduct>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  list(policy: Policy): Promise<Partnership[]> {
    const org = policy.viewer.organizationId;
    return this.dataSource.manager.find(Partnership, {
      where: [{ proposerOrganizationId: org }, { partnerOrganizationId: org }],
      order: { createdAt: "DESC" },
    });
  }

  /** A partnership the viewer's organization is party to, else NOT_FOUND. */
  async get(policy: Policy, globalId: string): Promise<Partnership> {
    return findVisible(this.dataSource.manager, Partnership, "Partnership", globalId, "Partnership", (partnership) =>
      partnership.involves(policy.viewer.organizationId),
    );
  }

  /** A published version of the code of conduct (the newest without `version`), or null. */
  async codeOfConduct(version?: number | null): Promise<CodeOfConduct | null> {
    if (version == null) return this.dataSource.manager.findOne(CodeOfConduct, { where: {}, order: { version: "DESC" } });
    const known = this.codes.get(version);
    if (known) return known;
    const found = await this.dataSource.manager.findOneBy(CodeOfConduct, { version });
    if (found) this.codes.set(version, found);
    return found;
  }

  /** Every published version, newest first. */
  codesOfConduct(): Promise<CodeOfConduct[]> {
    return this.dataSource.manager.find(CodeOfConduct, { order: { version: "DESC" } });
  }

  async propose(policy: Policy, input: ProposePartnershipInput): Promise<Partnership> {
    assertManager(policy, "propose");
    const partnerId = idOf("Organization", input.partnerOrganizationId);
    const partner = partnerId ? await this.dataSource.manager.findOneBy(Organization, { id: partnerId }) : null;
    if (!partner) throw notFound("Organization");
    if (partner.id === policy.viewer.organizationId) throw badInput("partnerOrganizationId", "an organization cannot partner with itself");
    const terms = checkedTerms(input.terms);
    try {
      return await this.uow.run((em, outbox) => writeProposal(em, outbox, policy, partner, terms));
    } catch (error) {
      if ((error as { code?: string }).code === "23505") {
        throw conflict(`A partnership with ${partner.name} is already proposed or signed; terminate it before proposing a new one`);
      }
      throw error;
    }
  }

  /**
   * New terms from either side. On a proposed partnership they replace the proposal; on a signed one
   * they are an amendment, pending while the revision in force still applies. Either way any
   * revision awaiting signatures is REPLACED and its signatures count no more.
   */
  async amend(policy: Policy, input: AmendPartnershipInput): Promise<Partnership> {
    const userId = assertManager(policy, "amend");
    const found = await this.get(policy, input.id);
    const terms = checkedTerms(input.terms);
    return this.uow.run(async (em, outbox) => {
      // The row lock orders amendments, signatures and termination of one partnership.
      const partnership = await em.findOneOrFail(Partnership, { where: { id: found.id }, lock: { mode: "pessimistic_write" } });
      if (partnership.status === PartnershipStatus.TERMINATED)
        throw conflict("The partnership is terminated; its terms can no longer change");
      if (input.revision != null && input.revision !== partnership.revision) throw termsRevised(partnership.revision);
      await em.update(
        PartnershipTerms,
        { partnershipId: partnership.id, status: PartnershipTermsStatus.PENDING },
        { status: PartnershipTermsStatus.REPLACED },
      );
      const revision = partnership.revision + 1;
      const moved = await returning<{ revision: number }>(
        em,
        `UPDATE partnership SET revision = $2 WHERE id = $1 AND revision = $3 AND status <> 'TERMINATED' RETURNING revision`,
        [partnership.id, revision, partnership.revision],
      );
      if (moved.length === 0) throw termsRevised(partnership.revision);
      partnership.revision = revision;
      await insertRevision(em, partnership, revision, terms, userId, policy.viewer.organizationId);
      const what =
        partnership.status === PartnershipStatus.SIGNED
          ? "proposes an amendment of your firm's partnership"
          : "changed the proposed partnership";
      await awaitSignature(em, outbox, partnership, partnership.otherSide(policy.viewer.organizationId), policy, what);
      return partnership;
    });
  }

  /**
   * Signs the revision awaiting signatures for the viewer's side, with the code of conduct version
   * accepted. The UPDATE itself requires that revision to be the one the signer read, unsigned by
   * this side, complete, and the version the newest published; when both sides have signed it
   * takes effect, replacing the revision in force, and every open room the two firms share is told.
   */
  async sign(policy: Policy, input: SignPartnershipInput): Promise<Partnership> {
    const userId = assertManager(policy, "sign");
    if (input.acceptCodeOfConduct === false) throw badInput("acceptCodeOfConduct", "signing requires accepting the code of conduct");
    if (input.codeOfConductVersion == null && input.acceptCodeOfConduct !== true) {
      throw badInput("codeOfConductVersion", "name the version of the code of conduct you accept (see codeOfConduct)");
    }
    const found = await this.get(policy, input.id);
    const result = await this.uow.run(async (em, outbox) => {
      const partnership = await em.findOneOrFail(Partnership, { where: { id: found.id }, lock: { mode: "pessimistic_write" } });
      if (partnership.status === PartnershipStatus.TERMINATED) throw conflict("The partnership is terminated; there is nothing to sign");
      if (input.revision != null && input.revision !== partnership.revision) throw termsRevised(partnership.revision);
      const newest = await em.findOne(CodeOfConduct, { where: {}, order: { version: "DESC" } });
      const version = input.codeOfConductVersion ?? newest!.version;
      const side = partnership.proposerOrganizationId === policy.viewer.organizationId ? "proposer" : "partner";
      const signed = await returning<{ both: boolean }>(
        em,
        `UPDATE partnership_terms t
            SET ${side}_signed_by_id = $3, ${side}_signed_at = now(), ${side}_code_of_conduct_version = $4
           FROM partnership p
          WHERE t.partnership_id = $1 AND t.revision = $2 AND p.id = t.partnership_id AND p.revision = t.revision
            AND t.status = 'PENDING' AND t.${side}_signed_by_id IS NULL AND t.ends_on IS NOT NULL
            AND $4 = (SELECT max(version) FROM code_of_conduct)
        RETURNING t.proposer_signed_at IS NOT NULL AND t.partner_signed_at IS NOT NULL AS both`,
        [partnership.id, input.revision ?? partnership.revision, userId, version],
      );
      if (signed.length === 0) throw await whyNotSigned(em, partnership, side, version, newest);
      if (signed[0]!.both) {
        await takeEffect(em, outbox, partnership, userId);
      } else {
        const what =
          partnership.status === PartnershipStatus.SIGNED
            ? "signed an amendment of your firm's partnership"
            : "signed a partnership with your firm";
        await awaitSignature(em, outbox, partnership, partnership.otherSide(policy.viewer.organizationId), policy, what);
      }
      return partnership;
    });
    policy.forget();
    return result;
  }

  async terminate(policy: Policy, input: TerminatePartnershipInput): Promise<Partnership> {
    const userId = assertManager(policy, "terminate");
    const found = await this.get(policy, input.id);
    const result = await this.uow.run(async (em, outbox) => {
      const partnership = await em.findOneOrFail(Partnership, { where: { id: found.id }, lock: { mode: "pessimistic_write" } });
      if (partnership.status === PartnershipStatus.TERMINATED) throw conflict("The partnership is already terminated");
      const wasSigned = partnership.status === PartnershipStatus.SIGNED;
      Object.assign(partnership, { status: PartnershipStatus.TERMINATED, terminatedById: userId, terminatedAt: new Date() });
      await em.save(Partnership, partnership);
      if (wasSigned) {
        // Each side loses write access to the rooms the other side owns; the record stays readable.
        const a = partnership.proposerOrganizationId;
        const b = partnership.partnerOrganizationId;
        await revokePartnerWriteAccess(em, outbox, a, b, actorId(policy.viewer));
        await revokePartnerWriteAccess(em, outbox, b, a, actorId(policy.viewer));
      }
      return partnership;
    });
    policy.forget();
    return result;
  }
}

/**
 * Writes a partnership proposal from the viewer's organization to `partner` and tells the
 * partner's managers and admins, inside the caller's transaction: the one way a proposal is made,
 * by `proposePartnership` (with its terms, revision 1) and by inviting a partner firm (without
 * terms yet, revision 0: either side then proposes them with `amendPartnership`).
 * A second open proposal between the two firms fails on the unique index (23505).
 */
export async function writeProposal(
  em: EntityManager,
  outbox: Outbox,
  policy: Policy,
  partner: Organization,
  terms: PartnershipTermsInput | null,
): Promise<Partnership> {
  const partnership = em.create(Partnership, {
    id: newId(),
    proposerOrganizationId: policy.viewer.organizationId,
    partnerOrganizationId: partner.id,
    status: PartnershipStatus.PROPOSED,
    revision: terms ? 1 : 0,
    inForceRevision: null,
    createdAt: new Date(),
  });
  await em.insert(Partnership, partnership);
  if (terms) await insertRevision(em, partnership, 1, terms, assertManager(policy, "propose"), policy.viewer.organizationId);
  await awaitSignature(em, outbox, partnership, partner.id, policy, "proposes a partnership with your firm");
  return partnership;
}

/**
 * Publishes a new version of the code of conduct: a platform step (a release's script or seed),
 * never a tenant's. Signatures from then on must accept it.
 */
export async function publishCodeOfConduct(em: EntityManager, code: { title: string; text: string }): Promise<CodeOfConduct> {
  const [row] = await em.query<{ version: number }[]>(
    `INSERT INTO code_of_conduct (version, title, text) SELECT COALESCE(max(version), 0) + 1, $1, $2 FROM code_of_conduct RETURNING version`,
    [code.title, code.text],
  );
  return em.findOneByOrFail(CodeOfConduct, { version: row!.version });
}

async function insertRevision(
  em: EntityManager,
  partnership: Partnership,
  revision: number,
  terms: PartnershipTermsInput,
  userId: string,
  organizationId: string,
): Promise<void> {
  await em.insert(PartnershipTerms, {
    partnershipId: partnership.id,
    revision,
    status: PartnershipTermsStatus.PENDING,
    scopeAccounts: terms.scope.accounts,
    scopeRegions: terms.scope.regions,
    scopeProducts: terms.scope.products,
    relationship: terms.relationship,
    meetingsLedBy: terms.logistics.meetingsLedBy,
    leadSharing: terms.logistics.leadSharing,
    knownProblems: terms.knownProblems,
    disputeResolution: terms.disputeResolution,
    defaultCreditSplitBp: terms.defaultCreditSplitBp,
    startsOn: terms.startsOn,
    endsOn: terms.endsOn,
    earlierTerms: null,
    proposedById: userId,
    proposedByOrganizationId: organizationId,
    proposedAtDate: new Date(),
  });
}

/** The specific reason the signing UPDATE changed nothing (the partnership row is locked, so it holds). */
async function whyNotSigned(
  em: EntityManager,
  partnership: Partnership,
  side: "proposer" | "partner",
  version: number,
  newest: CodeOfConduct | null,
): Promise<Error> {
  const terms = await em.findOneBy(PartnershipTerms, { partnershipId: partnership.id, revision: partnership.revision });
  if (!terms) {
    return conflict("No terms were proposed yet; propose them with amendPartnership before signing", { reason: "TERMS_INCOMPLETE" });
  }
  if (terms.status !== PartnershipTermsStatus.PENDING) {
    return conflict("Nothing awaits a signature: the terms in force are signed by both sides", { reason: "NOTHING_TO_SIGN" });
  }
  if ((side === "proposer" ? terms.proposerSignedById : terms.partnerSignedById) !== null) {
    return conflict(`Your organization has already signed revision ${terms.revision}`, { reason: "ALREADY_SIGNED" });
  }
  if (!terms.complete) {
    return conflict("These terms do not state every point; amend them before signing", { reason: "TERMS_INCOMPLETE" });
  }
  if (!(await em.findOneBy(CodeOfConduct, { version }))) {
    return badInput("codeOfConductVersion", `there is no version ${version} of the code of conduct`);
  }
  return conflict(`Version ${version} of the code of conduct was replaced by version ${newest?.version}; read and accept that one`, {
    reason: "CODE_OF_CONDUCT_OUTDATED",
    currentVersion: newest?.version ?? null,
  });
}

/**
 * Both sides signed the newest revision: it is now in force, the one before is superseded, and for
 * an amendment each open room the two firms share logs it.
 */
async function takeEffect(em: EntityManager, outbox: Outbox, partnership: Partnership, signerId: string): Promise<void> {
  const amended = partnership.inForceRevision;
  await em.update(
    PartnershipTerms,
    { partnershipId: partnership.id, status: PartnershipTermsStatus.IN_FORCE },
    { status: PartnershipTermsStatus.SUPERSEDED },
  );
  await em.update(
    PartnershipTerms,
    { partnershipId: partnership.id, revision: partnership.revision },
    { status: PartnershipTermsStatus.IN_FORCE, inForceFromDate: new Date() },
  );
  Object.assign(partnership, { status: PartnershipStatus.SIGNED, inForceRevision: partnership.revision });
  await em.update(Partnership, { id: partnership.id }, { status: PartnershipStatus.SIGNED, inForceRevision: partnership.revision });
  if (amended !== null) await logAmendment(em, outbox, partnership, signerId);
}

/** An entry in the log of every open room shared by the two firms: their agreement changed. */
async function logAmendment(em: EntityManager, outbox: Outbox, partnership: Partnership, signerId: string): Promise<void> {
  const a = partnership.proposerOrganizationId;
  const b = partnership.partnerOrganizationId;
  const rooms = await em.query<{ id: string }[]>(
    `SELECT DISTINCT o.id FROM opportunity o
       JOIN room_member m ON m.opportunity_id = o.id JOIN app_user u ON u.id = m.user_id
      WHERE o.stage NOT IN ('CLOSED_WON', 'CLOSED_LOST')
        AND ((o.organization_id = $1 AND u.organization_id = $2) OR (o.organization_id = $2 AND u.organization_id = $1))
      ORDER BY o.id`,
    [a, b],
  );
  if (rooms.length === 0) return;
  const terms = await em.findOneByOrFail(PartnershipTerms, { partnershipId: partnership.id, revision: partnership.revision });
  const [proposer, partner] = await Promise.all([em.findOneByOrFail(Organization, { id: a }), em.findOneByOrFail(Organization, { id: b })]);
  const by = terms.proposedById ? await em.findOneBy(User, { id: terms.proposedById }) : null;
  const proposingFirm = terms.proposedByOrganizationId === a ? proposer : partner;
  const body =
    `The partnership agreement between ${proposer.name} and ${partner.name} was amended: revision ${terms.revision}, ` +
    `proposed by ${by ? `${by.name} (${proposingFirm.name})` : proposingFirm.name}, now signed by both firms and in force.`;
  for (const room of rooms) {
    await appendActivity(em, outbox, {
      opportunityId: room.id,
      kind: ActivityKind.PARTNERSHIP_AMENDED,
      body,
      actorId: signerId,
      data: { partnershipId: partnership.id, revision: terms.revision },
    });
  }
}

/**
 * Tells the people who may sign for `organizationId` (its managers and admins) that the viewer's
 * firm just proposed, amended or signed terms that await their signature.
 */
async function awaitSignature(
  em: EntityManager,
  outbox: Outbox,
  partnership: Partnership,
  organizationId: string,
  policy: Policy,
  what: string,
): Promise<void> {
  const from = await em.findOneByOrFail(Organization, { id: policy.viewer.organizationId });
  await notify(em, outbox, {
    kind: NotificationKind.PARTNERSHIP_AWAITING_SIGNATURE,
    audience: { managersOf: [organizationId] },
    actorId: actorId(policy.viewer),
    opportunityId: null,
    subjectId: partnership.id,
    say: ({ actor }) => `${actor} of ${from.name} ${what}; it awaits your signature`,
    url: "/partners",
  });
}
