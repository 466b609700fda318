/** One measured comparison: cosell against a baseline from the same run. */
export interface Row {
  readonly scenario: string;
  readonly case: string;
  readonly baselineName: string;
  readonly baseline: number;
  readonly cosell: number;
  readonly unit: string;
  /** cosell / baseline, or for latencies and sizes the figure itself. */
  readonly ratio: number | null;
  readonly target: string;
  readonly pass: boolean | null;
  readonly notes?: string;
}

export const fmt = (n: number, digits = 0): string =>
  Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "–";
export const pct = (r: number | null): string => (r === null ? "–" : `${Math.round(r * 100)}%`);
