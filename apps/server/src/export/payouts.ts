import { closeDateProblem, formatMinor } from "@cosell/schema";
import { actsForOrganization } from "../auth/policy.js";
import type { Services } from "../context.js";
import { toGlobalId } from "../ids.js";
import { attachment, csvRow, exportErrors, exportRoute, exportViewer, send } from "./http.js";
import type { ExportRequest, ExportRoute } from "./http.js";

/**
 * `GET /export/payouts.csv?from=YYYY-MM-DD&to=YYYY-MM-DD`: for finance, the locked payouts of
 * every deal won in that range (UTC days, both included) that the caller's organization took part
 * in (owns it, or has a line in its locked split); one row per line of the split. Managers, admins
 * and the organization's API tokens may ask. Written a page of deals at a time.
 */
export function payoutExport(services: Services): ExportRoute {
  return {
    path: /^\/export\/payouts\.csv$/,
    handle: exportRoute(services, async (req, res) => {
      const viewer = await exportViewer(services, req);
      if (!actsForOrganization(viewer)) throw exportErrors.forbidden("Only managers and admins export payouts");
      const from = day(req, "from");
      const to = day(req, "to");
      if (from > to) throw exportErrors.badInput("to", "must not be before from");
      const until = new Date(Date.parse(`${to}T00:00:00Z`) + 24 * 60 * 60 * 1000).toISOString();

      res.setHeader("content-type", "text/csv; charset=utf-8");
      res.setHeader("content-disposition", attachment(`payouts-${from}-to-${to}.csv`));
      await send(res, csvRow(["deal_id", "deal", "won_at", "firm", "person", "email", "type", "basis_points", "payout", "currency"]));
      let after: { at: string; id: string } = { at: "-infinity", id: "00000000-0000-0000-0000-000000000000" };
      for (;;) {
        const rows = await services.dataSource.query<PayoutRow[]>(PAGE_SQL, [
          viewer.organizationId,
          `${from}T00:00:00Z`,
          until,
          after.at,
          after.id,
          DEALS_PER_PAGE,
        ]);
        if (rows.length === 0) break;
        await send(
          res,
          rows
            .map((r) =>
              csvRow([
                toGlobalId("Opportunity", r.opportunity_id),
                r.title,
                new Date(r.won_at).toISOString(),
                r.firm,
                r.person,
                r.email,
                r.type,
                r.basis_points,
                r.payout_minor === null ? null : formatMinor(BigInt(r.payout_minor), r.payout_currency ?? r.currency),
                r.payout_currency ?? r.currency,
              ]),
            )
            .join(""),
        );
        const last = rows.at(-1)!;
        after = { at: new Date(last.won_at).toISOString(), id: last.opportunity_id };
        if (new Set(rows.map((r) => r.opportunity_id)).size < DEALS_PER_PAGE) break;
      }
      res.end();
    }),
  };
}

const DEALS_PER_PAGE = 200;

interface PayoutRow {
  opportunity_id: string;
  title: string;
  currency: string;
  won_at: Date;
  firm: string;
  person: string;
  email: string;
  type: string;
  basis_points: number;
  payout_minor: string | null;
  payout_currency: string | null;
}

/** A page of won deals after the keyset ($4 won at, $5 id), with the lines of their locked split. */
const PAGE_SQL = `
  WITH won AS (
    SELECT o.id, o.title, o.currency, s.id AS split_id, s.agreed_revision, w.at AS won_at
      FROM opportunity o
      JOIN credit_split s ON s.opportunity_id = o.id AND s.status = 'LOCKED'
      JOIN LATERAL (SELECT max(c.at) AS at FROM stage_change c WHERE c.opportunity_id = o.id AND c.to_stage = 'CLOSED_WON') w ON TRUE
     WHERE o.stage = 'CLOSED_WON' AND w.at >= $2::timestamptz AND w.at < $3::timestamptz
       AND (o.organization_id = $1
            OR EXISTS (SELECT 1 FROM split_line x WHERE x.split_id = s.id AND x.revision = s.agreed_revision AND x.organization_id = $1))
       AND (w.at, o.id) > ($4::timestamptz, $5::uuid)
     ORDER BY w.at, o.id
     LIMIT $6)
  SELECT won.id AS opportunity_id, won.title, won.currency, won.won_at, org.name AS firm, u.name AS person, u.email,
         l.type, l.basis_points, l.payout_minor, l.payout_currency
    FROM won
    JOIN split_line l ON l.split_id = won.split_id AND l.revision = won.agreed_revision
    JOIN app_user u ON u.id = l.user_id
    JOIN organization org ON org.id = l.organization_id
   ORDER BY won.won_at, won.id, l.position`;

/** A `YYYY-MM-DD` query parameter: a real day, in the same window as a deal's close date. */
function day(req: ExportRequest, name: string): string {
  const values = req.query.getAll(name);
  const value = values.length === 1 ? values[0] : undefined;
  if (value === undefined) throw exportErrors.badInput(name, "must be a date as YYYY-MM-DD");
  const problem = closeDateProblem(value);
  if (problem) throw exportErrors.badInput(name, problem);
  return value;
}
