import { OPEN_STAGES } from "@cosell/schema";

/**
 * The overlap of one partnership as one side sees it, as the leading CTEs of a statement: `pair`
 * (one row while both sides opted in and the partnership is SIGNED, none otherwise) and `overlap`
 * (one row per normalized domain both organizations have an account on, with the rank in
 * `OPEN_STAGES` of each side's most advanced open deal there, and what each side reveals of it).
 * Whether mapping is on is decided by the statement that reads or writes, never by a read before it.
 *
 * Parameters: $1 the partnership, $2 the caller's organization, $3 `OPEN_STAGES`, $4 one domain to
 * look at (or null for all). `lock` share-locks the partnership and both opt-ins until COMMIT, for a
 * statement that writes on the strength of the overlap: an opt-out or a termination waits for it, or
 * it sees their result.
 */
export function overlapSql(lock: boolean): string {
  return `WITH pair AS (
      SELECT p.id AS partnership_id, mine.organization_id AS me, theirs.organization_id AS them,
             mine.default_level AS my_default, theirs.default_level AS their_default
        FROM partnership p
        JOIN account_mapping mine ON mine.partnership_id = p.id AND mine.organization_id = $2 AND mine.enabled
        JOIN account_mapping theirs ON theirs.partnership_id = p.id AND theirs.organization_id <> $2 AND theirs.enabled
       WHERE p.id = $1 AND p.status = 'SIGNED'${lock ? " FOR SHARE OF p, mine, theirs" : ""}
    ),
    held AS (
      SELECT a.organization_id AS org, a.normalized_domain AS domain, max(array_position($3::text[], o.stage)) AS rank
        FROM pair JOIN account a ON a.organization_id IN (pair.me, pair.them)
        LEFT JOIN opportunity o ON o.account_id = a.id AND o.stage = ANY($3::text[])
       WHERE a.normalized_domain IS NOT NULL AND ($4::text IS NULL OR a.normalized_domain = $4::text)
       GROUP BY a.organization_id, a.normalized_domain
    ),
    overlap AS (
      SELECT m.domain, m.rank AS my_rank, t.rank AS their_rank,
             coalesce(mr.level, pair.my_default) AS my_level, coalesce(tr.level, pair.their_default) AS their_level
        FROM pair
        JOIN held m ON m.org = pair.me
        JOIN held t ON t.org = pair.them AND t.domain = m.domain
        LEFT JOIN account_reveal mr ON mr.partnership_id = pair.partnership_id AND mr.organization_id = pair.me AND mr.normalized_domain = m.domain
        LEFT JOIN account_reveal tr ON tr.partnership_id = pair.partnership_id AND tr.organization_id = pair.them AND tr.normalized_domain = m.domain
    )`;
}

/** The parameters `overlapSql` starts with. */
export const overlapParams = (partnershipId: string, organizationId: string, domain: string | null): unknown[] => [
  partnershipId,
  organizationId,
  [...OPEN_STAGES],
  domain,
];

/** A domain the partner firm revealed something of (NAME or DEAL), as a condition on `overlap` aliased `ov`. */
export const REVEALED_TO_ME = `ov.their_level IN ('NAME', 'DEAL')`;

/** Whether mapping is active, and the overlap's counts per pair of stages (null: no open deal). */
export const OVERLAP_COUNTS_SQL = `${overlapSql(false)},
    grouped AS (SELECT my_rank, their_rank, count(*)::int AS n FROM overlap GROUP BY my_rank, their_rank)
  SELECT EXISTS (SELECT 1 FROM pair) AS active,
         coalesce((SELECT json_agg(json_build_object('myStage', ($3::text[])[my_rank], 'theirStage', ($3::text[])[their_rank], 'count', n)
                                   ORDER BY my_rank NULLS FIRST, their_rank NULLS FIRST) FROM grouped), '[]'::json) AS by_stage`;

/**
 * The page of overlapping accounts the partner firm revealed, by domain after $5 (or from the
 * start), $6 rows: the caller's own oldest account there, the partner's name for it, and with DEAL
 * the stage and owner of its most advanced open deal there.
 */
export const REVEALED_ACCOUNTS_SQL = `${overlapSql(false)}
  SELECT ov.domain, ov.my_level, ov.their_level,
         (SELECT a.id FROM account a WHERE a.organization_id = pair.me AND a.normalized_domain = ov.domain
           ORDER BY a.created_at, a.id LIMIT 1) AS my_account_id,
         (SELECT a.name FROM account a WHERE a.organization_id = pair.them AND a.normalized_domain = ov.domain
           ORDER BY a.created_at, a.id LIMIT 1) AS their_name,
         deal.stage AS their_stage, deal.owner_id AS their_owner_id
    FROM overlap ov CROSS JOIN pair
    LEFT JOIN LATERAL (
      SELECT o.stage, o.owner_id FROM opportunity o JOIN account a ON a.id = o.account_id
       WHERE ov.their_level = 'DEAL' AND a.organization_id = pair.them AND a.normalized_domain = ov.domain AND o.stage = ANY($3::text[])
       ORDER BY array_position($3::text[], o.stage) DESC, o.id DESC LIMIT 1
    ) deal ON true
   WHERE ${REVEALED_TO_ME} AND ($5::text IS NULL OR ov.domain > $5::text)
   ORDER BY ov.domain LIMIT $6`;

/**
 * Files a co-sell request ($5 id, $6 requester, $7 message) about the domain $4, only while mapping
 * is active and the partner firm reveals that account to the requester's: one statement, under the
 * share locks of `overlapSql(true)`. No row: refused.
 */
export const FILE_CO_SELL_REQUEST_SQL = `${overlapSql(true)}
  INSERT INTO co_sell_request (id, partnership_id, requester_id, requester_organization_id, recipient_organization_id, normalized_domain, message, status, created_at)
  SELECT $5, pair.partnership_id, $6, pair.me, pair.them, ov.domain, $7, 'PENDING', now()
    FROM overlap ov CROSS JOIN pair WHERE ${REVEALED_TO_ME}
  RETURNING id`;
