import { STAGE_ORDER, isClosedStage, mayDecideOutcome } from "@cosell/schema";
import { useDraggable } from "@dnd-kit/core";
import type { DraggableAttributes } from "@dnd-kit/core";
import { useId } from "react";
import type { ChangeEvent, MouseEvent } from "react";
import { formatMoney, stageLabel } from "../../format";
import { getFragmentData, graphql } from "../../gql";
import type { FragmentType } from "../../gql";
import type { DealStage, OpportunityCardFragment as Card } from "../../gql/graphql";
import { Link, navigate, roomPath } from "../../router";
import { partnerOrganizations } from "./pipeline";
import type { MovableDeal } from "./useMoveStage";
import { LockIcon } from "../shared/icons";

export const OpportunityCardFragment = graphql(`
  fragment OpportunityCard on Opportunity {
    id
    title
    stage
    version
    amount {
      amount
      currency
    }
    account {
      id
      name
    }
    organization {
      id
      name
    }
    owner {
      id
      name
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
    commitments {
      id
      title
      status
      dueAt
      assignee {
        id
        name
      }
    }
  }
`);

/** What travels with a card while it is dragged. */
export interface DraggedDeal {
  readonly deal: MovableDeal;
}

/** Opens the deal's preview; `returnFocusTo` gets focus back when the preview closes. */
export type OpenDeal = (opportunityId: string, returnFocusTo: HTMLElement | null) => void;

export interface OpportunityCardProps {
  opportunity: FragmentType<typeof OpportunityCardFragment>;
  onMove: (deal: MovableDeal, stage: DealStage) => void;
  /** Without it, a click opens the room instead of a preview. */
  onOpen?: OpenDeal;
  /** The signed-in viewer's organization: only the deal's own closes it (undefined while unknown). */
  viewerOrganizationId?: string | undefined;
}

/** A won deal is final: its card has no drag, handle or stage menu. */
export const isLocked = (card: { readonly stage: DealStage }): boolean => card.stage === "CLOSED_WON";

/** A deal on the board: drag it (or its handle, with the keyboard) to another column, click to preview it. */
export function OpportunityCard({ opportunity, onMove, onOpen, viewerOrganizationId }: OpportunityCardProps) {
  const card = getFragmentData(OpportunityCardFragment, opportunity);
  const locked = isLocked(card);
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({
    id: card.id,
    data: { deal: card } satisfies DraggedDeal,
    disabled: locked,
  });

  return (
    <li
      ref={setNodeRef}
      className={`deal-card${isDragging ? " deal-card-placeholder" : ""}${locked ? " deal-card-locked" : ""}`}
      data-deal-id={card.id}
      {...listeners}
    >
      <CardBody
        card={card}
        {...(locked ? {} : { onMove, handle: { ref: setActivatorNodeRef, attributes } })}
        closes={
          viewerOrganizationId === undefined ||
          mayDecideOutcome({ organizationId: viewerOrganizationId }, { organizationId: card.organization.id })
        }
        {...(onOpen ? { onOpen } : {})}
      />
    </li>
  );
}

/** The card as it follows the pointer while dragged. */
export function OpportunityCardPreview({ opportunity }: { opportunity: FragmentType<typeof OpportunityCardFragment> }) {
  const card = getFragmentData(OpportunityCardFragment, opportunity);
  return (
    <div className="deal-card deal-card-dragging">
      <CardBody card={card} />
    </div>
  );
}

/** The keyboard's way to pick the card up (Space); the pointer can grab the card anywhere. */
interface Handle {
  ref: (element: HTMLElement | null) => void;
  attributes: DraggableAttributes;
}

function CardBody({
  card,
  onMove,
  handle,
  onOpen,
  closes = true,
}: {
  card: Card;
  onMove?: OpportunityCardProps["onMove"];
  handle?: Handle;
  onOpen?: OpenDeal;
  /** Whether the viewer may close the deal: its stage menu offers the closed stages only then. */
  closes?: boolean;
}) {
  const moveId = useId();
  const partners = partnerOrganizations(card);

  // A click anywhere on the card opens it, like the title link does (drags do not click).
  function openCard(event: MouseEvent<HTMLDivElement>) {
    if ((event.target as HTMLElement).closest("a, button, select, input, label")) return;
    if (onOpen) onOpen(card.id, event.currentTarget.querySelector<HTMLElement>(".deal-title"));
    else navigate(roomPath(card.id));
  }

  // A plain click on the title previews the deal; the link still opens the room in a new tab.
  function openFromTitle(event: MouseEvent<HTMLAnchorElement>) {
    if (!onOpen || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    onOpen(card.id, event.currentTarget);
  }

  function moveTo(event: ChangeEvent<HTMLSelectElement>) {
    const stage = STAGE_ORDER.find((s) => s === event.target.value);
    if (stage) onMove?.(card, stage);
  }

  return (
    <div className="deal-card-body" onClick={openCard}>
      <div className="deal-card-top">
        <span className="deal-account">{card.account.name}</span>
        {isLocked(card) && (
          <span className="deal-locked" title="Won: the deal is final">
            <LockIcon /> Won
          </span>
        )}
        {handle && (
          <button
            type="button"
            ref={handle.ref}
            className="drag-handle"
            {...handle.attributes}
            data-deal-handle={card.id}
            aria-label={`Move ${card.title}`}
          >
            <span aria-hidden="true">⠿</span>
          </button>
        )}
      </div>
      <Link to={roomPath(card.id)} className="deal-title" onClick={openFromTitle}>
        {card.title}
      </Link>
      <div className="deal-amount">{formatMoney(card.amount)}</div>
      <div className="deal-people">
        <span className="deal-owner" title="Owner">
          {card.owner.name}
        </span>
        {partners.length > 0 && (
          <ul className="partner-chips" aria-label="Partner organizations">
            {partners.map((partner) => (
              <li key={partner.id} className="partner-chip">
                {partner.name}
              </li>
            ))}
          </ul>
        )}
      </div>
      <NextCommitment commitment={nextCommitment(card.commitments)} />
      {onMove && (
        <div className="deal-move">
          <label htmlFor={moveId} className="visually-hidden">
            Move {card.title} to stage
          </label>
          <select id={moveId} value="" onChange={moveTo}>
            <option value="" disabled>
              Move to…
            </option>
            {STAGE_ORDER.filter((stage) => stage !== card.stage && (closes || !isClosedStage(stage))).map((stage) => (
              <option key={stage} value={stage}>
                {stageLabel(stage)}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}

const dueFormat = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });

type CardCommitment = Card["commitments"][number];

/**
 * The commitment to show on the card: the earliest one still to deliver (the API lists them by
 * due time), an overdue (MISSED) one first since it is the most urgent.
 */
export function nextCommitment(commitments: readonly CardCommitment[]): CardCommitment | null {
  return commitments.find((c) => c.status === "MISSED") ?? commitments.find((c) => c.status === "OPEN") ?? null;
}

/** The deal's next commitment: what, who, and by when. */
function NextCommitment({ commitment }: { commitment: CardCommitment | null }) {
  if (!commitment) return null;
  const due = new Date(commitment.dueAt);
  const overdue = commitment.status === "MISSED";
  return (
    <p className={overdue ? "deal-next deal-next-overdue" : "deal-next"}>
      <span className="deal-next-label">{overdue ? "Overdue:" : "Next:"}</span> {commitment.title}{" "}
      <span className="muted">
        · {commitment.assignee.name} · due <time dateTime={commitment.dueAt}>{dueFormat.format(due)}</time>
      </span>
    </p>
  );
}
