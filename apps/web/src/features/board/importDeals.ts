import { IMPORT_FIELDS } from "@cosell/schema";
import type { ImportField } from "@cosell/schema";
import { parse } from "csv-parse/browser/esm/sync";

/** The server's answer to `POST /import/opportunities` (docs/API.md, section 16). */
export interface ImportReport {
  readonly dryRun: boolean;
  readonly created: number;
  readonly errors: readonly { readonly row: number; readonly message: string }[];
  readonly accounts: { readonly created: number; readonly reused: number };
  readonly notices: readonly { readonly row: number; readonly message: string }[];
}

/** Which column each field is read from; "" leaves a field out. */
export type ColumnChoice = Readonly<Record<ImportField, string>>;

/** A file's text as UTF-8 (FileReader: what every browser, and jsdom, reads files with). */
export function readText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("the file could not be read"));
    reader.readAsText(blob, "utf-8");
  });
}

/** The names of a CSV file's columns: its first record, read as the server reads it. */
export function headerOf(text: string): string[] {
  const [first] = parse(text, { bom: true, to_line: 1, relax_column_count: true, skip_empty_lines: true }) as string[][];
  return (first ?? []).map((name) => name.trim()).filter((name) => name !== "");
}

/** The query string that sends the choice of columns (`map.<field>=<column>`), and `dryRun=1` for a check. */
export function importQuery(columns: ColumnChoice, dryRun: boolean): string {
  const params = new URLSearchParams();
  for (const field of IMPORT_FIELDS) params.set(`map.${field}`, columns[field]);
  if (dryRun) params.set("dryRun", "1");
  return `?${params.toString()}`;
}

export interface UploadProgress {
  /** 0..1 of the file sent; 1 once it is all sent and the server is at work. */
  readonly sent: number;
}

/** What an upload gives back: the report (status 200 or 422), or why there is none in the user's words. */
export type UploadOutcome = { readonly report: ImportReport } | { readonly failure: string };

/** Sends a file to the import; how, so that tests can answer it themselves. */
export type Upload = (file: Blob, query: string, onProgress: (progress: UploadProgress) => void) => Promise<UploadOutcome>;

/**
 * The import over XMLHttpRequest, whose upload events tell how much of a large file has gone (fetch
 * cannot say). The session cookie goes with it, as with every request of the app.
 */
export const uploadWithProgress: Upload = (file, query, onProgress) =>
  new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", `/import/opportunities${query}`);
    request.setRequestHeader("content-type", "text/csv");
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress({ sent: event.loaded / event.total });
    };
    request.upload.onload = () => onProgress({ sent: 1 });
    request.onerror = () => resolve({ failure: "The server could not be reached. Check the connection and try again." });
    request.onload = () => resolve(outcomeOf(request.status, request.responseText));
    request.send(file);
  });

/** A report for 200 and 422; for anything else the server's message, or a plain one. */
export function outcomeOf(status: number, body: string): UploadOutcome {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = null;
  }
  if ((status === 200 || status === 422) && parsed && typeof parsed === "object" && "created" in parsed) {
    return { report: parsed as ImportReport };
  }
  if (status === 413) return { failure: "The file is too large for one import. Split it into smaller files." };
  const message = (parsed as { errors?: { message?: string }[] } | null)?.errors?.[0]?.message;
  if (status === 401) return { failure: "Your session has ended. Sign in again." };
  return { failure: message ? `The file was not imported: ${message}.` : `The file was not imported (error ${status}).` };
}
