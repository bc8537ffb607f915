import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { countQueries } from "@/db/query-stats";
import { menuItems, orders, restaurantOwners, restaurants, users } from "@/db/schema";
import { DEMO_ORDER_COUNT, seedDemo, seedDemoIfEmpty } from "@/db/seed/demo";
import { seedHeavyOrders } from "@/db/seed/heavy";

import { DRIVERS, freshDatabase } from "../fixtures/db";

describe.each(DRIVERS)("demo seed on %s", (driver) => {
  const db = freshDatabase(driver);

  it("creates the demo world once, with stored totals equal to their lines plus delivery fees", async () => {
    expect(await seedDemoIfEmpty(db())).toBe(true);
    expect(await seedDemoIfEmpty(db())).toBe(false);
    expect(await db().$count(restaurants)).toBeGreaterThanOrEqual(8);
    expect(await db().$count(menuItems)).toBeGreaterThan(40);
    expect(await db().$count(restaurantOwners)).toBe(6);
    expect(await db().$count(users, sql`role = 'admin'`)).toBe(1);
    expect(await db().$count(users, sql`role = 'owner'`)).toBe(2);
    expect(await db().$count(users, sql`role = 'customer'`)).toBeGreaterThanOrEqual(4);
    expect(await db().$count(orders)).toBe(DEMO_ORDER_COUNT);
    expect(await db().$count(orders, sql`status = 'cancelled'`)).toBeGreaterThan(5);
    const mismatches = await db().$count(
      orders,
      sql`total_cents <> delivery_fee_cents
        + (select coalesce(sum(quantity * unit_price_cents), 0) from order_lines where order_id = ${orders.id})`,
    );
    expect(mismatches).toBe(0);
    // Some demo orders were delivered, at a fee, to an address: the total purchase includes the fee (decision 0019).
    expect(await db().$count(orders, sql`fulfilment = 'delivery' and delivery_fee_cents > 0`)).toBeGreaterThan(10);
    // Every account was a member before its first order ("member since" on the profile), not since the seed ran.
    const joinedAfterOrdering = await db().$count(
      sql`profiles p join users u on u.id = p.user_id`,
      sql`p.created_at <> u.created_at or p.created_at > coalesce(
        (select min(o.placed_at) from orders o where o.customer_id = p.id), now() - interval '1 year')`,
    );
    expect(joinedAfterOrdering).toBe(0);
  });

  it("adds a heavy customer's orders in bulk: a handful of statements for thousands of rows", async () => {
    const { result, count } = await countQueries(() => seedHeavyOrders(db(), { count: 3000 }));
    expect(result.count).toBe(3000);
    expect(count).toBeLessThan(30);
    const lines = await db().$count(
      sql`order_lines ol join orders o on o.id = ol.order_id`,
      sql`o.customer_id = ${result.profileId}`,
    );
    expect(lines).toBe(9000);
  });
});

describe("demo seed determinism", () => {
  const first = freshDatabase("pglite");
  const second = freshDatabase("pglite");

  it("produces the same orders on every run", async () => {
    const at = new Date("2026-01-15T12:00:00Z");
    await seedDemo(first(), at);
    await seedDemo(second(), at);
    const digest = (db: ReturnType<typeof first>) =>
      db.select({ total: sql<string>`sum(total_cents)::text`, count: sql<number>`count(*)::int` }).from(orders);
    expect(await digest(first())).toEqual(await digest(second()));
  });
});
