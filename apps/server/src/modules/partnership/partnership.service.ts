import { NotificationKind, PartnershipStatus } from "@cosell/schema";
import type { DataSource, EntityManager } from "typeorm";
import type { Policy } from "../../auth/policy.js";
import { actorId } from "../../auth/viewer.js";
import { findVisible } from "../../db/find.js";
import type { Outbox, UnitOfWork } from "../../db/transaction.js";
import { badInput, conflict, notFound } from "../../errors.js";
import { idOf, newId } from "../../ids.js";
import { notify } from "../notification/notify.js";
import { Organization } from "../organization/organization.entity.js";
import { revokePartnerWriteAccess } from "../room/room.service.js";
import { Partnership } from "./partnership.entity.js";
import type { ProposePartnershipInput, SignPartnershipInput, TerminatePartnershipInput } from "./partnership.inputs.js";

const assertManager = (policy: Policy, action: string): string =>
  policy.assertManager(`Only a manager or admin can ${action} a partnership`);

export class PartnershipService {
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

  async propose(policy: Policy, input: ProposePartnershipInput): Promise<Partnership> {
    assertManager(policy, "propose");
    const partnerId = idOf("Organization", input.partnerOrganizationId);
    const partner = partnerId ? await this.dataSource.manager.findOneBy(Organization, { id: partnerId }) : null;
    if (!partner) throw notFound("Organization");
    if (partner.id === policy.viewer.organizationId) throw badInput("partnerOrganizationId", "an organization cannot partner with itself");
    try {
      return await this.uow.run((em, outbox) => writeProposal(em, outbox, policy, partner, input));
    } catch (error) {
      if ((error as { code?: string }).code === "23505") {
        throw conflict(`A partnership with ${partner.name} is already proposed or signed; terminate it before proposing a new one`);
      }
      throw error;
    }
  }

  async sign(policy: Policy, input: SignPartnershipInput): Promise<Partnership> {
    const userId = assertManager(policy, "sign");
    if (!input.acceptCodeOfConduct) throw badInput("acceptCodeOfConduct", "signing requires accepting the code of conduct");
    const found = await this.get(policy, input.id);
    const result = await this.uow.run(async (em, outbox) => {
      const partnership = await em.findOneOrFail(Partnership, { where: { id: found.id }, lock: { mode: "pessimistic_write" } });
      if (partnership.status !== PartnershipStatus.PROPOSED) {
        throw conflict(`The partnership is ${partnership.status.toLowerCase()}; only a proposed one can be signed`);
      }
      const proposerSide = partnership.proposerOrganizationId === policy.viewer.organizationId;
      if ((proposerSide ? partnership.proposerSignedById : partnership.partnerSignedById) !== null) {
        throw conflict("Your organization has already signed this partnership");
      }
      const now = new Date();
      if (proposerSide) Object.assign(partnership, { proposerSignedById: userId, proposerSignedAt: now });
      else Object.assign(partnership, { partnerSignedById: userId, partnerSignedAt: now });
      partnership.codeOfConductAccepted = true;
      if (partnership.proposerSignedById && partnership.partnerSignedById) partnership.status = PartnershipStatus.SIGNED;
      await em.save(Partnership, partnership);
      if (partnership.status === PartnershipStatus.PROPOSED) {
        const otherSide = proposerSide ? partnership.partnerOrganizationId : partnership.proposerOrganizationId;
        await awaitSignature(em, outbox, partnership, otherSide, policy, "signed");
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

/** What a proposal says: its scope, terms and default revenue split. */
export type ProposalTerms = Pick<ProposePartnershipInput, "scope" | "terms" | "defaultRevenueSplitBp">;

/**
 * Writes a partnership proposal from the viewer's organization to `partner` and tells the
 * partner's managers and admins, inside the caller's transaction: the one way a proposal is made,
 * by `proposePartnership` and by inviting a partner firm (whose first admin finds it waiting).
 * A second open proposal between the two firms fails on the unique index (23505).
 */
export async function writeProposal(
  em: EntityManager,
  outbox: Outbox,
  policy: Policy,
  partner: Organization,
  terms: ProposalTerms,
): Promise<Partnership> {
  const partnership = em.create(Partnership, {
    id: newId(),
    proposerOrganizationId: policy.viewer.organizationId,
    partnerOrganizationId: partner.id,
    status: PartnershipStatus.PROPOSED,
    scope: terms.scope.trim(),
    terms: terms.terms.trim(),
    defaultRevenueSplitBp: terms.defaultRevenueSplitBp ?? null,
    codeOfConductAccepted: false,
    proposerSignedById: null,
    partnerSignedById: null,
    createdAt: new Date(),
  });
  await em.insert(Partnership, partnership);
  await awaitSignature(em, outbox, partnership, partner.id, policy, "proposes");
  return partnership;
}

/**
 * Tells the people who may sign for `organizationId` (its managers and admins) that the partnership
 * the viewer's firm just proposed or signed awaits their signature.
 */
async function awaitSignature(
  em: EntityManager,
  outbox: Outbox,
  partnership: Partnership,
  organizationId: string,
  policy: Policy,
  verb: "proposes" | "signed",
): Promise<void> {
  const from = await em.findOneByOrFail(Organization, { id: policy.viewer.organizationId });
  await notify(em, outbox, {
    kind: NotificationKind.PARTNERSHIP_AWAITING_SIGNATURE,
    audience: { managersOf: [organizationId] },
    actorId: actorId(policy.viewer),
    opportunityId: null,
    subjectId: partnership.id,
    say: ({ actor }) => `${actor} of ${from.name} ${verb} a partnership with your firm; it awaits your signature`,
    url: "/partners",
  });
}
