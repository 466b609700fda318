import type { ServerResponse } from "node:http";
import { Policy } from "../auth/policy.js";
import type { Viewer } from "../auth/viewer.js";
import type { Services } from "../context.js";
import { viewerFromRequest } from "../context.js";
import { DomainError, ErrorCode } from "../errors.js";
import { outlineMarkdown } from "../modules/outline/outline.document.js";
import { outlinePdf } from "../modules/outline/outline.pdf.js";
import { attachment, exportErrors, exportRoute } from "./http.js";
import type { ExportRequest, ExportRoute } from "./http.js";

/**
 * The room's documents as files: a meeting's invitation (`GET /meetings/{id}.ics`, `text/calendar`)
 * and an outline as Markdown or PDF (`GET /outlines/{id}.md`, `…/{id}.pdf`). The caller signs in as
 * for the API (`Authorization: Bearer …`) or, from the web app, with its session cookie (a link
 * the browser follows); whoever may not see the room gets 404, as for an id that does not exist.
 */
export function meetingDocuments(services: Services): ExportRoute[] {
  return [
    {
      path: /^\/meetings\/(?<id>[^/]+)\.ics$/,
      handle: exportRoute(services, async (req, res) => {
        const policy = new Policy(services.dataSource, await documentViewer(services, req));
        const meeting = await visible("Meeting", () => services.meetings.get(policy, req.params.id ?? ""));
        const calendar = await services.meetings.calendarOf(meeting);
        answer(res, "text/calendar; charset=utf-8", `meeting-${meeting.startsAt.slice(0, 10)}.ics`, calendar);
      }),
    },
    {
      path: /^\/outlines\/(?<id>[^/]+)\.(?<format>md|pdf)$/,
      handle: exportRoute(services, async (req, res) => {
        const policy = new Policy(services.dataSource, await documentViewer(services, req));
        const outline = await visible("Outline", () => services.outlines.get(policy, req.params.id ?? ""));
        const doc = await services.outlines.documentOf(outline);
        const name = `${outline.data.deal.title}-outline-v${outline.version}`;
        if (req.params.format === "md") {
          answer(res, "text/markdown; charset=utf-8", `${name}.md`, outlineMarkdown(doc));
        } else {
          const pdf = await outlinePdf(doc, { author: "cosell", createdAt: new Date(outline.publishedAtDate) });
          answer(res, "application/pdf", `${name}.pdf`, pdf);
        }
      }),
    },
  ];
}

/** The caller: a bearer token, or without one the web app's session cookie; 401 without either. */
async function documentViewer(services: Services, req: ExportRequest): Promise<Viewer> {
  const { viewer } = await viewerFromRequest(services, req.headers);
  if (!viewer) throw exportErrors.unauthenticated();
  return viewer;
}

/** What `find` returns, with the API's NOT_FOUND answered as a 404. */
async function visible<T>(what: string, find: () => Promise<T>): Promise<T> {
  try {
    return await find();
  } catch (error) {
    if (error instanceof DomainError && error.code === ErrorCode.NOT_FOUND) throw exportErrors.notFound(what);
    throw error;
  }
}

function answer(res: ServerResponse, contentType: string, filename: string, body: string | Buffer): void {
  res.setHeader("content-type", contentType);
  res.setHeader("content-disposition", attachment(filename));
  res.setHeader("cache-control", "private, no-store");
  res.end(body);
}
