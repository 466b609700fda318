import { OrgRole } from "@cosell/schema";
import type { DataSource, EntityManager } from "typeorm";
import type { Policy } from "../../auth/policy.js";
import { returning } from "../../db/sql.js";
import type { UnitOfWork } from "../../db/transaction.js";
import { DomainError, ErrorCode, forbidden, notFound } from "../../errors.js";
import { rowIdOf } from "../../ids.js";
import type { SessionService } from "../session/session.service.js";
import { User } from "./user.entity.js";

/**
 * An organization's admins manage its people: change a person's role and deactivate a person.
 * Both take effect at once everywhere: the user's next request on any instance is judged by the
 * new row, and their open sockets reconnect (role) or close (deactivated), through the session
 * news (`SessionService`). An organization always keeps an active admin: the rule is part of the
 * UPDATE that changes the role or the active flag, run after the organization's row is locked, so
 * two admins demoting each other at the same moment cannot leave it without one. Nothing a person
 * did is touched: their history stays attributed to them.
 */
export class PeopleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly sessions: SessionService,
  ) {}

  async setRole(policy: Policy, input: { readonly userId: string; readonly role: OrgRole }): Promise<User> {
    policy.assertAdmin("Only an admin of the organization changes roles");
    const id = rowIdOf("User", input.userId, "User");
    const organizationId = policy.viewer.organizationId;
    const changed = await this.uow.run(async (em) => {
      await lockOrganization(em, organizationId);
      const rows = await returning<{ id: string }>(
        em,
        `UPDATE app_user u SET role = $3
          WHERE u.id = $1 AND u.organization_id = $2
            AND ($3 = '${OrgRole.ADMIN}' OR NOT (u.role = '${OrgRole.ADMIN}' AND u.active) OR ${ANOTHER_ACTIVE_ADMIN})
          RETURNING u.id`,
        [id, organizationId, input.role],
      );
      if (rows.length === 0) await this.explainRefusal(em, id, organizationId, "keep their role");
      return em.findOneByOrFail(User, { id });
    });
    await this.sessions.userChanged(id);
    return changed;
  }

  async deactivate(policy: Policy, input: { readonly userId: string }): Promise<User> {
    const adminId = policy.assertAdmin("Only an admin of the organization deactivates people");
    const id = rowIdOf("User", input.userId, "User");
    if (id === adminId) throw forbidden("You cannot deactivate yourself: ask another admin");
    const organizationId = policy.viewer.organizationId;
    const deactivated = await this.uow.run(async (em) => {
      await lockOrganization(em, organizationId);
      const rows = await returning<{ id: string }>(
        em,
        `UPDATE app_user u SET active = false
          WHERE u.id = $1 AND u.organization_id = $2 AND u.active
            AND (u.role <> '${OrgRole.ADMIN}' OR ${ANOTHER_ACTIVE_ADMIN})
          RETURNING u.id`,
        [id, organizationId],
      );
      if (rows.length === 0) {
        const user = await em.findOneBy(User, { id, organizationId });
        if (user && !user.active) return user;
        await this.explainRefusal(em, id, organizationId, "stay active");
      }
      await em.query(`UPDATE session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [id]);
      return em.findOneByOrFail(User, { id });
    });
    await this.sessions.endAllOf(id);
    await this.sessions.userChanged(id);
    return deactivated;
  }

  /** Throws why an UPDATE above changed nothing: no such person here, or the last active admin. */
  private async explainRefusal(em: EntityManager, id: string, organizationId: string, what: string): Promise<never> {
    const user = await em.findOneBy(User, { id, organizationId });
    if (!user) throw notFound("User");
    throw new DomainError(
      ErrorCode.CONFLICT,
      `${user.name} is the organization's only active admin and must ${what}: make someone else admin first`,
    );
  }
}

/** True in an UPDATE of `app_user u` when the organization has an active admin besides `u`. */
const ANOTHER_ACTIVE_ADMIN = `EXISTS (SELECT 1 FROM app_user o WHERE o.organization_id = u.organization_id AND o.id <> u.id AND o.role = '${OrgRole.ADMIN}' AND o.active)`;

/**
 * Serializes changes to one organization's people: the UPDATE that follows starts (and reads the
 * other admins) only once the previous change committed.
 */
async function lockOrganization(em: EntityManager, organizationId: string): Promise<void> {
  await em.query(`SELECT id FROM organization WHERE id = $1 FOR UPDATE`, [organizationId]);
}
