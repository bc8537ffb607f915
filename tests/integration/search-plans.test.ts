import { beforeAll, describe, expect, it } from "vitest";

import { CATALOGUE, insertSearchCatalogue } from "@/db/seed/search-catalogue";
import { browseRestaurants } from "@/lib/restaurants/queries";
import { decodeRestaurantCursor } from "@/lib/restaurants/schema";

import { freshDatabase } from "../fixtures/db";
import { detachedCustomer } from "../fixtures/factory";
import {
  captureStatements,
  explainGenericStatements,
  explainStatements,
  planNodes,
  postgresClientOf,
  type PlanNode,
} from "../fixtures/plans";

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
      expectDishesThroughTheirIndex([...planNodes(explained!.plan)]);
    },
  );

  /*
   * The search is a prepared statement (decision 0023): after five runs PostgreSQL may keep one plan made without
   * the words. That plan must find the dishes through the index for any words, so it is checked as PostgreSQL runs
   * it generically, for each query and for the statement with every part (a signed-in visitor's second page,
   * filtered).
   */
  it.each(["sushi", "pizzza", "creme ramen", "pad thai", "zzqxv"])(
    "%s: the plan made once for every query finds the dishes through their trigram index too",
    async (q) => {
      const { queries } = await captureStatements(() => browseRestaurants({ q }));
      const [explained] = await explainGenericStatements(postgresClientOf(db()), queries);
      expect(explained!.generic).toBe(true);
      expectDishesThroughTheirIndex([...planNodes(explained!.plan)]);
    },
  );

  /*
   * Did-you-mean (lib/restaurants/suggest.ts), run only after a search found nothing: each swapped variant is looked
   * for through the same trigram indexes, so the second statement reads no more dishes than a search does, even
   * when no variant finds anything and every one is tried ("zzqxv").
   */
  it.each([
    ["suhsi", "sushi", {}],
    ["zzqxv", undefined, {}],
    ["suhsi", "sushi", { cuisine: "japanese", openNow: true }],
    ["zzqxv", undefined, { cuisine: "japanese", openNow: true }],
  ])(
    "%s finds nothing (filters %o); the suggestion's statement finds the dishes through their trigram index",
    async (q, meant, filters) => {
      const { result, queries } = await captureStatements(() => browseRestaurants({ q, filters }));
      expect(result.restaurants).toEqual([]);
      expect(result.suggestion).toBe(meant);
      expect(queries).toHaveLength(2);
      const [, suggestion] = await explainStatements(postgresClientOf(db()), queries);
      expectDishesThroughTheirIndex([...planNodes(suggestion!.plan)]);
    },
  );

  it("one letter: one statement that reads no dish, planned for every query or for this one", async () => {
    const { result, queries } = await captureStatements(() => browseRestaurants({ q: "a" }));
    expect(queries).toHaveLength(1);
    expect(result.restaurants.length).toBeGreaterThan(0);
    const readsDishes = (nodes: PlanNode[]) =>
      nodes.some((n) => n["Relation Name"] === "menu_items" || n["Index Name"]?.startsWith("menu_items"));
    const [custom] = await explainStatements(postgresClientOf(db()), queries);
    expect(readsDishes([...planNodes(custom!.plan)])).toBe(false);
    const [generic] = await explainGenericStatements(postgresClientOf(db()), queries);
    expect(generic!.generic).toBe(true);
    expect(readsDishes([...planNodes(generic!.plan)])).toBe(false);
  });

  it("a filtered second page for a signed-in visitor: its plan made once finds the dishes through the index", async () => {
    const viewer = detachedCustomer(1);
    const filters = { cuisine: "japanese", openNow: true };
    const first = await browseRestaurants({ q: "sushi", viewer, filters });
    expect(first.nextCursor).toBeDefined();
    const after = decodeRestaurantCursor(first.nextCursor, { search: true })!;
    const { result, queries } = await captureStatements(() =>
      browseRestaurants({ q: "sushi", viewer, after, filters }),
    );
    expect(result.restaurants.length).toBeGreaterThan(0);
    expect(result.restaurants.every((r) => r.cuisine === "Japanese" && r.openNow)).toBe(true);
    const [explained] = await explainGenericStatements(postgresClientOf(db()), queries);
    expect(explained!.generic).toBe(true);
    expectDishesThroughTheirIndex([...planNodes(explained!.plan)]);
  });
});

function expectDishesThroughTheirIndex(nodes: PlanNode[]) {
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
}
