import {
  ActivityKind,
  NotificationKind,
  DealStage,
  RegistrationDecision,
  RegistrationStatus,
  cleanDomain,
  normalizeDomain,
} from "@cosell/schema";
import { In } from "typeorm";
import type { DataSource, EntityManager } from "typeorm";
import { signedPartnershipHolds } from "../../auth/policy.js";
import type { Policy } from "../../auth/policy.js";
import { attributedTo } from "../../auth/viewer.js";
import type { Attribution } from "../../auth/viewer.js";
import { returning } from "../../db/sql.js";
import { findVisible } from "../../db/find.js";
import type { Outbox, UnitOfWork } from "../../db/transaction.js";
import { DomainError, ErrorCode, badInput, conflict, forbidden, notFound } from "../../errors.js";
import { idOf, newId, toGlobalId } from "../../ids.js";
import { LIST_BOUNDS } from "../../limits/bounds.js";
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
import { RegistrationAutoApproval } from "./auto-approval.entity.js";
import { RegistrationAttachment } from "./registration-attachment.entity.js";

/** Approved registrations the sweep expires per transaction; it loops until none are left. */
const SWEEP_BATCH = 200;

/** The first key of the advisory locks on one vendor's account (the second is a hash of vendor and domain). */
const ACCOUNT_LOCK_SPACE = 0x52_45_47; // "REG"

/**
 * Serializes, until COMMIT, everything that decides registrations of one account with one vendor:
 * registering (with auto-approval) and approving. Conflicts are read after the lock, so two partners'
 * registrations of the same account can never both be approved, on any number of instances.
 */
async function lockAccount(em: EntityManager, vendorOrganizationId: string, normalizedDomain: string): Promise<void> {
  await em.query(`SELECT pg_advisory_xact_lock($1::int, hashtext($2))`, [
    ACCOUNT_LOCK_SPACE,
    `${vendorOrganizationId}/${normalizedDomain}`,
  ]);
}

/**
 * Other partner firms' live registrations of the same account with the same vendor: PENDING ones,
 * and APPROVED ones whose deal is still open (a won or lost deal protects nothing any more). Params:
 * $1 vendor, $2 normalized domain, $3 the registrant's organization, $4 the registration itself.
 */
const LIVE_CONFLICTS_SQL = `
  r.vendor_organization_id = $1 AND r.normalized_domain = $2 AND r.registrant_organization_id <> $3 AND r.id <> $4
  AND (r.status = 'PENDING'
       OR (r.status = 'APPROVED'
           AND NOT EXISTS (SELECT 1 FROM opportunity o WHERE o.id = r.opportunity_id AND o.stage IN ('CLOSED_WON', 'CLOSED_LOST'))))`;

const conflictParams = (r: DealRegistration) => [r.vendorOrganizationId, r.normalizedDomain, r.registrantOrganizationId, r.id];

