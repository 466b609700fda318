import pg from "pg";

/** PostgreSQL's type id of `timestamptz`. */
export const TIMESTAMPTZ_OID = 1184;

const defaultParser = pg.types.getTypeParser(TIMESTAMPTZ_OID, "text") as (text: string) => Date | number | null;

/**
 * `timestamptz` values as `pg` gives them (a Date, the same instant), read without a regular
 * expression for the form PostgreSQL writes in its ISO date style, `2026-12-01 05:33:34.123456+00`
 * (any offset, `+05:30` too); anything else (infinity, BC, years outside 1000–9999, a
 * seconds offset) goes to pg's own parser. A page of the board reads about 300 of them: pg's parser
 * was a tenth of the server's CPU for it (bench/).
 */
export function parseTimestamptz(text: string): Date | number | null {
  const n = text.length;
  // YYYY-MM-DD HH:MM:SS, then an optional fraction, then ±HH or ±HH:MM.
  if (n < 22 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 32) return defaultParser(text);
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return defaultParser(text);
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 1000 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return defaultParser(text);
  let at = 19;
  let ms = 0;
  if (text.charCodeAt(at) === 46) {
    let end = at + 1;
    while (end < n && isDigit(text.charCodeAt(end))) end += 1;
    if (end === at + 1) return defaultParser(text);
    // As pg's parser computes it, so the instant is the same to the millisecond.
    ms = 1000 * parseFloat(text.slice(at, end));
    at = end;
  }
  const sign = text.charCodeAt(at);
  if (sign !== 43 && sign !== 45) return defaultParser(text);
  const offsetHours = digits(text, at + 1, 2);
  let offsetMinutes = 0;
  if (at + 3 === n) {
    // ±HH
  } else if (at + 6 === n && text.charCodeAt(at + 3) === 58) {
    offsetMinutes = digits(text, at + 4, 2);
  } else {
    return defaultParser(text);
  }
  if (offsetHours < 0 || offsetMinutes < 0) return defaultParser(text);
  const offsetMs = (sign === 45 ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60) * 1000;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMs);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The number written by `count` decimal digits at `from`, or -1 if any is not a digit. */
function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) return -1;
    value = value * 10 + (code - 48);
  }
  return value;
}

/** The type parsers cosell's pool uses: pg's own, with `parseTimestamptz` for timestamptz. */
export function cosellTypes(): pg.CustomTypesConfig {
  const types = new pg.TypeOverrides();
  types.setTypeParser(TIMESTAMPTZ_OID, "text", parseTimestamptz);
  return types;
}
