/**
 * How the manager and partner pages show the server's figures: periods to choose from, rates as
 * percents, day counts, and which exchange rates a figure used. The figures themselves are
 * computed on the server (pipelineFigures, partnerPerformance), in the reporting currency.
 */

export interface Period {
  readonly from: string;
  readonly to: string;
}

export const PERIODS = ["LAST_30_DAYS", "LAST_90_DAYS", "THIS_QUARTER", "THIS_YEAR"] as const;
export type PeriodChoice = (typeof PERIODS)[number];

export const PERIOD_LABELS: Readonly<Record<PeriodChoice, string>> = {
  LAST_30_DAYS: "Last 30 days",
  LAST_90_DAYS: "Last 90 days",
  THIS_QUARTER: "This quarter",
  THIS_YEAR: "This year",
};

const day = (date: Date): string => date.toISOString().slice(0, 10);

/** A choice as the server's from/to (UTC days, both included), ending today. */
export function periodOf(choice: PeriodChoice, now: Date = new Date()): Period {
  const to = day(now);
  const year = now.getUTCFullYear();
  switch (choice) {
    case "LAST_30_DAYS":
      return { from: day(new Date(now.getTime() - 29 * 86_400_000)), to };
    case "LAST_90_DAYS":
      return { from: day(new Date(now.getTime() - 89 * 86_400_000)), to };
    case "THIS_QUARTER":
      return { from: day(new Date(Date.UTC(year, Math.floor(now.getUTCMonth() / 3) * 3, 1))), to };
    case "THIS_YEAR":
      return { from: `${year}-01-01`, to };
  }
}

/** 0..1 as a whole percent ("67%"), or an em dash when there is nothing to count yet. */
export function formatRate(rate: number | null | undefined): string {
  return rate == null ? "—" : `${Math.round(rate * 100)}%`;
}

/** Days as "15 days", "1 day", "15.5 days", or an em dash. */
export function formatDays(days: number | null | undefined): string {
  if (days == null) return "—";
  return `${days} day${days === 1 ? "" : "s"}`;
}

export interface RateUsed {
  readonly fromCurrency: string;
  readonly toCurrency: string;
  readonly rate: string;
  readonly validFrom: string;
}

/** "1 EUR = 1.1 USD from 2026-01-01" for each rate a figure applied. */
export function describeRates(rates: readonly RateUsed[]): string[] {
  return rates.map((r) => `1 ${r.fromCurrency} = ${r.rate} ${r.toCurrency} from ${r.validFrom}`);
}
