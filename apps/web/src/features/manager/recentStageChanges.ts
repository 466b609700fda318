import type { LiveStageChange } from "../live/live";

/** How many of the newest moves the stream loads on open. */
export const RECENT_MOVES = 50;
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** A move's identity in the stream: the same move from the stored history and from the live feed is one. */
export const moveKey = (change: Pick<LiveStageChange, "at" | "toStage"> & { opportunity: { id: string } }): string =>
  `${change.opportunity.id}-${change.toStage}-${change.at}`;

/**
 * Live moves in front of the stored ones of the last seven days (`now` for tests), newest first,
 * without duplicates (a move can arrive live while the history loads), at most `limit`.
 */
export function mergeMoves(
  live: readonly LiveStageChange[],
  stored: readonly LiveStageChange[],
  now: number = Date.now(),
  limit = RECENT_MOVES,
): LiveStageChange[] {
  const seen = new Set<string>();
  const merged: LiveStageChange[] = [];
  for (const change of [...live, ...stored.filter((c) => now - new Date(c.at).getTime() <= WEEK_MS)]) {
    const key = moveKey(change);
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(change);
  }
  return merged.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
}
