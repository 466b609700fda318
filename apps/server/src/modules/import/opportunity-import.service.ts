import {
  AccessLevel,
  ActivityKind,
  BoardChangeKind,
  DealStage,
  IMPORT_FIELDS,
  IMPORT_FIELD_SPECS,
  IMPORT_MAX_ROWS,
  OPEN_STAGES,
  RoomRole,
  cleanDomain,
  guessImportColumns,
  isClosedStage,
  isDealStage,
  isImportField,
  moneyProblem,
  normalizeDomain,
  parseMinor,
} from "@cosell/schema";
import type { ImportField } from "@cosell/schema";
import { validateSync } from "class-validator";
import type { ValidationError } from "class-validator";
import { CsvError, parse } from "csv-parse/sync";
import type { DataSource, EntityManager } from "typeorm";
import type { Policy } from "../../auth/policy.js";
import { mayImportDeals } from "../../auth/policy.js";
import type { Outbox, UnitOfWork } from "../../db/transaction.js";
import { badInput, forbidden } from "../../errors.js";
import { newId } from "../../ids.js";
import { CreateAccountInput } from "../account/account.inputs.js";
import { activityContent, chainHash } from "../activity/audit-chain.js";
import { recordBoardChange } from "../opportunity/board-change.js";
import { MoneyInput } from "../opportunity/money.js";
import { CreateOpportunityInput } from "../opportunity/opportunity.inputs.js";
import { Organization } from "../organization/organization.entity.js";

/** A problem of one row: `row` is the line of the CSV file it is on (the header is line 1). */
export interface ImportProblem {
  readonly row: number;
  readonly message: string;
}

/** What an import did, or with `dryRun` would do. */
export interface ImportReport {
  readonly dryRun: boolean;
  /** Deals created; in a dry run, the rows without errors (created once the others are mended). */
  readonly created: number;
  /** Every row that cannot be imported, and why; nothing is written while there is one. */
  readonly errors: ImportProblem[];
  /** Accounts by domain (or by name, without one): new ones, and existing ones the deals go to (none when refused). */
  readonly accounts: { readonly created: number; readonly reused: number };
  /** Worth knowing, not wrong: a row whose account name differs from the account its domain found. */
  readonly notices: ImportProblem[];
}

/** Which column of the file each field is read from: `?map.<field>=<column name>`, else a column named like the field. */
export type ColumnMapping = Partial<Record<ImportField, string>>;

/** A row that passed every rule, ready to be written. */
interface ImportRow {
  readonly line: number;
  readonly title: string;
  readonly accountName: string;
  readonly domain: string | null;
  readonly normalizedDomain: string | null;
  readonly amountMinor: bigint;
  readonly currency: string;
  readonly stage: DealStage;
  readonly closeDate: string | null;
  readonly ownerEmail: string | null;
}

interface Owner {
  readonly id: string;
  readonly name: string;
}

/** Most notices one answer lists; the count of accounts tells the rest. */
const NOTICES_MAX = 100;

/** The rows of each bulk statement: big enough to keep round trips few, small enough for PGlite's messages. */
const CHUNK = 2_000;

const VALIDATOR_OPTIONS = { forbidUnknownValues: false } as const;

/**
 * CSV import of deals for a team moving from another CRM: every row is checked with the rules of
 * `createAccount` and `createOpportunity` (their input classes, run through class-validator as the
 * API does), then either nothing is written (a dry run, or any row wrong) or all of it is, in one
 * transaction of bulk statements: accounts, opportunities, their owners' seats, each room's first
 * entry (chained as `appendActivity` would chain it), their first stage, and one IMPORTED change
 * for the boards.
 */
