import { IMPORT_FIELDS, IMPORT_FIELD_SPECS, guessImportColumns } from "@cosell/schema";
import type { ImportField } from "@cosell/schema";
import { useApolloClient } from "@apollo/client/react";
import { useId, useRef, useState } from "react";
import { FormError } from "../shared/FormError";
import "./import.css";
import { headerOf, importQuery, readText, uploadWithProgress } from "./importDeals";
import type { ColumnChoice, ImportReport, Upload } from "./importDeals";

/** Bad rows listed on screen; the count tells the rest. */
const ROWS_SHOWN = 50;

type Step =
  | { readonly kind: "idle" }
  | { readonly kind: "sending"; readonly dryRun: boolean; readonly sent: number }
  | { readonly kind: "checked"; readonly report: ImportReport }
  | { readonly kind: "imported"; readonly report: ImportReport };

/**
 * Bringing deals from another CRM: choose its CSV export, say which column holds each field (guessed
 * from the column names), check it (the server's dry run lists every bad row), then import it all
 * at once. Nothing is written while a row is wrong.
 */
export function ImportDeals({ onClose, upload = uploadWithProgress }: { onClose: () => void; upload?: Upload }) {
  const ids = { file: useId(), heading: useId() };
  const client = useApolloClient();
  const [file, setFile] = useState<File | null>(null);
  const [headers, setHeaders] = useState<string[]>([]);
  const [columns, setColumns] = useState<ColumnChoice | null>(null);
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const [failure, setFailure] = useState<string | null>(null);
  const result = useRef<HTMLDivElement>(null);

  async function choose(chosen: File | null) {
    setFile(chosen);
    setStep({ kind: "idle" });
    setFailure(null);
    setHeaders([]);
    setColumns(null);
    if (!chosen) return;
    let names: string[];
    try {
      // The header is in the first bytes; a large file is not read whole here.
      names = headerOf(await readText(chosen.slice(0, 64 * 1024)));
    } catch {
      names = [];
    }
    if (names.length === 0) {
      setFailure("This file has no header row. The first line of the CSV file must name its columns.");
      return;
    }
    const guess = guessImportColumns(names);
    setHeaders(names);
    setColumns(Object.fromEntries(IMPORT_FIELDS.map((field) => [field, guess[field] ?? ""])) as ColumnChoice);
  }

  const missing = columns ? IMPORT_FIELDS.filter((field) => IMPORT_FIELD_SPECS[field].required && columns[field] === "") : [];

  async function send(dryRun: boolean) {
    if (!file || !columns) return;
    if (missing.length > 0) {
      setFailure(`Choose the column for ${missing.map((field) => IMPORT_FIELD_SPECS[field].label.toLowerCase()).join(", ")}.`);
      return;
    }
    setFailure(null);
    setStep({ kind: "sending", dryRun, sent: 0 });
    const outcome = await upload(file, importQuery(columns, dryRun), ({ sent }) => setStep({ kind: "sending", dryRun, sent }));
    if ("failure" in outcome) {
      setFailure(outcome.failure);
      setStep({ kind: "idle" });
      return;
    }
    const imported = !dryRun && outcome.report.errors.length === 0;
    setStep(imported ? { kind: "imported", report: outcome.report } : { kind: "checked", report: outcome.report });
    if (imported) await client.refetchQueries({ include: ["Board"] });
    result.current?.focus();
  }

  const busy = step.kind === "sending";
  return (
    <section className="card import-deals" aria-labelledby={ids.heading}>
      <div className="import-head">
        <h2 id={ids.heading}>Import deals from CSV</h2>
        <button type="button" className="button-link" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="muted">
        Export your accounts and deals from your CRM as CSV. Each row becomes a deal on an account, found by its domain (or its name when
        there is none) and created once if it is new.
      </p>
      <div className="field">
        <label htmlFor={ids.file}>CSV file</label>
        <input
          id={ids.file}
          type="file"
          accept=".csv,text/csv"
          disabled={busy}
          // Cleared on each click, so choosing the same file again after mending it reads it anew.
          onClick={(event) => (event.currentTarget.value = "")}
          onChange={(event) => void choose(event.target.files?.[0] ?? null)}
        />
      </div>
      {columns && (
        <fieldset className="import-columns" disabled={busy}>
          <legend>Which column holds each field</legend>
          {IMPORT_FIELDS.map((field) => (
            <ColumnSelect
              key={field}
              field={field}
              headers={headers}
              value={columns[field]}
              onChange={(value) => {
                setColumns({ ...columns, [field]: value });
                setStep({ kind: "idle" });
              }}
            />
          ))}
        </fieldset>
      )}
      <FormError error={failure} />
      {columns && (
        <div className="form-actions">
          <button type="button" className="button-secondary" disabled={busy} onClick={() => void send(true)}>
            Check
          </button>
          <button type="button" className="button-primary" disabled={busy} onClick={() => void send(false)}>
            Import
          </button>
        </div>
      )}
      {step.kind === "sending" && (
        <div className="import-progress" role="status">
          <progress max={1} value={step.sent < 1 ? step.sent : undefined} aria-label={step.dryRun ? "Checking" : "Importing"} />
          <span>
            {step.sent < 1
              ? `Uploading ${file?.name ?? "the file"}: ${Math.round(step.sent * 100)}%`
              : step.dryRun
                ? "Checking every row…"
                : "Importing…"}
          </span>
        </div>
      )}
      <div ref={result} tabIndex={-1} aria-live="polite">
        {step.kind === "imported" && (
          <p className="banner banner-success" role="status">
            Imported {plural(step.report.created, "deal")}: {plural(step.report.accounts.created, "new account")},{" "}
            {plural(step.report.accounts.reused, "existing account")} used. They are on the board now.
          </p>
        )}
        {step.kind === "checked" && <CheckReport report={step.report} />}
      </div>
    </section>
  );
}

