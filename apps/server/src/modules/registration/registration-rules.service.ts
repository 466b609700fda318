import { isCurrency, moneyProblem, parseMinor } from "@cosell/schema";
import type { DataSource } from "typeorm";
import type { Policy } from "../../auth/policy.js";
import type { UnitOfWork } from "../../db/transaction.js";
import { badInput, notFound } from "../../errors.js";
import { idOf } from "../../ids.js";
import { Organization } from "../organization/organization.entity.js";
import { User } from "../user/user.entity.js";
import { RegistrationAutoApproval } from "./auto-approval.entity.js";
import type { SetRegistrationAutoApprovalInput, SetRegistrationProtectionDaysInput } from "./registration.inputs.js";

/**
 * A vendor's rules for the deals partners register with it: the protection window (admins set it,
 * as a term of the partner program) and per-partner auto-approval rules (managers and admins).
 * Only the vendor's own people read its rules.
 */
export class RegistrationRulesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async setProtectionDays(policy: Policy, input: SetRegistrationProtectionDaysInput): Promise<Organization> {
    policy.assertAdmin("Only an admin sets the registration protection window");
    const orgId = policy.viewer.organizationId;
    return this.uow.run(async (em) => {
      await em.update(Organization, { id: orgId }, { registrationProtectionDays: input.days });
      return em.findOneByOrFail(Organization, { id: orgId });
    });
  }

  /** The caller's organization's auto-approval rules, by partner name. */
  async autoApprovals(policy: Policy): Promise<RegistrationAutoApproval[]> {
    return this.dataSource.manager
      .createQueryBuilder(RegistrationAutoApproval, "rule")
      .innerJoin(Organization, "partner", "partner.id = rule.partner_organization_id")
      .where("rule.vendor_organization_id = :org", { org: policy.viewer.organizationId })
      .orderBy("partner.name", "ASC")
      .getMany();
  }

  async setAutoApproval(policy: Policy, input: SetRegistrationAutoApprovalInput): Promise<RegistrationAutoApproval> {
    const setById = policy.assertManager("Only a manager or admin sets auto-approval rules for registrations");
    const orgId = policy.viewer.organizationId;
    const partnerId = idOf("Organization", input.partnerOrganizationId);
    const partner = partnerId ? await this.dataSource.manager.findOneBy(Organization, { id: partnerId }) : null;
    if (!partner) throw notFound("Organization");
    if (partner.id === orgId) throw badInput("partnerOrganizationId", "is your own organization; your own deals need no registration");
    const own = await this.dataSource.manager.findOneByOrFail(Organization, { id: orgId });
    const currency = input.currency ?? own.reportingCurrency;
    if (!isCurrency(currency)) throw badInput("currency", `"${currency}" is not an ISO 4217 currency`);
    const problem = moneyProblem({ amount: input.maxAmount, currency });
    if (problem) throw badInput(problem.field === "amount" ? "maxAmount" : "currency", problem.message);
    const max = { minor: parseMinor(input.maxAmount, currency) };
    const ownerId = input.ownerId ? idOf("User", input.ownerId) : setById;
    const owner = ownerId ? await this.dataSource.manager.findOneBy(User, { id: ownerId, organizationId: orgId, active: true }) : null;
    if (!owner) throw badInput("ownerId", `must be an active user of ${own.name}`);
    return this.uow.run(async (em) => {
      await em.query(
        `INSERT INTO registration_auto_approval
           (vendor_organization_id, partner_organization_id, enabled, max_amount_minor, currency, require_no_conflict, owner_id, set_by_id, set_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
         ON CONFLICT (vendor_organization_id, partner_organization_id) DO UPDATE SET
           enabled = EXCLUDED.enabled, max_amount_minor = EXCLUDED.max_amount_minor, currency = EXCLUDED.currency,
           require_no_conflict = EXCLUDED.require_no_conflict, owner_id = EXCLUDED.owner_id, set_by_id = EXCLUDED.set_by_id, set_at = EXCLUDED.set_at`,
        [orgId, partner.id, input.enabled, max.minor.toString(), currency, input.requireNoConflict, owner.id, setById],
      );
      return em.findOneByOrFail(RegistrationAutoApproval, { vendorOrganizationId: orgId, partnerOrganizationId: partner.id });
    });
  }
}
