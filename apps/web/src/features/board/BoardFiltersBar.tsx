import { STAGE_ORDER } from "@cosell/schema";
import { useEffect, useId, useRef, useState } from "react";
import { stageLabel } from "../../format";
import type { BoardFilters } from "./filters";
import { hasFilters, noFilters } from "./filters";
import type { OrganizationRef } from "./pipeline";

/** How long typing pauses before the search goes to the server. */
export const SEARCH_DEBOUNCE_MS = 250;

export interface BoardFiltersBarProps {
  filters: BoardFilters;
  onChange: (filters: BoardFilters) => void;
  /** Partner organizations on the loaded deals. */
  partners: readonly OrganizationRef[];
}

export function BoardFiltersBar({ filters, onChange, partners }: BoardFiltersBarProps) {
  const ids = { search: useId(), partner: useId() };
  const [search, setSearch] = useState(filters.search);
  const latest = useRef({ filters, onChange });
  latest.current = { filters, onChange };

  // Follow the address when it changes from elsewhere (back button, "Clear filters").
  useEffect(() => setSearch(filters.search), [filters.search]);

  useEffect(() => {
    if (search === latest.current.filters.search) return;
    const timer = setTimeout(() => latest.current.onChange({ ...latest.current.filters, search }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search]);

  function toggleStage(stage: (typeof STAGE_ORDER)[number]) {
    const stages = filters.stages.includes(stage)
      ? filters.stages.filter((s) => s !== stage)
      : STAGE_ORDER.filter((s) => s === stage || filters.stages.includes(s));
    onChange({ ...filters, stages });
  }

  const partnerMissing = filters.partnerId !== null && !partners.some((p) => p.id === filters.partnerId);

  return (
    <div className="board-filters" role="search" aria-label="Filter deals">
      <div className="filter-search">
        <label htmlFor={ids.search} className="visually-hidden">
          Search deals by title
        </label>
        <input
          id={ids.search}
          type="search"
          placeholder="Search deals…"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") onChange({ ...filters, search });
          }}
        />
      </div>
      <div className="stage-chips" role="group" aria-label="Show stages">
        {STAGE_ORDER.map((stage) => (
          <button
            key={stage}
            type="button"
            className="chip"
            aria-pressed={filters.stages.includes(stage)}
            onClick={() => toggleStage(stage)}
          >
            {stageLabel(stage)}
          </button>
        ))}
      </div>
      <div className="filter-partner">
        <label htmlFor={ids.partner} className="visually-hidden">
          Partner organization
        </label>
        <select
          id={ids.partner}
          value={filters.partnerId ?? ""}
          onChange={(event) => onChange({ ...filters, partnerId: event.target.value || null })}
        >
          <option value="">All partners</option>
          {partnerMissing && <option value={filters.partnerId ?? ""}>Selected partner</option>}
          {partners.map((partner) => (
            <option key={partner.id} value={partner.id}>
              {partner.name}
            </option>
          ))}
        </select>
      </div>
      {hasFilters(filters) && (
        <button type="button" className="button-link" onClick={() => onChange(noFilters)}>
          Clear filters
        </button>
      )}
    </div>
  );
}
