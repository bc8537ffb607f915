import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { restaurants } from "@/db/schema";
import { insertOrders } from "@/db/seed/orders";
import { findActiveViewer } from "@/lib/auth/queries";
import { getOrderHistory } from "@/lib/orders/queries";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createOrders, createRestaurant, createUser } from "../fixtures/factory";
import { captureStatements, explainStatements, postgresClientOf, touchedBy } from "../fixtures/plans";

/*
 * /orders' filter menu lists the restaurants the customer has ordered from. It used to find them by probing the
 * customer's orders once per restaurant of the platform: a customer with one order paid for every restaurant there
 * is. What the page reads must grow with the page (the customer's own restaurants), not with the platform.
 *
 * PostgreSQL only, like plans.test.ts (EXPLAIN ANALYZE of the statements as sent, on the server's own plans); the
 * menu's content is checked on every driver.
 */
const LINES = [{ menuItemId: null, name: "Soup", unitPriceCents: 250, quantity: 2 }];

describe.each(DRIVERS)("the order history's restaurant menu on %s", (driver) => {
  const db = freshDatabase(driver);

  it("reads the customer's own restaurants, not one probe per restaurant of the platform", async () => {
    // Enough for PostgreSQL to plan for a platform; PGlite checks only what the menu holds.
    const platformSize = driver === "postgres" ? 5_000 : 50;
    const { user, profile } = await createUser(db());
    const mine = [(await createRestaurant(db())).restaurant, (await createRestaurant(db())).restaurant];
    for (const [i, r] of mine.entries())
      await createOrders(db(), { customerId: profile.id, restaurantId: r.id, count: i + 1, lines: LINES });
    // A cancelled order still names its restaurant in the menu (its orders are in the history).
    const cancelledAt = (await createRestaurant(db())).restaurant;
    await createOrders(db(), {
      customerId: profile.id,
      restaurantId: cancelledAt.id,
      count: 1,
      lines: LINES,
      status: "cancelled",
    });
    // The rest of the platform, where this customer never ordered, and a regular who has ordered from all of it.
    const platform = await db()
      .insert(restaurants)
      .values(
        Array.from({ length: platformSize }, (_, i) => ({
          slug: `platform-${i}`,
          name: `Platform ${i}`,
          cuisine: "Test",
          address: "1 Test Street",
        })),
      )
      .returning({ id: restaurants.id });
    const regular = await createUser(db());
    await insertOrders(
      db(),
      platform.map((r, i) => ({
        customerId: regular.profile.id,
        restaurantId: r.id,
        status: "completed" as const,
        placedAt: new Date(Date.now() - i * 60_000),
        idempotencyKey: `regular-${i}`,
        lines: LINES,
      })),
    );
    if (driver === "postgres") await db().execute(sql`analyze`);

    const viewer = (await findActiveViewer(user.id))!;
    const { result, queries } = await captureStatements(() => getOrderHistory({ viewer }));
    expect(result!.restaurantOptions.map((r) => r.id).sort((a, b) => a - b)).toEqual(
      [...mine, cancelledAt].map((r) => r.id).sort((a, b) => a - b),
    );
    expect(result!.restaurantOptions.map((r) => r.name)).toEqual([...mine, cancelledAt].map((r) => r.name).sort());
    expect(queries).toHaveLength(1);
    if (driver !== "postgres") return;

    const [statement] = await explainStatements(postgresClientOf(db()), queries);
    // The customer's 4 orders and their 3 restaurants, each read once or twice by the plan: 14 rows here, where
    // probing the orders once per restaurant of the platform touched 10,014.
    expect(touchedBy(statement!, ["restaurants", "orders", "restaurant_customers"])).toBeLessThan(60);
  });
});
