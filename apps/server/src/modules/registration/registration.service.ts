import {
  ActivityKind,
  NotificationKind,
  DealStage,
  RegistrationDecision,
  RegistrationStatus,
  cleanDomain,
  normalizeDomain,
} from "@cosell/schema";
import type { DataSource, EntityManager } from "typeorm";
import { signedPartnershipHolds } from "../../auth/policy.js";
import type { Policy } from "../../auth/policy.js";
import { attributedTo } from "../../auth/viewer.js";
import { findVisible } from "../../db/find.js";
import type { UnitOfWork } from "../../db/transaction.js";
import { badInput, conflict, forbidden, notFound } from "../../errors.js";
import { idOf, newId } from "../../ids.js";
import { Account } from "../account/account.entity.js";
import { appendActivity } from "../activity/activity.service.js";
import { notify } from "../notification/notify.js";
import { toMinor } from "../opportunity/money.js";
import { Opportunity } from "../opportunity/opportunity.entity.js";
import { openOpportunity } from "../opportunity/opportunity.service.js";
import { Organization } from "../organization/organization.entity.js";
import { admitPartnerRep, announceMembership } from "../room/room.service.js";
import { User } from "../user/user.entity.js";
import { DealRegistration } from "./registration.entity.js";
import type { RegisterDealInput, ReviewDealRegistrationInput } from "./registration.inputs.js";

/** A new registration's row, waiting for the vendor's review. */
export function pendingRegistration(fields: {
  vendorOrganizationId: string;
  registrant: { id: string; organizationId: string };
  accountName: string;
  accountDomain: string;
  title: string;
  amount: { amount: string; currency: string };
  closeDate: string | null;
}): Partial<DealRegistration> {
  const money = toMinor(fields.amount);
  return {
    id: newId(),
    vendorOrganizationId: fields.vendorOrganizationId,
    registrantId: fields.registrant.id,
    registrantOrganizationId: fields.registrant.organizationId,
    accountName: fields.accountName,
    accountDomain: fields.accountDomain,
    normalizedDomain: normalizeDomain(fields.accountDomain),
    title: fields.title,
    amountMinor: money.minor.toString(),
    currency: money.currency,
    closeDate: fields.closeDate,
    status: RegistrationStatus.PENDING,
    reviewedById: null,
    reviewedAtDate: null,
    reviewReason: null,
    overrideReason: null,
    opportunityId: null,
    createdAtDate: new Date(),
  };
}

