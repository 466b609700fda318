import { isClosedStage, totalsByCurrency } from "@cosell/schema";
import type { Money } from "@cosell/schema";
import { useDroppable } from "@dnd-kit/core";
import { useId } from "react";
import { formatMoney, stageLabel } from "../../format";
import type { FragmentType } from "../../gql";
import type { DealStage } from "../../gql/graphql";
import { AddDeal } from "./AddDealForm";
import { OpportunityCard } from "./OpportunityCard";
import type { OpenDeal, OpportunityCardFragment } from "./OpportunityCard";
import type { MovableDeal } from "./useMoveStage";

export interface BoardColumnProps {
  stage: DealStage;
  deals: readonly (FragmentType<typeof OpportunityCardFragment> & { id: string; amount: Money })[];
  onMove: (deal: MovableDeal, stage: DealStage) => void;
  onOpen?: OpenDeal;
  /** The column the phone layout shows (one stage at a time, see StagePicker). */
  phoneShown?: boolean;
  viewerOrganizationId?: string | undefined;
}

/** One stage: its deals, how many, and what they add up to in each currency. */
export function BoardColumn({ stage, deals, onMove, onOpen, phoneShown = false, viewerOrganizationId }: BoardColumnProps) {
  const headingId = useId();
  const { setNodeRef, isOver } = useDroppable({ id: stage });
  const totals = totalsByCurrency(deals.map((deal) => deal.amount));
  const slug = stage.toLowerCase().replaceAll("_", "-");

  return (
    <section
      ref={setNodeRef}
      className={`board-column column-${slug}${isOver ? " board-column-over" : ""}${phoneShown ? " board-column-phone" : ""}`}
      aria-labelledby={headingId}
      data-stage={stage}
    >
      <header className="board-column-head">
        <h2 id={headingId}>{stageLabel(stage)}</h2>
        <span className="column-count" aria-label={`${deals.length} ${deals.length === 1 ? "deal" : "deals"}`}>
          {deals.length}
        </span>
        <p className="column-total" aria-label="Total">
          {totals.length === 0 ? "—" : totals.map((total) => formatMoney(total)).join(" · ")}
        </p>
      </header>
      {/* Deals are opened in an open stage; they are closed by moving them. */}
      {!isClosedStage(stage) && <AddDeal stage={stage} />}
      {deals.length === 0 ? (
        <p className="column-empty muted">No deals</p>
      ) : (
        <ul className="column-cards" aria-label={`${stageLabel(stage)} deals`}>
          {deals.map((deal) => (
            <OpportunityCard
              key={deal.id}
              opportunity={deal}
              onMove={onMove}
              viewerOrganizationId={viewerOrganizationId}
              {...(onOpen ? { onOpen } : {})}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
