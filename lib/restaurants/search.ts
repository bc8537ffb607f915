import "server-only";

import { and, isNull, sql, type SQL } from "drizzle-orm";

import { menuItems, restaurants } from "@/db/schema";
import type { Database } from "@/db/types";

/*
 * Search that finds food (migration 0006, decision 0013). A restaurant matches when its name, cuisine or
 * description does, or one of its dishes' name or description does; text is compared lower-case without accents
 * (platter_search_text), either as a substring (LIKE) or word by word with typos forgiven (pg_trgm's strict word
 * similarity, `<<%`, threshold 0.5: "sushii" finds "Sushi", "pasta" does not find "pastries"). Both tests are
 * served by the GIN trigram indexes, whose expressions are written here exactly as the migration indexes them.
 *
 * Rank, a whole number so that a keyset can compare it exactly: 2000 + similarity for a match in the name,
 * 1000 + similarity for one in the cuisine or description, similarity alone for a dish, similarity being
 * 0..999. The best dish that matched is shown on the result ("matches: Salmon nigiri").
 */

const restaurantText = sql`platter_search_text(${restaurants.name} || ' ' || ${restaurants.cuisine} || ' ' || ${restaurants.description})`;
const nameText = sql`platter_search_text(${restaurants.name})`;
const dishText = sql`platter_search_text(${menuItems.name} || ' ' || ${menuItems.description})`;

/** `q` compared as search compares text; and as a LIKE "contains" pattern in which % _ \ match themselves. */
function searchTerms(q: string) {
  const text = sql`platter_search_text(${q}::text)`;
  const escaped = sql`replace(replace(replace(${text}, ${"\\"}, ${"\\\\"}), ${"%"}, ${"\\%"}), ${"_"}, ${"\\_"})`;
  return { text, pattern: sql`'%' || ${escaped} || '%'` };
}

const matches = (document: SQL, terms: ReturnType<typeof searchTerms>) =>
  sql`(${document} like ${terms.pattern} or ${terms.text} <<% ${document})`;

const similarity = (document: SQL, terms: ReturnType<typeof searchTerms>) =>
  sql`floor(999 * strict_word_similarity(${terms.text}, ${document}))::int`;

/**
 * The restaurants matching `q`, one row each with its rank and best matching dish: a subquery to join the page to.
 * Reads only what the indexes find (matching restaurants and dishes), never the whole catalogue.
 */
export function searchHits(db: Database, q: string) {
  const terms = searchTerms(q);
  const restaurantHits = db
    .select({
      restaurantId: sql<number>`${restaurants.id}`.as("hit_restaurant_id"),
      score: sql<number>`case when ${matches(nameText, terms)} then 2000 + ${similarity(nameText, terms)}
        else 1000 + ${similarity(restaurantText, terms)} end`.as("hit_score"),
      dish: sql<string | null>`null::text`.as("hit_dish"),
    })
    .from(restaurants)
    .where(matches(restaurantText, terms));
  const dishHits = db
    .select({
      restaurantId: sql<number>`${menuItems.restaurantId}`.as("hit_restaurant_id"),
      score: sql<number>`${similarity(dishText, terms)}`.as("hit_score"),
      dish: sql<string | null>`${menuItems.name}`.as("hit_dish"),
    })
    .from(menuItems)
    .where(and(isNull(menuItems.deletedAt), matches(dishText, terms)));
  const hits = restaurantHits.unionAll(dishHits).as("search_hits");
  return db
    .select({
      restaurantId: sql<number>`${hits.restaurantId}`.as("ranked_restaurant_id"),
      rank: sql<number>`max(${hits.score})::int`.as("search_rank"),
      matchedDish: sql<string | null>`(array_agg(${hits.dish} order by ${hits.score} desc, ${hits.dish})
        filter (where ${hits.dish} is not null))[1]`.as("matched_dish"),
    })
    .from(hits)
    .groupBy(hits.restaurantId)
    .as("ranked");
}
