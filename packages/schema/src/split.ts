import { SplitType } from "./enums.js";

/**
 * The arithmetic of a credit split (DESIGN.md section 1): shares in basis points, where REVENUE
 * lines together are exactly `TOTAL_BP` (100%) and OVERLAY lines are credit on top.
 */

/** 10000 basis points = 100%: what a revision's REVENUE lines must total. */
export const TOTAL_BP = 10_000;
/** The smallest share a line can have: 0.01%. */
export const LINE_BP_MIN = 1;

export interface SplitShare {
  readonly basisPoints: number;
  readonly type: SplitType;
}

/** The REVENUE lines' total, which must be exactly `TOTAL_BP` for a proposal. */
export function revenueTotal(lines: readonly SplitShare[]): number {
  return lines.filter((line) => line.type === SplitType.REVENUE).reduce((sum, line) => sum + line.basisPoints, 0);
}

/** What is wrong with the lines as a proposal, in words for the person proposing; null when none. */
export function splitProblem(lines: readonly SplitShare[]): string | null {
  if (lines.length === 0) return "Add at least one line.";
  if (lines.some((line) => !Number.isInteger(line.basisPoints) || line.basisPoints < LINE_BP_MIN || line.basisPoints > TOTAL_BP)) {
    return "Each share is between 0.01% and 100%.";
  }
  const total = revenueTotal(lines);
  if (total !== TOTAL_BP) return `Revenue shares add up to ${formatBasisPoints(total)}, not 100%.`;
  return null;
}

/** 2500 → "25%", 3333 → "33.33%". */
export function formatBasisPoints(bp: number): string {
  return `${Number((bp / 100).toFixed(2))}%`;
}

/** "33.33" (a percent as typed, "," or "." for decimals) → 3333 bp; NaN when it is not a number. */
export function basisPointsFromPercent(percent: string): number {
  const value = Number(percent.replace(",", "."));
  return Number.isFinite(value) && percent.trim() !== "" ? Math.round(value * 100) : Number.NaN;
}

/**
 * Splits `total` (minor units, basis points…) in proportion to `weights` so the parts sum to
 * exactly `total`: each part gets the floor of its exact share, and the units left over go one
 * each to the largest remainders (ties: the earlier weight first). Integer arithmetic only.
 */
export function allocate(total: bigint, weights: readonly bigint[]): bigint[] {
  if (total < 0n) throw new RangeError("total must not be negative");
  if (weights.some((w) => w < 0n)) throw new RangeError("weights must not be negative");
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (sum === 0n) throw new RangeError("weights must not all be zero");
  const parts = weights.map((w) => (total * w) / sum);
  const remainders = weights.map((w, i) => ({ i, r: (total * w) % sum }));
  let left = total - parts.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    parts[i]! += 1n;
    left -= 1n;
  }
  return parts;
}

/** A share of `amount` for `basisPoints`, rounded half up (overlay credit, outside the revenue total). */
export function shareOf(amount: bigint, basisPoints: number): bigint {
  return (amount * BigInt(basisPoints) + BigInt(TOTAL_BP / 2)) / BigInt(TOTAL_BP);
}

/**
 * Each line's payout of `amountMinor`, in the lines' order, as the server fixes them when it locks
 * a split: REVENUE lines share the amount by `allocate` (they sum to it exactly), OVERLAY lines
 * each get `shareOf` on top.
 */
export function payouts(amountMinor: bigint, lines: readonly SplitShare[]): bigint[] {
  const revenue = lines.flatMap((line, index) => (line.type === SplitType.REVENUE ? [{ index, weight: BigInt(line.basisPoints) }] : []));
  const parts =
    revenue.length > 0
      ? allocate(
          amountMinor,
          revenue.map((r) => r.weight),
        )
      : [];
  const result = lines.map((line) => (line.type === SplitType.OVERLAY ? shareOf(amountMinor, line.basisPoints) : 0n));
  revenue.forEach((r, i) => (result[r.index] = parts[i]!));
  return result;
}
