import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { repairRollups } from "@/db/rollups";
import { executeRows } from "@/db/rows";
import { orders } from "@/db/schema";
import type { Database } from "@/db/types";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createOrders, createRestaurant, createUser } from "../fixtures/factory";
import { heldTransaction, untilWaitingOnLocks } from "../fixtures/locks";

/** A customer with `count` orders of one Ramen ($19.99) at a new restaurant. */
async function ramenOrders(db: Database, count = 1) {
  const customer = await createUser(db);
  const { restaurant, items } = await createRestaurant(db, [{ name: "Ramen", priceCents: 1999 }]);
  const orderIds = await createOrders(db, {
    customerId: customer.profile.id,
    restaurantId: restaurant.id,
    count,
    lines: [{ menuItemId: items[0]!.id, name: "Ramen", unitPriceCents: 1999, quantity: 1 }],
  });
  return { customer, restaurant, orderIds: orderIds as number[] };
}

/**
 * `npm run db:reconcile` (repairRollups) and what could get past the rollups' triggers, found by a review on
 * 2026-12-01: the repair's report, a sign-up during the rebuild, and TRUNCATE (migration 0027, decision 0006).
 */
describe.each(DRIVERS)("the repair's report on %s", (driver) => {
  const db = freshDatabase(driver);
  const drift = async () =>
    executeRows<{ rollup: string; key: unknown; stored: unknown; expected: unknown }>(
      db(),
      sql`select * from platter_rollup_drift() order by rollup, key`,
    );

  it("db:reconcile's repair reports as fixed only the rollup rows that --check found wrong (a wrong total, rollups right)", async () => {
    const [orderId] = (await ramenOrders(db())).orderIds as [number];
    // Every trigger off (as the concurrency test in rollups.test.ts does): the stored total is wrong, every rollup
    // still agrees with the lines.
    await db().transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.update(orders).set({ totalCents: 5 }).where(eq(orders.id, orderId));
    });
    const check = await repairRollups(db(), { dryRun: true });
    expect(check).toEqual({ orderTotals: 1, rollups: [], linePrices: 0 });
    const repair = await repairRollups(db(), { dryRun: false });
    // The repair's own update of the total moves the (right) rollups by 1999 - 5 through the triggers: counted
    // after it, the rebuild reported as fixed the four rows that update had just made wrong.
    expect(repair).toEqual(check);
    expect(await drift()).toEqual([]);
  });

  it("db:reconcile's repair reports the rollup rows --check found wrong (a wrong total the rollups followed)", async () => {
    const [orderId] = (await ramenOrders(db())).orderIds as [number];
    // Only the deferred check off: the rollup triggers follow the wrong total, so four rollups disagree with the lines.
    await db().transaction(async (tx) => {
      await tx.execute(sql`alter table orders disable trigger orders_total_equals_lines`);
      await tx.update(orders).set({ totalCents: 5 }).where(eq(orders.id, orderId));
      await tx.execute(sql`alter table orders enable trigger orders_total_equals_lines`);
    });
    const check = await repairRollups(db(), { dryRun: true });
    expect(check.orderTotals).toBe(1);
    expect(check.rollups.map((r) => r.rollup)).toEqual([
      "customer_day_totals",
      "customer_restaurant_day_totals",
      "customer_totals",
      "restaurant_day_totals",
    ]);
    const repair = await repairRollups(db(), { dryRun: false });
    // Counted after the totals' update had set them right, the CLI printed "Every rollup agrees with the lines."
    expect(repair).toEqual(check);
    expect(await drift()).toEqual([]);
  });
});

