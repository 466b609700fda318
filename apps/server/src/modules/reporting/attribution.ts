import { CoSellRequestStatus, RegistrationStatus } from "@cosell/schema";

/**
 * How a partner firm counts on a deal, read from the record and never from a field someone sets by
 * hand. Each rule is a SQL condition on a deal `d.id` and a partner organization `p.org`.
 *
 * Sourced: the firm brought the deal in: an approved deal registration of the firm that became
 * (links to) the opportunity, or a co-sell request the firm sent from account mapping whose
 * acceptance opened the opportunity (a request that joined a deal already open sourced nothing).
 */
export const SOURCED_BY: readonly string[] = [
  `EXISTS (SELECT 1 FROM deal_registration r
            WHERE r.opportunity_id = d.id AND r.status = '${RegistrationStatus.APPROVED}' AND r.registrant_organization_id = p.org)`,
  `EXISTS (SELECT 1 FROM co_sell_request c
            WHERE c.opportunity_id = d.id AND c.status = '${CoSellRequestStatus.ACCEPTED}' AND c.opened_opportunity
              AND c.requester_organization_id = p.org)`,
];

/**
 * Influenced: the firm took part. Any of its people was or is a member of the room (a MEMBER_JOINED
 * entry of the audit trail names them even after they left), wrote an entry in the room's log
 * (note, call, meeting, stage move, …), or was assigned a commitment on the deal.
 */
export const TOOK_PART: readonly string[] = [
  `EXISTS (SELECT 1 FROM room_member m JOIN app_user u ON u.id = m.user_id WHERE m.opportunity_id = d.id AND u.organization_id = p.org)`,
  `EXISTS (SELECT 1 FROM activity a WHERE a.opportunity_id = d.id AND a.actor_organization_id = p.org)`,
  `EXISTS (SELECT 1 FROM activity a JOIN app_user u ON u.id::text = a.data->>'userId'
            WHERE a.opportunity_id = d.id AND a.kind = 'MEMBER_JOINED' AND u.organization_id = p.org)`,
  `EXISTS (SELECT 1 FROM commitment c JOIN app_user u ON u.id = c.assignee_id WHERE c.opportunity_id = d.id AND u.organization_id = p.org)`,
];

/** For each of `$1` deals and `$2` partner organizations where the firm sourced or took part: both facts. */
export const PARTICIPATION_SQL = `
  SELECT * FROM (
    SELECT d.id AS opportunity_id, p.org AS organization_id,
           (${SOURCED_BY.join(" OR ")}) AS sourced,
           (${TOOK_PART.join(" OR ")}) AS took_part
      FROM unnest($1::uuid[]) AS d(id) CROSS JOIN unnest($2::uuid[]) AS p(org)
  ) facts WHERE sourced OR took_part`;

export type Role = "SOURCED" | "INFLUENCED";

/** A firm that sourced a deal counts as its source even though it also took part. */
export const roleOf = (facts: { sourced: boolean; took_part: boolean }): Role | null =>
  facts.sourced ? "SOURCED" : facts.took_part ? "INFLUENCED" : null;
