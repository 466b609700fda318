import { NotificationKind, OrgRole, OrganizationKind, PartnershipStatus, passwordProblem } from "@cosell/schema";
import type { DataSource, EntityManager } from "typeorm";
import { generateLinkToken, hashLinkToken, linkUrl } from "../../auth/link-tokens.js";
import { hashPassword } from "../../auth/passwords.js";
import type { Policy } from "../../auth/policy.js";
import { returning } from "../../db/sql.js";
import type { Outbox, UnitOfWork } from "../../db/transaction.js";
import { DomainError, ErrorCode, badInput, conflict, forbidden, notFound } from "../../errors.js";
import { newId, rowIdOf } from "../../ids.js";
import type { Logger } from "../../logger.js";
import { deliverAlsoShown } from "../../mail/deliver.js";
import type { Mailer } from "../../mail/mailer.js";
import { notify } from "../notification/notify.js";
import { Organization } from "../organization/organization.entity.js";
import { writeProposal } from "../partnership/partnership.service.js";
import type { Partnership } from "../partnership/partnership.entity.js";
import type { SessionService } from "../session/session.service.js";
import { User } from "../user/user.entity.js";
import { Invitation } from "./invitation.entity.js";
import type {
  AcceptInvitationInput,
  InvitationPreview,
  InvitePartnerOrganizationInput,
  InviteUserInput,
  RevokeInvitationInput,
} from "./invitation.inputs.js";

/** The web app's page that accepts an invitation (`?token=`). */
export const INVITATION_PATH = "/invite";

const ROLE_NAMES: Readonly<Record<OrgRole, string>> = { REP: "a rep", MANAGER: "a manager", ADMIN: "an admin" };

/** One answer for every link that does not work, whatever the reason: nobody learns what exists by probing. */
const invalidLink = (): DomainError =>
  new DomainError(
    ErrorCode.NOT_FOUND,
    "This invitation link does not work: it was used already, revoked, or has expired. Ask whoever invited you for a new one.",
  );

/** An invitation neither accepted nor revoked (it may have expired). */
const OPEN = `i.accepted_at IS NULL AND i.revoked_at IS NULL`;

/** What an invitation row is made of before it is written. */
interface InvitationDraft {
  readonly organizationId: string;
  readonly invitingOrganizationId: string;
  readonly email: string;
  readonly role: OrgRole;
  readonly invitedById: string;
  readonly tokenHash: string;
}

/**
 * Invitations to join cosell. Admins invite colleagues (`inviteUser`); managers and admins invite a
 * partner firm that is not on cosell yet (`invitePartnerOrganization`): the firm is created with
 * its first admin invited, and a partnership proposal from the inviting organization waits for
 * them. The link's token is shown once, to the inviter (and e-mailed with `SMTP_URL`); only its
 * hash is kept. Accepting claims the invitation in one conditional UPDATE (unused, unrevoked,
 * unexpired), so one link makes one account, however many tabs submit it at once.
 */
