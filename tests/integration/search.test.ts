import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { countQueries } from "@/db/query-stats";
import { menuCategories, menuItems, restaurants } from "@/db/schema";
import { browseRestaurants, RESTAURANTS_PER_PAGE } from "@/lib/restaurants/queries";
import { decodeRestaurantCursor, encodeRestaurantCursor } from "@/lib/restaurants/schema";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { detachedCustomer } from "../fixtures/factory";

type Dish = string | [name: string, description: string];
type Place = { name: string; cuisine: string; description?: string; dishes: Dish[]; deleted?: string[] };

/** Names and menus a customer would type about; the slugs are derived. */
const PLACES: Place[] = [
  { name: "Tokyo Corner", cuisine: "Japanese", description: "Izakaya plates.", dishes: ["Sushi platter", "Edamame"] },
  { name: "Sushi Bar Kenji", cuisine: "Japanese", dishes: ["Omakase"] },
  { name: "Harbour Fish", cuisine: "Seafood", dishes: ["Fish and chips"], deleted: ["Sushi deluxe", "Bouillabaisse"] },
  { name: "Nonna Rosa", cuisine: "Italian", dishes: [["Penne arrabbiata", "Pasta, chili, tomato"], "Tiramisù"] },
  { name: "Forno Vecchio", cuisine: "Italian", dishes: ["Margherita pizza"] },
  { name: "Le Petit Four", cuisine: "French", description: "Bistro classics and pastries.", dishes: ["Croissant"] },
  { name: "Bistro Belle", cuisine: "French", dishes: ["Crème brûlée", "Steak frites"] },
  { name: "Phở Sài Gòn", cuisine: "Vietnamese", dishes: [["Phở bò", "Beef noodle soup"], "Bánh mì"] },
  { name: "50% Off Diner", cuisine: "American", dishes: ["Burger"] },
  { name: "Golden Wok", cuisine: "Chinese", dishes: ["Egg fried rice"] },
  { name: "Kampung Kitchen", cuisine: "Malaysian", dishes: [["Ayam goreng", "Fried chicken with rice"], "Satay"] },
  { name: "Sweet Corner", cuisine: "Desserts", dishes: ["Fried ice cream"] },
  { name: "Curryworks", cuisine: "Indian", dishes: ["Samosa"] },
  { name: "Lanka House", cuisine: "Sri Lankan", dishes: ["Fish curry"] },
];

async function addPlace(db: ReturnType<ReturnType<typeof freshDatabase>>, place: Place, slug: string) {
  const [restaurant] = await db
    .insert(restaurants)
    .values({
      slug,
      name: place.name,
      cuisine: place.cuisine,
      description: place.description ?? "",
      address: "1 Search Street",
    })
    .returning();
  const [category] = await db
    .insert(menuCategories)
    .values({ restaurantId: restaurant!.id, name: "Mains" })
    .returning();
  const dishes = [
    ...place.dishes.map((d) => ({
      name: typeof d === "string" ? d : d[0],
      description: typeof d === "string" ? "" : d[1],
    })),
    ...(place.deleted ?? []).map((name) => ({ name, description: "", deletedAt: new Date() })),
  ];
  await db.insert(menuItems).values(
    dishes.map((d, position) => ({
      ...d,
      position,
      priceCents: 900,
      restaurantId: restaurant!.id,
      categoryId: category!.id,
    })),
  );
  return restaurant!;
}

