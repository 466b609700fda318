import { STAGE_ORDER, isDealStage } from "@cosell/schema";
import {
  DndContext,
  DragOverlay,
  KeyboardCode,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import type { Announcements, CollisionDetection, DragEndEvent, DragStartEvent, KeyboardCoordinateGetter } from "@dnd-kit/core";
import { useQuery } from "@apollo/client/react";
import { useCallback, useMemo, useRef, useState } from "react";
import { describeError } from "../../apiErrors";
import { stageLabel } from "../../format";
import { graphql } from "../../gql";
import type { DealStage } from "../../gql/graphql";
import { useViewer } from "../auth/ViewerHeader";
import { useSocketUp } from "../live/live";
import { navigate, usePathname, useSearch } from "../../router";
import { BoardColumn } from "./BoardColumn";
import { BoardFiltersBar } from "./BoardFiltersBar";
import { DealPreview } from "./DealPreview";
import { OpportunityCardPreview } from "./OpportunityCard";
import type { DraggedDeal } from "./OpportunityCard";
import { BoardSummary } from "./BoardSummary";
import { BoardTransfer } from "./BoardTransfer";
import { StagePicker, pickedStage } from "./StagePicker";
import { applyBoardFilters, filtersFromSearch, hasFilters, noFilters, searchFromFilters, shownStages } from "./filters";
import type { BoardFilters } from "./filters";
import { partnerOrganizations } from "./pipeline";
import type { OrganizationRef } from "./pipeline";
import { useFocusAfterMove } from "./useFocusAfterMove";
import { useMoveStage } from "./useMoveStage";
import type { MovableDeal } from "./useMoveStage";

/** Deals per request: the API's maximum; "Show more" fetches the next page after the last cursor. */
export const BOARD_PAGE_SIZE = 100;

const BoardOpportunities = graphql(`
  query Board($first: Int!, $after: String, $filter: OpportunityFilter) {
    opportunities(first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          id
          title
          stage
          version
          amount {
            amount
            currency
          }
          organization {
            id
          }
          members {
            user {
              id
              organization {
                id
                name
              }
            }
          }
          ...OpportunityCard
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** The search sent to the server; the other filters apply to what is loaded. */
export function boardVariables(filters: BoardFilters) {
  const search = filters.search.trim();
  return { first: BOARD_PAGE_SIZE, ...(search ? { filter: { search } } : {}) };
}

/**
 * Arrow keys carry a picked-up card to the next column left or right (the default moves it by
 * 25 px, which would take many presses to cross a column).
 */
const columnByColumn: KeyboardCoordinateGetter = (event, { context }) => {
  if (event.code !== KeyboardCode.Right && event.code !== KeyboardCode.Left) return undefined;
  event.preventDefault();
  const { droppableRects, over, active, collisionRect } = context;
  const columns = [...droppableRects.entries()].sort(([, a], [, b]) => a.left - b.left);
  const dragged = active?.data.current as DraggedDeal | undefined;
  const currentId = over?.id ?? dragged?.deal.stage;
  const index = columns.findIndex(([id]) => id === currentId);
  // The columns are measured a frame after the pick-up; until then an arrow has nowhere to go.
  if (index < 0) return undefined;
  const next = columns[index + (event.code === KeyboardCode.Right ? 1 : -1)];
  if (!next || !collisionRect) return undefined;
  const [, rect] = next;
  return { x: rect.left + Math.max(0, (rect.width - collisionRect.width) / 2), y: rect.top + 8 };
};

/** The column under the pointer; for the keyboard (no pointer), the column the card overlaps most. */
const columnUnderCard: CollisionDetection = (args) => {
  const underPointer = pointerWithin(args);
  return underPointer.length > 0 ? underPointer : rectIntersection(args);
};

function stageOf(id: unknown): DealStage | null {
  return typeof id === "string" && isDealStage(id) ? id : null;
}

function dealOf(data: unknown): DraggedDeal["deal"] | null {
  return (data as DraggedDeal | undefined)?.deal ?? null;
}

const announcements: Announcements = {
  onDragStart: ({ active }) => {
    const deal = dealOf(active.data.current);
    return deal
      ? `Picked up ${deal.title}, in ${stageLabel(deal.stage)}. Left and right arrows choose a stage, Space drops, Escape cancels.`
      : undefined;
  },
  onDragOver: ({ active, over }) => {
    const deal = dealOf(active.data.current);
    const stage = stageOf(over?.id);
    return deal && stage ? `${deal.title} is over ${stageLabel(stage)}.` : undefined;
  },
  onDragEnd: ({ active, over }) => {
    const deal = dealOf(active.data.current);
    const stage = stageOf(over?.id);
    if (!deal) return undefined;
    return stage && stage !== deal.stage
      ? `Dropped ${deal.title} in ${stageLabel(stage)}.`
      : `${deal.title} stays in ${stageLabel(deal.stage)}.`;
  },
  onDragCancel: ({ active }) => {
    const deal = dealOf(active.data.current);
    return deal ? `Cancelled. ${deal.title} stays in ${stageLabel(deal.stage)}.` : undefined;
  },
};

const screenReaderInstructions = {
  draggable:
    "To move this deal to another stage, press Space to pick it up, use the left and right arrow keys to choose a stage, and press Space again to drop it. Escape cancels.",
};

/** The pipeline as columns per stage; drag a card (or use its stage menu) to move the deal. */
export function Board() {
  const pathname = usePathname();
  const filters = filtersFromSearch(useSearch());
  const setFilters = (next: BoardFilters) => navigate(pathname + searchFromFilters(next), { replace: true });

  const variables = boardVariables(filters);
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(BoardOpportunities, {
    variables,
    notifyOnNetworkStatusChange: true,
    // Coming back from a room shows its new plan (next commitment) and members without a reload.
    fetchPolicy: "cache-and-network",
  });
  // The cards follow boardChanged (mounted by the app shell) through the cache.
  const live = useSocketUp();
  const { move, notice, dismissNotice } = useMoveStage();
  const viewerOrganizationId = useViewer()?.organization.id;
  const [loadingMore, setLoadingMore] = useState(false);
  const [dragged, setDragged] = useState<string | null>(null);
  const [phoneStage, setPhoneStage] = useState<DealStage | null>(null);
  const section = useRef<HTMLElement>(null);
  const followFocus = useFocusAfterMove(section);

  /** Moves the deal; focus (and, on a phone, the stage shown) follows the card to its new column. */
  function moveDeal(deal: MovableDeal, stage: DealStage) {
    if (deal.stage === stage) return;
    setPhoneStage(stage);
    followFocus(deal, stage, move(deal, stage));
  }
  const [previewed, setPreviewed] = useState<string | null>(null);
  const previewOpener = useRef<HTMLElement | null>(null);
  const openPreview = useCallback((id: string, returnFocusTo: HTMLElement | null) => {
    previewOpener.current = returnFocusTo;
    setPreviewed(id);
  }, []);
  const closePreview = useCallback(() => {
    setPreviewed(null);
    previewOpener.current?.focus();
  }, []);

  const sensors = useSensors(
    // A short drag threshold keeps a click a click (it opens the room).
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    // On touch screens a press-and-hold picks a card up, so a swipe still scrolls the board.
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: columnByColumn }),
  );

  const shown = data ?? previousData;
  const deals = useMemo(() => shown?.opportunities.edges.map((edge) => edge.node) ?? [], [shown]);
  const partnerOptions = useMemo(() => {
    const byId = new Map<string, OrganizationRef>();
    for (const deal of deals) for (const org of partnerOrganizations(deal)) byId.set(org.id, org);
    return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  }, [deals]);
  const visibleDeals = applyBoardFilters(deals, filters);
  const columns = shownStages(filters);
  const phoneColumn = pickedStage(columns, phoneStage);
  const draggedEdge = shown?.opportunities.edges.find((edge) => edge.node.id === dragged);

  function onDragStart(event: DragStartEvent) {
    setDragged(String(event.active.id));
  }

  function onDragEnd(event: DragEndEvent) {
    setDragged(null);
    const deal = dealOf(event.active.data.current);
    const stage = stageOf(event.over?.id);
    if (deal && stage) moveDeal(deal, stage);
  }

  async function showMore() {
    const after = shown?.opportunities.pageInfo.endCursor;
    if (!after) return;
    setLoadingMore(true);
    try {
      await fetchMore({ variables: { after } });
    } finally {
      setLoadingMore(false);
    }
  }

  let content;
  if (!shown && loading) {
    content = <BoardSkeleton />;
  } else if (!shown && error) {
    content = (
      <div className="card notice" role="alert">
        <p>Could not load your opportunities. {describeError(error)}</p>
        <button type="button" className="button-secondary" onClick={() => void refetch()}>
          Try again
        </button>
      </div>
    );
  } else {
    content = (
      <>
        {deals.length === 0 && !hasFilters(filters) && (
          <div className="card notice empty-board">
            <p>No opportunities yet.</p>
            <p className="muted">
              Your organization's opportunities, and the rooms you are added to, will show up here. Add one with “+ Add deal” in a column.
            </p>
          </div>
        )}
        {visibleDeals.length === 0 && hasFilters(filters) && (
          <div className="card notice">
            <p>No deals match these filters.</p>
            <button type="button" className="button-secondary" onClick={() => setFilters(noFilters)}>
              Clear filters
            </button>
          </div>
        )}
        {phoneColumn && (
          <StagePicker
            stages={columns}
            counts={new Map(columns.map((stage) => [stage, visibleDeals.filter((deal) => deal.stage === stage).length]))}
            value={phoneColumn}
            onChange={setPhoneStage}
          />
        )}
        <DndContext
          sensors={sensors}
          collisionDetection={columnUnderCard}
          accessibility={{ announcements, screenReaderInstructions }}
          onDragStart={onDragStart}
          onDragEnd={onDragEnd}
          onDragCancel={() => setDragged(null)}
        >
          <div className="board-columns" style={{ ["--columns" as string]: columns.length }}>
            {columns.map((stage) => (
              <BoardColumn
                key={stage}
                stage={stage}
                deals={visibleDeals.filter((deal) => deal.stage === stage)}
                phoneShown={stage === phoneColumn}
                // The answer is the notice: move reports its own failures.
                onMove={moveDeal}
                onOpen={openPreview}
                viewerOrganizationId={viewerOrganizationId}
              />
            ))}
          </div>
          {/* No drop animation: the card is already in its new column (optimistically). */}
          <DragOverlay dropAnimation={null}>{draggedEdge ? <OpportunityCardPreview opportunity={draggedEdge.node} /> : null}</DragOverlay>
        </DndContext>
        {shown?.opportunities.pageInfo.hasNextPage && (
          <div className="board-more">
            <span className="muted">Showing the {deals.length} most recent deals.</span>
            <button type="button" className="button-secondary" onClick={() => void showMore()} disabled={loadingMore}>
              {loadingMore ? "Loading…" : "Show more"}
            </button>
          </div>
        )}
      </>
    );
  }

  return (
    <section className="board" aria-labelledby="board-heading" ref={section}>
      <div className="board-head">
        <h1 id="board-heading">Board</h1>
        {shown && <BoardSummary deals={visibleDeals} live={live} updating={loading} />}
        <BoardTransfer filters={filters} />
      </div>
      <BoardFiltersBar filters={filters} onChange={setFilters} partners={partnerOptions} />
      <div aria-live="polite" className="notices">
        {notice && (
          <div className={`banner banner-${notice.tone}`} role={notice.tone === "error" ? "alert" : "status"}>
            <span>{notice.message}</span>
            <button type="button" className="button-link" onClick={dismissNotice} aria-label="Dismiss">
              ✕
            </button>
          </div>
        )}
        {error && shown && (
          <div className="banner banner-error" role="alert">
            <span>Could not refresh the board. {describeError(error)}</span>
            <button type="button" className="button-link" onClick={() => void refetch()}>
              Try again
            </button>
          </div>
        )}
      </div>
      {content}
      {previewed && <DealPreview opportunityId={previewed} onClose={closePreview} />}
    </section>
  );
}

function BoardSkeleton() {
  return (
    <div className="board-columns" style={{ ["--columns" as string]: STAGE_ORDER.length }}>
      <p className="visually-hidden" role="status">
        Loading opportunities…
      </p>
      {STAGE_ORDER.map((stage) => (
        <div key={stage} className="board-column skeleton" aria-hidden="true">
          <div className="board-column-head">
            <h2>{stageLabel(stage)}</h2>
          </div>
          <div className="skeleton-card" />
          <div className="skeleton-card" />
        </div>
      ))}
    </div>
  );
}
