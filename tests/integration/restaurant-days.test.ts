import { sql, type SQL } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";

import { executeRows } from "@/db/rows";
import type { Executor, Transaction } from "@/db/types";
import { getRevenueByMonth } from "@/lib/admin/revenue";
import { findActiveViewer, type Viewer } from "@/lib/auth/queries";
import { saveHoursAction } from "@/lib/owner/hours-actions";
import { listPastOrders } from "@/lib/owner/past-orders";
import { listOwnedRestaurants } from "@/lib/owner/queries";
import { getSalesReport } from "@/lib/owner/sales";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createOrders, createOrdersAt, createOwner, createRestaurant, createUser } from "../fixtures/factory";
import { signInAs, submit } from "../fixtures/session";

vi.mock("@/lib/auth/session", async () => (await import("../fixtures/session")).sessionMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

/*
 * A restaurant's sales days are calendar days in its own time zone (decision 0006): tonight's dinner in New York
 * is today's revenue there, not tomorrow's (UTC). The dashboard, the sales page, the past orders' day filter and
 * the admin's months read those days, and a zone change moves the restaurant's history with it, with no drift.
 */

describe.each(DRIVERS)("restaurant days in the restaurant's zone on %s", (driver) => {
  const db = freshDatabase(driver);

  const viewerOf = async (userId: string): Promise<Viewer> => (await findActiveViewer(userId))!;
  const drift = () => executeRows<{ rollup: string }>(db(), sql`select rollup from platter_rollup_drift()`);

  /** A restaurant in `timeZone` (set by its owner), the owner, and orders at the given instants (100, 200… cents). */
  async function restaurantIn(timeZone: string, placed: string[]) {
    const { restaurant } = await createRestaurant(db());
    const owner = await viewerOf((await createOwner(db(), [restaurant.id])).user.id);
    signInAs(owner);
    expect(await submit(saveHoursAction, { restaurantId: restaurant.id, timeZone })).toMatchObject({ ok: true });
    const customer = await createUser(db());
    await createOrdersAt(db(), {
      customerId: customer.profile.id,
      restaurantId: restaurant.id,
      placedAt: placed.map((iso) => new Date(iso)),
    });
    return { restaurant, owner };
  }

  /** The sales page's days from `from` to `to`, both included, as the owner sees them. */
  const salesDays = async (owner: Viewer, slug: string, from: string, to: string) =>
    (await getSalesReport({ viewer: owner, slug, range: { from, to } }))?.days;

  // 2026-11-01 in New York runs from 04:00 UTC (EDT) to 05:00 UTC the next day (EST, the clocks went back).
  const PLACED = [
    "2026-11-01T03:30:00Z", // Oct 31, 23:30 EDT
    "2026-11-01T04:30:00Z", // Nov 1, 00:30 EDT
    "2026-11-02T03:30:00Z", // Nov 1, 22:30 EST: after midnight UTC, still Nov 1 in New York
    "2026-11-02T05:00:00Z", // Nov 2, 00:00 EST
  ];

  it("counts an evening order on the restaurant's day: dashboard, sales, past orders and admin months agree", async () => {
    const { restaurant, owner } = await restaurantIn("America/New_York", PLACED);
    const now = new Date("2026-11-02T04:59:00Z"); // Nov 1, 23:59 EST

    const [card] = await listOwnedRestaurants({ viewer: owner, now });
    expect(card).toMatchObject({ timeZone: "America/New_York", ordersToday: 2, revenueToday: 200 + 300 });

    const sales = await getSalesReport({ viewer: owner, slug: restaurant.slug, now });
    expect(sales?.restaurant.timeZone).toBe("America/New_York");
    expect(sales?.days.slice(-2)).toEqual([
      { day: "2026-10-31", orders: 1, revenueCents: 100 },
      { day: "2026-11-01", orders: 2, revenueCents: 500 },
    ]);
    expect(await salesDays(owner, restaurant.slug, "2026-11-02", "2026-11-02")).toEqual([
      { day: "2026-11-02", orders: 1, revenueCents: 400 },
    ]);

    const page = await listPastOrders({ viewer: owner, slug: restaurant.slug, from: "2026-11-01", to: "2026-11-01" });
    expect(page?.orders.map((o) => o.totalCents)).toEqual([300, 200]);

    // The admin's months are the restaurants' months: the Oct 31 evening order is October's revenue.
    const admin = await viewerOf((await createUser(db(), { role: "admin" })).user.id);
    const revenue = await getRevenueByMonth({
      viewer: admin,
      now: new Date("2026-11-15T00:00:00Z"),
      pageSize: 10_000,
    });
    const row = revenue.restaurants.find((r) => r.restaurantId === restaurant.id);
    expect(row?.byMonth["2026-10"]).toEqual({ orders: 1, revenueCents: 100 });
    expect(row?.byMonth["2026-11"]).toEqual({ orders: 3, revenueCents: 200 + 300 + 400 });
    expect(await drift()).toEqual([]);
  });

  it("moves the restaurant's history to its new zone when the owner changes it, and nothing else", async () => {
    const { restaurant, owner } = await restaurantIn("America/New_York", PLACED);
    const customerDays = () =>
      executeRows<{ day: string; cents: string }>(
        db(),
        sql`select day::text, total_cents::text as cents from customer_restaurant_day_totals
            where restaurant_id = ${restaurant.id} order by day`,
      );
    const before = await customerDays();

    expect(
      await submit(saveHoursAction, { restaurantId: restaurant.id, timeZone: "America/Los_Angeles" }),
    ).toMatchObject({ ok: true });
    // Los Angeles is three hours behind New York: the first two orders move to Oct 31, the last two to Nov 1 (in UTC
    // they would be on Nov 1 and Nov 2).
    expect(await salesDays(owner, restaurant.slug, "2026-10-31", "2026-11-02")).toEqual([
      { day: "2026-10-31", orders: 2, revenueCents: 300 },
      { day: "2026-11-01", orders: 2, revenueCents: 700 },
      { day: "2026-11-02", orders: 0, revenueCents: 0 },
    ]);
    // Customers' rollups keep the app's days.
    expect(await customerDays()).toEqual(before);
    expect(await drift()).toEqual([]);
  });

  it("starts a day at its first midnight where clocks go back at midnight (the Azores): past orders and sales agree", async () => {
    // 2026-10-25: at 01:00 (UTC+0) the clocks go back to 00:00 (UTC−1), so 00:30 happens twice.
    const placed = ["2026-10-24T23:30:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z"];
    const { restaurant, owner } = await restaurantIn("Atlantic/Azores", placed);
    const pastTotals = async (from: string, to: string) =>
      (await listPastOrders({ viewer: owner, slug: restaurant.slug, from, to }))?.orders.map((o) => o.totalCents);
    expect(await pastTotals("2026-10-25", "2026-10-25")).toEqual([300, 200]);
    expect(await pastTotals("2026-10-24", "2026-10-24")).toEqual([100]);
    expect(await salesDays(owner, restaurant.slug, "2026-10-24", "2026-10-25")).toEqual([
      { day: "2026-10-24", orders: 1, revenueCents: 100 },
      { day: "2026-10-25", orders: 2, revenueCents: 500 },
    ]);
  });

  /**
   * Two sessions at once (PostgreSQL only: PGlite has one). `write` runs in a transaction left open; then `rename`
   * (an `update order_lines set name …`) runs in another session, and the first transaction commits once the rename
   * is seen waiting on a lock (or done).
   */
  async function renameLinesWhileUncommitted(write: (tx: Transaction) => Promise<unknown>, rename: SQL) {
    let commit!: () => void;
    let isWritten!: () => void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    const writtenUncommitted = new Promise<void>((resolve) => (isWritten = resolve));
    const first = db().transaction(async (tx) => {
      await write(tx);
      isWritten();
      await committed;
    });
    await writtenUncommitted;
    let renamed = false;
    const second = db()
      .execute(rename)
      .then(() => (renamed = true));
    const waitingOnLock = async () =>
      (
        await executeRows<{ n: number }>(
          db(),
          sql`select count(*)::int as n from pg_stat_activity
              where wait_event_type = 'Lock' and query like 'update order_lines set name%'`,
        )
      )[0]!.n > 0;
    await expect.poll(async () => renamed || (await waitingOnLock())).toBe(true);
    commit();
    await first;
    await second;
  }

  if (driver === "postgres")
    it("counts a line edit made while a cancel is uncommitted by the order's status at commit, not before", async () => {
      const { restaurant } = await createRestaurant(db());
      const customer = await createUser(db());
      const [orderId] = await createOrders(db(), {
        customerId: customer.profile.id,
        restaurantId: restaurant.id,
        count: 1,
        lines: [{ menuItemId: null, name: "Dish", unitPriceCents: 1000, quantity: 2 }],
        status: "placed",
      });
      // The edit waits for the cancel (its trigger locks the order). Without that lock it finished at once, counted
      // its lines by the status it saw (placed), and the item rollup drifted by the cancelled quantity.
      await renameLinesWhileUncommitted(
        (tx) => tx.execute(sql`update orders set status = 'cancelled' where id = ${orderId!}`),
        sql`update order_lines set name = 'Dish renamed' where order_id = ${orderId!}`,
      );
      expect(await drift()).toEqual([]);
    });

  if (driver === "postgres")
    it("names an item after the latest line even when a line edit waited for a checkout of that item to commit", async () => {
      const { restaurant, items } = await createRestaurant(db(), [{ name: "Ramen", priceCents: 1000 }]);
      const customer = await createUser(db());
      const order = (executor: Executor, time: string, name: string) =>
        createOrdersAt(executor, {
          customerId: customer.profile.id,
          restaurantId: restaurant.id,
          status: "placed",
          placedAt: [new Date(`2026-06-10T${time}:00Z`)],
          lines: [{ menuItemId: items[0]!.id, name, unitPriceCents: 1000, quantity: 1 }],
        });
      const [early] = await order(db(), "12:10", "Ramen");
      // A checkout of the renamed dish, later in the day, holds the item's rollup row until it commits.
      await renameLinesWhileUncommitted(
        (tx) => order(tx, "12:30", "Shoyu ramen"),
        sql`update order_lines set name = 'Ramen (small)' where order_id = ${early!}`,
      );
      // The edit's name lookup ran once it held the row, on a fresh snapshot that sees the checkout's later line
      // (a lookup on the statement's own snapshot named the row after the edited, earlier line).
      const [row] = await executeRows<{ name: string }>(
        db(),
        sql`select name from restaurant_item_day_totals where restaurant_id = ${restaurant.id} and day = '2026-06-10'`,
      );
      expect(row!.name).toBe("Shoyu ramen");
      expect(await drift()).toEqual([]);
    });

  it("stays equal to the lines while checkouts, cancels, line edits and zone changes at the restaurant race", async () => {
    const { restaurant } = await restaurantIn("America/New_York", []);
    const customer = await createUser(db());
    // Orders near midnight in every zone used below, so that a zone read at the wrong time moves a day.
    const base = Date.UTC(2026, 10, 20, 4, 30);
    const ids = await createOrders(db(), {
      customerId: customer.profile.id,
      restaurantId: restaurant.id,
      count: 40,
      lines: [{ menuItemId: null, name: "Dish", unitPriceCents: 1000, quantity: 1 }],
      status: "placed",
    });
    const zones = ["Asia/Tokyo", "UTC", "America/Los_Angeles", "Europe/Paris"];
    const work = Array.from({ length: 80 }, (_, i) => {
      if (i % 8 === 0) {
        return submit(saveHoursAction, { restaurantId: restaurant.id, timeZone: zones[(i / 8) % zones.length]! });
      }
      if (i % 2 === 0) {
        return createOrdersAt(db(), {
          customerId: customer.profile.id,
          restaurantId: restaurant.id,
          placedAt: [new Date(base + i * 3_600_000)],
          status: "placed",
          priceCents: () => 100 + i,
        });
      }
      return db().execute(sql`update orders set status = 'cancelled' where id = ${ids[i >> 1]!}`);
    });
    // The lines of the orders being cancelled are renamed meanwhile (as a snapshot fix would): the item rollup
    // moves them from one name to the other only while their order still counts.
    const edits = ids.map((id, k) =>
      db().execute(sql`update order_lines set name = ${`Dish ${k}`} where order_id = ${id}`),
    );
    const outcomes = await Promise.allSettled([...work, ...edits]);
    expect(outcomes.filter((o) => o.status === "rejected")).toEqual([]);
    // Every zone change went through (a refused one would leave nothing to race).
    const saves = outcomes.filter((_, i) => i < work.length && i % 8 === 0);
    expect(saves.map((o) => (o.status === "fulfilled" ? o.value : o))).toEqual(
      saves.map(() => expect.objectContaining({ ok: true })),
    );
    expect(await drift()).toEqual([]);
  });
});
