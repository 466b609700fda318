import { ATTACHMENT_MAX_BYTES } from "@cosell/schema";
import { Policy } from "../../auth/policy.js";
import { isAllowedOrigin } from "../../auth/web-session.js";
import type { Services } from "../../context.js";
import { viewerFromRequest } from "../../context.js";
import { DomainError, ErrorCode, isOutage } from "../../errors.js";
import { attachment as contentDisposition } from "../../export/http.js";
import { BodyError, errorBody, readBody, sendJson } from "../../http/exchange.js";
import type { Exchange } from "../../http/exchange.js";
import type { Logger } from "../../logger.js";
import { UnsupportedAttachmentType } from "./registration-attachment.service.js";

/**
 * `POST /registrations/:id/attachments?filename=NAME` (the file's bytes as the body) and
 * `GET /registrations/:id/attachments/:attachmentId`, as the caller of a bearer token or the web
 * session cookie (cookie uploads only from the web app's own origin). Errors answer in the API's
 * JSON shape with its codes: 401, 403, 404, 400, 409, 413 PAYLOAD_TOO_LARGE, 415 UNSUPPORTED_MEDIA_TYPE.
 */
export const ATTACHMENT_PATH = /^\/registrations\/(?<registration>[^/]+)\/attachments(?:\/(?<attachment>[^/]+))?$/;

const STATUS_OF: Readonly<Partial<Record<ErrorCode, number>>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.CONFLICT]: 409,
};

export function registrationAttachments(
  services: Services,
  deps: { readonly webOrigins: readonly string[]; readonly logger: Logger },
): (exchange: Exchange, match: RegExpExecArray) => Promise<void> {
  return async ({ req, res, url }, match) => {
    const { registration, attachment } = match.groups as { registration: string; attachment?: string };
    const method = req.method ?? "GET";
    const upload = method === "POST" && attachment === undefined;
    const download = (method === "GET" || method === "HEAD") && attachment !== undefined;
    try {
      if (!upload && !download) {
        req.resume();
        return sendJson(
          res,
          405,
          errorBody("Use POST …/attachments to upload and GET …/attachments/:id to download", "METHOD_NOT_ALLOWED"),
          {
            allow: attachment === undefined ? "POST" : "GET, HEAD",
          },
        );
      }
      const caller = await viewerFromRequest(services, req.headers);
      if (upload && caller.cookieSession && !isAllowedOrigin(req.headers.origin, req.headers.host, deps.webOrigins)) {
        req.resume();
        return sendJson(res, 403, errorBody("The session cookie is not accepted from another origin", "FORBIDDEN"));
      }
      if (!caller.viewer) {
        req.resume();
        return sendJson(res, 401, errorBody("Sign in: send Authorization: Bearer <session or API token>", "UNAUTHENTICATED"));
      }
      const policy = new Policy(services.dataSource, caller.viewer);

      if (download) {
        const found = await services.registrationAttachments.download(policy, decode(registration), decode(attachment!));
        res.writeHead(200, {
          "content-type": found.contentType,
          "content-length": found.size,
          "content-disposition": contentDisposition(found.filename),
          "x-content-type-options": "nosniff",
          "cache-control": "private, no-store",
        });
        res.end(method === "HEAD" ? undefined : found.content);
        return;
      }

      let bytes: Buffer;
      try {
        bytes = await readBody(req, ATTACHMENT_MAX_BYTES);
      } catch (error) {
        if (error instanceof BodyError && error.status === 413) {
          return sendJson(res, 413, errorBody(`The file is larger than ${ATTACHMENT_MAX_BYTES / (1024 * 1024)} MB`, "PAYLOAD_TOO_LARGE"), {
            connection: "close",
          });
        }
        throw error;
      }
      const added = await services.registrationAttachments.add(policy, decode(registration), url.searchParams.get("filename"), bytes);
      sendJson(res, 201, {
        attachment: { id: added.globalId, filename: added.filename, contentType: added.contentType, size: added.size, url: added.url },
      });
    } catch (error) {
      if (error instanceof UnsupportedAttachmentType) return sendJson(res, 415, errorBody(error.message, "UNSUPPORTED_MEDIA_TYPE"));
      if (error instanceof DomainError) {
        const body = errorBody(error.message, error.code);
        if (typeof error.details.field === "string") Object.assign(body.errors[0]!.extensions, { field: error.details.field });
        return sendJson(res, STATUS_OF[error.code] ?? 400, body);
      }
      if (isOutage(error)) {
        deps.logger.error({ err: error }, "attachment request during an outage");
        return sendJson(res, 503, errorBody("The service is temporarily unavailable", ErrorCode.SERVICE_UNAVAILABLE));
      }
      throw error;
    }
  };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
