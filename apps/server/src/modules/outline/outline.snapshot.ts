import type { CommitmentStatus, DealStage, SplitType } from "@cosell/schema";
import type { EntityManager } from "typeorm";
import type { OutlineData, OutlineFirmData } from "./outline.entity.js";

/**
 * The scope of each partner firm's working agreement with the deal's organization, as an outline
 * quotes it: the signed partnership if there is one, else the latest. The one place an outline reads
 * an agreement's terms, so a change to how agreements are written changes only this function.
 */
export async function agreementScopes(
  em: EntityManager,
  organizationId: string,
  partnerIds: readonly string[],
): Promise<ReadonlyMap<string, string>> {
  // The terms in force (else the newest proposal); older free-text terms, where no point is stated.
  const rows: { partner: string; scope: string | null }[] = await em.query(
    `SELECT DISTINCT ON (partner) partner,
            COALESCE(NULLIF(concat_ws('; ', 'Accounts: ' || NULLIF(t.scope_accounts, ''), 'Regions: ' || NULLIF(t.scope_regions, ''),
                                       'Products: ' || NULLIF(t.scope_products, '')), ''), t.earlier_terms) AS scope
       FROM (SELECT CASE WHEN proposer_organization_id = $1 THEN partner_organization_id ELSE proposer_organization_id END AS partner,
                    id, COALESCE(in_force_revision, revision) AS revision, status, created_at
               FROM partnership
              WHERE (proposer_organization_id = $1 AND partner_organization_id = ANY($2::uuid[]))
                 OR (partner_organization_id = $1 AND proposer_organization_id = ANY($2::uuid[]))) p
       JOIN partnership_terms t ON t.partnership_id = p.id AND t.revision = p.revision
     ORDER BY partner, (p.status = 'SIGNED') DESC, p.created_at DESC`,
    [organizationId, [...partnerIds]],
  );
  return new Map(rows.filter((r) => r.scope !== null).map((r) => [r.partner, r.scope!]));
}

/**
 * The room's plan as it stands, read inside the publishing transaction (after it locked the room's
 * row, so nothing the room's log records can change under it): the deal, each firm with people in
 * the room and its people's accepted commitments (OPEN, DONE or MISSED), the split in force, the
 * agreement scopes and the latest meeting. Also the firms that sign it: those with people in the room, and
 * the deal's own organization.
 */
export async function snapshotOf(em: EntityManager, opportunityId: string): Promise<{ data: OutlineData; parties: string[] }> {
  const [deal] = (await em.query(
    `SELECT o.title, a.name AS account_name, o.stage, o.amount_minor::text AS amount_minor, o.currency,
            to_char(o.close_date, 'YYYY-MM-DD') AS close_date, o.organization_id
       FROM opportunity o JOIN account a ON a.id = o.account_id WHERE o.id = $1`,
    [opportunityId],
  )) as {
    title: string;
    account_name: string;
    stage: DealStage;
    amount_minor: string;
    currency: string;
    close_date: string | null;
    organization_id: string;
  }[];
  if (!deal) throw new Error(`opportunity ${opportunityId} vanished inside its transaction`);

  const members: { organization_id: string; name: string }[] = await em.query(
    `SELECT DISTINCT g.id AS organization_id, g.name FROM room_member m
       JOIN app_user u ON u.id = m.user_id JOIN organization g ON g.id = u.organization_id
      WHERE m.opportunity_id = $1`,
    [opportunityId],
  );
  const commitments: {
    id: string;
    title: string;
    assignee_id: string;
    assignee_name: string;
    organization_id: string;
    organization_name: string;
    due_at: Date;
    status: CommitmentStatus;
  }[] = await em.query(
    `SELECT c.id, c.title, c.assignee_id, u.name AS assignee_name, g.id AS organization_id, g.name AS organization_name, c.due_at, c.status
       FROM commitment c JOIN app_user u ON u.id = c.assignee_id JOIN organization g ON g.id = u.organization_id
      WHERE c.opportunity_id = $1 AND c.status IN ('OPEN', 'DONE', 'MISSED')
      ORDER BY c.due_at, c.id`,
    [opportunityId],
  );
  const splitLines: {
    revision: number;
    agreed_at: Date | null;
    user_id: string;
    user_name: string;
    organization_id: string;
    organization_name: string;
    basis_points: number;
    type: SplitType;
  }[] = await em.query(
    `SELECT s.agreed_revision AS revision, r.agreed_at, l.user_id, u.name AS user_name, l.organization_id, g.name AS organization_name,
            l.basis_points, l.type
       FROM credit_split s
       JOIN split_revision r ON r.split_id = s.id AND r.revision = s.agreed_revision
       JOIN split_line l ON l.split_id = s.id AND l.revision = s.agreed_revision
       JOIN app_user u ON u.id = l.user_id JOIN organization g ON g.id = l.organization_id
      WHERE s.opportunity_id = $1
      ORDER BY l.position`,
    [opportunityId],
  );
  const [meeting] = (await em.query(
    `SELECT id, starts_at, duration_minutes, agenda FROM meeting
      WHERE opportunity_id = $1 AND cancelled_at IS NULL ORDER BY starts_at DESC LIMIT 1`,
    [opportunityId],
  )) as { id: string; starts_at: Date; duration_minutes: number; agenda: string }[];

  // The deal's own organization first, then the other firms by name.
  const names = new Map<string, string>(members.map((m) => [m.organization_id, m.name]));
  for (const c of commitments) names.set(c.organization_id, c.organization_name);
  if (!names.has(deal.organization_id)) {
    const [own] = (await em.query(`SELECT name FROM organization WHERE id = $1`, [deal.organization_id])) as { name: string }[];
    names.set(deal.organization_id, own!.name);
  }
  const partners = [...names.keys()].filter((id) => id !== deal.organization_id);
  partners.sort((a, b) => names.get(a)!.localeCompare(names.get(b)!));
  const scopes = await agreementScopes(em, deal.organization_id, partners);
  const firms: OutlineFirmData[] = [deal.organization_id, ...partners].map((organizationId) => ({
    organizationId,
    name: names.get(organizationId)!,
    owner: organizationId === deal.organization_id,
    agreementScope: scopes.get(organizationId) ?? null,
    commitments: commitments
      .filter((c) => c.organization_id === organizationId)
      .map((c) => ({
        commitmentId: c.id,
        title: c.title,
        assigneeId: c.assignee_id,
        assigneeName: c.assignee_name,
        dueAt: new Date(c.due_at).toISOString(),
        status: c.status,
      })),
  }));
  const first = splitLines[0];
  const data: OutlineData = {
    deal: {
      title: deal.title,
      accountName: deal.account_name,
      stage: deal.stage,
      amountMinor: deal.amount_minor,
      currency: deal.currency,
      closeDate: deal.close_date,
    },
    firms,
    split: first
      ? {
          revision: first.revision,
          agreedAt: first.agreed_at ? new Date(first.agreed_at).toISOString() : null,
          lines: splitLines.map((l) => ({
            userId: l.user_id,
            userName: l.user_name,
            organizationId: l.organization_id,
            organizationName: l.organization_name,
            basisPoints: l.basis_points,
            type: l.type,
          })),
        }
      : null,
    meeting: meeting
      ? {
          meetingId: meeting.id,
          startsAt: new Date(meeting.starts_at).toISOString(),
          durationMinutes: meeting.duration_minutes,
          agenda: meeting.agenda,
        }
      : null,
  };
  const parties = [deal.organization_id, ...partners.filter((id) => members.some((m) => m.organization_id === id))];
  return { data, parties };
}
