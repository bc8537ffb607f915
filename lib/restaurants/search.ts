import "server-only";

import { and, isNull, sql, type SQL, type SQLWrapper } from "drizzle-orm";

import { menuItems, restaurants } from "@/db/schema";
import type { Database } from "@/db/types";
import { searchPattern, searchText } from "@/lib/search";

/*
 * Search that finds food (migration 0006, decision 0013). A restaurant matches when its name, cuisine or
 * description does, or one of its dishes' name or description does; text is compared lower-case without accents
 * (platter_search_text), either as a substring (LIKE) or word by word with typos forgiven (pg_trgm's strict word
 * similarity, `<<%`, threshold 0.5: "sushii" finds "Sushi", "pasta" does not find "pastries"). Both tests are
 * served by the GIN trigram indexes on each row's stored search text (migration 0015).
 *
 * Rank, a whole number so that a keyset can compare it exactly, from three things known about each match:
 * - 3000 when the text holds every word of the query as a whole word (its full-text rank is above 0): a word found
 *   says more than letters found, so this comes first ("curry" ranks a dish "Fish curry" above "Curryworks");
 * - where it matched: 2000 in the restaurant's name, 1000 in its cuisine or description, 0 in a dish (a
 *   restaurant's words are looked for in its name, cuisine and description together);
 * - how well, 0..999: half the full-text rank (the words next to each other: 1; spread out: less) plus half the
 *   trigram similarity (1 for the exact words; typos and extra words lower it).
 * So "fried rice" ranks "Fried chicken with rice" (every word, apart) above "Fried ice cream" (closer in trigrams,
 * but no rice), while a typo ("sushii") still finds, and ranks by trigrams alone. Both ranks are computed only for
 * the rows the trigram indexes found. The best dish that matched is shown on the result ("matches: Salmon
 * nigiri").
 */

// What search compares, stored on each row (migration 0015: platter_search_text of these fields, a generated
// column the trigram indexes cover) and left out of the Drizzle schema, like search_words, so that no other read
// carries it. Re-checking a candidate reads it instead of running unaccent() again.
const restaurantText = sql`${restaurants}.search_text`;
const nameText = sql`platter_search_text(${restaurants.name})`;
const dishText = sql`${menuItems}.search_text`;

/**
 * `q` compared as search compares text; as a LIKE "contains" pattern in which % _ \ match themselves; and as
 * full-text words. plainto_tsquery reads words only (operators such as & | ! : * are punctuation to it, never
 * syntax), and the 'simple' configuration neither stems nor drops words, being no language in particular.
 *
 * Each is an uncorrelated scalar subquery, which PostgreSQL runs once per statement (an InitPlan) and hands to the
 * index scans as a value: in a prepared statement's generic plan, where `q` is a parameter and not a constant to
 * fold, a bare platter_search_text(q) would run unaccent again for every candidate row.
 */
function searchTerms(q: string | SQLWrapper) {
  return {
    text: sql`(select ${searchText(q)})`,
    pattern: searchPattern(q),
    // A hyphen is punctuation, as it is to the trigrams: plainto_tsquery reads "banh-mi" as the compound 'banh-mi'
    // and its parts, all required, so a dish written "Bánh mì" lost every word's rank to a name merely resembling
    // it. Spaced, it asks for 'banh' & 'mi', which a hyphenated text holds too (its parts are indexed beside it).
    words: sql`(select plainto_tsquery('simple', translate(${searchText(q)}, '-', ' ')))`,
  };
}
type Terms = ReturnType<typeof searchTerms>;

/** The two ways a text matches: it contains the query, or it has words like the query's (typos forgiven). */
const contains = (document: SQL, terms: Terms) => sql`${document} like ${terms.pattern}`;
const resembles = (document: SQL, terms: Terms) => sql`${terms.text} <<% ${document}`;
const matches = (document: SQL, terms: Terms) => sql`(${contains(document, terms)} or ${resembles(document, terms)})`;

/** Trigram similarity, 0..1: 1 for the query's exact words; typos and extra words lower it. */
const similarity = (document: SQL, terms: Terms) => sql<number>`strict_word_similarity(${terms.text}, ${document})`;

/**
 * A restaurant name's similarity: the word similarity above is 1 for every name holding the query's words, so
 * "wok" tied "Wok" with "Golden Wok" and the tie (by name) put the restaurant named as typed second. A fifth is the
 * similarity of the whole name, which extra words lower. Names only: a restaurant's name is a few words and there
 * are a few hundred, while dishes (a thousand candidates for "creme ramen") keep the one comparison.
 */
const nameSimilarity = (terms: Terms) =>
  sql<number>`(0.8 * ${similarity(nameText, terms)} + 0.2 * similarity(${terms.text}, ${nameText}))`;

/**
 * Full-text rank, 0..1, of the words of a row's search text (`search_words`, a stored generated column of migration
 * 0014, left out of the Drizzle schema so that no other read carries it): ts_rank_cd, the cover density, with every
 * position weighing 1, is 1 for the query's words next to each other, less the further apart they are, and 0
 * unless every word is there; capped at 1 so that a word repeated does not count twice. Ranked only when every word
 * is there (`@@`): the same 0 otherwise, and matching costs a quarter of ranking for the candidates a typo brings in.
 */
const wordsRank = (table: typeof restaurants | typeof menuItems, terms: Terms) =>
  sql<number>`case when ${table}.search_words @@ ${terms.words}
    then least(1, ts_rank_cd('{1,1,1,1}', ${table}.search_words, ${terms.words})) else 0 end`;

