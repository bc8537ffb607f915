import { or, sql, type SQL, type SQLWrapper } from "drizzle-orm";

/** `q` as search compares text: lower case without accents (platter_search_text, migration 0006). */
export const searchText = (q: string | SQLWrapper): SQL => sql`platter_search_text(${q}::text)`;

/**
 * A LIKE "contains" pattern of `q` as search compares text, in which % _ \ match themselves. Escaped after the
 * folding, not before: unaccent turns the fullwidth ％ ＿ ＼ into % _ \, which escaped first came out as wildcards.
 * An uncorrelated scalar subquery, which PostgreSQL runs once per statement (an InitPlan) rather than per row.
 */
export const searchPattern = (q: string | SQLWrapper): SQL => {
  const escaped = sql`replace(replace(replace(${searchText(q)}, ${"\\"}, ${"\\\\"}), ${"%"}, ${"\\%"}), ${"_"}, ${"\\_"})`;
  return sql`(select '%' || ${escaped} || '%')`;
};

/**
 * `column` contains `text`, ignoring case and accents as the restaurant search does ("zoe" finds "Zoë", "PHO"
 * finds "Phở"): the staff's name and email searches. The trigram indexes of migration 0021 cover
 * platter_search_text of names and emails.
 */
export const containsText = (column: SQLWrapper, text: string): SQL => foldedContains(searchText(column), text);

/** `folded`, text already as search compares it (a stored platter_search_text, e.g. restaurant_customers'), contains `text`. */
export const foldedContains = (folded: SQLWrapper, text: string): SQL => sql`${folded} like ${searchPattern(text)}`;

/**
 * The account of `profileId` has a name or an email that contains `text` (containsText), or undefined for no
 * search: the staff's account searches. Written as the union of one search per table, each by its trigram index
 * (migration 0021). The same test as an OR across the joined profiles and users could use neither index, and read
 * and folded every account (42 ms at 4,000 accounts, growing with them). Each compares the stored folded text
 * (search_text, migration 0026): a short name, with no trigram to narrow by, re-checks every account, and folding
 * each one there took half a second at 20,000 customers.
 */
export const accountMatches = (profileId: SQLWrapper, text: string | undefined): SQL | undefined => {
  const q = text?.trim();
  if (!q) return undefined;
  return sql`${profileId} in (
    select sp.id from profiles sp where ${foldedContains(sql`sp.search_text`, q)}
    union all
    select sp.id from users su join profiles sp on sp.user_id = su.id where ${foldedContains(sql`su.search_text`, q)})`;
};

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
