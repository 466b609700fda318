import { Field, ObjectType } from "type-graphql";
import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * One line of an organization's table of exchange rates: how many units of its reporting currency
 * (`toCurrency`) one unit of `fromCurrency` is worth, from `validFrom` until the next line of the same
 * pair. A figure converts each deal with the line in force on the deal's close date (today for open
 * deals).
 */
@Entity({ name: "exchange_rate" })
@ObjectType({
  description:
    "An exchange rate into the organization's reporting currency, valid from a date until the next rate of the pair; a pair and a date name it.",
})
export class ExchangeRate {
  @PrimaryColumn("uuid")
  id!: string;

  @Column("uuid", { name: "organization_id" })
  organizationId!: string;

  @Field(() => String, { description: "ISO 4217 code converted from." })
  @Column("char", { name: "from_currency", length: 3 })
  fromCurrency!: string;

  @Field(() => String, { description: "ISO 4217 code converted to: the reporting currency when the rate was set." })
  @Column("char", { name: "to_currency", length: 3 })
  toCurrency!: string;

  @Field(() => String, { description: 'Units of toCurrency for one unit of fromCurrency, a decimal string ("0.9215").' })
  @Column("text")
  rate!: string;

  @Field(() => String, { description: "YYYY-MM-DD: the first day (UTC) the rate applies." })
  @Column("date", { name: "valid_from" })
  validFrom!: string;

  @Column("uuid", { name: "set_by_id", nullable: true })
  setById!: string | null;

  @Column("timestamptz", { name: "set_at" })
  setAtDate!: Date;

  @Field(() => String, { description: "ISO 8601 time it was set." })
  get setAt(): string {
    return new Date(this.setAtDate).toISOString();
  }
}