// TRUNCATE fires no row or statement DELETE trigger; its own database, since a truncate that is not refused empties it.
describe.each(DRIVERS)("truncating order lines on %s", (driver) => {
  const db = freshDatabase(driver);

  it("refuses TRUNCATE order_lines, as it refuses TRUNCATE orders and the rollups' (or the lines and rollups still agree)", async () => {
    await ramenOrders(db(), 2);
    await expect(db().execute(sql`truncate orders cascade`)).rejects.toThrow();
    let refused = false;
    try {
      await db().execute(sql`truncate order_lines cascade`);
    } catch {
      refused = true;
    }
    const wrongTotals = await executeRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from orders o
          where o.total_cents <> o.delivery_fee_cents
            + coalesce((select sum(quantity::bigint * unit_price_cents) from order_lines l where l.order_id = o.id), 0)`,
    );
    const drift = await executeRows<{ rollup: string }>(db(), sql`select rollup from platter_rollup_drift()`);
    expect({ refused, wrongTotals: wrongTotals[0]!.n, drift: drift.map((d) => d.rollup) }).toEqual({
      refused: true,
      wrongTotals: 0,
      drift: [],
    });
  });

  it("refuses TRUNCATE menu_items CASCADE, which would take every order line with it", async () => {
    await repairRollups(db(), { dryRun: false }); // whatever the test before left
    const customer = await createUser(db());
    const { restaurant, items } = await createRestaurant(db(), [{ name: "Gyoza", priceCents: 650 }]);
    await createOrders(db(), {
      customerId: customer.profile.id,
      restaurantId: restaurant.id,
      count: 1,
      lines: [{ menuItemId: items[0]!.id, name: "Gyoza", unitPriceCents: 650, quantity: 2 }],
    });
    const before = await executeRows<{ n: number }>(db(), sql`select count(*)::int as n from order_lines`);
    expect(before[0]!.n).toBeGreaterThan(0);
    let refused = false;
    try {
      await db().execute(sql`truncate menu_items cascade`);
    } catch {
      refused = true;
    }
    const drift = await executeRows<{ rollup: string }>(db(), sql`select distinct rollup from platter_rollup_drift()`);
    expect({ refused, drift: drift.map((d) => d.rollup) }).toEqual({ refused: true, drift: [] });
  });
});

// PGlite runs one connection at a time: races on the server only.
describe.runIf(process.env.DATABASE_URL)("the repair beside writers on postgres", () => {
  const db = freshDatabase("postgres");

  it("lets db:reconcile's repair finish when someone signs up while it rebuilds", async () => {
    await ramenOrders(db());
    // The rebuild deletes customer_totals, then (on a large database, seconds later: the per-order sums come first)
    // inserts a row for every profile it can see. A test trigger holds it between the two, as that time would.
    await db().execute(
      sql.raw(`create function test_pause_rebuild() returns trigger language plpgsql as $$
        begin perform pg_advisory_xact_lock(4243); return null; end $$;
        create trigger zz_test_pause_rebuild after delete on customer_day_totals
          for each statement execute function test_pause_rebuild()`),
    );
    try {
      const pause = heldTransaction(db(), (tx) => tx.execute(sql`select pg_advisory_xact_lock(4243)`));
      await pause.held;
      const repair = repairRollups(db(), { dryRun: false });
      await untilWaitingOnLocks(db(), 1);
      // A sign-up meanwhile. It used to commit at once, its profile's trigger giving it a zero totals row, and the
      // rebuild's insert then met that row (customer_totals_pkey): the repair failed. It now waits for the repair.
      const signUp = createUser(db());
      await untilWaitingOnLocks(db(), 2);
      pause.release();
      await pause.done;
      const [repaired, signedUp] = await Promise.allSettled([repair, signUp]);
      expect([repaired.status, signedUp.status]).toEqual(["fulfilled", "fulfilled"]);
      const newcomer = (signedUp as PromiseFulfilledResult<Awaited<typeof signUp>>).value;
      expect(
        await executeRows(
          db(),
          sql`select customer_id from customer_totals where customer_id = ${newcomer.profile.id}`,
        ),
      ).toHaveLength(1);
    } finally {
      await db().execute(
        sql.raw(`drop trigger zz_test_pause_rebuild on customer_day_totals; drop function test_pause_rebuild()`),
      );
    }
    expect(await executeRows(db(), sql`select rollup, key from platter_rollup_drift()`)).toEqual([]);
  });
});
