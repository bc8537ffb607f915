import { z } from "zod";

import { maxTextCursorLength } from "@/lib/keyset";
import { isStorableText, MAX_INT4, plainText } from "@/lib/validation";

/** The search box's maxlength (app/page.tsx). */
export const SEARCH_MAX = 60;

/**
 * A search longer than the box allows (an edited or shared address) is searched by its first SEARCH_MAX
 * characters, as the box would have cut it, rather than dropped: dropped, the page listed every restaurant as if
 * they all matched. Cut after plainText has normalized it (which can lengthen it), never through a surrogate pair.
 */
const withinSearchBox = (text: string) => {
  if (text.length <= SEARCH_MAX) return text;
  const cut = text.slice(0, SEARCH_MAX);
  return (/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut).trimEnd();
};

/**
 * Home page search: free text over restaurants and their dishes (lib/restaurants/search.ts), and a keyset cursor:
 * after (name, id) when browsing, after (rank, name, id) in a search's ranked results.
 */
export const browseSchema = z.object({
  // An unusable search (control characters, repeated) shows every restaurant rather than failing.
  // Any length a URL can carry: the cut, not plainText's limit, keeps the search to the box's size.
  q: plainText({ max: 16_384 }).transform(withinSearchBox).optional().catch(undefined),
  // Filters: one cuisine (as the cards name it, any case) and "open now" (open=1). Unusable values filter nothing.
  cuisine: plainText({ max: 60 }).optional().catch(undefined),
  open: z.literal("1").optional().catch(undefined),
  // Judged by decodeRestaurantCursor, length included. A value that is not even text (?after=a&after=b) is refused
  // as null, as a cursor not of ours is: the first page with a note, the search and filters kept.
  after: z.string().nullish().catch(null),
});

/** restaurants_name_length: names of 1 to 120 characters (code points). */
const MAX_NAME_CHARS = 120;
const MAX_RANK = 9_999;
/** The longest cursor encodeRestaurantCursor can issue: a search's, after a restaurant with the longest name. */
export const MAX_RESTAURANT_CURSOR_LENGTH = maxTextCursorLength(
  MAX_NAME_CHARS,
  JSON.stringify(["", MAX_INT4, MAX_RANK]),
);

// A name compared in SQL: text PostgreSQL can hold. Its limit in UTF-16 units: two per astral character (an emoji).
const cursorName = z
  .string()
  .min(1)
  .max(MAX_NAME_CHARS * 2)
  .refine(isStorableText);
const cursorShape = z.union([
  z.tuple([cursorName, z.number().int().positive().max(MAX_INT4)]),
  z.tuple([
    cursorName,
    z.number().int().positive().max(MAX_INT4),
    // A search rank (lib/restaurants/search.ts): a whole number, so that the keyset compares exactly.
    z.number().int().min(0).max(MAX_RANK),
  ]),
]);
export type RestaurantCursor = { name: string; id: number; rank?: number };

export const encodeRestaurantCursor = (c: RestaurantCursor) =>
  Buffer.from(JSON.stringify(c.rank === undefined ? [c.name, c.id] : [c.name, c.id, c.rank])).toString("base64url");

/**
 * undefined: first page. null: not a cursor of ours (browseSchema's null included: not text), or one of the other
 * kind (a browsing cursor in a search, or a search's cursor without one): the caller shows the first page with a note.
 */
export function decodeRestaurantCursor(
  value: string | null | undefined,
  { search }: { search: boolean } = { search: false },
): RestaurantCursor | null | undefined {
  if (value === undefined || value === "") return undefined;
  if (value === null || value.length > MAX_RESTAURANT_CURSOR_LENGTH) return null;
  try {
    const [name, id, rank] = cursorShape.parse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    if ((rank !== undefined) !== search) return null;
    return rank === undefined ? { name, id } : { name, id, rank };
  } catch {
    return null;
  }
}