export class OpportunityImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
  ) {}

  async run(policy: Policy, file: Buffer, mapping: ColumnMapping, options: { dryRun: boolean }): Promise<ImportReport> {
    const viewer = policy.viewer;
    const organization = await this.dataSource.manager.findOneBy(Organization, { id: viewer.organizationId });
    if (!organization || !mayImportDeals(viewer, organization.kind)) {
      throw forbidden("Only people of a vendor import deals; partner firms register them with the vendor (registerDeal)");
    }
    const importerId = viewer.kind === "user" ? viewer.userId : null;
    if (importerId === null) throw forbidden("Deals are imported by a person, who owns those without an owner e-mail");
    const { rows, errors, ownerEmails } = readFile(file, mapping);

    const plan = async (em: EntityManager) => {
      const owners = await ownersOf(em, viewer.organizationId, importerId, ownerEmails);
      // Checked on every row that names one, the bad ones too: mending a row shows no new error.
      const ownerErrors: ImportProblem[] = [];
      for (const { row, email } of ownerEmails) {
        if (!owners.has(email)) ownerErrors.push({ row, message: `owner ${email} is not an active person of your organization` });
      }
      const allErrors = mergeProblems([...errors, ...ownerErrors]);
      const badOwner = new Set(ownerErrors.map((e) => e.row));
      const good = rows.filter((row) => !badOwner.has(row.line));
      const accounts = await planAccounts(em, viewer.organizationId, good);
      return { owners, allErrors, accounts, good: good.length };
    };

    if (options.dryRun || errors.length > 0) {
      // A dry run counts the rows that would be created once the wrong ones are mended.
      const { allErrors, accounts, good } = await plan(this.dataSource.manager);
      return report(options.dryRun, options.dryRun ? good : 0, allErrors, accounts);
    }
    return this.uow.run(async (em, outbox) => {
      // One import of an organization at a time: accounts are matched by domain and created once.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('cosell:import:' || $1::text))`, [viewer.organizationId]);
      const { owners, allErrors, accounts } = await plan(em);
      if (allErrors.length > 0) return report(false, 0, allErrors, accounts);
      const owner = (row: ImportRow): Owner => owners.get(row.ownerEmail ?? "") ?? owners.get(SELF)!;
      await write(em, outbox, { organizationId: viewer.organizationId, importerId, rows, owner, accounts });
      return report(false, rows.length, [], accounts);
    });
  }
}

/** The key of the importer among the owners. */
const SELF = "";

function report(dryRun: boolean, created: number, errors: ImportProblem[], accounts: AccountPlan): ImportReport {
  // A refused import wrote nothing: no account was created or used. A dry run tells what would be.
  const refused = !dryRun && errors.length > 0;
  return {
    dryRun,
    created,
    errors,
    accounts: refused ? { created: 0, reused: 0 } : { created: accounts.created.length, reused: accounts.reused },
    notices: accounts.notices.slice(0, NOTICES_MAX),
  };
}

/** One problem per row, in file order: a row's messages joined. */
function mergeProblems(problems: readonly ImportProblem[]): ImportProblem[] {
  const byRow = new Map<number, string[]>();
  for (const p of problems) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p.message]);
  return [...byRow].sort(([a], [b]) => a - b).map(([row, messages]) => ({ row, message: messages.join("; ") }));
}

/**
 * The file's rows, each checked on its own: UTF-8 (with or without a byte-order mark), a header
 * row, quoted fields and CRLF as RFC 4180 has them. A file that cannot be read at all, or whose
 * columns do not give the required fields, is refused whole (BAD_USER_INPUT).
 */
function readFile(
  file: Buffer,
  mapping: ColumnMapping,
): { rows: ImportRow[]; errors: ImportProblem[]; ownerEmails: { row: number; email: string }[] } {
  let text: string;
  try {
    // Drops a leading byte-order mark.
    text = new TextDecoder("utf-8", { fatal: true }).decode(file);
  } catch {
    throw badInput("file", "must be text in UTF-8");
  }
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) throw badInput("file", `is not valid CSV: ${error.message}`);
    throw error;
  }
  const [header, ...data] = records;
  if (!header) throw badInput("file", "is empty: the first line names the columns");
  if (data.length > IMPORT_MAX_ROWS) throw badInput("file", `has ${data.length} rows; at most ${IMPORT_MAX_ROWS} are imported at once`);
  const columns = columnsOf(header.record, mapping);

  const rows: ImportRow[] = [];
  const errors: ImportProblem[] = [];
  const ownerEmails: { row: number; email: string }[] = [];
  for (const { record, info } of data) {
    const checked = checkRow(record, columns, info.lines);
    if ("problems" in checked) errors.push({ row: info.lines, message: checked.problems.join("; ") });
    else rows.push(checked);
    if (checked.ownerEmail) ownerEmails.push({ row: info.lines, email: checked.ownerEmail });
  }
  return { rows, errors, ownerEmails };
}