describe.each(DRIVERS)("restaurant search on %s", (driver) => {
  const db = freshDatabase(driver);

  beforeAll(async () => {
    for (const [i, place] of PLACES.entries()) await addPlace(db(), place, `search-${i}`);
  });

  const search = async (q: string) => (await browseRestaurants({ q })).restaurants;
  const names = async (q: string) => (await search(q)).map((r) => r.name);

  it("finds restaurants by the dishes on their menus: sushi, pasta, pho", async () => {
    const sushi = await search("sushi");
    // The restaurant named for it first, then the one whose menu has it; a deleted dish finds nothing.
    expect(sushi.map((r) => r.name)).toEqual(["Sushi Bar Kenji", "Tokyo Corner"]);
    expect(sushi[1]!.matchedDish).toBe("Sushi platter");

    const pasta = await search("pasta");
    expect(pasta.map((r) => [r.name, r.matchedDish])).toEqual([["Nonna Rosa", "Penne arrabbiata"]]);

    expect(await names("pho")).toEqual(["Phở Sài Gòn"]);
    expect(await names("PHO BO")).toEqual(["Phở Sài Gòn"]);
  });

  it("forgives typos", async () => {
    expect(await names("pizzza")).toEqual(["Forno Vecchio"]);
    expect(await names("sushii")).toEqual(["Sushi Bar Kenji", "Tokyo Corner"]);
    expect(await names("tiramisu")).toEqual(["Nonna Rosa"]);
  });

  it("ignores accents and case, both ways", async () => {
    const [belle] = await search("creme brulee");
    expect([belle?.name, belle?.matchedDish]).toEqual(["Bistro Belle", "Crème brûlée"]);
    expect(await names("CRÈME BRÛLÉE")).toEqual(["Bistro Belle"]);
    expect(await names("sai gon")).toEqual(["Phở Sài Gòn"]);
  });

  it("searches cuisine and description, ranking name matches first", async () => {
    expect(await names("vietnamese")).toEqual(["Phở Sài Gòn"]);
    expect(await names("izakaya")).toEqual(["Tokyo Corner"]);
    expect((await names("japanese")).sort()).toEqual(["Sushi Bar Kenji", "Tokyo Corner"]);
  });

  it("ranks every word found whole above near misses: spread words over close trigrams, a word over a substring", async () => {
    // "Fried ice cream" is closer to "fried rice" in trigrams than "Fried chicken with rice", but has no rice.
    const friedRice = await search("fried rice");
    expect(friedRice.map((r) => [r.name, r.matchedDish])).toEqual([
      ["Golden Wok", "Egg fried rice"],
      ["Kampung Kitchen", "Ayam goreng"],
      ["Sweet Corner", "Fried ice cream"],
    ]);
    // A dish that says "curry" outranks a name that only contains it.
    expect(await names("curry")).toEqual(["Lanka House", "Curryworks"]);
  });

  it("reads search operators and punctuation as text, never as query syntax", async () => {
    for (const q of ["&|!():*", "!", "'", "(", ":*", "<->", "&&", "--", '""', "?!"]) expect(await names(q)).toEqual([]);
    const friedRice = await names("fried rice");
    for (const q of ["fried & rice!", "(fried) | !rice:*", "'fried' <-> 'rice'", "fried:* & rice:*"]) {
      expect(await names(q)).toEqual(friedRice);
    }
  });

  it("searches restaurants alone for one letter, and their dishes too from the second", async () => {
    const one = await browseRestaurants({ q: "k" });
    expect(one.dishesSearched).toBe(false);
    expect(one.restaurants.map((r) => r.name)).toContain("Kampung Kitchen");
    // Bistro Belle has a "k" only in a dish (Steak frites): not found by one letter, and no dish is named.
    expect(one.restaurants.map((r) => r.name)).not.toContain("Bistro Belle");
    expect(one.restaurants.every((r) => r.matchedDish === null)).toBe(true);
    const two = await browseRestaurants({ q: "ak" });
    expect(two.dishesSearched).toBe(true);
    expect(two.restaurants.map((r) => [r.name, r.matchedDish])).toContainEqual(["Bistro Belle", "Steak frites"]);
    expect((await browseRestaurants({})).dishesSearched).toBe(true);
  });

  it("treats % _ and \\ as text, and finds nothing for what no menu holds", async () => {
    expect(await names("%")).toEqual(["50% Off Diner"]);
    expect(await names("50%")).toEqual(["50% Off Diner"]);
    expect(await names("_")).toEqual([]);
    expect(await names("\\")).toEqual([]);
    expect(await names("zzqx")).toEqual([]);
  });

  it("filters by cuisine (any case) and by open now, with or without a search, still in one statement", async () => {
    const listed = async (filters: { cuisine?: string; openNow?: boolean }, q?: string) =>
      (await browseRestaurants({ q, filters })).restaurants.map((r) => r.name);
    expect(await listed({ cuisine: "french" })).toEqual(["Bistro Belle", "Le Petit Four"]);
    expect(await listed({ cuisine: "French" }, "creme")).toEqual(["Bistro Belle"]);
    expect(await listed({ cuisine: "Klingon" })).toEqual([]);

    await db().update(restaurants).set({ isOpen: false }).where(eq(restaurants.name, "Bistro Belle"));
    try {
      expect(await listed({ cuisine: "French", openNow: true })).toEqual(["Le Petit Four"]);
      expect(await listed({ openNow: true }, "brulee")).toEqual([]);
      expect(await listed({ openNow: false }, "brulee")).toEqual(["Bistro Belle"]);
    } finally {
      await db().update(restaurants).set({ isOpen: true }).where(eq(restaurants.name, "Bistro Belle"));
    }
    const filters = { cuisine: "Japanese", openNow: true };
    expect((await countQueries(() => browseRestaurants({ q: "sushi", filters }))).count).toBe(1);
  });

  it("answers in one statement, with the favorites in the same one", async () => {
    const someone = detachedCustomer(1);
    expect((await countQueries(() => browseRestaurants({ q: "sushi" }))).count).toBe(1);
    expect((await countQueries(() => browseRestaurants({ q: "sushi", viewer: someone }))).count).toBe(1);
  });

  it("suggests the query with two letters swapped when it finds nothing, as typed, in one statement more", async () => {
    const suggestion = async (q: string, filters?: { cuisine?: string }) => {
      const { result, count } = await countQueries(() => browseRestaurants({ q, filters }));
      expect(result.restaurants).toEqual([]);
      expect(count).toBe(2);
      return result.suggestion;
    };
    expect(await suggestion("suhsi")).toBe("sushi");
    expect(await suggestion("psata")).toBe("pasta");
    expect(await suggestion("Psata")).toBe("Pasta");
    // Accents stay as typed, and are ignored as the search ignores them.
    expect(await suggestion("cèrme")).toBe("crème");
    expect(await suggestion("cerme")).toBe("creme");
    expect(await suggestion("zzqxv")).toBeUndefined();
    // Only a deleted dish is a bouillabaisse: nothing to suggest.
    expect(await suggestion("buoillabaisse")).toBeUndefined();
    // The page's filters hold for the suggestion too: no Italian restaurant has sushi.
    expect(await suggestion("suhsi", { cuisine: "italian" })).toBeUndefined();
    expect(await suggestion("suhsi", { cuisine: "japanese" })).toBe("sushi");

    // A search that finds something, a later page, and a query with no two letters to swap cost nothing more.
    const found = await countQueries(() => browseRestaurants({ q: "sushi" }));
    expect([found.count, found.result.suggestion]).toEqual([1, undefined]);
    for (const q of ["q", "_", "12"]) {
      const none = await countQueries(() => browseRestaurants({ q }));
      expect([none.count, none.result.restaurants, none.result.suggestion]).toEqual([1, [], undefined]);
    }
    const after = decodeRestaurantCursor(
      (await browseRestaurants({ q: "sushi" })).nextCursor ?? encodeRestaurantCursor({ name: "Z", id: 1, rank: 0 }),
      { search: true },
    )!;
    const later = await countQueries(() => browseRestaurants({ q: "suhsi", after }));
    expect([later.count, later.result.suggestion]).toEqual([1, undefined]);
  });

  it("pages through ranked results by keyset, without repeats or gaps", async () => {
    for (let i = 0; i < RESTAURANTS_PER_PAGE + 5; i++) {
      await addPlace(
        db(),
        { name: `Noodle Stop ${i}`, cuisine: "Asian", dishes: [i % 2 ? "Ramen" : "Shoyu ramen bowl"] },
        `ramen-${i}`,
      );
    }
    await addPlace(db(), { name: "Ramen Republic", cuisine: "Japanese", dishes: ["Gyoza"] }, "ramen-republic");
    const seen: { name: string; rank: number | null }[] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 5; pages++) {
      const page = await browseRestaurants({
        q: "ramen",
        after: decodeRestaurantCursor(after, { search: true }) ?? undefined,
      });
      seen.push(...page.restaurants.map((r) => ({ name: r.name, rank: r.rank })));
      after = page.nextCursor;
      if (!after) break;
    }
    expect(seen).toHaveLength(RESTAURANTS_PER_PAGE + 6);
    expect(new Set(seen.map((r) => r.name)).size).toBe(seen.length);
    expect(seen[0]!.name).toBe("Ramen Republic");
    const ranks = seen.map((r) => r.rank!);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    // A browsing cursor is not a search cursor, and the other way round.
    expect(decodeRestaurantCursor(after ?? "", { search: true })).toBeUndefined();
    const browsing = (await browseRestaurants({})).nextCursor;
    expect(decodeRestaurantCursor(browsing, { search: true })).toBeNull();
  });

  it("ranks a hyphenated query as the same words spaced: banh-mi finds the Bánh mì dish above a name that only resembles it", async () => {
    await addPlace(
      db(),
      { name: "Bánh Xèo House", cuisine: "Street food", dishes: ["Spring rolls"] },
      "banh-xeo-house",
    );
    // "banh mi": the dish that says every word ranks above a name that merely resembles the query (trigrams).
    const spaced = (await search("banh mi")).map((r) => [r.name, r.matchedDish]);
    expect(spaced).toEqual([
      ["Phở Sài Gòn", "Bánh mì"],
      ["Bánh Xèo House", null],
    ]);
    // A hyphen between the same words (as the dish is often written) is punctuation, as it is to the trigrams.
    for (const q of ["banh-mi", "Bánh-mì", "BANH-MI"]) {
      expect((await search(q)).map((r) => [r.name, r.matchedDish])).toEqual(spaced);
    }
  });

  it("ranks the restaurant named exactly as typed first, above names that hold the word among others", async () => {
    await addPlace(db(), { name: "Wok", cuisine: "Noodles", dishes: ["Chow mein"] }, "wok");
    // Both names hold "wok" as a whole word; only one is what was typed. Alphabetically "Golden Wok" came first.
    expect(await names("wok")).toEqual(["Wok", "Golden Wok"]);
    expect(await names("WOK")).toEqual(["Wok", "Golden Wok"]);
  });

  it("follows menu changes at once: a dish added, renamed or deleted", async () => {
    const place = await addPlace(db(), { name: "Casa Verde", cuisine: "Mexican", dishes: ["Tacos"] }, "casa-verde");
    expect(await names("enchiladas")).toEqual([]);
    const [item] = await db().select().from(menuItems).where(eq(menuItems.restaurantId, place.id));
    await db().update(menuItems).set({ name: "Enchiladas" }).where(eq(menuItems.id, item!.id));
    expect(await names("enchiladas")).toEqual(["Casa Verde"]);
    await db().update(menuItems).set({ deletedAt: new Date() }).where(eq(menuItems.id, item!.id));
    expect(await names("enchiladas")).toEqual([]);
  });
});
