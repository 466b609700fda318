import { convertMinor } from "@cosell/schema";
import { Money } from "../opportunity/money.js";
import type { ExchangeRate } from "./exchange-rate.entity.js";

/**
 * Converts amounts into one organization's reporting currency with its table of rates: an amount
 * in the reporting currency is taken as is; any other takes the rate of its pair whose `validFrom`
 * is the latest on or before the amount's date. An amount with no such rate is never dropped and
 * never added as if it were in the reporting currency: it is kept apart, per currency, in
 * `unconverted`. Each conversion rounds half-even to the reporting currency's minor unit
 * (`convertMinor` in @cosell/schema), then the converted amounts are added exactly.
 */
export class Converter {
  private readonly byCurrency = new Map<string, ExchangeRate[]>();
  /** Every rate any sum of this converter applied, for the figures to say which rates they used. */
  readonly used = new Set<ExchangeRate>();

  constructor(
    readonly reportingCurrency: string,
    rates: readonly ExchangeRate[],
  ) {
    for (const rate of rates) {
      if (rate.toCurrency !== reportingCurrency) continue; // set for an earlier reporting currency
      const list = this.byCurrency.get(rate.fromCurrency) ?? [];
      list.push(rate);
      this.byCurrency.set(rate.fromCurrency, list);
    }
    for (const list of this.byCurrency.values()) list.sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1)); // newest first
  }

  /** The rate in force on `date` (YYYY-MM-DD) for `currency`, or null when none is. */
  rateOn(currency: string, date: string): ExchangeRate | null {
    return this.byCurrency.get(currency)?.find((rate) => rate.validFrom <= date) ?? null;
  }

  sum(): ReportingSum {
    return new ReportingSum(this);
  }
}

/** A running total in the reporting currency, with what could not be converted kept apart. */
export class ReportingSum {
  private converted = 0n;
  private readonly apart = new Map<string, bigint>();
  readonly used = new Set<ExchangeRate>();

  constructor(private readonly converter: Converter) {}

  /** Adds `minor` units of `currency`, converted with the rate in force on `date` (YYYY-MM-DD). */
  add(minor: bigint, currency: string, date: string): this {
    const { reportingCurrency } = this.converter;
    if (currency === reportingCurrency) {
      this.converted += minor;
      return this;
    }
    const rate = this.converter.rateOn(currency, date);
    if (!rate) {
      this.apart.set(currency, (this.apart.get(currency) ?? 0n) + minor);
      return this;
    }
    this.converted += convertMinor(minor, currency, reportingCurrency, rate.rate);
    this.used.add(rate);
    this.converter.used.add(rate);
    return this;
  }

  /** The converted amounts in minor units of the reporting currency. */
  get minor(): bigint {
    return this.converted;
  }

  get total(): Money {
    return Money.of(this.converted, this.converter.reportingCurrency);
  }

  /** Amounts with no rate on their date, per currency, in the order they first came. */
  get unconverted(): Money[] {
    return [...this.apart].map(([currency, minor]) => Money.of(minor, currency));
  }

  get rates(): ExchangeRate[] {
    return sortRates(this.used);
  }
}

/** Rates in a stable order: by currency, then newest first. */
export function sortRates(rates: Iterable<ExchangeRate>): ExchangeRate[] {
  return [...rates].sort((a, b) => a.fromCurrency.localeCompare(b.fromCurrency) || b.validFrom.localeCompare(a.validFrom));
}