interface Column {
  readonly index: number;
  readonly name: string;
}

/** Each field's column: as mapped, else the header named after the field, else a common name for it. */
function columnsOf(headers: readonly string[], mapping: ColumnMapping): Partial<Record<ImportField, Column>> {
  const trimmed = headers.map((h) => h.trim());
  const guessed = guessImportColumns(trimmed);
  const columns: Partial<Record<ImportField, Column>> = {};
  for (const field of IMPORT_FIELDS) {
    const mapped = mapping[field];
    if (mapped !== undefined && mapped.trim() === "") continue; // mapped to nothing: left out on purpose
    const name = mapped?.trim() ?? trimmed.find((h) => h.toLowerCase() === field.toLowerCase()) ?? guessed[field];
    if (name === undefined) {
      if (IMPORT_FIELD_SPECS[field].required) {
        throw badInput(
          `map.${field}`,
          `no column gives the ${IMPORT_FIELD_SPECS[field].label.toLowerCase()}: name one with map.${field}=<column>`,
        );
      }
      continue;
    }
    const index = trimmed.indexOf(name);
    if (index < 0) throw badInput(`map.${field}`, `the file has no column named "${name}"`);
    columns[field] = { index, name };
  }
  for (const field of IMPORT_FIELDS) {
    if (IMPORT_FIELD_SPECS[field].required && !columns[field]) {
      throw badInput(`map.${field}`, `the ${IMPORT_FIELD_SPECS[field].label.toLowerCase()} is required`);
    }
  }
  return columns;
}

/** The keys `?map.<field>=` may name. */
export function mappingFrom(query: URLSearchParams): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const [key, value] of query) {
    if (!key.startsWith("map.")) continue;
    const field = key.slice("map.".length);
    if (!isImportField(field)) throw badInput(key, `is not a field of a deal; map one of ${IMPORT_FIELDS.join(", ")}`);
    mapping[field] = value;
  }
  return mapping;
}

