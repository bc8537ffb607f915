import { beforeAll, describe, expect, it } from "vitest";

import { CATALOGUE, insertSearchCatalogue } from "@/db/seed/search-catalogue";
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
describe.runIf(Boolean(process.env.DATABASE_URL))("search plan on 200 restaurants and 10,000 dishes", () => {
  const db = freshDatabase("postgres");

  beforeAll(async () => {
    await insertSearchCatalogue(db());
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
      expect(dishRows).toBeLessThan((CATALOGUE.restaurants * CATALOGUE.dishesEach) / 4);
    },
  );
});
