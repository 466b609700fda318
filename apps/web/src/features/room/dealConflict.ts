import { formatMoney, stageLabel } from "../../format";
import type { DealStage } from "../../gql/graphql";

/** The deal fields the room header edits. */
export type DealField = "title" | "amount" | "closeDate" | "owner";

export const fieldLabels: Readonly<Record<DealField, string>> = {
  title: "title",
  amount: "amount",
  closeDate: "close date",
  owner: "owner",
};

/** An entry of the room's log as the conflict query reads it. */
export interface LoggedEdit {
  readonly kind: string;
  readonly createdAt: string;
  readonly actor: { readonly id: string; readonly name: string } | null;
  readonly apiTokenName?: string | null;
  readonly changes: readonly { readonly field: string; readonly from: string; readonly to: string }[];
}

/**
 * A value of `field` as a change in the log carries it, for people: amounts come as "12500.00 USD"
 * and are shown in the reader's locale; an empty close date is "no close date".
 */
export function showChangedValue(field: string, value: string): string {
  if (value === "") return field === "closeDate" ? "no close date" : "—";
  if (field === "amount") {
    const money = /^(\S+) ([A-Z]{3})$/.exec(value);
    if (money) return formatMoney({ amount: money[1]!, currency: money[2]! });
  }
  return value;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const dayTimeFormat = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

/** "14:02" today, "Mar 3, 14:02" on another day. */
export function showTime(iso: string, now = new Date()): string {
  const at = new Date(iso);
  return at.toDateString() === now.toDateString() ? timeFormat.format(at) : dayTimeFormat.format(at);
}

/**
 * Who changed the deal under someone's edit, and to what, from the newest entries of the room's log
 * (oldest first, as the API pages them): the newest edit of the same field, else the newest edit or
 * stage move by anyone. The sentence ends by saying the edit was not saved.
 */
export function explainConflict(field: DealField, log: readonly LoggedEdit[], current: { stage: DealStage }): string {
  const who = (entry: LoggedEdit) => entry.actor?.name ?? entry.apiTokenName ?? "Someone";
  const newestFirst = [...log].reverse();
  const sameField = newestFirst.find((entry) => entry.kind === "OPPORTUNITY_UPDATED" && entry.changes.some((c) => c.field === field));
  const other = newestFirst.find(
    (entry) => (entry.kind === "OPPORTUNITY_UPDATED" && entry.changes.length > 0) || entry.kind === "STAGE_CHANGED",
  );
  const entry = sameField ?? other;
  let what: string;
  if (!entry) {
    what = "Someone else changed this deal";
  } else if (entry.kind === "STAGE_CHANGED") {
    what = `${who(entry)} moved the deal to ${stageLabel(current.stage)} at ${showTime(entry.createdAt)}`;
  } else {
    const change = entry.changes.find((c) => c.field === field) ?? entry.changes[0]!;
    const label = fieldLabels[change.field as DealField] ?? change.field;
    what =
      `${who(entry)} changed ${label} from ${showChangedValue(change.field, change.from)} ` +
      `to ${showChangedValue(change.field, change.to)} at ${showTime(entry.createdAt)}`;
  }
  return `${what} — your edit was not saved.`;
}
