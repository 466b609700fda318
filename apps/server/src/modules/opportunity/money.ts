import { Field, InputType, ObjectType } from "type-graphql";
import { Matches } from "class-validator";
import { badInput } from "../../errors.js";

const CURRENCIES = new Set<string>(Intl.supportedValuesOf("currency"));

const MINOR_DIGITS = new Map<string, number>();

/** Digits after the decimal point for an ISO 4217 currency (USD 2, JPY 0, BHD 3). */
export function minorDigits(currency: string): number {
  let digits = MINOR_DIGITS.get(currency);
  if (digits === undefined) {
    // Building a NumberFormat costs more than formatting a whole board: once per currency.
    digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    MINOR_DIGITS.set(currency, digits);
  }
  return digits;
}

@InputType({ description: 'A decimal amount in a currency: { amount: "12500.00", currency: "USD" }.' })
export class MoneyInput {
  @Field(() => String, { description: "Non-negative decimal string, at most the currency's minor digits." })
  @Matches(/^\d{1,15}(\.\d{1,3})?$/, { message: 'must be a non-negative decimal such as "12500.00"' })
  amount!: string;

  @Field(() => String, { description: "ISO 4217 code, e.g. USD." })
  @Matches(/^[A-Z]{3}$/, { message: "must be an ISO 4217 code such as USD" })
  currency!: string;
}

@ObjectType({ description: "An amount of money; `amount` is a decimal string in the currency's minor digits." })
export class Money {
  @Field(() => String)
  amount!: string;

  @Field(() => String)
  currency!: string;

  static of(minor: bigint | string, currency: string): Money {
    const money = new Money();
    money.amount = formatMinor(BigInt(minor), currency);
    money.currency = currency;
    return money;
  }
}

export function formatMinor(minor: bigint, currency: string): string {
  const digits = minorDigits(currency);
  const negative = minor < 0n;
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, "0");
  const whole = digits === 0 ? text : text.slice(0, -digits);
  const fraction = digits === 0 ? "" : `.${text.slice(-digits)}`;
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

/** Parses validated money input to minor units; `field` names the input in errors. */
export function toMinor(input: MoneyInput, field = "amount"): { minor: bigint; currency: string } {
  const currency = input.currency;
  if (!CURRENCIES.has(currency)) throw badInput(`${field}.currency`, `"${currency}" is not an ISO 4217 currency`);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(input.amount);
  if (!match) throw badInput(`${field}.amount`, 'must be a non-negative decimal such as "12500.00"');
  const digits = minorDigits(currency);
  const fraction = match[2] ?? "";
  if (fraction.length > digits) {
    throw badInput(`${field}.amount`, `${currency} has ${digits} decimal place${digits === 1 ? "" : "s"}`);
  }
  const minor = BigInt(match[1] ?? "0") * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, "0") || "0");
  return { minor, currency };
}
