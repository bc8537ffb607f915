import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { menuItems, orderLines, orders, profiles, restaurants, users } from "@/db/schema";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createOrders, createRestaurant, createUser } from "../fixtures/factory";

/** The database itself refuses bad rows, whatever code writes them. */
describe.each(DRIVERS)("constraints on %s", (driver) => {
  const db = freshDatabase(driver);

  async function fixture() {
    const { profile } = await createUser(db());
    const { restaurant, category, items } = await createRestaurant(db());
    const [orderId] = await createOrders(db(), {
      customerId: profile.id,
      restaurantId: restaurant.id,
      count: 1,
      lines: [{ menuItemId: items[0]!.id, name: "Soup", unitPriceCents: 500, quantity: 1 }],
    });
    return { profile, restaurant, category, orderId: orderId! };
  }

  it("rejects a negative price", async () => {
    const { restaurant, category } = await fixture();
    await expect(
      db()
        .insert(menuItems)
        .values({ restaurantId: restaurant.id, categoryId: category.id, name: "Bad", priceCents: -1 }),
    ).rejects.toThrow();
    expect(await db().select().from(menuItems).where(eq(menuItems.name, "Bad"))).toHaveLength(0);
  });

  it("rejects an item whose category belongs to another restaurant", async () => {
    const { category } = await fixture();
    const other = await createRestaurant(db());
    await expect(
      db()
        .insert(menuItems)
        .values({ restaurantId: other.restaurant.id, categoryId: category.id, name: "Stray", priceCents: 100 }),
    ).rejects.toThrow();
  });

  it.each([0, 100, -3])("rejects an order line with quantity %i", async (quantity) => {
    const { orderId } = await fixture();
    await expect(
      db().insert(orderLines).values({ orderId, name: "Soup", unitPriceCents: 500, quantity }),
    ).rejects.toThrow();
    expect(await db().select().from(orderLines).where(eq(orderLines.orderId, orderId))).toHaveLength(1);
  });

  it("accepts quantities 1 and 99", async () => {
    const { orderId } = await fixture();
    await db()
      .insert(orderLines)
      .values([
        { orderId, name: "Soup", unitPriceCents: 500, quantity: 1 },
        { orderId, name: "Soup", unitPriceCents: 500, quantity: 99 },
      ]);
    expect(await db().select().from(orderLines).where(eq(orderLines.orderId, orderId))).toHaveLength(3);
  });

  it("rejects a duplicate idempotency key for the same customer, not for another one", async () => {
    const { profile, restaurant } = await fixture();
    const other = await createUser(db());
    const order = { restaurantId: restaurant.id, totalCents: 0, idempotencyKey: "same-key-123" };
    await db()
      .insert(orders)
      .values({ ...order, customerId: profile.id });
    await expect(
      db()
        .insert(orders)
        .values({ ...order, customerId: profile.id }),
    ).rejects.toThrow();
    await db()
      .insert(orders)
      .values({ ...order, customerId: other.profile.id });
    expect(await db().select().from(orders).where(eq(orders.idempotencyKey, "same-key-123"))).toHaveLength(2);
  });

  it("rejects duplicate restaurant and profile slugs", async () => {
    const { restaurant, profile } = await fixture();
    await expect(
      db().insert(restaurants).values({ slug: restaurant.slug, name: "Copy", cuisine: "Test", address: "Somewhere" }),
    ).rejects.toThrow();
    const { user } = await createUser(db());
    await expect(
      db().insert(profiles).values({ userId: user.id, slug: profile.slug, displayName: "Copy" }),
    ).rejects.toThrow();
  });

  it("rejects an email that differs only in case", async () => {
    await db().insert(users).values({ email: "Case@Example.test" });
    await expect(db().insert(users).values({ email: "case@example.TEST" })).rejects.toThrow();
  });

  it("rejects a malformed slug and a negative stored total", async () => {
    const { user } = await createUser(db());
    await expect(
      db().insert(profiles).values({ userId: user.id, slug: "Not A Slug", displayName: "X" }),
    ).rejects.toThrow();
    const { profile, restaurant } = await fixture();
    await expect(
      db().insert(orders).values({
        customerId: profile.id,
        restaurantId: restaurant.id,
        totalCents: -5,
        idempotencyKey: "negative-total",
      }),
    ).rejects.toThrow();
  });

  it("rejects an order placed at infinity, which has no day to roll up into, and leaves the rollups alone", async () => {
    const { profile, restaurant, orderId } = await fixture();
    for (const placedAt of ["infinity", "-infinity"]) {
      await expect(
        db()
          .update(orders)
          .set({ placedAt: sql`${placedAt}::timestamptz` })
          .where(eq(orders.id, orderId)),
      ).rejects.toMatchObject({ cause: { message: expect.stringContaining("orders_placed_at_finite") } });
      await expect(
        db()
          .insert(orders)
          .values({
            customerId: profile.id,
            restaurantId: restaurant.id,
            totalCents: 0,
            idempotencyKey: `placed-at-${placedAt}`,
            placedAt: sql`${placedAt}::timestamptz`,
          }),
      ).rejects.toMatchObject({ cause: { message: expect.stringContaining("orders_placed_at_finite") } });
    }
    const [order] = await db().select({ placedAt: orders.placedAt }).from(orders).where(eq(orders.id, orderId));
    expect(Number.isFinite(order!.placedAt.getTime())).toBe(true);
  });

  it("keeps an order's lines when its menu item is deleted, and refuses to delete a restaurant with orders", async () => {
    const { restaurant, orderId } = await fixture();
    await db().delete(menuItems).where(eq(menuItems.restaurantId, restaurant.id));
    const [line] = await db().select().from(orderLines).where(eq(orderLines.orderId, orderId));
    expect(line).toMatchObject({ menuItemId: null, name: "Soup", unitPriceCents: 500 });
    await expect(db().delete(restaurants).where(eq(restaurants.id, restaurant.id))).rejects.toThrow();
  });
});