/** A row as a deal to write, or what is wrong with it (each problem named by its column). */
function checkRow(
  record: readonly string[],
  columns: Partial<Record<ImportField, Column>>,
  line: number,
): ImportRow | { problems: string[]; ownerEmail: string | null } {
  const cell = (field: ImportField): string => {
    const column = columns[field];
    return column ? (record[column.index] ?? "").trim() : "";
  };
  const named = (field: ImportField): string => columns[field]?.name ?? field;
  // One problem per column, the first found: "Deal Name: must not be empty".
  const problems = new Map<ImportField, string>();
  const problem = (field: ImportField, message: string): void => {
    if (!problems.has(field)) problems.set(field, message);
  };
  if (record.some((value) => value.includes("\0"))) return { problems: ["a cell holds a NUL character"], ownerEmail: null };

  const title = cell("title");
  const accountName = cell("accountName");
  const rawDomain = cell("accountDomain");
  const amount = cell("amount");
  const currency = cell("currency").toUpperCase();
  const closeDate = cell("closeDate");
  const rawStage = cell("stage");
  const ownerEmail = cell("ownerEmail").toLowerCase();
  for (const field of IMPORT_FIELDS) if (IMPORT_FIELD_SPECS[field].required && cell(field) === "") problem(field, "must not be empty");

  // The API's own input rules, run as the API runs them.
  const account = Object.assign(new CreateAccountInput(), { name: accountName, domain: rawDomain || null });
  const money = Object.assign(new MoneyInput(), { amount, currency });
  const deal = Object.assign(new CreateOpportunityInput(), { accountId: "-", title, amount: money, closeDate: closeDate || null });
  const fieldOf: Readonly<Record<string, ImportField>> = {
    name: "accountName",
    domain: "accountDomain",
    title: "title",
    closeDate: "closeDate",
    "amount.amount": "amount",
    "amount.currency": "currency",
  };
  for (const error of [...validateSync(account, VALIDATOR_OPTIONS), ...validateSync(deal, VALIDATOR_OPTIONS)]) {
    for (const { field, message } of flatten(error, "")) {
      const importField = fieldOf[field];
      if (importField) problem(importField, message);
    }
  }
  if (problems.size === 0) {
    const wrong = moneyProblem(money);
    if (wrong) problem(wrong.field, wrong.message);
  }

  let stage: DealStage = DealStage.PROSPECTING;
  if (rawStage) {
    const asEnum = rawStage.toUpperCase().replace(/[\s-]+/g, "_");
    if (!isDealStage(asEnum)) problem("stage", `must be one of ${OPEN_STAGES.join(", ")}`);
    else if (isClosedStage(asEnum)) problem("stage", "must be an open stage: a deal is closed by moving it, never created closed");
    else stage = asEnum;
  }
  const wellFormedOwner = /^[^\s@]+@[^\s@]+$/.test(ownerEmail);
  if (ownerEmail && !wellFormedOwner) problem("ownerEmail", "must be an e-mail address");
  if (problems.size > 0) {
    return {
      problems: [...problems].map(([field, message]) => `${named(field)}: ${message}`),
      ownerEmail: wellFormedOwner ? ownerEmail : null,
    };
  }

  const domain = rawDomain ? cleanDomain(rawDomain) : null;
  return {
    line,
    title,
    accountName,
    domain,
    normalizedDomain: domain ? normalizeDomain(domain) : null,
    amountMinor: parseMinor(amount, currency),
    currency,
    stage,
    closeDate: closeDate || null,
    ownerEmail: ownerEmail || null,
  };
}

function flatten(error: ValidationError, prefix: string): { field: string; message: string }[] {
  const field = prefix ? `${prefix}.${error.property}` : error.property;
  return [
    ...Object.values(error.constraints ?? {}).map((message) => ({ field, message })),
    ...(error.children ?? []).flatMap((child) => flatten(child, field)),
  ];
}

/** The importer (under `SELF`) and the active people of the organization the rows name as owners, by e-mail. */
async function ownersOf(
  em: EntityManager,
  organizationId: string,
  importerId: string,
  named: readonly { readonly email: string }[],
): Promise<Map<string, Owner>> {
  const emails = [...new Set(named.map((n) => n.email))];
  const people = await em.query<{ id: string; name: string; email: string }[]>(
    `SELECT id, name, lower(email) AS email FROM app_user
      WHERE organization_id = $1 AND active AND (id = $2::uuid OR lower(email) = ANY($3::text[]))`,
    [organizationId, importerId, emails],
  );
  const owners = new Map<string, Owner>();
  for (const u of people) {
    if (emails.includes(u.email)) owners.set(u.email, { id: u.id, name: u.name });
    if (u.id === importerId) owners.set(SELF, { id: u.id, name: u.name });
  }
  return owners;
}

interface NewAccount {
  readonly id: string;
  readonly name: string;
  readonly domain: string | null;
  readonly normalizedDomain: string | null;
}

interface AccountPlan {
  /** The account id of each row, by its line. */
  readonly accountOf: ReadonlyMap<number, string>;
  readonly created: readonly NewAccount[];
  /** Existing accounts the file's deals go to. */
  readonly reused: number;
  readonly notices: ImportProblem[];
}

/**
 * Which account each row's deal goes to. A row with a domain goes to the organization's account of
 * that normalized domain (`https://www.Acme.example/` is `acme.example`), the oldest if there are
 * several; a row without one to the account of that name (ignoring case). An account that does not
 * exist is created once, however many rows name it. A row whose account name differs from the one
 * its domain found gets a notice: the domain decides, as in deal registration.
 */