export class InvitationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly sessions: SessionService,
    private readonly mailer: Mailer,
    private readonly logger: Logger,
    private readonly options: { readonly publicUrl: string; readonly ttlHours: number },
  ) {}

  /**
   * Invitations the viewer's organization sent that are neither accepted nor revoked (pending or
   * expired), newest first: all of them for an admin, the partner-firm invitations they sent for a
   * manager.
   */
  list(policy: Policy): Promise<Invitation[]> {
    const userId = policy.assertManager("Only managers and admins see invitations");
    const query = this.dataSource.manager
      .createQueryBuilder(Invitation, "i")
      .where("i.inviting_organization_id = :org", { org: policy.viewer.organizationId })
      .andWhere(OPEN)
      .orderBy("i.created_at", "DESC")
      .limit(200);
    if (policy.viewer.kind === "user" && policy.viewer.role !== OrgRole.ADMIN) {
      query.andWhere("i.invited_by_id = :userId AND i.organization_id <> i.inviting_organization_id", { userId });
    }
    return query.getMany();
  }

  async inviteUser(policy: Policy, input: InviteUserInput): Promise<Invitation> {
    const userId = policy.assertAdmin("Only an admin of the organization invites people");
    const organizationId = policy.viewer.organizationId;
    const token = generateLinkToken();
    const invitation = await this.uow.run((em) =>
      this.write(em, {
        organizationId,
        invitingOrganizationId: organizationId,
        email: input.email.trim(),
        role: input.role,
        invitedById: userId,
        tokenHash: hashLinkToken(token),
      }),
    );
    return this.send(invitation, token);
  }

  async invitePartnerOrganization(policy: Policy, input: InvitePartnerOrganizationInput): Promise<Invitation> {
    const userId = policy.assertManager("Only a manager or admin invites a partner firm");
    const name = input.organizationName.trim();
    const token = generateLinkToken();
    const invitation = await this.uow.run(async (em, outbox) => {
      const created = await returning<{ id: string }>(
        em,
        `INSERT INTO organization (id, name, kind, created_at) VALUES ($1, $2, $3, now()) ON CONFLICT DO NOTHING RETURNING id`,
        [newId(), name, OrganizationKind.PARTNER],
      );
      const organizationId = created[0]?.id ?? (await unjoinedFirmInvitedBy(em, name, policy.viewer.organizationId));
      if (!organizationId) {
        throw conflict(`An organization named ${name} is already on cosell: propose a partnership to it from the partner directory`, {
          field: "organizationName",
        });
      }
      const organization = await em.findOneByOrFail(Organization, { id: organizationId });
      const invited = await this.write(em, {
        organizationId: organization.id,
        invitingOrganizationId: policy.viewer.organizationId,
        email: input.adminEmail.trim(),
        role: OrgRole.ADMIN,
        invitedById: userId,
        tokenHash: hashLinkToken(token),
      });
      if (!(await openPartnershipBetween(em, policy.viewer.organizationId, organization.id))) {
        await proposeToInvitedFirm(em, outbox, policy, organization);
      }
      return invited;
    });
    return this.send(invitation, token);
  }

  /** Stops an invitation's link at once. Admins revoke their organization's; a manager the partner-firm invitations they sent. */
  async revoke(policy: Policy, input: RevokeInvitationInput): Promise<Invitation> {
    const userId = policy.assertManager("Only managers and admins revoke invitations");
    const id = rowIdOf("Invitation", input.id, "Invitation");
    const organizationId = policy.viewer.organizationId;
    const admin = policy.viewer.kind === "user" && policy.viewer.role === OrgRole.ADMIN;
    return this.uow.run(async (em) => {
      const revoked = await returning<{ id: string }>(
        em,
        `UPDATE invitation i SET revoked_at = now(), revoked_by_id = $3
          WHERE i.id = $1 AND i.inviting_organization_id = $2 AND ${OPEN}
            AND ($4 OR (i.invited_by_id = $3 AND i.organization_id <> i.inviting_organization_id))
          RETURNING i.id`,
        [id, organizationId, userId, admin],
      );
      const invitation = await em.findOneBy(Invitation, { id, invitingOrganizationId: organizationId });
      if (!invitation) throw notFound("Invitation");
      if (revoked.length === 0 && !invitation.revokedAtDate) {
        if (invitation.acceptedAtDate) throw conflict("This invitation was accepted already: deactivate the person instead");
        throw forbidden("Only an admin, or the manager who invited the partner firm, revokes this invitation");
      }
      return invitation;
    });
  }

  /** What a working link invites to, for the page that accepts it; the same NOT_FOUND for every link that does not work. */
  async preview(token: string): Promise<InvitationPreview> {
    const rows: {
      email: string;
      role: OrgRole;
      expires_at: Date;
      organization_name: string;
      inviting_organization_name: string;
      invited_by_name: string;
    }[] = await this.dataSource.query(
      `SELECT i.email, i.role, i.expires_at, o.name AS organization_name, io.name AS inviting_organization_name, u.name AS invited_by_name
         FROM invitation i
         JOIN organization o ON o.id = i.organization_id
         JOIN organization io ON io.id = i.inviting_organization_id
         JOIN app_user u ON u.id = i.invited_by_id
        WHERE i.token_hash = $1 AND ${OPEN} AND i.expires_at > now()`,
      [hashLinkToken(token)],
    );
    const row = rows[0];
    if (!row) throw invalidLink();
    return {
      email: row.email,
      role: row.role,
      organizationName: row.organization_name,
      invitingOrganizationName: row.inviting_organization_name,
      invitedByName: row.invited_by_name,
      expiresAt: row.expires_at.toISOString(),
    };
  }

  /**
   * The invitee joins: the invitation is claimed and the account created in one transaction, the
   * claim being the conditional UPDATE itself, so a link used twice at once makes one account.
   * Returns a session for the new person.
   */
  async accept(input: AcceptInvitationInput): Promise<{ token: string; expiresAt: Date; user: User }> {
    const problem = passwordProblem(input.password);
    if (problem) throw badInput("password", problem);
    // Hashed before the transaction: argon2 takes a while, and no row should wait for it.
    const passwordHash = await hashPassword(input.password);
    const user = await this.uow.run(async (em, outbox) => {
      const [claimed] = await returning<{
        id: string;
        organization_id: string;
        inviting_organization_id: string;
        email: string;
        role: OrgRole;
        invited_by_id: string;
      }>(
        em,
        `UPDATE invitation i SET accepted_at = now()
          WHERE i.token_hash = $1 AND ${OPEN} AND i.expires_at > now()
          RETURNING i.id, i.organization_id, i.inviting_organization_id, i.email, i.role, i.invited_by_id`,
        [hashLinkToken(input.token)],
      );
      if (!claimed) throw invalidLink();
      const userId = newId();
      const created = await returning<{ id: string }>(
        em,
        `INSERT INTO app_user (id, organization_id, name, email, role, password_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, now()) ON CONFLICT DO NOTHING RETURNING id`,
        [userId, claimed.organization_id, input.name.trim(), claimed.email, claimed.role, passwordHash],
      );
      if (!created[0])
        throw conflict("There is already an account with this e-mail address: sign in instead, or ask an admin for a reset link");
      await em.query(`UPDATE invitation SET accepted_user_id = $2 WHERE id = $1`, [claimed.id, userId]);
      if (claimed.organization_id !== claimed.inviting_organization_id) {
        await tellOfWaitingProposal(em, outbox, { userId, organizationId: claimed.organization_id, from: claimed });
      }
      return em.findOneByOrFail(User, { id: userId });
    });
    const session = await this.sessions.start(user.id);
    return { ...session, user };
  }

  /**
   * Writes an invitation, inside the caller's transaction. An e-mail address gets one open
   * invitation at a time (a partial unique index), and none once it has an account; an expired
   * one gives way to the new one (it is marked revoked).
   */
  private async write(em: EntityManager, draft: InvitationDraft): Promise<Invitation> {
    await em.query(
      `UPDATE invitation i SET revoked_at = now(), revoked_by_id = $2 WHERE lower(i.email) = lower($1) AND ${OPEN} AND i.expires_at <= now()`,
      [draft.email, draft.invitedById],
    );
    const id = newId();
    const createdAt = new Date();
    const written = await returning<{ id: string }>(
      em,
      `INSERT INTO invitation (id, organization_id, inviting_organization_id, email, role, token_hash, invited_by_id, created_at, expires_at)
       SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9
        WHERE NOT EXISTS (SELECT 1 FROM app_user u WHERE lower(u.email) = lower($4))
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        id,
        draft.organizationId,
        draft.invitingOrganizationId,
        draft.email,
        draft.role,
        draft.tokenHash,
        draft.invitedById,
        createdAt,
        new Date(createdAt.getTime() + this.options.ttlHours * 3_600_000),
      ],
    );
    if (written.length === 0) {
      const accounts: unknown[] = await em.query(`SELECT 1 FROM app_user WHERE lower(email) = lower($1)`, [draft.email]);
      throw conflict(
        accounts.length > 0
          ? `${draft.email} already has an account on cosell`
          : `${draft.email} already has a pending invitation: revoke it to invite again`,
        { field: "email" },
      );
    }
    return em.findOneByOrFail(Invitation, { id });
  }

  /** The invitation with its link, for the inviter; e-mailed to the invitee too when SMTP is configured. */
  private async send(invitation: Invitation, token: string): Promise<Invitation> {
    const acceptUrl = linkUrl(this.options.publicUrl, INVITATION_PATH, token);
    const [names] = await this.dataSource.query<{ inviter: string; organization: string; inviting: string }[]>(
      `SELECT u.name AS inviter, o.name AS organization, io.name AS inviting
         FROM app_user u, organization o, organization io WHERE u.id = $1 AND o.id = $2 AND io.id = $3`,
      [invitation.invitedById, invitation.organizationId, invitation.invitingOrganizationId],
    );
    const what = invitation.partnerFirm
      ? `${names!.inviter} of ${names!.inviting} invites ${names!.organization} to co-sell on cosell, with you as its first admin. A partnership proposal from ${names!.inviting} will be waiting for you.`
      : `${names!.inviter} invites you to join ${names!.organization} on cosell as ${ROLE_NAMES[invitation.role]}.`;
    const emailSent = await deliverAlsoShown(this.mailer, this.logger, {
      to: invitation.email,
      subject: invitation.partnerFirm
        ? `${names!.inviting} invites ${names!.organization} to cosell`
        : `Join ${names!.organization} on cosell`,
      text: `${what}\n\nChoose your name and password here (the link works once, until ${invitation.expiresAt}):\n${acceptUrl}\n`,
    });
    return Object.assign(invitation, { acceptUrl, emailSent });
  }
}

/**
 * A firm of that name which `invitingOrganizationId` invited and nobody joined yet (its invitation
 * was revoked or expired), locked so that two invitations at once wait for each other; invited
 * again rather than refused as a name taken. Else null.
 */
async function unjoinedFirmInvitedBy(em: EntityManager, name: string, invitingOrganizationId: string): Promise<string | null> {
  const rows: { id: string }[] = await em.query(
    `SELECT o.id FROM organization o
      WHERE lower(o.name) = lower($1)
        AND NOT EXISTS (SELECT 1 FROM app_user u WHERE u.organization_id = o.id)
        AND EXISTS (SELECT 1 FROM invitation i WHERE i.organization_id = o.id AND i.inviting_organization_id = $2)
      FOR UPDATE`,
    [name, invitingOrganizationId],
  );
  return rows[0]?.id ?? null;
}

/** Whether the two organizations have a partnership proposed or signed (not terminated). */
async function openPartnershipBetween(em: EntityManager, one: string, other: string): Promise<boolean> {
  const rows: unknown[] = await em.query(
    `SELECT 1 FROM partnership
      WHERE status <> $3
        AND ((proposer_organization_id = $1 AND partner_organization_id = $2) OR (proposer_organization_id = $2 AND partner_organization_id = $1))`,
    [one, other, PartnershipStatus.TERMINATED],
  );
  return rows.length > 0;
}

/**
 * The partnership a partner firm's invitation proposes: from the inviting organization to the new
 * firm, with no terms yet (revision 0: either firm proposes them with `amendPartnership`, and both
 * sign them). One function, so
 * what a first proposal says can grow in one place.
 */
function proposeToInvitedFirm(em: EntityManager, outbox: Outbox, policy: Policy, firm: Organization): Promise<Partnership> {
  return writeProposal(em, outbox, policy, firm, null);
}

/** A partner firm's first admin just joined: the proposal of the firm that invited them awaits their signature. */
async function tellOfWaitingProposal(
  em: EntityManager,
  outbox: Outbox,
  joined: { userId: string; organizationId: string; from: { inviting_organization_id: string; invited_by_id: string } },
): Promise<void> {
  const proposals: { id: string; name: string }[] = await em.query(
    `SELECT p.id, o.name FROM partnership p JOIN organization o ON o.id = p.proposer_organization_id
      WHERE p.proposer_organization_id = $1 AND p.partner_organization_id = $2 AND p.status = $3`,
    [joined.from.inviting_organization_id, joined.organizationId, PartnershipStatus.PROPOSED],
  );
  for (const proposal of proposals) {
    await notify(em, outbox, {
      kind: NotificationKind.PARTNERSHIP_AWAITING_SIGNATURE,
      audience: { users: [joined.userId] },
      actorId: joined.from.invited_by_id,
      opportunityId: null,
      subjectId: proposal.id,
      say: ({ actor }) => `${actor} of ${proposal.name} proposes a partnership with your firm; it awaits your signature`,
      url: "/partners",
    });
  }
}
