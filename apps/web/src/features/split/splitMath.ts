/** The arithmetic of a credit split (DESIGN.md section 1): basis points, totals and payouts. */

export const FULL_SHARE_BP = 10_000;

export interface ShareLine {
  readonly basisPoints: number;
  readonly type: "REVENUE" | "OVERLAY";
}

/** The REVENUE lines' total, which must be exactly 10000 bp for a proposal. */
export function revenueTotal(lines: readonly ShareLine[]): number {
  return lines.filter((line) => line.type === "REVENUE").reduce((sum, line) => sum + line.basisPoints, 0);
}

/** What is wrong with the lines as a proposal, or null when they can be proposed. */
export function splitProblem(lines: readonly ShareLine[]): string | null {
  if (lines.length === 0) return "Add at least one line.";
  if (lines.some((line) => !Number.isInteger(line.basisPoints) || line.basisPoints < 1 || line.basisPoints > FULL_SHARE_BP)) {
    return "Each share is between 0.01% and 100%.";
  }
  const total = revenueTotal(lines);
  if (total !== FULL_SHARE_BP) return `Revenue shares add up to ${formatBasisPoints(total)}, not 100%.`;
  return null;
}

/** 2500 → "25%", 3333 → "33.33%". */
export function formatBasisPoints(bp: number): string {
  return `${Number((bp / 100).toFixed(2))}%`;
}

/** "33.33" (percent as typed) → 3333 bp; NaN when it is not a number. */
export function basisPointsFromPercent(percent: string): number {
  const value = Number(percent.replace(",", "."));
  return Number.isFinite(value) && percent.trim() !== "" ? Math.round(value * 100) : Number.NaN;
}

/**
 * Each REVENUE line's payout in minor units, summing exactly to `amountMinor`: everyone gets the
 * floor of their share, and the units left over go one each to the largest remainders (the
 * server's rule when it locks the split; this is the preview). OVERLAY lines get their share on top.
 */
export function payoutsMinor(amountMinor: bigint, lines: readonly ShareLine[]): bigint[] {
  const full = BigInt(FULL_SHARE_BP);
  const exact = lines.map((line) => amountMinor * BigInt(line.basisPoints));
  const floors = exact.map((value) => value / full);
  const revenue = lines.map((line, index) => ({ index, remainder: exact[index]! % full, revenue: line.type === "REVENUE" }));
  let left = amountMinor - revenue.filter((r) => r.revenue).reduce((sum, r) => sum + floors[r.index]!, 0n);
  const byRemainder = revenue.filter((r) => r.revenue).sort((a, b) => (b.remainder > a.remainder ? 1 : b.remainder < a.remainder ? -1 : a.index - b.index));
  for (const r of byRemainder) {
    if (left <= 0n) break;
    floors[r.index] = floors[r.index]! + 1n;
    left -= 1n;
  }
  return floors;
}

/** Minor digits of a currency, e.g. 2 for USD, 0 for JPY. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** "12500.50" in USD → 1250050n. */
export function toMinor(amount: string, currency: string): bigint {
  const digits = minorDigits(currency);
  const [whole = "0", fraction = ""] = amount.split(".");
  return BigInt(whole + fraction.padEnd(digits, "0").slice(0, digits));
}

/** 1250050n in USD → "12500.50". */
export function fromMinor(minor: bigint, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return minor.toString();
  const text = minor.toString().padStart(digits + 1, "0");
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