function ColumnSelect(props: { field: ImportField; headers: readonly string[]; value: string; onChange: (value: string) => void }) {
  const id = useId();
  const spec = IMPORT_FIELD_SPECS[props.field];
  return (
    <div className="field">
      <label htmlFor={id}>
        {spec.label}
        {spec.required ? "" : " (optional)"}
      </label>
      <select id={id} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        <option value="">{spec.required ? "Choose a column…" : "Not in this file"}</option>
        {props.headers.map((header) => (
          <option key={header} value={header}>
            {header}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A dry run's answer, or a refused import's: what would be created, and each bad row. */
function CheckReport({ report }: { report: ImportReport }) {
  const ok = report.errors.length === 0;
  return (
    <div className="import-report">
      {ok ? (
        <p className="banner banner-success" role="status">
          All rows are fine: {plural(report.created, "deal")} would be created, with {plural(report.accounts.created, "new account")} and{" "}
          {plural(report.accounts.reused, "existing account")}. Press Import to bring them in.
        </p>
      ) : (
        <p className="banner banner-error" role="alert">
          {plural(report.errors.length, "row")} cannot be imported{report.dryRun ? "" : ", so nothing was imported"}. Correct them in the
          file, choose it again and check.
        </p>
      )}
      {!ok && (
        <table className="import-errors">
          <caption className="visually-hidden">Rows that cannot be imported</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">What is wrong</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.slice(0, ROWS_SHOWN).map((error) => (
              <tr key={error.row}>
                <td>{error.row}</td>
                <td>{error.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.errors.length > ROWS_SHOWN && <p className="muted">…and {report.errors.length - ROWS_SHOWN} more.</p>}
      {report.notices.length > 0 && (
        <ul className="import-notices">
          {report.notices.map((notice) => (
            <li key={`${notice.row}:${notice.message}`}>
              Line {notice.row}: {notice.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const plural = (n: number, noun: string): string => `${n.toLocaleString("en")} ${noun}${n === 1 ? "" : "s"}`;
