import { Policy } from "../auth/policy.js";
import type { Services } from "../context.js";
import { idOf, toGlobalId } from "../ids.js";
import { createLoaders } from "../loaders.js";
import type { Loaders } from "../loaders.js";
import type { Activity } from "../modules/activity/activity.entity.js";
import type { Opportunity } from "../modules/opportunity/opportunity.entity.js";
import { attachment, csvRow, exportErrors, exportRoute, exportViewer, send } from "./http.js";
import type { ExportRequest, ExportRoute } from "./http.js";

/**
 * `GET /export/opportunities/{id}/audit.csv` and `…/audit.json`: a room's whole trail for the
 * caller's records, with the same visibility as the API (404 when the caller may not see the deal).
 * Written a page of entries at a time, so a long log is never in memory at once.
 */
export function auditExports(services: Services): ExportRoute[] {
  return [
    {
      path: /^\/export\/opportunities\/(?<id>[^/]+)\/audit\.csv$/,
      handle: exportRoute(services, async (req, res) => {
        const { opportunity, loaders } = await visibleOpportunity(services, req);
        res.setHeader("content-type", "text/csv; charset=utf-8");
        res.setHeader("content-disposition", attachment(`${opportunity.title}-audit.csv`));
        await send(
          res,
          csvRow(["seq", "created_at", "kind", "actor", "actor_email", "organization", "api_token", "body", "changes", "hash"]),
        );
        for await (const page of services.activities.storedPages(opportunity.id, PAGE)) {
          const names = await namesOf(loaders, page);
          let chunk = "";
          for (const a of page) {
            const actor = a.actorId ? names.users.get(a.actorId) : undefined;
            chunk += csvRow([
              a.seq,
              new Date(a.createdAtDate).toISOString(),
              a.kind,
              actor?.name ?? null,
              actor?.email ?? null,
              names.organizations.get(a.actorOrganizationId) ?? null,
              a.apiTokenName,
              a.body,
              a.changes.map((c) => `${c.field}: ${c.from} → ${c.to}`).join("; "),
              a.hash,
            ]);
          }
          await send(res, chunk);
        }
        res.end();
      }),
    },
    {
      path: /^\/export\/opportunities\/(?<id>[^/]+)\/audit\.json$/,
      handle: exportRoute(services, async (req, res) => {
        const { opportunity, loaders } = await visibleOpportunity(services, req);
        res.setHeader("content-type", "application/json; charset=utf-8");
        res.setHeader("content-disposition", attachment(`${opportunity.title}-audit.json`));
        const head = { id: toGlobalId("Opportunity", opportunity.id), title: opportunity.title, exportedAt: new Date().toISOString() };
        await send(res, `{"opportunity":${JSON.stringify(head)},"activities":[`);
        let first = true;
        for await (const page of services.activities.storedPages(opportunity.id, PAGE)) {
          const names = await namesOf(loaders, page);
          const items = page.map((a) => {
            const actor = a.actorId ? names.users.get(a.actorId) : undefined;
            return JSON.stringify({
              id: toGlobalId("Activity", a.id),
              seq: a.seq,
              createdAt: new Date(a.createdAtDate).toISOString(),
              kind: a.kind,
              body: a.body,
              actor: a.actorId ? { id: toGlobalId("User", a.actorId), name: actor?.name ?? null, email: actor?.email ?? null } : null,
              actorOrganization: {
                id: toGlobalId("Organization", a.actorOrganizationId),
                name: names.organizations.get(a.actorOrganizationId) ?? null,
              },
              apiTokenName: a.apiTokenName,
              changes: a.changes,
              hash: a.hash,
            });
          });
          await send(res, (first ? "" : ",") + items.join(","));
          first = false;
        }
        await send(res, "]}");
        res.end();
      }),
    },
  ];
}

const PAGE = 500;

async function visibleOpportunity(services: Services, req: ExportRequest): Promise<{ opportunity: Opportunity; loaders: Loaders }> {
  const viewer = await exportViewer(services, req);
  const opportunityId = idOf("Opportunity", req.params.id ?? "");
  const policy = new Policy(services.dataSource, viewer);
  if (!opportunityId || !(await policy.canReadOpportunity(opportunityId))) throw exportErrors.notFound("Opportunity");
  const loaders = createLoaders(services.dataSource);
  const opportunity = await loaders.opportunity.load(opportunityId);
  if (!opportunity) throw exportErrors.notFound("Opportunity");
  return { opportunity, loaders };
}

/** Names of the people and organizations a page of entries mentions. */
async function namesOf(loaders: Loaders, page: readonly Activity[]) {
  const userIds = [...new Set(page.flatMap((a) => (a.actorId ? [a.actorId] : [])))];
  const orgIds = [...new Set(page.map((a) => a.actorOrganizationId))];
  const [users, organizations] = await Promise.all([loaders.user.loadMany(userIds), loaders.organization.loadMany(orgIds)]);
  const byUser = new Map<string, { name: string; email: string }>();
  users.forEach((u, i) => u && !(u instanceof Error) && byUser.set(userIds[i]!, { name: u.name, email: u.email }));
  const byOrg = new Map<string, string>();
  organizations.forEach((o, i) => o && !(o instanceof Error) && byOrg.set(orgIds[i]!, o.name));
  return { users: byUser, organizations: byOrg };
}
