import { IMPORT_MAX_BYTES, formatMinor, isDealStage } from "@cosell/schema";
import type { DealStage } from "@cosell/schema";
import { Policy } from "../auth/policy.js";
import type { Services } from "../context.js";
import { BodyError, mediaTypeOf, readBody, sendJson } from "../http/exchange.js";
import { idOf, toGlobalId } from "../ids.js";
import { createLoaders } from "../loaders.js";
import { mappingFrom } from "../modules/import/opportunity-import.service.js";
import type { OpportunityFilter } from "../modules/opportunity/opportunity.inputs.js";
import { ExportError, attachment, csvRow, exportErrors, exportRoute, exportViewer, send } from "./http.js";
import type { ExportRequest, ExportRoute } from "./http.js";

/** Where the web app may use its session cookie from besides the server's own origin (`WEB_ORIGINS`). */
interface CookieOrigins {
  readonly webOrigins: readonly string[];
}

/**
 * `GET /export/opportunities.csv`: the board as the caller sees it, filtered as the board is
 * (`q`, `stages`, `partner`, `accountId`, `organizationId`), newest first. It pages through the
 * board's own query (`opportunities`), so it holds exactly what the caller may see there: a
 * partner's export has only the deals shared with them. Its columns are the import's, so a file
 * exported here imports elsewhere as it is. Cells are neutralized against spreadsheet formulas.
 */
export function opportunityExport(services: Services, cookie: CookieOrigins): ExportRoute {
  return {
    path: /^\/export\/opportunities\.csv$/,
    handle: exportRoute(services, async (req, res) => {
      const viewer = await exportViewer(services, req, cookie);
      const { filter, partnerId } = boardFilter(req);
      const policy = new Policy(services.dataSource, viewer);
      const loaders = createLoaders(services.dataSource);
      // Read before the first byte, so a bad filter still answers as an error.
      let page = await services.opportunities.list(policy, { first: PAGE, filter });

      res.setHeader("content-type", "text/csv; charset=utf-8");
      res.setHeader("content-disposition", attachment(`opportunities-${new Date().toISOString().slice(0, 10)}.csv`));
      res.setHeader("cache-control", "no-store");
      await send(res, csvRow(COLUMNS));
      for (;;) {
        let deals = page.edges.map((e) => e.node);
        if (partnerId !== null) {
          const worked = await services.dataSource.query<{ id: string }[]>(
            `SELECT DISTINCT m.opportunity_id AS id FROM room_member m JOIN app_user u ON u.id = m.user_id
              WHERE m.opportunity_id = ANY($1::uuid[]) AND u.organization_id = $2::uuid`,
            [deals.map((d) => d.id), partnerId],
          );
          const ids = new Set(worked.map((w) => w.id));
          deals = deals.filter((d) => ids.has(d.id) && d.organizationId !== partnerId);
        }
        const [accounts, owners, organizations] = await Promise.all([
          loaders.account.loadMany(deals.map((d) => d.accountId)),
          loaders.user.loadMany(deals.map((d) => d.ownerId)),
          loaders.organization.loadMany(deals.map((d) => d.organizationId)),
        ]);
        const found = <T>(value: T | Error | null | undefined): T | null => (value instanceof Error ? null : (value ?? null));
        await send(
          res,
          deals
            .map((deal, i) => {
              const account = found(accounts[i]);
              const owner = found(owners[i]);
              return csvRow([
                deal.title,
                account?.name ?? null,
                account?.domain ?? null,
                formatMinor(BigInt(deal.amountMinor), deal.currency),
                deal.currency,
                deal.stage,
                deal.closeDate,
                owner?.email ?? null,
                owner?.name ?? null,
                found(organizations[i])?.name ?? null,
                toGlobalId("Opportunity", deal.id),
                new Date(deal.updatedAt).toISOString(),
              ]);
            })
            .join(""),
        );
        const last = page.edges.at(-1);
        if (!page.hasNextPage || !last) break;
        page = await services.opportunities.list(policy, { first: PAGE, after: last.cursor, filter });
      }
      res.end();
    }),
  };
}