/** How an approval happens: by a reviewer, or by the vendor's auto-approval rule. */
interface Approval {
  readonly reviewerId: string | null;
  readonly owner: User;
  readonly overrideReason: string | null;
  /** Conflicting open opportunities of the vendor, counted for the room's record. */
  readonly conflicts: number;
  readonly by: Attribution;
}

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
    protectedUntilDate: null,
    expiredAtDate: null,
    autoApproved: false,
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
      await lockAccount(em, vendor.id, registration.normalizedDomain);
      await em.insert(DealRegistration, registration);
      if (await this.approveAutomatically(em, outbox, registration)) {
        return em.findOneByOrFail(DealRegistration, { id: registration.id });
      }
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

  /**
   * Approves a new registration at once when the vendor has an enabled rule for the registrant's firm
   * that it meets: the same currency, at most the rule's amount, and (when the rule asks) no conflict
   * at all. Runs in the registering transaction under the account's lock. False leaves it PENDING.
   */
  private async approveAutomatically(em: EntityManager, outbox: Outbox, registration: DealRegistration): Promise<boolean> {
    const rule = await em.findOneBy(RegistrationAutoApproval, {
      vendorOrganizationId: registration.vendorOrganizationId,
      partnerOrganizationId: registration.registrantOrganizationId,
      enabled: true,
    });
    if (!rule || rule.currency !== registration.currency || BigInt(registration.amountMinor) > BigInt(rule.maxAmountMinor)) return false;
    const conflicts = await this.allConflicts(em, registration);
    if (rule.requireNoConflict && (conflicts.length > 0 || (await this.liveConflictIds(em, registration)).length > 0)) return false;
    const owner = await em.findOneBy(User, { id: rule.ownerId, organizationId: registration.vendorOrganizationId, active: true });
    if (!owner) return false;
    return this.approveIn(em, outbox, registration, {
      reviewerId: null,
      owner,
      overrideReason: null,
      conflicts: conflicts.length,
      by: { actorId: null, actorOrganizationId: registration.vendorOrganizationId, apiTokenId: null, apiTokenName: null },
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
    return ids.filter((_, i) => visible[i]).slice(0, LIST_BOUNDS.registrationConflicts);
  }

  private async liveConflictIds(em: EntityManager, registration: DealRegistration, approvedOnly = false): Promise<string[]> {
    const rows: { id: string }[] = await em.query(
      `SELECT r.id FROM deal_registration r WHERE ${LIVE_CONFLICTS_SQL} ${approvedOnly ? "AND r.status = 'APPROVED'" : ""} ORDER BY r.created_at, r.id`,
      conflictParams(registration),
    );
    return rows.map((r) => r.id);
  }

  /**
   * Other partner firms' live registrations of the same account, as far as the viewer may read
   * them: all of them for the vendor, none for a registrant (who learns only `hasRegistrationConflict`).
   */
  async conflictingRegistrations(policy: Policy, registration: DealRegistration): Promise<DealRegistration[]> {
    const ids = (await this.liveConflictIds(this.dataSource.manager, registration)).slice(0, LIST_BOUNDS.registrationConflicts);
    if (ids.length === 0) return [];
    const rows = await this.dataSource.manager.find(DealRegistration, {
      where: { id: In(ids) },
      order: { createdAtDate: "ASC", id: "ASC" },
    });
    return rows.filter((row) => policy.canReadDealRegistration(row));
  }

  /** Whether another partner firm has a live registration of the same account with the same vendor (who and what not said). */
  async hasRegistrationConflict(registration: DealRegistration): Promise<boolean> {
    return (await this.liveConflictIds(this.dataSource.manager, registration)).length > 0;
  }

  /** The registration's attachments, oldest first, without their bytes. */
  attachments(registration: DealRegistration): Promise<RegistrationAttachment[]> {
    return this.dataSource.manager.find(RegistrationAttachment, {
      where: { registrationId: registration.id },
      take: LIST_BOUNDS.registrationAttachments,
      order: { createdAtDate: "ASC", id: "ASC" },
    });
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
      await lockAccount(em, found.vendorOrganizationId, found.normalizedDomain);
      const registration = await em.findOneOrFail(DealRegistration, { where: { id: found.id }, lock: { mode: "pessimistic_write" } });
      if (registration.status !== RegistrationStatus.PENDING) {
        throw conflict(`The registration was already ${registration.status.toLowerCase()}`);
      }
      if (input.decision === RegistrationDecision.REJECT) {
        Object.assign(registration, {
          reviewedById: reviewerId,
          reviewedAtDate: new Date(),
          status: RegistrationStatus.REJECTED,
          reviewReason: reason,
        });
        await em.save(DealRegistration, registration);
        return registration;
      }

      // Decisive whatever the reviewer says: checked first (the account's lock holds it until COMMIT).
      if ((await this.liveConflictIds(em, registration, true)).length > 0) throw await this.alreadyApproved(em, registration);
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
      const approved = await this.approveIn(em, outbox, registration, {
        reviewerId,
        owner: owner!,
        overrideReason: conflicts.length > 0 ? overrideReason : null,
        conflicts: conflicts.length,
        by: attributedTo(viewer),
      });
      if (!approved) throw await this.alreadyApproved(em, registration);
      return em.findOneByOrFail(DealRegistration, { id: registration.id });
    });
    policy.forget();
    return result;
  }

  /** REGISTRATION_CONFLICT for a registration another partner's approved one of the same account keeps from approval. */
  private async alreadyApproved(em: EntityManager, registration: DealRegistration): Promise<DomainError> {
    const [protecting] = await em.query<{ protected_until: Date | null }[]>(
      `SELECT r.protected_until FROM deal_registration r WHERE ${LIVE_CONFLICTS_SQL} AND r.status = 'APPROVED' ORDER BY r.protected_until LIMIT 1`,
      conflictParams(registration),
    );
    const until = protecting?.protected_until
      ? ` (protected until ${new Date(protecting.protected_until).toISOString().slice(0, 10)})`
      : "";
    return new DomainError(
      ErrorCode.REGISTRATION_CONFLICT,
      `Another partner's registration of ${registration.normalizedDomain} is already approved${until}; this one can only be rejected, or approved once that one has expired`,
      { conflictingRegistrations: (await this.liveConflictIds(em, registration, true)).map((id) => toGlobalId("DealRegistration", id)) },
    );
  }

  /**
   * Approves a PENDING registration in the caller's transaction (under the account's lock): claims
   * it with one conditional UPDATE that refuses when another partner's registration of the account
   * is already approved and live, then opens the opportunity (on the vendor's account for the
   * domain, created if needed) with the registrant as PARTNER_REP. Protected until now + the vendor's
   * window. False when the claim was refused; nothing is written then.
   */
  private async approveIn(em: EntityManager, outbox: Outbox, registration: DealRegistration, approval: Approval): Promise<boolean> {
    const now = new Date();
    const claimed = await returning<{ id: string }>(
      em,
      `UPDATE deal_registration SET status = 'APPROVED', reviewed_by_id = $5, reviewed_at = $6, auto_approved = $7, override_reason = $8,
              protected_until = $6::timestamptz + make_interval(days => (SELECT registration_protection_days FROM organization WHERE id = $1))
        WHERE id = $4 AND status = 'PENDING'
          AND NOT EXISTS (SELECT 1 FROM deal_registration r WHERE ${LIVE_CONFLICTS_SQL} AND r.status = 'APPROVED')
        RETURNING id`,
      [...conflictParams(registration), approval.reviewerId, now, approval.reviewerId === null, approval.overrideReason],
    );
    if (claimed.length === 0) return false;

    const vendorId = registration.vendorOrganizationId;
    const registrant = await em.findOneByOrFail(User, { id: registration.registrantId });
    let account = await em.findOne(Account, {
      where: { organizationId: vendorId, normalizedDomain: registration.normalizedDomain },
      order: { createdAt: "ASC" },
    });
    if (!account) {
      account = em.create(Account, {
        id: newId(),
        organizationId: vendorId,
        name: registration.accountName,
        domain: registration.accountDomain,
        normalizedDomain: registration.normalizedDomain,
        createdAt: now,
      });
      await em.insert(Account, account);
    }
    const opportunity: Opportunity = await openOpportunity(em, outbox, {
      accountId: account.id,
      organizationId: vendorId,
      owner: approval.owner,
      title: registration.title,
      amountMinor: BigInt(registration.amountMinor),
      currency: registration.currency,
      closeDate: registration.closeDate,
      by: approval.by,
    });
    // The registrant's firm learns of the new deal as access gained (it was opened before they joined).
    await admitPartnerRep(em, outbox, opportunity.id, registrant, approval.reviewerId ?? approval.owner.id);
    const registrantOrg = await em.findOneByOrFail(Organization, { id: registration.registrantOrganizationId });
    const how =
      approval.reviewerId === null
        ? " and approved automatically (the vendor's rule for its firm)"
        : ` and approved${approval.overrideReason && approval.conflicts > 0 ? ` despite ${approval.conflicts} conflicting opportunit${approval.conflicts === 1 ? "y" : "ies"}: ${approval.overrideReason}` : ""}`;
    await appendActivity(em, outbox, {
      opportunityId: opportunity.id,
      kind: ActivityKind.DEAL_REGISTERED,
      body: `Deal registered by ${registrant.name} (${registrantOrg.name})${how}`,
      actorId: approval.reviewerId,
      data: {
        registrationId: registration.id,
        registrantId: registrant.id,
        conflicts: approval.conflicts,
        automatic: approval.reviewerId === null,
      },
    });
    announceMembership(outbox, opportunity.id, [approval.owner.id, registrant.id]);
    await em.update(DealRegistration, { id: registration.id }, { opportunityId: opportunity.id });
    return true;
  }

  /**
   * Expires APPROVED registrations whose protection window ended before `now` while their deal had
   * not moved: "moved" means the opportunity opened on approval has changed stage at least once
   * (any stage_change after the one that opened it, a close included). One conditional UPDATE per
   * batch claims the rows (SKIP LOCKED), so instances sweeping at once never expire one twice. The
   * registrant and the vendor's managers are told. Returns how many expired.
   */
  async expireLapsed(now: Date = new Date()): Promise<number> {
    let total = 0;
    for (;;) {
      const expired = await this.uow.run(async (em, outbox) => {
        const rows = await returning<ExpiredRow>(
          em,
          `WITH due AS (
             SELECT r.id FROM deal_registration r
              WHERE r.status = 'APPROVED' AND r.protected_until < $1
                AND NOT EXISTS (SELECT 1 FROM stage_change c WHERE c.opportunity_id = r.opportunity_id AND c.from_stage IS NOT NULL)
              ORDER BY r.protected_until LIMIT $2 FOR UPDATE SKIP LOCKED)
           UPDATE deal_registration r SET status = 'EXPIRED', expired_at = $1 FROM due WHERE r.id = due.id AND r.status = 'APPROVED'
           RETURNING r.id, r.title, r.account_name, r.registrant_id, r.vendor_organization_id, r.opportunity_id`,
          [now, SWEEP_BATCH],
        );
        for (const row of rows) {
          const draft = {
            kind: NotificationKind.REGISTRATION_EXPIRED,
            actorId: null,
            opportunityId: row.opportunity_id,
            subjectId: row.id,
            say: () =>
              `The registration of “${row.title}” (${row.account_name}) expired: its protection window ended before the deal moved`,
            url: "/partners",
          };
          await notify(em, outbox, { ...draft, audience: { users: [row.registrant_id] } });
          await notify(em, outbox, { ...draft, audience: { managersOf: [row.vendor_organization_id] } });
        }
        return rows.length;
      });
      total += expired;
      if (expired < SWEEP_BATCH) return total;
    }
  }
}

interface ExpiredRow {
  id: string;
  title: string;
  account_name: string;
  registrant_id: string;
  vendor_organization_id: string;
  opportunity_id: string | null;
}
