import { or, sql, type SQL, type SQLWrapper } from "drizzle-orm";

/**
 * A "contains" pattern for (I)LIKE that matches the text literally: LIKE treats % and _ as wildcards and \ as its
 * escape, so a search for "50%_off" escapes all three. Used by every search box (restaurants, admin users).
 */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * `column` contains `text`, ignoring case and accents as the restaurant search does ("zoe" finds "Zoë", "PHO"
 * finds "Phở"): the staff's name and email searches. Both sides go through platter_search_text (migration 0006),
 * which the trigram indexes of migration 0021 index; the pattern is an uncorrelated subquery, run once per
 * statement rather than once per row (lib/restaurants/search.ts explains why).
 */
export const containsText = (column: SQLWrapper, text: string): SQL =>
  sql`platter_search_text(${column}) like (select platter_search_text(${likePattern(text)}::text))`;

/** Any of `columns` contains `text` (containsText), or undefined for no search. */
export const anyContainsText = (columns: SQLWrapper[], text: string | undefined): SQL | undefined => {
  const q = text?.trim();
  return q ? or(...columns.map((column) => containsText(column, q))) : undefined;
};

/**
 * A customer search (admin orders, an owner's past orders) reads each matching customer's newest orders through
 * their own index, so its cost is this many customers times a page, whatever their histories (one customer may
 * have 100,000 orders). More matches than this and the page asks for a narrower search instead of reading
 * everyone's orders.
 */
export const MAX_MATCHED_CUSTOMERS = 50;
