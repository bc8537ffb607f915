import { z } from "zod";

/**
 * An id from a form field or URL: digits only (no "1e3", " 12", "-1" or "1.0"), within Postgres' integer range.
 * Whether the record exists, and is the caller's, is for the query to decide.
 */
export const recordId = (message = "Missing id.") =>
  z
    .string({ error: message })
    .regex(/^\d{1,10}$/, message)
    .transform(Number)
    .refine((id) => id > 0 && id <= 2_147_483_647, message);

/** A YYYY-MM-DD calendar day that exists (no 2026-02-30), as <input type="date"> sends it. */
export const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-01-31.")
  .refine((d) => {
    const date = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(d);
  }, "That date does not exist.");

const optionalDay = z.preprocess((v) => (v === "" || v === null ? undefined : v), calendarDay.optional());

/**
 * An inclusive range of whole days in APP_TIME_ZONE, either end open: the fields to spread into a filter's
 * schema, and the refinement that keeps them in order.
 */
export const dayRangeFields = { from: optionalDay, to: optionalDay };
export const dayRangeInOrder: [(r: { from?: string; to?: string }) => boolean, { message: string; path: string[] }] = [
  (r) => !r.from || !r.to || r.from <= r.to,
  { message: "The start date must not be after the end date.", path: ["to"] },
];
