/**
 * The CSV import of deals (`POST /import/opportunities`): the fields a row fills, and how a column
 * of another CRM's export is matched to one. The server maps columns with it when the request does
 * not say (`?map.<field>=<column>`); the web app uses it to pre-select each field's column.
 */

export const IMPORT_FIELDS = ["title", "accountName", "accountDomain", "amount", "currency", "stage", "closeDate", "ownerEmail"] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const isImportField = (value: string): value is ImportField => (IMPORT_FIELDS as readonly string[]).includes(value);

export interface ImportFieldSpec {
  /** What the field is called on screen. */
  readonly label: string;
  /** Whether every row must have a column for it. */
  readonly required: boolean;
  /** Column names (compared without case, spaces, `_` or `-`) that mean this field in common CRM exports. */
  readonly aliases: readonly string[];
}

export const IMPORT_FIELD_SPECS: Readonly<Record<ImportField, ImportFieldSpec>> = {
  title: { label: "Deal title", required: true, aliases: ["title", "dealname", "deal", "opportunityname", "opportunity", "name"] },
  accountName: { label: "Account name", required: true, aliases: ["accountname", "account", "company", "companyname", "customer"] },
  accountDomain: { label: "Account domain", required: false, aliases: ["accountdomain", "domain", "website", "companydomain", "url"] },
  amount: { label: "Amount", required: true, aliases: ["amount", "value", "dealvalue", "dealamount"] },
  currency: { label: "Currency", required: true, aliases: ["currency", "currencycode", "dealcurrency"] },
  stage: { label: "Stage", required: false, aliases: ["stage", "dealstage", "status"] },
  closeDate: { label: "Close date", required: false, aliases: ["closedate", "expectedclosedate", "close"] },
  ownerEmail: { label: "Owner e-mail", required: false, aliases: ["owneremail", "owner", "dealowner", "ownermail"] },
};

/** Largest CSV body the import takes: 10,000 deals with long titles fit several times over. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
/** Most data rows one import takes. */
export const IMPORT_MAX_ROWS = 50_000;

const squash = (name: string): string => name.toLowerCase().replace(/[\s_-]+/g, "");

/**
 * The column each field is read from when nobody chose: the first header whose name is one of the
 * field's aliases (headers taken once, in the field order above), or none.
 */
export function guessImportColumns(headers: readonly string[]): Partial<Record<ImportField, string>> {
  const taken = new Set<string>();
  const guess: Partial<Record<ImportField, string>> = {};
  for (const field of IMPORT_FIELDS) {
    for (const alias of IMPORT_FIELD_SPECS[field].aliases) {
      const header = headers.find((h) => !taken.has(h) && squash(h) === alias);
      if (header !== undefined) {
        guess[field] = header;
        taken.add(header);
        break;
      }
    }
  }
  return guess;
}
