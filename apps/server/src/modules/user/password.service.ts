import { passwordProblem } from "@cosell/schema";
import type { DataSource } from "typeorm";
import { generateLinkToken, hashLinkToken, linkUrl } from "../../auth/link-tokens.js";
import { hashPassword, verifyPassword } from "../../auth/passwords.js";
import type { Policy } from "../../auth/policy.js";
import { returning } from "../../db/sql.js";
import type { UnitOfWork } from "../../db/transaction.js";
import { DomainError, ErrorCode, badInput, conflict, forbidden, notFound } from "../../errors.js";
import { newId, rowIdOf, toGlobalId } from "../../ids.js";
import type { LoginThrottle } from "../../limits/login-throttle.js";
import type { Logger } from "../../logger.js";
import { deliverAlsoShown } from "../../mail/deliver.js";
import type { Mailer } from "../../mail/mailer.js";
import type { SessionService } from "../session/session.service.js";
import type { PasswordReset } from "./auth.inputs.js";
import { User } from "./user.entity.js";

/** The web app's page that sets a new password with a reset link (`?token=`). */
export const RESET_PASSWORD_PATH = "/reset-password";

/** One answer for every reset link that does not work, whatever the reason. */
const invalidLink = (): DomainError =>
  new DomainError(
    ErrorCode.NOT_FOUND,
    "This reset link does not work: it was used already, replaced by a newer one, or has expired. Ask an admin of your organization for a new one.",
  );

const assertNewPassword = (field: string, password: string): void => {
  const problem = passwordProblem(password);
  if (problem) throw badInput(field, problem);
};

/**
 * Passwords: a person changes their own (their other sessions end), and an admin issues a
 * single-use reset link for a person of their organization (no e-mail is asked for anywhere, so
 * nothing tells a stranger whether an address has an account). Using the link is one conditional
 * UPDATE (unused, not replaced, unexpired, the person still active), and ends every earlier session.
 */
export class PasswordService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
    private readonly mailer: Mailer,
    private readonly logger: Logger,
    private readonly options: { readonly publicUrl: string; readonly resetTtlMinutes: number },
  ) {}

  /**
   * Changes the signed-in person's password. A wrong `currentPassword` counts as a failed sign-in
   * of theirs (the sign-in throttle), so a session left open cannot be used to guess it.
   */
  async change(
    policy: Policy,
    input: { currentPassword: string; newPassword: string },
    address: string | null,
  ): Promise<{ user: User; sessionsEnded: number }> {
    const { viewer } = policy;
    if (viewer.kind !== "user") throw forbidden("An API token has no password");
    assertNewPassword("newPassword", input.newPassword);
    const current = await this.dataSource.manager
      .createQueryBuilder(User, "u")
      .addSelect("u.passwordHash")
      .where("u.id = :id", { id: viewer.userId })
      .getOneOrFail();
    await this.throttle.attempt({ email: current.email, address, sessionUserId: viewer.userId }, viewer.userId, async () => {
      if (!(await verifyPassword(current.passwordHash, input.currentPassword))) {
        throw badInput("currentPassword", "is not your current password");
      }
    });
    const passwordHash = await hashPassword(input.newPassword);
    const ended = await this.uow.run(async (em) => {
      await em.query(`UPDATE app_user SET password_hash = $2 WHERE id = $1`, [viewer.userId, passwordHash]);
      return returning<{ id: string }>(
        em,
        `UPDATE session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND id <> $2 RETURNING id`,
        [viewer.userId, viewer.sessionId],
      );
    });
    if (ended.length > 0)
      await this.sessions.ended(
        viewer.userId,
        ended.map((row) => row.id),
      );
    return { user: current, sessionsEnded: ended.length };
  }

  /** A new reset link for a person of the admin's organization; an earlier unused one stops working. */
  async issueReset(policy: Policy, input: { userId: string }): Promise<PasswordReset> {
    const adminId = policy.assertAdmin("Only an admin of the organization issues password reset links");
    const userId = rowIdOf("User", input.userId, "User");
    const token = generateLinkToken();
    const id = newId();
    const createdAt = new Date();
    const expiresAt = new Date(createdAt.getTime() + this.options.resetTtlMinutes * 60_000);
    const user = await this.uow.run(async (em) => {
      const person = await em.findOneBy(User, { id: userId, organizationId: policy.viewer.organizationId });
      if (!person) throw notFound("User");
      if (!person.active) throw conflict(`${person.name} is deactivated and cannot sign in`);
      await em.query(`UPDATE password_reset SET revoked_at = now() WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL`, [
        userId,
      ]);
      await em.query(
        `INSERT INTO password_reset (id, user_id, token_hash, issued_by_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, userId, hashLinkToken(token), adminId, createdAt, expiresAt],
      );
      return person;
    });
    const resetUrl = linkUrl(this.options.publicUrl, RESET_PASSWORD_PATH, token);
    const emailSent = await deliverAlsoShown(this.mailer, this.logger, {
      to: user.email,
      subject: "Set a new cosell password",
      text: `An admin of your organization issued you a link to set a new password on cosell. It works once, until ${expiresAt.toISOString()}:\n${resetUrl}\n\nSetting a new password signs you out everywhere else.\n`,
    });
    return { id: toGlobalId("PasswordReset", id), user, expiresAt: expiresAt.toISOString(), resetUrl, emailSent };
  }

  /** Sets the new password with a reset link and signs the person in; every earlier session of theirs ends. */
  async reset(input: { token: string; newPassword: string }): Promise<{ token: string; expiresAt: Date; user: User }> {
    assertNewPassword("newPassword", input.newPassword);
    const passwordHash = await hashPassword(input.newPassword);
    const userId = await this.uow.run(async (em) => {
      const [used] = await returning<{ user_id: string }>(
        em,
        `UPDATE password_reset r SET used_at = now()
          WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.revoked_at IS NULL AND r.expires_at > now()
          RETURNING r.user_id`,
        [hashLinkToken(input.token)],
      );
      if (!used) throw invalidLink();
      // A person deactivated meanwhile keeps no use for the link: refused like any link that does not work.
      const changed = await returning<{ id: string }>(em, `UPDATE app_user SET password_hash = $2 WHERE id = $1 AND active RETURNING id`, [
        used.user_id,
        passwordHash,
      ]);
      if (changed.length === 0) throw invalidLink();
      await em.query(`UPDATE session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [used.user_id]);
      return used.user_id;
    });
    await this.sessions.endAllOf(userId);
    const session = await this.sessions.start(userId);
    return { ...session, user: await this.dataSource.manager.findOneByOrFail(User, { id: userId }) };
  }
}
