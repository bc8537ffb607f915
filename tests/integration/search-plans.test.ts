import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { browseRestaurants } from "@/lib/restaurants/queries";

import { freshDatabase } from "../fixtures/db";
import { captureStatements, explainStatements, planNodes, postgresClientOf } from "../fixtures/plans";

/*
 * The home page's search on the catalogue size the issue names (200 restaurants, 10,000 dishes), after ANALYZE:
 * one statement whose dish side is found through the trigram index (menu_items_search_idx), never by reading
 * every dish. PostgreSQL only, like tests/integration/plans.test.ts: the plan is the server's choice from its
 * statistics. The restaurants' own index is used when the planner finds it cheaper; with 200 rows a sequential
 * scan of that one small table may win, and that is the planner's call to make.
 */
const RESTAURANTS = 200;
const DISHES_EACH = 50;
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

describe.runIf(Boolean(process.env.DATABASE_URL))("search plan on 200 restaurants and 10,000 dishes", () => {
  const db = freshDatabase("postgres");

  beforeAll(async () => {
    const nouns = `array[${NOUNS.map((n) => `'${n}'`).join(", ")}]`;
    const adjectives = `array[${ADJECTIVES.map((a) => `'${a}'`).join(", ")}]`;
    await db().transaction(async (tx) => {
      await tx.execute(
        sql.raw(`
        insert into restaurants (slug, name, cuisine, description, address)
        select 'plan-search-' || g, 'Kitchen ' || lpad(g::text, 3, '0'),
               (array['Thai', 'Italian', 'Japanese', 'Mexican', 'Indian', 'Greek', 'Korean', 'French'])[1 + g % 8],
               'A neighbourhood place, table ' || g, g || ' Search Street'
        from generate_series(1, ${RESTAURANTS}) g`),
      );
      await tx.execute(
        sql.raw(`insert into menu_categories (restaurant_id, name) select id, 'Mains' from restaurants`),
      );
      await tx.execute(
        sql.raw(`
        insert into menu_items (restaurant_id, category_id, name, description, price_cents, position)
        select c.restaurant_id, c.id,
               (${adjectives})[1 + (c.restaurant_id * 3 + i) % ${ADJECTIVES.length}] || ' '
                 || (${nouns})[1 + (c.restaurant_id * 7 + i * 13) % ${NOUNS.length}],
               'House recipe number ' || i, 500 + i * 10, i
        from menu_categories c cross join generate_series(0, ${DISHES_EACH - 1}) i`),
      );
    });
    await postgresClientOf(db()).unsafe("vacuum analyze");
  });

  it.each(["sushi", "pizzza", "creme ramen", "pad thai"])(
    "%s: one statement, the dishes found through their trigram index",
    async (q) => {
      const { result, queries } = await captureStatements(() => browseRestaurants({ q }));
      expect(queries).toHaveLength(1);
      expect(result.restaurants.length).toBeGreaterThan(0);
      expect(result.restaurants.every((r) => r.matchedDish)).toBe(true);
      const [explained] = await explainStatements(postgresClientOf(db()), queries);
      const nodes = [...planNodes(explained!.plan)];
      const dishReads = nodes.filter(
        (n) => n["Relation Name"] === "menu_items" || n["Index Name"]?.startsWith("menu_items"),
      );
      expect(dishReads.map((n) => n["Node Type"])).not.toContain("Seq Scan");
      expect(nodes.map((n) => n["Index Name"])).toContain("menu_items_search_idx");
      // Dish rows read: what matched (plus the index's lossy recheck), a small share of the 10,000.
      const dishRows = dishReads
        .filter((n) => n["Node Type"] === "Bitmap Heap Scan")
        .reduce((sum, n) => sum + (n["Actual Rows"] ?? 0) + (n["Rows Removed by Index Recheck"] ?? 0), 0);
      expect(dishRows).toBeLessThan((RESTAURANTS * DISHES_EACH) / 4);
    },
  );
});
