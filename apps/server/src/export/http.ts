import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { isAllowedOrigin } from "../auth/web-session.js";
import type { Viewer } from "../auth/viewer.js";
import type { Services } from "../context.js";
import { viewerFromAuthorization, viewerFromRequest } from "../context.js";
import type { ErrorCode } from "@cosell/schema";
import { DomainError } from "../errors.js";
import { sendJson } from "../http/exchange.js";

/**
 * The plumbing the export endpoints share: the caller from the bearer token, errors in the same
 * JSON shape and codes as the API's, and a body written as it is produced.
 */

export class ExportError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const exportErrors = {
  unauthenticated: () => new ExportError(401, "UNAUTHENTICATED", "Sign in: send Authorization: Bearer <session or API token>"),
  forbidden: (message: string) => new ExportError(403, "FORBIDDEN", message),
  notFound: (what: string) => new ExportError(404, "NOT_FOUND", `${what} not found`),
  badInput: (field: string, message: string) => Object.assign(new ExportError(400, "BAD_USER_INPUT", `${field} ${message}`), { field }),
};

/** An export request: its headers, path, the path's parameters and the query string. */
export interface ExportRequest {
  readonly headers: IncomingHttpHeaders;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The request itself, for a `POST` route to read its body. */
  readonly raw: IncomingMessage;
}

/** An endpoint: the path it answers (named groups become `params`), its method (`GET` unless said) and its handler. */
export interface ExportRoute {
  readonly path: RegExp;
  readonly method?: "GET" | "POST";
  readonly handle: (req: ExportRequest, res: ServerResponse) => void;
}

/** The route answering `method` on `path` with its parameters (URL-decoded), or null. `HEAD` asks the `GET` route. */
export function matchExport(
  routes: readonly ExportRoute[],
  path: string,
  method = "GET",
): { route: ExportRoute; params: Record<string, string> } | null {
  const asked = method === "HEAD" ? "GET" : method;
  for (const route of routes) {
    if ((route.method ?? "GET") !== asked) continue;
    const match = route.path.exec(path);
    if (!match) continue;
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(match.groups ?? {})) {
      try {
        params[name] = decodeURIComponent(value);
      } catch {
        params[name] = value;
      }
    }
    return { route, params };
  }
  return null;
}

/**
 * The caller of an export request; UNAUTHENTICATED without a valid bearer token. With `webOrigins`
 * the web app's session cookie is taken too (for its download links and uploads), from the
 * server's own origin or one of those only, as on `/graphql`.
 */
export async function exportViewer(services: Services, req: ExportRequest, cookie?: { webOrigins: readonly string[] }): Promise<Viewer> {
  if (!cookie) {
    const viewer = await viewerFromAuthorization(services, req.headers.authorization);
    if (!viewer) throw exportErrors.unauthenticated();
    return viewer;
  }
  const { viewer, cookieSession } = await viewerFromRequest(services, req.headers);
  if (cookieSession && !isAllowedOrigin(req.headers.origin, req.headers.host, cookie.webOrigins)) {
    throw exportErrors.forbidden("The session cookie is not accepted from another origin");
  }
  if (!viewer) throw exportErrors.unauthenticated();
  return viewer;
}

/**
 * Runs an export handler: its errors before the first byte become a JSON error with the status
 * and code; an unexpected one is logged and masked; after the first byte the connection is cut,
 * so a truncated file never looks complete.
 */
export function exportRoute(services: Services, handler: (req: ExportRequest, res: ServerResponse) => Promise<void>) {
  return (req: ExportRequest, res: ServerResponse): void => {
    handler(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        if (!(error instanceof ClientGone)) services.logger.error({ err: error, path: req.path }, "export failed while streaming");
        res.destroy();
        return;
      }
      const known = error instanceof ExportError ? error : error instanceof DomainError ? asExportError(error) : null;
      if (!known) services.logger.error({ err: error, path: req.path }, "export failed");
      const extensions: Record<string, unknown> = { code: known?.code ?? "INTERNAL_SERVER_ERROR" };
      if (known && "field" in known) extensions.field = known.field;
      sendJson(res, known?.status ?? 500, { errors: [{ message: known?.message ?? "Internal server error", extensions }] });
    });
  };
}

/** A service's domain error, with the HTTP status of its code. */
function asExportError(error: DomainError): ExportError | null {
  const status = STATUS_OF[error.code];
  if (status === undefined) return null;
  const known = new ExportError(status, error.code, error.message);
  return typeof error.details.field === "string" ? Object.assign(known, { field: error.details.field }) : known;
}

const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
};

/** Thrown into a handler when its client went away: nothing to report. */
class ClientGone extends Error {}

/** Writes a chunk, waiting while the client's buffer is full; throws once the client has gone. */
export async function send(res: ServerResponse, chunk: string): Promise<void> {
  if (res.destroyed || res.writableEnded) throw new ClientGone();
  if (!res.write(chunk)) {
    await new Promise<void>((resolve) => {
      const done = () => {
        res.off("drain", done);
        res.off("close", done);
        resolve();
      };
      res.on("drain", done);
      res.on("close", done);
    });
    if (res.destroyed) throw new ClientGone();
  }
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. A field that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR first) is prefixed with `'`, so a note
 * written in a room cannot become a formula in finance's spreadsheet.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvRow = (fields: readonly (string | number | null)[]): string => `${fields.map(csvField).join(",")}\r\n`;

/** A file name safe in a Content-Disposition header. */
export const attachment = (name: string): string => `attachment; filename="${name.replace(/[^\w.-]+/g, "-")}"`;
