import { useApolloClient } from "@apollo/client/react";
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES } from "@cosell/schema";
import { useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { UploadError, attachmentProblem, formatBytes, uploadAttachment } from "./attachments";

export interface AttachmentItem {
  readonly id: string;
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
  readonly url: string;
}

/** One file on its way: how far it got, and why it stopped if it did. */
interface Upload {
  readonly name: string;
  readonly progress: number;
  readonly error: string | null;
  readonly done: boolean;
}

/**
 * Sends files to a registration one after another, keeping each one's progress and error; resolves
 * true when every file arrived. Registrations are read again afterwards, so the list shows them.
 */
export function useAttachmentUploads() {
  const client = useApolloClient();
  const [uploads, setUploads] = useState<readonly Upload[]>([]);
  const [busy, setBusy] = useState(false);

  async function send(registrationId: string, files: readonly File[]): Promise<boolean> {
    const update = (index: number, change: Partial<Upload>) =>
      setUploads((current) => current.map((upload, i) => (i === index ? { ...upload, ...change } : upload)));
    setUploads(files.map((file) => ({ name: file.name, progress: 0, error: attachmentProblem(file), done: false })));
    setBusy(true);
    let allArrived = true;
    for (const [index, file] of files.entries()) {
      if (attachmentProblem(file)) {
        allArrived = false;
        continue;
      }
      try {
        await uploadAttachment(registrationId, file, (progress) => update(index, { progress }));
        update(index, { progress: 1, done: true });
      } catch (error) {
        allArrived = false;
        update(index, { error: error instanceof UploadError ? error.message : `${file.name} was not attached.` });
      }
    }
    setBusy(false);
    await client.refetchQueries({ include: ["DealRegistrations"] });
    return allArrived;
  }

  return { uploads, busy, send, clear: () => setUploads([]) };
}

/** Each file's progress bar, its error, or that it arrived. */
export function UploadProgress({ uploads }: { uploads: readonly Upload[] }) {
  if (uploads.length === 0) return null;
  return (
    <ul className="upload-list" aria-label="Uploads">
      {uploads.map((upload, index) => (
        <li key={`${upload.name}-${index}`}>
          <span>{upload.name}</span>{" "}
          {upload.error ? (
            <span className="form-error" role="alert">
              {upload.error}
            </span>
          ) : upload.done ? (
            <span role="status">attached</span>
          ) : (
            <progress max={1} value={upload.progress} aria-label={`Uploading ${upload.name}`} />
          )}
        </li>
      ))}
    </ul>
  );
}

/** The file picker of the registration form: PDFs and images, several at once. */
export function FilePicker({ id, onChange }: { id: string; onChange: (files: File[]) => void }) {
  return (
    <div className="field">
      <label htmlFor={id}>Supporting files (PDF or image, up to {formatBytes(ATTACHMENT_MAX_BYTES)} each)</label>
      <input id={id} type="file" multiple accept={ATTACHMENT_ACCEPT} onChange={(event) => onChange(Array.from(event.target.files ?? []))} />
    </div>
  );
}

/** The files a registration carries, each a download. */
export function AttachmentList({ attachments }: { attachments: readonly AttachmentItem[] }) {
  if (attachments.length === 0) return null;
  return (
    <div className="attachments">
      <strong>Files:</strong>
      <ul aria-label="Files">
        {attachments.map((attachment) => (
          <li key={attachment.id}>
            <a href={attachment.url} download={attachment.filename}>
              {attachment.filename}
            </a>{" "}
            <span className="muted">
              ({attachment.contentType === "application/pdf" ? "PDF" : "image"}, {formatBytes(attachment.size)})
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Adds files to a registration the viewer's firm made. */
export function AttachFiles({ registrationId, title }: { registrationId: string; title: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const { uploads, busy, send } = useAttachmentUploads();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (files.length === 0) return;
    if (await send(registrationId, files)) {
      setFiles([]);
      if (input.current) input.current.value = "";
    }
  }

  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)} aria-label={`Attach files to ${title}`}>
      <label htmlFor={id}>Attach files</label>
      <input
        id={id}
        ref={input}
        type="file"
        multiple
        accept={ATTACHMENT_ACCEPT}
        onChange={(event) => setFiles(Array.from(event.target.files ?? []))}
      />
      <button type="submit" className="button-secondary button-small" disabled={busy || files.length === 0}>
        {busy ? "Uploading…" : "Upload"}
      </button>
      <UploadProgress uploads={uploads} />
    </form>
  );
}
