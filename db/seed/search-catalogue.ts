/**
 * A synthetic catalogue for search measurements: `restaurants` restaurants with `dishesEach` dishes each, named
 * from a few dozen dishes of many cuisines ("Spicy ramen", "Crème gnocchi"), so that a search for a dish matches a
 * realistic share of the menus. Used by the search plan test and by `npm run bench:search`; set-based SQL, seconds
 * for 10,000 dishes.
 */
import { sql } from "drizzle-orm";

import type { Database } from "../types";

export const CATALOGUE = { restaurants: 200, dishesEach: 50 };
const NOUNS = [
  "sushi",
  "pizza",
  "pasta",
  "ramen",
  "pho",
  "tacos",
  "curry",
  "burger",
  "salad",
  "soup",
  "dumplings",
  "noodles",
  "risotto",
  "paella",
  "kebab",
  "falafel",
  "bibimbap",
  "gyoza",
  "tempura",
  "lasagne",
  "burrito",
  "quesadilla",
  "shawarma",
  "moussaka",
  "souvlaki",
  "gnocchi",
  "ravioli",
  "tagine",
  "couscous",
  "biryani",
  "samosa",
  "naan",
  "pad thai",
  "laksa",
  "satay",
  "croquettes",
  "tortilla",
  "empanadas",
  "ceviche",
  "poke",
];
const ADJECTIVES = ["Spicy", "Grilled", "Crispy", "Smoked", "Sweet", "Classic", "Roasted", "Fresh", "Golden", "Crème"];

/** Inserts the catalogue (slugs `plan-search-<n>`) in one transaction. */
export async function insertSearchCatalogue(db: Database, { restaurants, dishesEach } = CATALOGUE): Promise<void> {
  const nouns = `array[${NOUNS.map((n) => `'${n}'`).join(", ")}]`;
  const adjectives = `array[${ADJECTIVES.map((a) => `'${a}'`).join(", ")}]`;
  await db.transaction(async (tx) => {
    await tx.execute(
      sql.raw(`
        insert into restaurants (slug, name, cuisine, description, address)
        select 'plan-search-' || g, 'Kitchen ' || lpad(g::text, 3, '0'),
               (array['Thai', 'Italian', 'Japanese', 'Mexican', 'Indian', 'Greek', 'Korean', 'French'])[1 + g % 8],
               'A neighbourhood place, table ' || g, g || ' Search Street'
        from generate_series(1, ${restaurants}) g`),
    );
    await tx.execute(sql.raw(`insert into menu_categories (restaurant_id, name) select id, 'Mains' from restaurants`));
    await tx.execute(
      sql.raw(`
        insert into menu_items (restaurant_id, category_id, name, description, price_cents, position)
        select c.restaurant_id, c.id,
               (${adjectives})[1 + (c.restaurant_id * 3 + i) % ${ADJECTIVES.length}] || ' '
                 || (${nouns})[1 + (c.restaurant_id * 7 + i * 13) % ${NOUNS.length}],
               'House recipe number ' || i, 500 + i * 10, i
        from menu_categories c cross join generate_series(0, ${dishesEach - 1}) i`),
    );
  });
}
