/**
 * Rules of a room's meetings both apps apply: the server refuses what breaks them, the web app
 * says so before sending.
 */

/** Shortest and longest meeting, in minutes. */
export const MEETING_DURATION_MIN = 5;
export const MEETING_DURATION_MAX = 480;
/** Longest agenda, in characters. */
export const MEETING_AGENDA_MAX = 4000;
/** How far ahead a meeting can be scheduled, in days. */
export const MEETING_HORIZON_DAYS = 730;

/** Why `minutes` cannot be a meeting's duration, or null when it can. */
export function meetingDurationProblem(minutes: number): string | null {
  if (!Number.isInteger(minutes) || minutes < MEETING_DURATION_MIN || minutes > MEETING_DURATION_MAX)
    return `must be a whole number of minutes from ${MEETING_DURATION_MIN} to ${MEETING_DURATION_MAX}`;
  return null;
}

/** Date, time (seconds and fraction optional) and a zone: `Z` or `±hh:mm` (RFC 3339). */
const ZONED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * Why `value` is not an ISO 8601 time with a zone, or null when it is one. A time without a zone
 * means a different instant on every machine that reads it.
 */
export function zonedTimeProblem(value: string): string | null {
  if (!ZONED_TIME.test(value)) return "must be an ISO 8601 time with Z or an offset, such as 2027-01-15T17:00:00Z";
  if (Number.isNaN(new Date(value).getTime())) return "is not a real time";
  return null;
}

/** Why `startsAt` cannot be a meeting's start as of `now`, or null when it can. */
export function meetingStartProblem(startsAt: Date, now: Date = new Date()): string | null {
  if (Number.isNaN(startsAt.getTime())) return "is not a real time";
  if (startsAt.getTime() <= now.getTime()) return "must be in the future";
  if (startsAt.getTime() > now.getTime() + MEETING_HORIZON_DAYS * 24 * 60 * 60 * 1000)
    return `must be within ${MEETING_HORIZON_DAYS} days from now`;
  return null;
}