async function planAccounts(em: EntityManager, organizationId: string, rows: readonly ImportRow[]): Promise<AccountPlan> {
  const domains = [...new Set(rows.flatMap((r) => (r.normalizedDomain ? [r.normalizedDomain] : [])))];
  const names = [...new Set(rows.flatMap((r) => (r.normalizedDomain ? [] : [r.accountName.toLowerCase()])))];
  const existing = await em.query<{ id: string; name: string; normalized_domain: string | null }[]>(
    `SELECT id, name, normalized_domain FROM account
      WHERE organization_id = $1 AND (normalized_domain = ANY($2::text[]) OR lower(name) = ANY($3::text[]))
      ORDER BY created_at, id`,
    [organizationId, domains, names],
  );
  const known = new Map<string, { id: string; name: string; existed: boolean }>();
  for (const a of existing) {
    const byDomain = a.normalized_domain && domains.includes(a.normalized_domain) ? `d:${a.normalized_domain}` : null;
    if (byDomain && !known.has(byDomain)) known.set(byDomain, { id: a.id, name: a.name, existed: true });
    const byName = `n:${a.name.toLowerCase()}`;
    if (names.includes(a.name.toLowerCase()) && !known.has(byName)) known.set(byName, { id: a.id, name: a.name, existed: true });
  }
  const accountOf = new Map<number, string>();
  const created: NewAccount[] = [];
  const reused = new Set<string>();
  const notices: ImportProblem[] = [];
  const noticed = new Set<string>();
  for (const row of rows) {
    const key = row.normalizedDomain ? `d:${row.normalizedDomain}` : `n:${row.accountName.toLowerCase()}`;
    let account = known.get(key);
    if (!account) {
      account = { id: newId(), name: row.accountName, existed: false };
      created.push({ id: account.id, name: row.accountName, domain: row.domain, normalizedDomain: row.normalizedDomain });
      known.set(key, account);
    } else if (account.existed) reused.add(account.id);
    if (row.normalizedDomain && account.name.toLowerCase() !== row.accountName.toLowerCase()) {
      const noticeKey = `${key}\n${row.accountName.toLowerCase()}`;
      if (!noticed.has(noticeKey)) {
        noticed.add(noticeKey);
        notices.push({
          row: row.line,
          message: `${row.normalizedDomain} is the account "${account.name}"${account.existed ? "" : " (created from an earlier row)"}; the deal goes there, not to a new "${row.accountName}"`,
        });
      }
    }
    accountOf.set(row.line, account.id);
  }
  return { accountOf, created, reused: reused.size, notices };
}

