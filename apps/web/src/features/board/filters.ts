import { STAGE_ORDER, isDealStage } from "@cosell/schema";
import type { DealStage } from "../../gql/graphql";
import { partnerOrganizations } from "./pipeline";
import type { OrganizationRef } from "./pipeline";

/**
 * The board's filters, kept in the address (`?q=…&stages=PROPOSAL,NEGOTIATION&partner=…`) so a
 * reload, a shared link or the back button from a room shows the same board.
 */
export interface BoardFilters {
  /** Matched by the server against titles, case-insensitively. */
  readonly search: string;
  /** Columns to show; empty shows every stage. */
  readonly stages: readonly DealStage[];
  /** Only deals this partner organization works on; null for all. */
  readonly partnerId: string | null;
}

export const noFilters: BoardFilters = { search: "", stages: [], partnerId: null };

export function filtersFromSearch(search: string): BoardFilters {
  const params = new URLSearchParams(search);
  return {
    search: params.get("q") ?? "",
    stages: (params.get("stages") ?? "").split(",").filter(isDealStage),
    partnerId: params.get("partner") || null,
  };
}

export function searchFromFilters(filters: BoardFilters): string {
  const params = new URLSearchParams();
  if (filters.search.trim()) params.set("q", filters.search);
  if (filters.stages.length > 0) params.set("stages", filters.stages.join(","));
  if (filters.partnerId) params.set("partner", filters.partnerId);
  const query = params.toString();
  return query ? `?${query}` : "";
}

export function hasFilters(filters: BoardFilters): boolean {
  return filters.search.trim() !== "" || filters.stages.length > 0 || filters.partnerId !== null;
}

/** The stages whose columns the board shows: the chosen ones in pipeline order, or all of them. */
export function shownStages(filters: BoardFilters): readonly DealStage[] {
  return filters.stages.length > 0 ? STAGE_ORDER.filter((stage) => filters.stages.includes(stage)) : STAGE_ORDER;
}

interface FilterableDeal {
  readonly stage: DealStage;
  readonly organization: { readonly id: string };
  readonly members: readonly { readonly user: { readonly organization: OrganizationRef } }[];
}

/**
 * The loaded deals that every filter lets through (the search has already been applied by the
 * server): in a shown stage, and worked on by the chosen partner firm. The columns and the header's
 * totals both read this list, so the totals never count a deal the board does not show.
 */
export function applyBoardFilters<T extends FilterableDeal>(deals: readonly T[], filters: BoardFilters): T[] {
  const stages = new Set(shownStages(filters));
  return deals.filter(
    (deal) =>
      stages.has(deal.stage) && (filters.partnerId === null || partnerOrganizations(deal).some((org) => org.id === filters.partnerId)),
  );
}
