import { useCallback, useEffect, useRef, useState } from "react";
import type { RefObject } from "react";
import type { DealStage } from "../../gql/graphql";

interface Target {
  readonly id: string;
  readonly stage: DealStage;
  /** The server has answered: look once more, then stop (the card may be filtered out). */
  readonly settled: boolean;
}

/**
 * Keeps keyboard focus on a card that moves to another column. A moved card is a new element in
 * its new column (the old one is unmounted, and focus would fall back to the page), so once the
 * card shows up in the column it went to (at once: the move is optimistic), its handle is focused;
 * when the server refuses the move, the card is focused back where it returned. Cards mark the
 * control with `data-deal-id` on the card and `data-deal-handle` on its drag handle. Where the handle is
 * hidden (the phone layout), the card's stage menu takes focus instead.
 */
export function useFocusAfterMove(container: RefObject<HTMLElement | null>) {
  const [target, setTarget] = useState<Target | null>(null);
  const latest = useRef<Target | null>(null);

  useEffect(() => {
    if (!target) return;
    // Global ids are base64url: nothing in them needs escaping inside a quoted attribute value.
    const card = container.current?.querySelector(`[data-stage="${target.stage}"] li[data-deal-id="${target.id}"]`);
    if (!card) {
      if (target.settled) setTarget(null);
      return; // not there yet: the next render looks again
    }
    const handle = card.querySelector<HTMLElement>("[data-deal-handle]");
    const visible = handle && getComputedStyle(handle).display !== "none";
    (visible ? handle : card.querySelector<HTMLElement>("select"))?.focus();
    setTarget(null);
  });

  /** Follows one move: `moved` resolves to whether the deal went to `stage`. */
  return useCallback((deal: { id: string; stage: DealStage }, stage: DealStage, moved: Promise<boolean>) => {
    const next: Target = { id: deal.id, stage, settled: false };
    latest.current = next;
    setTarget(next);
    void moved.then((ok) => {
      // Refused: the card is back in its old column; follow it there (unless another move followed).
      if (latest.current !== next) return;
      if (!ok) setTarget({ id: deal.id, stage: deal.stage, settled: true });
      else setTarget((current) => current && { ...current, settled: true });
    });
  }, []);
}