/** Writes the plan in the caller's transaction, a chunk of rows per statement. */
async function write(
  em: EntityManager,
  outbox: Outbox,
  spec: {
    organizationId: string;
    importerId: string;
    rows: readonly ImportRow[];
    owner: (row: ImportRow) => Owner;
    accounts: AccountPlan;
  },
): Promise<void> {
  const now = new Date();
  const { organizationId, importerId } = spec;
  for (const part of chunks(spec.accounts.created)) {
    await em.query(
      `INSERT INTO account (id, organization_id, name, domain, normalized_domain, created_at)
       SELECT a.id, $1::uuid, a.name, a.domain, a.normalized_domain, $6::timestamptz
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[]) AS a(id, name, domain, normalized_domain)`,
      [organizationId, part.map((a) => a.id), part.map((a) => a.name), part.map((a) => a.domain), part.map((a) => a.normalizedDomain), now],
    );
  }

  const deals = spec.rows.map((row) => {
    const id = newId();
    const owner = spec.owner(row);
    const data = { userId: owner.id, role: RoomRole.OWNER, access: AccessLevel.WRITE };
    const body = `${owner.name} opened the opportunity as owner (imported from CSV)`;
    const entry = {
      id: newId(),
      opportunityId: id,
      kind: ActivityKind.MEMBER_JOINED,
      body,
      actorId: importerId,
      apiTokenId: null,
      apiTokenName: null,
      data,
      changes: [],
      createdAtDate: now,
    };
    // The room's first entry: seq 1, chained from the empty hash, as `appendActivity` computes it.
    const hash = chainHash("", 1, organizationId, activityContent(entry));
    return { row, id, owner, entry, hash };
  });

  for (const part of chunks(deals)) {
    await em.query(
      `INSERT INTO opportunity (id, account_id, organization_id, owner_id, title, amount_minor, currency, stage, close_date,
                                version, last_activity_seq, last_activity_hash, created_at, updated_at)
       SELECT d.id, d.account_id, $1::uuid, d.owner_id, d.title, d.amount_minor, d.currency, d.stage, d.close_date,
              1, 1, d.hash, $11::timestamptz, $11::timestamptz
         FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::bigint[], $7::text[], $8::text[], $9::date[], $10::text[])
              AS d(id, account_id, owner_id, title, amount_minor, currency, stage, close_date, hash)`,
      [
        organizationId,
        part.map((d) => d.id),
        part.map((d) => spec.accounts.accountOf.get(d.row.line)),
        part.map((d) => d.owner.id),
        part.map((d) => d.row.title),
        part.map((d) => d.row.amountMinor.toString()),
        part.map((d) => d.row.currency),
        part.map((d) => d.row.stage),
        part.map((d) => d.row.closeDate),
        part.map((d) => d.hash),
        now,
      ],
    );
    await em.query(
      `INSERT INTO room_member (opportunity_id, user_id, role, access, added_at)
       SELECT m.opportunity_id, m.user_id, $3, $4, $5::timestamptz FROM unnest($1::uuid[], $2::uuid[]) AS m(opportunity_id, user_id)`,
      [part.map((d) => d.id), part.map((d) => d.owner.id), RoomRole.OWNER, AccessLevel.WRITE, now],
    );
    await em.query(
      `INSERT INTO activity (id, opportunity_id, seq, kind, body, actor_id, actor_organization_id, data, changes, created_at, hash)
       SELECT e.id, e.opportunity_id, 1, $5, e.body, $6::uuid, $7::uuid, e.data, '[]'::jsonb, $8::timestamptz, e.hash
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[], $9::text[]) AS e(id, opportunity_id, body, data, hash)`,
      [
        part.map((d) => d.entry.id),
        part.map((d) => d.id),
        part.map((d) => d.entry.body),
        part.map((d) => JSON.stringify(d.entry.data)),
        ActivityKind.MEMBER_JOINED,
        importerId,
        organizationId,
        now,
        part.map((d) => d.hash),
      ],
    );
  }

  // Last, in this order (as `openOpportunity` does): the stage-change counter, then the
  // board-change counter; each row lock is held until COMMIT, so both logs stay gapless.
  // The stage history has every deal's first stage, as createOpportunity writes it.
  for (const part of chunks(deals)) {
    await em.query(
      `WITH next AS (UPDATE stage_change_counter SET last_seq = last_seq + $1 RETURNING last_seq)
       INSERT INTO stage_change (id, seq, opportunity_id, from_stage, to_stage, changed_by_id, amount_minor, currency, at)
       SELECT s.id, next.last_seq - $1 + s.ord, s.opportunity_id, NULL, s.stage, $2::uuid, s.amount_minor, s.currency, $3::timestamptz
         FROM next, unnest($4::uuid[], $5::uuid[], $6::text[], $7::bigint[], $8::text[]) WITH ORDINALITY AS s(id, opportunity_id, stage, amount_minor, currency, ord)`,
      [
        part.length,
        importerId,
        now,
        part.map(() => newId()),
        part.map((d) => d.id),
        part.map((d) => d.row.stage),
        part.map((d) => d.row.amountMinor.toString()),
        part.map((d) => d.row.currency),
      ],
    );
  }
  // Only the importer's organization sees the new deals (no other firm has a seat in them yet). Its
  // boards learn of them from one IMPORTED change, naming the last deal, and read the list again:
  // ten thousand CREATED changes would have every open board take them one by one.
  const last = deals.at(-1);
  if (last) await recordBoardChange(em, outbox, last.id, BoardChangeKind.IMPORTED);
}

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += CHUNK) yield items.slice(i, i + CHUNK);
}
