import { ValidateString } from "../../validation.js";

/**
 * Close dates are calendar days (YYYY-MM-DD) from 1970-01-01 to 9999-12-31: wide enough for any
 * deal, and inside what PostgreSQL's `date` and JavaScript's Date both hold (year 0 is neither).
 */
export const CLOSE_DATE_MIN = "1970-01-01";
export const CLOSE_DATE_MAX = "9999-12-31";

/** Why `value` is not a close date, or null when it is one. */
export function closeDateProblem(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return "must be a date as YYYY-MM-DD";
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return "is not a real date";
  if (value < CLOSE_DATE_MIN || value > CLOSE_DATE_MAX) return `must be from ${CLOSE_DATE_MIN} to ${CLOSE_DATE_MAX}`;
  return null;
}

/** class-validator rule: a close date as `closeDateProblem` sees it, with its reason as the message. */
export const IsCloseDate = (): PropertyDecorator => ValidateString("isCloseDate", closeDateProblem);
