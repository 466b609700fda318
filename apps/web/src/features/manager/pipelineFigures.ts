import { STAGE_ORDER, totalsByCurrency } from "@cosell/schema";
import type { Money } from "@cosell/schema";
import type { DealStage } from "../../gql/graphql";

/**
 * How likely a deal at each stage is to close: the usual weights of a sales forecast. The weighted
 * amount of a stage is its total amount times this.
 */
export const STAGE_PROBABILITY: Readonly<Record<DealStage, number>> = {
  PROSPECTING: 0.1,
  QUALIFICATION: 0.25,
  PROPOSAL: 0.5,
  NEGOTIATION: 0.75,
  CLOSED_WON: 1,
  CLOSED_LOST: 0,
};

export interface StageBar {
  readonly stage: DealStage;
  readonly deals: number;
  readonly amount: number;
  readonly weighted: number;
}

/**
 * The pipeline per stage in one currency (a chart cannot add dollars to euros): the currency with
 * the most deals, and how many deals in other currencies are left out.
 */
export function pipelineByStage(deals: readonly { stage: DealStage; amount: Money }[]): {
  currency: string | null;
  bars: StageBar[];
  otherCurrencyDeals: number;
} {
  const counts = new Map<string, number>();
  for (const deal of deals) counts.set(deal.amount.currency, (counts.get(deal.amount.currency) ?? 0) + 1);
  const currency = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const inCurrency = deals.filter((deal) => deal.amount.currency === currency);
  const bars = STAGE_ORDER.map((stage) => {
    const here = inCurrency.filter((deal) => deal.stage === stage);
    const total = totalsByCurrency(here.map((deal) => deal.amount))[0];
    const amount = total ? Number(total.amount) : 0;
    return { stage, deals: here.length, amount, weighted: Math.round(amount * STAGE_PROBABILITY[stage] * 100) / 100 };
  });
  return { currency, bars, otherCurrencyDeals: deals.length - inCurrency.length };
}
