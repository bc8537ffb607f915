import { z } from "zod";

import { SLUG_MAX, SLUG_PATTERN } from "@/db/slug";

export const MAX_INT4 = 2_147_483_647;

/** An order number typed as digits that no order id can be (0, or past the int4 range): the staff searches' words. */
export const NO_SUCH_ORDER_NUMBER = "No order has that number.";

/**
 * An order list's restaurant filter that is not one of its choices: not an id, a restaurant since gone, or (in a
 * customer's history) one never ordered from.
 */
export const UNKNOWN_RESTAURANT = "Choose a restaurant from the list.";

/** The field error of a restaurant filter `id` that is none of the list's `choices` (an edited or stale link), or none. */
export const unknownRestaurantError = (id: number | undefined, choices: readonly { id: number }[]) =>
  id !== undefined && !choices.some((choice) => choice.id === id) ? { restaurant: [UNKNOWN_RESTAURANT] } : undefined;

/**
 * An id from a form field or URL: digits only (no "1e3", " 12", "-1" or "1.0"), within Postgres' integer range.
 * Whether the record exists, and is the caller's, is for the query to decide.
 */
export const recordId = (message = "Missing id.") =>
  z
    .string({ error: message })
    .regex(/^\d{1,10}$/, message)
    .transform(Number)
    .refine((id) => id > 0 && id <= MAX_INT4, message);

/**
 * `schema` (a z.coerce.number chain) for a number sent as text, read only if the text has `shape`: Number() alone
 * also reads "1e1" as 10 and "0x10" as 16. Text of another shape fails `schema`'s own number check.
 */
export const numberText = <T extends z.ZodType>(shape: RegExp, schema: T) =>
  z.preprocess((value) => (typeof value === "string" && !shape.test(value) ? Number.NaN : value), schema);

/** A number as a person types one in a form: digits, perhaps a sign and a decimal part ("1.5" is refused later). */
export const PLAIN_NUMBER = /^\s*-?\d*(\.\d+)?\s*$/;

/**
 * What PostgreSQL cannot store in text at all: NUL, and UTF-16 halves without their partner (lone surrogates,
 * which JavaScript strings allow and UTF-8 does not). A value holding one is never one of ours.
 */
const NOT_STORABLE = /[\u0000\p{Cs}]/u;
export const isStorableText = (value: string) => !NOT_STORABLE.test(value);

/*
 * Plain text typed by a person has no control characters (C0, DEL, C1) and no bidi embedding/override/isolate
 * controls (the "Trojan Source" characters that make text display differently from what it is). Zero-width
 * joiners and other format characters stay: emoji sequences and some scripts need them. Multi-line fields keep
 * tab, line feed and carriage return.
 */
const UNSAFE_LINE = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]/u;
const UNSAFE_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\p{Cs}\u202A-\u202E\u2066-\u2069]/u;
export const UNSAFE_TEXT_MESSAGE = "Remove control or invisible formatting characters.";

export const hasUnsafeCharacters = (value: string, { multiline = false } = {}) =>
  (multiline ? UNSAFE_MULTILINE : UNSAFE_LINE).test(value);

/**
 * Something a reader can see: not only format characters (zero-width space and joiners, which the safe-text rule
 * keeps for emoji and scripts that need them), combining marks with nothing to sit on, blanks that are letters
 * (Hangul fillers, the braille blank) or white space. A dish or an address made of U+200B alone was saved, and
 * showed as nothing on the menu and on the kitchen's ticket.
 */
const VISIBLE = /[^\p{Cf}\p{M}\p{White_Space}\u115F\u1160\u2800\u3164\uFFA0]/u;
export const hasVisibleText = (value: string) => VISIBLE.test(value);

/**
 * The one schema for free text from a form field or a URL: a string (absent counts as empty), NFC-normalized and
 * trimmed, at most `max` characters, with no control characters or lone surrogates (which would otherwise reach
 * PostgreSQL and fail there). Text with nothing visible in it counts as empty. `min: 1` with `label` makes it
 * required ("Enter a name.").
 */
export function plainText({
  max,
  min = 0,
  label,
  multiline = false,
}: {
  max: number;
  min?: number;
  label?: string;
  multiline?: boolean;
}) {
  const required = `Enter ${label ?? "a value"}.`;
  return (
    z
      .string({ error: min > 0 ? required : "Enter text." })
      .optional()
      // A textarea's line breaks arrive as CRLF, though the browser counted each as one character against maxlength:
      // counted as two, a note that fitted the box was refused. Stored as LF.
      .transform((value) => (value ?? "").replace(/\r\n?/g, "\n").normalize("NFC").trim())
      .pipe(
        z
          .string()
          .refine((value) => !hasUnsafeCharacters(value, { multiline }), UNSAFE_TEXT_MESSAGE)
          // Nothing a reader could see (a note of U+200B printed "Note: " and a blank on the kitchen's ticket): empty.
          .transform((value) => (hasVisibleText(value) ? value : ""))
          .refine((value) => value.length >= min, required)
          // Counted in characters (code points) as PostgreSQL's char_length checks count them, not in UTF-16 units:
          // a name of 61 emoji is 122 units and was refused as longer than 120 characters.
          .refine((value) => codePoints(value) <= max, `Use at most ${max} characters.`),
      )
  );
}

/** Length as PostgreSQL's char_length counts it: characters (code points), not UTF-16 units. */
export const codePoints = (value: string) => Array.from(value).length;

/** A slug in a URL path: the shape the database allows for profiles and restaurants (lower-case ASCII words and dashes). */
export const pathSlug = z.string().max(SLUG_MAX).regex(SLUG_PATTERN);

/**
 * A YYYY-MM-DD calendar day that exists (no 2026-02-30), as <input type="date"> sends it, in years 1 to 9999
 * (PostgreSQL has no year 0).
 */
export const calendarDay = z
  // Not text at all: a repeated parameter (?from=a&from=b) arrives as an array.
  .string({ error: "Use a date like 2026-01-31." })
  // Each check aborts on failure: "abc" is told the format once, not also that such a date does not exist.
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "Use a date like 2026-01-31.", abort: true })
  .refine((d) => d >= "0001-01-01", { message: "Use a date from the year 1 on.", abort: true })
  .refine((d) => {
    const date = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(d);
  }, "That date does not exist.");

const optionalDay = z.preprocess((v) => (v === "" || v === null ? undefined : v), calendarDay.optional());

/**
 * An inclusive range of whole days (in the zone the filter says: the viewer's or a restaurant's),
 * either end open: the fields to spread into a filter's schema, and the refinement that keeps them in order.
 */
export const dayRangeFields = { from: optionalDay, to: optionalDay };
export const dayRangeInOrder: [(r: { from?: string; to?: string }) => boolean, { message: string; path: string[] }] = [
  (r) => !r.from || !r.to || r.from <= r.to,
  { message: "The start date must not be after the end date.", path: ["to"] },
];

/**
 * The customer's yes to an action that replaces their cart's lines (an add from another restaurant, "Order
 * again"): the confirmation button sends replace=1, anything else is no.
 */
export const replaceConfirmed = z
  .literal("1")
  .optional()
  .transform((value) => value === "1");

/**
 * The version of what a form showed (an md5 digest of it), sent back with a save so that a form drawn before
 * someone else's change is refused instead of writing its old values over it. Absent, the save overwrites
 * whatever is (a client that never drew the form).
 */
export const formVersion = z
  .string()
  .regex(/^[0-9a-f]{32}$/, "Reload the page and try again.")
  .optional();
