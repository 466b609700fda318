import { AMOUNT_MESSAGE, AMOUNT_PATTERN, CURRENCY_MESSAGE, CURRENCY_PATTERN, formatMinor, moneyProblem, parseMinor } from "@cosell/schema";
import { Field, InputType, ObjectType } from "type-graphql";
import { Matches } from "class-validator";
import { badInput } from "../../errors.js";

@InputType({ description: 'A decimal amount in a currency: { amount: "12500.00", currency: "USD" }.' })
export class MoneyInput {
  @Field(() => String, { description: "Non-negative decimal string, at most the currency's minor digits." })
  @Matches(AMOUNT_PATTERN, { message: AMOUNT_MESSAGE })
  amount!: string;

  @Field(() => String, { description: "ISO 4217 code, e.g. USD." })
  @Matches(CURRENCY_PATTERN, { message: CURRENCY_MESSAGE })
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

/** Parses validated money input to minor units (see `moneyProblem`); `field` names the input in errors. */
export function toMinor(input: MoneyInput, field = "amount"): { minor: bigint; currency: string } {
  const problem = moneyProblem(input);
  if (problem) throw badInput(`${field}.${problem.field}`, problem.message);
  return { minor: parseMinor(input.amount, input.currency), currency: input.currency };
}