/** The import's columns first (so the file imports as it is), then what only an export tells. */
const COLUMNS = [
  "title",
  "accountName",
  "accountDomain",
  "amount",
  "currency",
  "stage",
  "closeDate",
  "ownerEmail",
  "ownerName",
  "organization",
  "id",
  "updatedAt",
];

/** Deals per page of the board's query: its largest page. */
const PAGE = 100;

const NO_ID = "00000000-0000-0000-0000-000000000000";

/** The board's filters from the query string, in the names the web board keeps in its address. */
function boardFilter(req: ExportRequest): { filter: OpportunityFilter; partnerId: string | null } {
  const one = (name: string): string | null => {
    const values = req.query.getAll(name);
    if (values.length > 1) throw exportErrors.badInput(name, "must be given once");
    return values[0]?.trim() || null;
  };
  const search = one("q");
  if (search !== null && search.length > 200) throw exportErrors.badInput("q", "must be at most 200 characters");
  const stages: DealStage[] = [];
  for (const stage of (one("stages") ?? "").split(",").filter(Boolean)) {
    if (!isDealStage(stage)) throw exportErrors.badInput("stages", `has ${JSON.stringify(stage)}, which is not a stage`);
    stages.push(stage);
  }
  const partner = one("partner");
  const filter: OpportunityFilter = {
    ...(search !== null ? { search } : {}),
    ...(stages.length > 0 ? { stages } : {}),
    ...(one("accountId") !== null ? { accountId: one("accountId") } : {}),
    ...(one("organizationId") !== null ? { organizationId: one("organizationId") } : {}),
  };
  return { filter, partnerId: partner === null ? null : (idOf("Organization", partner) ?? NO_ID) };
}

/**
 * `POST /import/opportunities` (`?dryRun=1` to check only): a CSV file of deals, as
 * `OpportunityImportService` reads it, answered `{created, errors: [{row, message}], accounts,
 * notices, dryRun}`. Nothing is written when any row is wrong: 422 with the errors (a dry run
 * answers 200 either way). The body is at most `IMPORT_MAX_BYTES` (413 beyond).
 */
export function opportunityImport(services: Services, cookie: CookieOrigins): ExportRoute {
  return {
    path: /^\/import\/opportunities$/,
    method: "POST",
    handle: exportRoute(services, async (req, res) => {
      const viewer = await exportViewer(services, req, cookie);
      const type = mediaTypeOf(req.headers["content-type"]);
      if (!CSV_TYPES.has(type)) {
        req.raw.resume();
        throw new ExportError(415, "UNSUPPORTED_MEDIA_TYPE", "Send the file as Content-Type: text/csv");
      }
      const dryRun = ["1", "true"].includes(req.query.get("dryRun") ?? "");
      const mapping = mappingFrom(req.query);
      let file: Buffer;
      try {
        file = await readBody(req.raw, IMPORT_MAX_BYTES);
      } catch (error) {
        if (!(error instanceof BodyError)) throw error;
        if (error.status === 413) {
          res.setHeader("connection", "close");
          throw new ExportError(413, "PAYLOAD_TOO_LARGE", `The file is larger than ${IMPORT_MAX_BYTES / (1024 * 1024)} MB; split it`);
        }
        throw new ExportError(400, "BAD_REQUEST", "Malformed request");
      }
      const started = performance.now();
      const result = await services.opportunityImport.run(new Policy(services.dataSource, viewer), file, mapping, { dryRun });
      services.logger.info(
        { dryRun, created: result.created, errors: result.errors.length, ms: Math.round(performance.now() - started) },
        "opportunity import",
      );
      sendJson(res, !dryRun && result.errors.length > 0 ? 422 : 200, result);
    }),
  };
}

/** What a CSV upload may be labelled: browsers label .csv files differently from one system to the next. */
const CSV_TYPES: ReadonlySet<string> = new Set(["text/csv", "application/csv", "text/plain", "application/vnd.ms-excel"]);
