/**
 * Money as the API carries it: a decimal string in the currency's minor digits and an ISO 4217
 * code ({ amount: "12500.00", currency: "USD" }). Arithmetic is on bigint integers of the minor
 * unit (cents, yen, fils), never on floating-point numbers.
 */

export interface Money {
  readonly amount: string;
  readonly currency: string;
}

let currencies: ReadonlySet<string> | undefined;

/** Whether `code` is an ISO 4217 currency this runtime's Intl knows (upper case, as the API takes it). */
export function isCurrency(code: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf("currency"));
  return currencies.has(code);
}

const MINOR_DIGITS = new Map<string, number>();

/**
 * Digits after the decimal point for an ISO 4217 currency, as Intl (CLDR) has them: 2 for USD,
 * 0 for JPY and KRW, 3 for BHD, KWD, JOD, OMR and TND; 2 for a code Intl refuses.
 */
export function minorDigits(currency: string): number {
  let digits = MINOR_DIGITS.get(currency);
  if (digits === undefined) {
    // Building a NumberFormat costs more than formatting a whole board: once per currency.
    try {
      digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    MINOR_DIGITS.set(currency, digits);
  }
  return digits;
}

/**
 * A decimal string in `currency` as an integer of its minor unit: "12500.5" USD → 1250050n,
 * "-0.01" USD → -1n. Any size. Throws a RangeError for anything but a decimal, or for more
 * decimals than the currency has.
 */
export function parseMinor(amount: string, currency: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!match) throw new RangeError(`"${amount}" is not a decimal amount`);
  const [, sign = "", whole = "0", fraction = ""] = match;
  const digits = minorDigits(currency);
  if (fraction.length > digits) throw new RangeError(decimalPlacesMessage(currency, digits));
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, "0") || "0");
  return sign === "-" ? -minor : minor;
}

/** An integer of the minor unit as the API's decimal string: 1250000n USD → "12500.00", 5n JPY → "5". */
export function formatMinor(minor: bigint, currency: string): string {
  const digits = minorDigits(currency);
  const negative = minor < 0n;
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, "0");
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? "" : `.${text.slice(-digits)}`;
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

/** The exact sum of amounts in minor units. */
export function sumMinor(values: Iterable<bigint>): bigint {
  let sum = 0n;
  for (const value of values) sum += value;
  return sum;
}

/**
 * Adds amounts per currency, exactly, in the order the currencies first appear. An amount that is
 * not a decimal in its currency's digits is left out rather than failing the whole total.
 */
export function totalsByCurrency(amounts: readonly Money[]): Money[] {
  const sums = new Map<string, bigint>();
  for (const { amount, currency } of amounts) {
    let minor: bigint;
    try {
      minor = parseMinor(amount.trim(), currency);
    } catch {
      continue;
    }
    sums.set(currency, (sums.get(currency) ?? 0n) + minor);
  }
  return [...sums].map(([currency, minor]) => ({ amount: formatMinor(minor, currency), currency }));
}

/** What an entered amount may look like: non-negative, at most 15 whole digits and 3 decimals. */
export const AMOUNT_PATTERN = /^\d{1,15}(\.\d{1,3})?$/;
export const AMOUNT_MESSAGE = 'must be a non-negative decimal such as "12500.00"';
/** What an entered currency may look like (whether Intl knows it is `isCurrency`). */
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;
export const CURRENCY_MESSAGE = "must be an ISO 4217 code such as USD";

export interface MoneyProblem {
  readonly field: "amount" | "currency";
  readonly message: string;
}

/**
 * Why an entered amount cannot be taken, or null when it can: the currency is one Intl knows, the
 * amount matches `AMOUNT_PATTERN`, and it has no more decimals than the currency.
 */
export function moneyProblem(money: Money): MoneyProblem | null {
  const { amount, currency } = money;
  if (!isCurrency(currency)) return { field: "currency", message: `"${currency}" is not an ISO 4217 currency` };
  if (!AMOUNT_PATTERN.test(amount)) return { field: "amount", message: AMOUNT_MESSAGE };
  const digits = minorDigits(currency);
  if ((amount.split(".")[1] ?? "").length > digits) return { field: "amount", message: decimalPlacesMessage(currency, digits) };
  return null;
}

const decimalPlacesMessage = (currency: string, digits: number): string =>
  `${currency} has ${digits} decimal place${digits === 1 ? "" : "s"}`;
