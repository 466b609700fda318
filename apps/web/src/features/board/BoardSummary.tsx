import { isClosedStage, totalsByCurrency } from "@cosell/schema";
import type { Money } from "@cosell/schema";
import { formatMoney } from "../../format";
import type { DealStage } from "../../gql/graphql";

export interface BoardSummaryProps {
  /** The deals the board shows, after every filter. */
  deals: readonly { readonly stage: DealStage; readonly amount: Money }[];
  live: boolean;
  updating: boolean;
}

/**
 * The header's count and totals per currency. It sums the open deals on screen (the pipeline);
 * when the filters show only closed stages, it sums those instead, so it always describes what
 * the columns below show.
 */
export function summarizeDeals(deals: BoardSummaryProps["deals"]): { count: number; label: string; totals: Money[] } {
  const open = deals.filter((deal) => !isClosedStage(deal.stage));
  const counted = open.length > 0 || deals.length === 0 ? open : deals;
  const kind = counted === open ? "open" : "closed";
  return {
    count: counted.length,
    label: `${counted.length} ${kind} ${counted.length === 1 ? "deal" : "deals"}`,
    totals: totalsByCurrency(counted.map((deal) => deal.amount)),
  };
}

export function BoardSummary({ deals, live, updating }: BoardSummaryProps) {
  const summary = summarizeDeals(deals);
  return (
    <p className="board-summary muted" data-testid="board-summary">
      {summary.label}
      {summary.totals.map((total) => ` · ${formatMoney(total)}`)}
      {live && (
        <span>
          {" · "}
          <span className="live-dot" aria-hidden="true" />
          Live
        </span>
      )}
      {updating && <span> · Updating…</span>}
    </p>
  );
}
