import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { countQueries } from "@/db/query-stats";
import { favorites, restaurants } from "@/db/schema";
import { findActiveViewer } from "@/lib/auth/queries";
import { addToCart, getCart } from "@/lib/cart/queries";
import { placeOrder } from "@/lib/orders/checkout";
import { getOrderForViewer, getOrderHistory } from "@/lib/orders/queries";
import { browseRestaurants, getRestaurantPage } from "@/lib/restaurants/queries";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createOrders, createRestaurant, createUser } from "../fixtures/factory";

/** Statements per request, the session check (findActiveViewer) included, at two data sizes: they must be equal. */
describe.each(DRIVERS)("customer page budgets on %s", (driver) => {
  const db = freshDatabase(driver);
  const menu = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `Dish ${i + 1}`, priceCents: 100 + i }));

  async function statements(fn: () => Promise<unknown>) {
    return (await countQueries(fn)).count;
  }

  it("home: 2 statements with favorites, whatever the number of restaurants", async () => {
    const { user, profile } = await createUser(db());
    const counts: number[] = [];
    for (const extra of [3, 40]) {
      for (let i = 0; i < extra; i++) await createRestaurant(db());
      const { restaurant } = await createRestaurant(db());
      await db().insert(favorites).values({ profileId: profile.id, restaurantId: restaurant.id });
      counts.push(
        await statements(async () => {
          const viewer = await findActiveViewer(user.id);
          const page = await browseRestaurants({ viewer });
          expect(page.restaurants.length).toBeGreaterThan(0);
          expect(page.favorites.map((f) => f.id)).toContain(restaurant.id);
        }),
      );
    }
    expect(counts).toEqual([2, 2]);
    expect(await statements(() => browseRestaurants({ q: "resto" }))).toBe(1);
    // A search that finds nothing asks once more, whatever the catalogue, for two letters swapped (did you mean).
    for (const viewer of [null, await findActiveViewer(user.id)]) {
      expect(await statements(() => browseRestaurants({ q: "zzqxv", viewer }))).toBe(2);
      expect(await statements(() => browseRestaurants({ q: "rseto", viewer }))).toBe(2);
      expect(await statements(() => browseRestaurants({ q: "resto", viewer }))).toBe(1);
    }
  });

  it("searches by name and cuisine, treats % and _ literally, and pages by keyset without repeats", async () => {
    for (let i = 0; i < 15; i++) await createRestaurant(db());
    const seen: number[] = [];
    let after: { name: string; id: number } | undefined;
    for (;;) {
      const page = await browseRestaurants({ after });
      seen.push(...page.restaurants.map((r) => r.id));
      if (!page.nextCursor) break;
      const last = page.restaurants.at(-1)!;
      after = { name: last.name, id: last.id };
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(15);
    expect((await browseRestaurants({ q: "test" })).restaurants.length).toBeGreaterThan(0);
    // % and _ are LIKE wildcards: unescaped, either would match every restaurant. No query here holds a digit, since
    // the factory's names hold the process id and typo-forgiving search would find "100" in a pid such as 1007.
    const { restaurant: sale } = await createRestaurant(db());
    await db().update(restaurants).set({ name: "Half off% Pizza" }).where(eq(restaurants.id, sale.id));
    expect((await browseRestaurants({ q: "%" })).restaurants.map((r) => r.id)).toEqual([sale.id]);
    expect((await browseRestaurants({ q: "_" })).restaurants).toHaveLength(0);
    expect((await browseRestaurants({ q: "off%" })).restaurants.map((r) => r.id)).toEqual([sale.id]);
  });

  it("restaurant page: 2 statements whatever the menu size", async () => {
    const { user } = await createUser(db());
    const counts: number[] = [];
    for (const size of [2, 80]) {
      const { restaurant } = await createRestaurant(db(), menu(size));
      counts.push(
        await statements(async () => {
          const viewer = await findActiveViewer(user.id);
          const page = await getRestaurantPage({ slug: restaurant.slug, viewer });
          expect(page?.categories[0]?.items).toHaveLength(size);
        }),
      );
    }
    expect(counts).toEqual([2, 2]);
  });

  it("cart: 2 statements; checkout: the same transaction for 1 line or 40", async () => {
    const checkoutCounts: number[] = [];
    const cartCounts: number[] = [];
    for (const size of [1, 40]) {
      const { user, profile } = await createUser(db());
      const { items } = await createRestaurant(db(), menu(size));
      const holder = { profileId: profile.id };
      const viewer = (await findActiveViewer(user.id))!;
      for (const item of items) await addToCart({ holder, menuItemId: item.id, quantity: 1 });
      let total = 0;
      cartCounts.push(
        await statements(async () => {
          await findActiveViewer(user.id);
          total = (await getCart({ holder }))!.totalCents;
        }),
      );
      checkoutCounts.push(
        await statements(() => placeOrder({ viewer, idempotencyKey: crypto.randomUUID(), expectedTotalCents: total })),
      );
    }
    expect(cartCounts).toEqual([2, 2]);
    expect(checkoutCounts[0]).toBe(checkoutCounts[1]);
    expect(checkoutCounts[0]).toBeLessThanOrEqual(10);
  });

  it("order page and history: 2 statements each for 1 or 300 orders", async () => {
    const orderCounts: number[] = [];
    const historyCounts: number[] = [];
    for (const count of [1, 300]) {
      const { user, profile } = await createUser(db());
      const { restaurant } = await createRestaurant(db());
      const [orderId] = await createOrders(db(), {
        customerId: profile.id,
        restaurantId: restaurant.id,
        count,
        lines: [{ menuItemId: null, name: "Soup", unitPriceCents: 250, quantity: 2 }],
      });
      orderCounts.push(
        await statements(async () => {
          const viewer = await findActiveViewer(user.id);
          expect(await getOrderForViewer({ viewer: viewer!, orderId: orderId! })).toBeTruthy();
        }),
      );
      historyCounts.push(
        await statements(async () => {
          const viewer = await findActiveViewer(user.id);
          const history = await getOrderHistory({ viewer: viewer! });
          expect(history?.matchingCount).toBe(count);
          expect(history?.matchingTotalCents).toBe(count * 500);
        }),
      );
    }
    expect(orderCounts).toEqual([2, 2]);
    expect(historyCounts).toEqual([2, 2]);
  });

  it("history filters by restaurant and date range, and hides other customers' orders", async () => {
    const { user, profile } = await createUser(db());
    const other = await createUser(db());
    const a = await createRestaurant(db());
    const b = await createRestaurant(db());
    const line = (cents: number) => [{ menuItemId: null, name: "Dish", unitPriceCents: cents, quantity: 1 }];
    await createOrders(db(), { customerId: profile.id, restaurantId: a.restaurant.id, count: 3, lines: line(1000) });
    await createOrders(db(), { customerId: profile.id, restaurantId: b.restaurant.id, count: 2, lines: line(700) });
    await createOrders(db(), {
      customerId: profile.id,
      restaurantId: b.restaurant.id,
      count: 1,
      lines: line(9900),
      status: "cancelled",
    });
    await createOrders(db(), { customerId: other.profile.id, restaurantId: a.restaurant.id, count: 4, lines: line(5) });
    const viewer = (await findActiveViewer(user.id))!;

    const all = await getOrderHistory({ viewer });
    expect([all?.matchingCount, all?.matchingTotalCents, all?.orders.length]).toEqual([5, 4400, 6]);
    expect(all?.restaurantOptions.map((o) => o.id).sort()).toEqual([a.restaurant.id, b.restaurant.id].sort());
    const onlyB = await getOrderHistory({ viewer, restaurantId: b.restaurant.id });
    expect([onlyB?.matchingCount, onlyB?.matchingTotalCents, onlyB?.shownTotalCents]).toEqual([2, 1400, 1400]);
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect((await getOrderHistory({ viewer, from: yesterday, to: today }))?.matchingCount).toBe(5);
    expect((await getOrderHistory({ viewer, to: "2000-01-01" }))?.orders).toHaveLength(0);
  });
});
