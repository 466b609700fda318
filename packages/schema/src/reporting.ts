/**
 * Reporting arithmetic shared by the server and the web app: converting amounts into an
 * organization's reporting currency with an exchange rate, weighting a pipeline by stage, and the
 * medians and rates of a manager's figures. Exact: amounts are bigint minor units and rates are
 * decimal strings read as scaled integers; no floating-point number touches an amount.
 */
import { DealStage } from "./enums.js";
import { minorDigits } from "./money.js";

/** What an exchange rate may look like: a positive decimal with at most 9 whole digits and 12 decimals. */
export const RATE_PATTERN = /^\d{1,9}(\.\d{1,12})?$/;
export const RATE_MESSAGE = 'must be a positive decimal such as "1.0825" (at most 12 decimals)';

/** Why `rate` cannot be taken as an exchange rate, or null when it can. */
export function rateProblem(rate: string): string | null {
  if (!RATE_PATTERN.test(rate)) return RATE_MESSAGE;
  return /[1-9]/.test(rate) ? null : "must be greater than zero";
}

/** A decimal string as an integer and its power of ten: "1.0825" → { units: 10825n, scale: 10000n }. */
function scaled(decimal: string): { units: bigint; scale: bigint } {
  const [whole = "0", fraction = ""] = decimal.split(".");
  return { units: BigInt(whole + fraction), scale: 10n ** BigInt(fraction.length) };
}

/**
 * `numerator / denominator` rounded to the nearest integer, a tie to the even one (banker's
 * rounding, so that rounding many amounts adds no drift upwards). `denominator` is positive.
 */
export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  let quotient = n / denominator;
  const twice = (n % denominator) * 2n;
  if (twice > denominator || (twice === denominator && quotient % 2n === 1n)) quotient += 1n;
  return negative ? -quotient : quotient;
}

/**
 * An amount of `from` (minor units) in `to` (minor units) at `rate` (units of `to` for one unit of
 * `from`, a decimal string), rounded half-even to `to`'s minor unit: 100.00 USD at "0.9" EUR is
 * 90.00 EUR; 1 USD at "151.505" JPY is 152 JPY (151.505 rounds to the even 152); 12.345 BHD at
 * "2.65" USD is 32.71 USD (32.71425). Exact for any size: minor × rate is formed as integers
 * first and divided once.
 */
export function convertMinor(minor: bigint, from: string, to: string, rate: string): bigint {
  const problem = rateProblem(rate);
  if (problem) throw new RangeError(`rate "${rate}" ${problem}`);
  const { units, scale } = scaled(rate);
  const fromDigits = 10n ** BigInt(minorDigits(from));
  const toDigits = 10n ** BigInt(minorDigits(to));
  return divideHalfEven(minor * units * toDigits, scale * fromDigits);
}

/** Weights are whole percents of a stage's amount (a forecast's probability of closing). */
export type StageWeights = Readonly<Record<DealStage, number>>;

/**
 * The weights an organization starts with: the usual forecast probabilities. A won deal counts in
 * full and a lost one not at all, whatever the organization sets for open stages.
 */
export const DEFAULT_STAGE_WEIGHTS: StageWeights = {
  PROSPECTING: 10,
  QUALIFICATION: 20,
  PROPOSAL: 50,
  NEGOTIATION: 75,
  CLOSED_WON: 100,
  CLOSED_LOST: 0,
};

/** `minor` weighted by `percent` (0..100), rounded half-even to the minor unit. */
export function weightMinor(minor: bigint, percent: number): bigint {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) throw new RangeError(`weight ${percent} is not a whole percent 0..100`);
  return divideHalfEven(minor * BigInt(percent), 100n);
}

/** The median of `values` (the mean of the middle two for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** `part / whole` (0..1), or null when `whole` is 0: no rate before anything counted. */
export const rateOf = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);
