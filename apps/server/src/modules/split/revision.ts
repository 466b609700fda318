import { SplitType } from "@cosell/schema";
import type { FieldChange } from "../activity/activity.entity.js";

/** What the approval rule reads from a line. */
export interface LineTerms {
  readonly userId: string;
  readonly organizationId: string;
  readonly basisPoints: number;
  readonly type: SplitType;
}

const keyOf = (l: LineTerms) => `${l.userId}:${l.type}`;

/**
 * Organizations whose lines in the revision in force `inForce` the proposal lowers or removes: a
 * line (person and type) that is missing from the proposal or has fewer basis points there.
 */
export function organizationsCutBy(proposed: readonly LineTerms[], inForce: readonly LineTerms[]): string[] {
  const next = new Map(proposed.map((l) => [keyOf(l), l.basisPoints]));
  const cut = inForce.filter((l) => (next.get(keyOf(l)) ?? 0) < l.basisPoints).map((l) => l.organizationId);
  return [...new Set(cut)];
}

/**
 * Who must approve a proposal before it replaces the revision in force: every organization with a
 * line in it, and every organization whose agreed lines it lowers or removes (even with none of its
 * people in the new lines). With nothing in force, the first list alone.
 */
export function approversOf(proposed: readonly LineTerms[], inForce: readonly LineTerms[] | null): string[] {
  return [...new Set([...proposed.map((l) => l.organizationId), ...(inForce ? organizationsCutBy(proposed, inForce) : [])])];
}

const percent = (bp: number): string => `${(bp / 100).toFixed(2)}%`;

/**
 * The proposal's changes against the revision in force, one per line that differs: field
 * "Lee Park (Pixel Studio) REVENUE", from "30.00%" to "" when the line is removed.
 */
export function lineChanges(
  proposed: readonly LineTerms[],
  inForce: readonly LineTerms[],
  labelOf: (line: LineTerms) => string,
): FieldChange[] {
  const before = new Map(inForce.map((l) => [keyOf(l), l]));
  const after = new Map(proposed.map((l) => [keyOf(l), l]));
  const changes: FieldChange[] = [];
  for (const [key, l] of before) {
    const now = after.get(key);
    if (now?.basisPoints !== l.basisPoints)
      changes.push({ field: `${labelOf(l)} ${l.type}`, from: percent(l.basisPoints), to: now ? percent(now.basisPoints) : "" });
  }
  for (const [key, l] of after) {
    if (!before.has(key)) changes.push({ field: `${labelOf(l)} ${l.type}`, from: "", to: percent(l.basisPoints) });
  }
  return changes;
}
