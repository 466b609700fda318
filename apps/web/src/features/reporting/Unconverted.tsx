import { formatMoney } from "../../format";
import { describeRates } from "./figures";
import type { RateUsed } from "./figures";

/** Amounts a figure could not convert (no rate on their date), shown apart and never added in. */
export function Unconverted({ amounts }: { amounts: readonly { amount: string; currency: string }[] }) {
  if (amounts.length === 0) return null;
  return <span className="unconverted"> + {amounts.map((money) => formatMoney(money)).join(" + ")} without a rate</span>;
}

/** Which currency the figures are in and which rates they used. */
export function RatesNote({ currency, rates, asOf }: { currency: string; rates: readonly RateUsed[]; asOf?: string }) {
  const used = describeRates(rates);
  return (
    <p className="muted rates-note">
      In {currency}
      {asOf
        ? `; open deals at the rates of ${asOf}, closed deals at the rate of their close date`
        : ", each deal at the rate of its close date"}
      . {used.length > 0 ? `Rates used: ${used.join("; ")}.` : "No exchange rate was needed."}
    </p>
  );
}
