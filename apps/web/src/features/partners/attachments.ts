import { ATTACHMENT_MAX_BYTES } from "@cosell/schema";

/** What the server answers for an uploaded file. */
export interface UploadedAttachment {
  readonly id: string;
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
  readonly url: string;
}

/** Why an upload failed, in words the server chose (or ours when it never answered). */
export class UploadError extends Error {}

/** "1.2 MB", "340 KB", "80 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** The first reason not to send `file`, said before uploading; null when it may go (the server checks its content). */
export function attachmentProblem(file: { readonly name: string; readonly size: number }): string | null {
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.size > ATTACHMENT_MAX_BYTES)
    return `${file.name} is ${formatBytes(file.size)}; files may be at most ${formatBytes(ATTACHMENT_MAX_BYTES)}.`;
  return null;
}

/**
 * Uploads one file to a registration (`POST /registrations/:id/attachments?filename=`) with the
 * session cookie, reporting progress from 0 to 1. XMLHttpRequest rather than fetch: only it reports
 * upload progress.
 */
export function uploadAttachment(
  registrationId: string,
  file: Blob & { readonly name: string },
  onProgress: (fraction: number) => void,
): Promise<UploadedAttachment> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/registrations/${encodeURIComponent(registrationId)}/attachments?filename=${encodeURIComponent(file.name)}`);
    request.withCredentials = true;
    request.setRequestHeader("content-type", "application/octet-stream");
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(new UploadError(`${file.name} could not be sent: check your connection and try again.`));
    request.onload = () => {
      let body: { attachment?: UploadedAttachment; errors?: { message?: string }[] } = {};
      try {
        body = JSON.parse(request.responseText) as typeof body;
      } catch {
        // Not JSON (a proxy's page): said below in general words.
      }
      if (request.status === 201 && body.attachment) {
        onProgress(1);
        resolve(body.attachment);
        return;
      }
      const reason = body.errors?.[0]?.message ?? `the server answered ${request.status}`;
      reject(new UploadError(`${file.name} was not attached: ${reason}`));
    };
    request.send(file);
  });
}