/**
 * Whether a search looks at dishes: from two characters on. One letter is in most dishes' text (a trigram index
 * cannot narrow it: "a" is in 7,200 of bench:search's 10,000 dishes), so ranking them all cost 35–70 ms, over the
 * 20 ms a search may take, to answer a question nobody asks of dishes. One letter searches the restaurants (200
 * rows at most on a page's worth of work), and the page says that a second letter searches dishes too.
 */
export const searchesDishes = (q: string) => [...q].length >= 2;

/**
 * The restaurants matching `q`, one row each with its rank and best matching dish: a subquery to join the page to.
 * Reads only what the indexes find (matching restaurants and dishes), never the whole catalogue. Without `dishes`
 * (a one-letter search, searchesDishes), restaurants alone.
 */
export function searchHits(db: Database, q: string | SQLWrapper, { dishes }: { dishes: boolean }) {
  const terms = searchTerms(q);
  // Where it matched: 2 in the name, 1 in the cuisine or description. Every word is looked for in all three.
  const inName = matches(nameText, terms);
  const restaurantHits = db
    .select({
      restaurantId: sql<number>`${restaurants.id}`.as("hit_restaurant_id"),
      field: sql<number>`case when ${inName} then 2 else 1 end`.as("hit_field"),
      similarity: sql<number>`case when ${inName} then ${nameSimilarity(terms)}
        else ${similarity(restaurantText, terms)} end`.as("hit_similarity"),
      wordsRank: wordsRank(restaurants, terms).as("hit_words_rank"),
      dish: sql<string | null>`null::text`.as("hit_dish"),
    })
    .from(restaurants)
    .where(matches(restaurantText, terms));
  const dishColumns = {
    restaurantId: sql<number>`${menuItems.restaurantId}`.as("hit_restaurant_id"),
    field: sql<number>`0`.as("hit_field"),
    similarity: similarity(dishText, terms).as("hit_similarity"),
    wordsRank: wordsRank(menuItems, terms).as("hit_words_rank"),
    dish: sql<string | null>`${menuItems.name}`.as("hit_dish"),
  };
  // The dishes' two tests as two branches, not one OR: a bitmap scan over an OR of two index conditions re-checks
  // each candidate against both and then filters it by the OR again, evaluating the costly word similarity twice
  // for each of a thousand candidates ("creme ramen"); here each candidate is re-checked once.
  const substringDishes = db
    .select(dishColumns)
    .from(menuItems)
    .where(and(isNull(menuItems.deletedAt), contains(dishText, terms)));
  const similarDishes = db
    .select(dishColumns)
    .from(menuItems)
    // The cheap substring test first: PostgreSQL keeps the written order of tests it costs alike, and a dish the
    // first branch found ("sushi" on 250 menus) then skips the word similarity.
    .where(and(isNull(menuItems.deletedAt), sql`not (${contains(dishText, terms)})`, resembles(dishText, terms)));
  const hits = (dishes ? restaurantHits.unionAll(substringDishes).unionAll(similarDishes) : restaurantHits).as(
    "search_hits",
  );
  const score = sql`(case when ${hits.wordsRank} > 0 then 3000 else 0 end + 1000 * ${hits.field}
    + floor(500 * ${hits.wordsRank} + 499 * ${hits.similarity}))`;
  return db
    .select({
      restaurantId: sql<number>`${hits.restaurantId}`.as("ranked_restaurant_id"),
      rank: sql<number>`max(${score})::int`.as("search_rank"),
      matchedDish: sql<string | null>`(array_agg(${hits.dish} order by ${score} desc, ${hits.dish})
        filter (where ${hits.dish} is not null))[1]`.as("matched_dish"),
    })
    .from(hits)
    .groupBy(hits.restaurantId)
    .as("ranked");
}

/**
 * Whether search would find anything for `q` (a column of the statement, not a constant): a restaurant with a live
 * dish that matches, or whose own text does, each passing `filter` (conditions on `restaurants`, the page's
 * filters). The same tests as searchHits, with the dishes' two tests again apart: did-you-mean (suggest.ts) asks
 * this of each variant of a query, dishes first, so that a variant found there skips the restaurants' test, which
 * on a small table is a sequential scan computing the word similarity of every restaurant.
 *
 * Counted rather than EXISTS: planned to stop at its first row, an EXISTS expected one among the ~50 dishes its
 * generic estimate gives a parameter's pattern within the first 2% of the table, and so read menu_items
 * sequentially, computing the word similarity of all 10,000 dishes for each variant (about 50 ms each), where the
 * trigram index finds none in 0.1 ms. A count is costed as reading every match, which the index does best.
 */
export function searchFindsAny(q: SQLWrapper, filter: SQL | undefined): SQL<boolean> {
  const terms = searchTerms(q);
  const found = (table: SQL, where: SQL | undefined) => sql`(select count(*) from ${table} where ${where}) > 0`;
  const dishes = filter
    ? sql`${menuItems} join ${restaurants} on ${restaurants.id} = ${menuItems.restaurantId}`
    : sql`${menuItems}`;
  const liveDishes = (test: SQL) => found(dishes, and(isNull(menuItems.deletedAt), test, filter));
  return sql<boolean>`(${liveDishes(contains(dishText, terms))} or ${liveDishes(resembles(dishText, terms))}
    or ${found(sql`${restaurants}`, and(matches(restaurantText, terms), filter))})`;
}