export class RegistrationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  /** A registration the viewer's organization is party to, else NOT_FOUND (as for a random id). */
  async get(policy: Policy, globalId: string): Promise<DealRegistration> {
    return findVisible(this.dataSource.manager, DealRegistration, "DealRegistration", globalId, "Deal registration", (registration) =>
      policy.canReadDealRegistration(registration),
    );
  }

  /** Registrations the viewer's organization made or received, newest first. */
  list(policy: Policy, status: RegistrationStatus | null | undefined): Promise<DealRegistration[]> {
    const org = policy.viewer.organizationId;
    const where = status
      ? [
          { vendorOrganizationId: org, status },
          { registrantOrganizationId: org, status },
        ]
      : [{ vendorOrganizationId: org }, { registrantOrganizationId: org }];
    return this.dataSource.manager.find(DealRegistration, { where, order: { createdAtDate: "DESC", id: "DESC" } });
  }

  async register(policy: Policy, input: RegisterDealInput): Promise<DealRegistration> {
    const viewer = policy.viewer;
    if (viewer.kind !== "user") throw forbidden("A deal is registered by a person, who joins the room as partner rep once approved");
    const vendorId = idOf("Organization", input.vendorOrganizationId);
    const vendor = vendorId ? await this.dataSource.manager.findOneBy(Organization, { id: vendorId }) : null;
    if (!vendor) throw notFound("Organization");
    if (vendor.id === viewer.organizationId)
      throw badInput("vendorOrganizationId", "is your own organization; open the opportunity directly");
    if (!(await policy.signedPartnersOf()).has(vendor.id)) {
      const own = await this.dataSource.manager.findOneByOrFail(Organization, { id: viewer.organizationId });
      throw forbidden(`${own.name} has no signed partnership with ${vendor.name}; sign one before registering deals with it`);
    }
    const closeDate = input.closeDate ?? null;
    const domain = cleanDomain(input.accountDomain);
    return this.uow.run(async (em, outbox) => {
      const registration = em.create(
        DealRegistration,
        pendingRegistration({
          vendorOrganizationId: vendor.id,
          registrant: { id: viewer.userId, organizationId: viewer.organizationId },
          accountName: input.accountName.trim(),
          accountDomain: domain,
          title: input.title.trim(),
          amount: input.amount,
          closeDate,
        }),
      );
      await em.insert(DealRegistration, registration);
      await notify(em, outbox, {
        kind: NotificationKind.REGISTRATION_AWAITING_REVIEW,
        audience: { managersOf: [vendor.id] },
        actorId: viewer.userId,
        opportunityId: null,
        subjectId: registration.id,
        say: ({ actor }) => `${actor} registered “${registration.title}” (${registration.accountName}) with your firm; it awaits review`,
        url: "/partners",
      });
      return registration;
    });
  }

  /** The vendor's open opportunities on the registration's account (same normalized domain), all of them. */
  private async allConflicts(em: EntityManager, registration: DealRegistration): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT o.id FROM opportunity o JOIN account a ON a.id = o.account_id
        WHERE o.organization_id = $1 AND a.normalized_domain = $2 AND o.stage <> ALL($3::text[])
          AND o.id IS DISTINCT FROM $4
        ORDER BY o.id`,
      [
        registration.vendorOrganizationId,
        registration.normalizedDomain,
        [DealStage.CLOSED_WON, DealStage.CLOSED_LOST],
        registration.opportunityId,
      ],
    );
    return rows.map((r) => r.id);
  }

  /** Conflicting opportunities the viewer may see: the vendor's reviewers see all, the registrant only their own rooms. */
  async conflicts(policy: Policy, registration: DealRegistration): Promise<string[]> {
    const ids = await this.allConflicts(this.dataSource.manager, registration);
    const visible = await Promise.all(ids.map((id) => policy.canReadOpportunity(id)));
    return ids.filter((_, i) => visible[i]);
  }

  async review(policy: Policy, input: ReviewDealRegistrationInput): Promise<DealRegistration> {
    const found = await this.get(policy, input.id);
    const viewer = policy.viewer;
    const vendor = await this.dataSource.manager.findOneByOrFail(Organization, { id: found.vendorOrganizationId });
    const reviewerId = policy.assertManagerOf(
      found.vendorOrganizationId,
      `Only a manager or admin of ${vendor.name} reviews deals registered with it`,
    );
    const reason = input.reason?.trim() || null;
    const overrideReason = input.overrideReason?.trim() || null;
    if (input.decision === RegistrationDecision.REJECT && !reason) throw badInput("reason", "is required to reject a registration");
    let owner: User | null = null;
    if (input.decision === RegistrationDecision.APPROVE) {
      const ownerId = input.ownerId ? idOf("User", input.ownerId) : reviewerId;
      owner = ownerId ? await this.dataSource.manager.findOneBy(User, { id: ownerId }) : null;
      if (!owner || owner.organizationId !== vendor.id) throw badInput("ownerId", `must be a user of ${vendor.name}`);
    }

    const result = await this.uow.run(async (em, outbox) => {
      const registration = await em.findOneOrFail(DealRegistration, { where: { id: found.id }, lock: { mode: "pessimistic_write" } });
      if (registration.status !== RegistrationStatus.PENDING) {
        throw conflict(`The registration was already ${registration.status.toLowerCase()}`);
      }
      const reviewed = { reviewedById: reviewerId, reviewedAtDate: new Date() };
      if (input.decision === RegistrationDecision.REJECT) {
        Object.assign(registration, reviewed, { status: RegistrationStatus.REJECTED, reviewReason: reason });
        await em.save(DealRegistration, registration);
        return registration;
      }

      const conflicts = await this.allConflicts(em, registration);
      if (conflicts.length > 0 && !overrideReason) {
        throw conflict(
          `${conflicts.length} open opportunit${conflicts.length === 1 ? "y" : "ies"} of ${vendor.name} already on ${registration.normalizedDomain}; approve with an overrideReason to proceed`,
          { field: "overrideReason", conflicts: conflicts.length },
        );
      }
      if (!(await signedPartnershipHolds(em, vendor.id, registration.registrantOrganizationId))) {
        throw conflict("The partnership with the registrant's organization is no longer signed; the registration can only be rejected");
      }
      const registrant = await em.findOneByOrFail(User, { id: registration.registrantId });
      let account = await em.findOne(Account, {
        where: { organizationId: vendor.id, normalizedDomain: registration.normalizedDomain },
        order: { createdAt: "ASC" },
      });
      if (!account) {
        account = em.create(Account, {
          id: newId(),
          organizationId: vendor.id,
          name: registration.accountName,
          domain: registration.accountDomain,
          normalizedDomain: registration.normalizedDomain,
          createdAt: new Date(),
        });
        await em.insert(Account, account);
      }
      const opportunity: Opportunity = await openOpportunity(em, outbox, {
        accountId: account.id,
        organizationId: vendor.id,
        owner: owner!,
        title: registration.title,
        amountMinor: BigInt(registration.amountMinor),
        currency: registration.currency,
        closeDate: registration.closeDate,
        by: attributedTo(viewer),
      });
      // The registrant's firm learns of the new deal as access gained (it was opened before they joined).
      await admitPartnerRep(em, outbox, opportunity.id, registrant, reviewerId);
      const registrantOrg = await em.findOneByOrFail(Organization, { id: registration.registrantOrganizationId });
      await appendActivity(em, outbox, {
        opportunityId: opportunity.id,
        kind: ActivityKind.DEAL_REGISTERED,
        body: `Deal registered by ${registrant.name} (${registrantOrg.name}) and approved${overrideReason && conflicts.length > 0 ? ` despite ${conflicts.length} conflicting opportunit${conflicts.length === 1 ? "y" : "ies"}: ${overrideReason}` : ""}`,
        actorId: reviewerId,
        data: { registrationId: registration.id, registrantId: registrant.id, conflicts: conflicts.length },
      });
      announceMembership(outbox, opportunity.id, [owner!.id, registrant.id]);
      Object.assign(registration, reviewed, {
        status: RegistrationStatus.APPROVED,
        opportunityId: opportunity.id,
        overrideReason: conflicts.length > 0 ? overrideReason : null,
      });
      await em.save(DealRegistration, registration);
      return registration;
    });
    policy.forget();
    return result;
  }
}
