import type { ApolloCache, Reference, StoreObject } from "@apollo/client";

/** What `applyBoardChange` reads of a boardChanged event. */
export interface BoardChangeEvent {
  readonly kind: string;
  readonly opportunityId: string;
  readonly opportunity: (StoreObject & { readonly id: string; readonly title: string; readonly stage: string }) | null;
}

interface StoredEdge {
  readonly cursor: string;
  readonly node: Reference;
}

interface StoredConnection {
  readonly edges: readonly StoredEdge[];
  readonly pageInfo?: unknown;
}

/** The `filter` argument a stored `opportunities` list was fetched with (from its store field name). */
function filterOf(storeFieldName: string): Record<string, unknown> | null {
  const brace = storeFieldName.indexOf("{");
  if (brace < 0) return null;
  try {
    const args = JSON.parse(storeFieldName.slice(brace)) as { filter?: Record<string, unknown> | null };
    return args.filter ?? null;
  } catch {
    return null;
  }
}

/**
 * Whether a deal belongs in a list fetched with `filter`, by the filters the board sends (search,
 * stages); a list with another filter is left for its next fetch rather than guessed at.
 */
function belongsIn(filter: Record<string, unknown> | null, deal: { readonly title: string; readonly stage: string }): boolean {
  if (!filter) return true;
  const { search, stages, ...rest } = filter;
  if (Object.values(rest).some((value) => value != null)) return false;
  if (typeof search === "string" && search.trim() && !deal.title.toLowerCase().includes(search.trim().toLowerCase())) return false;
  if (Array.isArray(stages) && stages.length > 0 && !stages.includes(deal.stage)) return false;
  return true;
}

/**
 * Applies one boardChanged event to the cache. The event's opportunity is already normalized into
 * the cache by Apollo (so a card, the pipeline and a room header showing it change by themselves);
 * here a deal that is not yet in a loaded `opportunities` list is put at its top (newest first),
 * and a deal the viewer lost (or that no longer matches a list's search) is taken out of it.
 */
export function applyBoardChange(cache: ApolloCache, change: BoardChangeEvent): void {
  const deal = change.opportunity;
  cache.modify<{ opportunities: StoredConnection }>({
    fields: {
      opportunities(existing, { readField, storeFieldName, toReference }) {
        const list = existing as StoredConnection;
        if (!list || !Array.isArray(list.edges)) return existing;
        const index = list.edges.findIndex((edge) => readField<string>("id", edge.node) === change.opportunityId);
        if (change.kind === "ACCESS_LOST" || !deal) {
          return index < 0 ? existing : { ...list, edges: list.edges.filter((_, i) => i !== index) };
        }
        const belongs = belongsIn(filterOf(storeFieldName), deal);
        // Renamed out of a search: it leaves that list.
        if (index >= 0) return belongs ? existing : { ...list, edges: list.edges.filter((_, i) => i !== index) };
        if (!belongs) return existing;
        const node = toReference(deal);
        if (!node) return existing;
        return { ...list, edges: [{ __typename: "OpportunityEdge", cursor: "", node }, ...list.edges] };
      },
    },
  });
}
