import { sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { countQueries } from "@/db/query-stats";
import { restaurantOwners, type OrderStatus } from "@/db/schema";
import { insertOrders, type SeedOrder } from "@/db/seed/orders";
import { findActiveViewer } from "@/lib/auth/queries";
import { getSalesReport, SALES_DAYS } from "@/lib/owner/sales";
import { MAX_SALES_RANGE_DAYS, salesRangeSchema } from "@/lib/owner/schema";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createOwner, createRestaurant, createUser } from "../fixtures/factory";

const NOW = new Date("2026-11-25T18:30:00Z");
const DAY_MS = 86_400_000;

describe.each(DRIVERS)("owner sales on %s", (driver) => {
  const db = freshDatabase(driver);
  let keys = 0;

  async function restaurantWithSales() {
    const { restaurant } = await createRestaurant(db());
    const other = await createRestaurant(db());
    const owner = await createOwner(db(), [restaurant.id]);
    const customer = await createUser(db());
    const order = (
      restaurantId: number,
      placedAt: Date,
      status: OrderStatus,
      lines: [string, number, number][],
    ): SeedOrder => ({
      customerId: customer.profile.id,
      restaurantId,
      status,
      placedAt,
      idempotencyKey: `sales-${++keys}-${process.pid}`,
      lines: lines.map(([name, unitPriceCents, quantity]) => ({ menuItemId: null, name, unitPriceCents, quantity })),
    });
    // A spread of days, statuses and prices, including the window's edges and big bigint-worthy lines.
    const rows: SeedOrder[] = [];
    for (let d = 0; d < 40; d += 3) {
      const placedAt = new Date(Date.UTC(2026, 10, 25) - d * DAY_MS + ((d * 7919) % DAY_MS));
      rows.push(
        order(restaurant.id, placedAt, d % 9 === 0 ? "cancelled" : "completed", [
          ["Pizza", 1250 + d, 1 + (d % 3)],
          ["Wine", 999, 2],
        ]),
      );
      rows.push(order(other.restaurant.id, placedAt, "completed", [["Pizza", 100_000, 99]]));
    }
    // first day of the window
    rows.push(order(restaurant.id, new Date("2026-10-27T00:00:00Z"), "completed", [["Truffle", 10_000_000, 99]]));
    rows.push(order(restaurant.id, new Date("2026-11-02T12:00:00Z"), "completed", [["Truffle", 10_000_000, 99]]));
    rows.push(order(restaurant.id, new Date("2026-11-03T12:00:00Z"), "ready", [["Truffle", 10_000_000, 99]]));
    rows.push(order(restaurant.id, new Date("2026-10-26T23:59:59.999Z"), "completed", [["Too old", 5000, 1]]));
    rows.push(order(restaurant.id, new Date("2026-11-25T23:59:59.999Z"), "placed", [["Tiramisù", 695, 3]])); // last moment of today
    rows.push(order(restaurant.id, new Date("2026-11-26T00:00:00Z"), "placed", [["Tomorrow", 5000, 1]]));
    await insertOrders(db(), rows);
    return { restaurant, owner, customer };
  }

  /** The same figures, written independently: plain SQL over the raw tables, grouped by UTC day. */
  async function handWrittenDaily(restaurantId: number) {
    const rows = await db()
      .select({
        day: sql<string>`to_char(o.placed_at at time zone 'UTC', 'YYYY-MM-DD')`,
        orders: sql<number>`count(distinct o.id)::int`,
        revenue: sql<string>`sum(ol.quantity::bigint * ol.unit_price_cents)::text`,
      })
      .from(sql`orders o join order_lines ol on ol.order_id = o.id`)
      .where(
        sql`o.restaurant_id = ${restaurantId} and o.status <> 'cancelled'
        and o.placed_at >= '2026-10-27T00:00:00Z' and o.placed_at < '2026-11-26T00:00:00Z'`,
      )
      .groupBy(sql`1`);
    return new Map(rows.map((r) => [r.day, { orders: r.orders, revenueCents: Number(r.revenue) }]));
  }

  it("reports revenue and orders per day for the last 30 days, equal to a hand-written SQL sum, zeros included", async () => {
    const { restaurant, owner } = await restaurantWithSales();
    const viewer = await findActiveViewer(owner.user.id);
    const report = await getSalesReport({ viewer: viewer!, slug: restaurant.slug, now: NOW });
    expect(report?.days).toHaveLength(SALES_DAYS);
    expect(report?.days[0]?.day).toBe("2026-10-27");
    expect(report?.days.at(-1)?.day).toBe("2026-11-25");

    const expected = await handWrittenDaily(restaurant.id);
    for (const day of report!.days) {
      expect(day, day.day).toEqual({ day: day.day, ...(expected.get(day.day) ?? { orders: 0, revenueCents: 0 }) });
    }
    expect(report!.days.some((d) => d.orders === 0 && d.revenueCents === 0)).toBe(true);
    const total = [...expected.values()].reduce((sum, d) => sum + d.revenueCents, 0);
    expect(report?.totalRevenueCents).toBe(total);
    expect(total).toBeGreaterThan(2 ** 31);
    expect(report?.days[0]).toEqual({ day: "2026-10-27", orders: 1, revenueCents: 990_000_000 });
    // Today: the cancelled order at midnight does not count; the one placed at the last millisecond does.
    expect(report?.days.at(-1)).toEqual({ day: "2026-11-25", orders: 1, revenueCents: 3 * 695 });
  });

  it("ranks the top items by revenue from the same orders", async () => {
    const { restaurant, owner } = await restaurantWithSales();
    const viewer = await findActiveViewer(owner.user.id);
    const report = await getSalesReport({ viewer: viewer!, slug: restaurant.slug, now: NOW });
    const rows = await db()
      .select({
        name: sql<string>`ol.name`,
        quantity: sql<string>`sum(ol.quantity)::text`,
        revenue: sql<string>`sum(ol.quantity::bigint * ol.unit_price_cents)::text`,
      })
      .from(sql`orders o join order_lines ol on ol.order_id = o.id`)
      .where(
        sql`o.restaurant_id = ${restaurant.id} and o.status <> 'cancelled'
        and o.placed_at >= '2026-10-27T00:00:00Z' and o.placed_at < '2026-11-26T00:00:00Z'`,
      )
      .groupBy(sql`ol.name`);
    const expected = rows
      // These lines have no menu item (menu_item_id null): they are told apart by name.
      .map((r) => ({
        key: `name:${r.name}`,
        name: r.name,
        quantity: Number(r.quantity),
        revenueCents: Number(r.revenue),
      }))
      .sort((x, y) => y.revenueCents - x.revenueCents || x.name.localeCompare(y.name));
    expect(report?.topItems).toEqual(expected);
    expect(report?.topItems[0]?.name).toBe("Truffle");
    expect(report?.topItems.map((t) => t.name)).not.toContain("Too old");
    expect(report?.topItems.map((t) => t.name)).not.toContain("Tomorrow");
  });

  it("counts a renamed item as one, under its latest name, and two items sharing a name as two", async () => {
    const { restaurant, items } = await createRestaurant(db(), [
      { name: "Margherita", priceCents: 1000 },
      { name: "Special", priceCents: 1500 },
      { name: "Special", priceCents: 2000 },
    ]);
    const owner = await createOwner(db(), [restaurant.id]);
    const customer = await createUser(db());
    const [pizza, specialA, specialB] = items;
    const line = (item: typeof pizza, name: string, quantity: number) => ({
      menuItemId: item!.id,
      name,
      unitPriceCents: item!.priceCents,
      quantity,
    });
    const order = (placedAt: string, lines: ReturnType<typeof line>[]): SeedOrder => ({
      customerId: customer.profile.id,
      restaurantId: restaurant.id,
      status: "completed",
      placedAt: new Date(placedAt),
      idempotencyKey: `sales-${++keys}-${process.pid}`,
      lines,
    });
    await insertOrders(db(), [
      order("2026-11-20T12:00:00Z", [line(pizza, "Pizza", 2), line(specialA, "Special", 1)]),
      order("2026-11-24T12:00:00Z", [line(pizza, "Margherita", 1), line(specialB, "Special", 1)]),
      order("2026-11-22T12:00:00Z", [line(pizza, "Pizza Margherita", 1)]),
    ]);
    const report = await getSalesReport({
      viewer: (await findActiveViewer(owner.user.id))!,
      slug: restaurant.slug,
      now: NOW,
    });
    expect(report?.topItems).toEqual([
      { key: String(pizza!.id), name: "Margherita", quantity: 4, revenueCents: 4000 },
      { key: String(specialB!.id), name: "Special", quantity: 1, revenueCents: 2000 },
      { key: String(specialA!.id), name: "Special", quantity: 1, revenueCents: 1500 },
    ]);
  });

  it("shows nothing of another owner's restaurant", async () => {
    const { restaurant } = await restaurantWithSales();
    const stranger = await createOwner(db(), []);
    const customer = await createUser(db());
    for (const user of [stranger.user, customer.user]) {
      const viewer = await findActiveViewer(user.id);
      expect(await getSalesReport({ viewer: viewer!, slug: restaurant.slug, now: NOW })).toBeNull();
    }
    // Admins too see only restaurants they own (restaurant_owners), like any owner.
    const admin = await createUser(db(), { role: "admin" });
    const adminViewer = (await findActiveViewer(admin.user.id))!;
    expect(await getSalesReport({ viewer: adminViewer, slug: restaurant.slug, now: NOW })).toBeNull();
    await db().insert(restaurantOwners).values({ profileId: admin.profile.id, restaurantId: restaurant.id });
    expect((await getSalesReport({ viewer: adminViewer, slug: restaurant.slug, now: NOW }))?.days).toHaveLength(
      SALES_DAYS,
    );
  });

  it.each([false, true])(
    "reads the sales page in 2 statements, session check included (with orders: %s)",
    async (withOrders) => {
      const { restaurant, owner } = withOrders
        ? await restaurantWithSales()
        : await (async () => {
            const { restaurant } = await createRestaurant(db());
            return { restaurant, owner: await createOwner(db(), [restaurant.id]) };
          })();
      const { result, count } = await countQueries(async () => {
        const viewer = await findActiveViewer(owner.user.id);
        return getSalesReport({ viewer: viewer!, slug: restaurant.slug, now: NOW });
      });
      expect(count).toBe(2);
      expect(result?.days).toHaveLength(SALES_DAYS);
      if (!withOrders) expect(result?.totalRevenueCents).toBe(0);
    },
  );
  /** Orders and revenue per UTC day between two days (both included), summed from the lines by hand. */
  async function handWrittenRange(restaurantId: number, from: string, to: string) {
    const rows = await db()
      .select({
        day: sql<string>`to_char(o.placed_at at time zone 'UTC', 'YYYY-MM-DD')`,
        orders: sql<number>`count(distinct o.id)::int`,
        revenue: sql<string>`sum(ol.quantity::bigint * ol.unit_price_cents)::text`,
      })
      .from(sql`orders o join order_lines ol on ol.order_id = o.id`)
      .where(
        sql`o.restaurant_id = ${restaurantId} and o.status <> 'cancelled'
        and o.placed_at >= ${from}::date::timestamp at time zone 'UTC'
        and o.placed_at < (${to}::date + 1)::timestamp at time zone 'UTC'`,
      )
      .groupBy(sql`1`);
    return new Map(rows.map((r) => [r.day, { orders: r.orders, revenueCents: Number(r.revenue) }]));
  }

  it.each([
    ["2026-10-20", "2026-11-03"],
    ["2026-11-25", "2026-11-26"],
    ["2025-11-26", "2026-11-26"],
    ["1999-01-01", "1999-01-01"],
  ])("reports the days from %s to %s in cents equal to the lines, zeros included", async (from, to) => {
    const { restaurant, owner } = await restaurantWithSales();
    const viewer = (await findActiveViewer(owner.user.id))!;
    const report = await getSalesReport({ viewer, slug: restaurant.slug, range: { from, to }, now: NOW });
    const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
    expect(report?.days).toHaveLength(days);
    expect(report?.days[0]?.day).toBe(from);
    expect(report?.days.at(-1)?.day).toBe(to);
    const expected = await handWrittenRange(restaurant.id, from, to);
    for (const day of report!.days) {
      expect(day, day.day).toEqual({ day: day.day, ...(expected.get(day.day) ?? { orders: 0, revenueCents: 0 }) });
    }
    const total = [...expected.values()].reduce((sum, d) => sum + d.revenueCents, 0);
    expect(report?.totalRevenueCents).toBe(total);
    expect(report?.totalOrders).toBe([...expected.values()].reduce((sum, d) => sum + d.orders, 0));
    // The top items of the range come from the same days.
    expect(report?.topItems.reduce((sum, item) => sum + item.revenueCents, 0)).toBe(total);
  });

  it("reads a year-long range in 2 statements, session check included", async () => {
    const { restaurant, owner } = await restaurantWithSales();
    const { result, count } = await countQueries(async () => {
      const viewer = await findActiveViewer(owner.user.id);
      return getSalesReport({
        viewer: viewer!,
        slug: restaurant.slug,
        range: { from: "2025-11-26", to: "2026-11-26" },
      });
    });
    expect(count).toBe(2);
    expect(result?.days).toHaveLength(MAX_SALES_RANGE_DAYS);
    const stranger = (await findActiveViewer((await createOwner(db(), [])).user.id))!;
    expect(
      await getSalesReport({
        viewer: stranger,
        slug: restaurant.slug,
        range: { from: "2026-11-01", to: "2026-11-02" },
      }),
    ).toBeNull();
  });
});

describe("the sales range from the URL", () => {
  const messages = (input: Record<string, unknown>) => {
    const parsed = salesRangeSchema.safeParse(input);
    return parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  };

  it.each<[Record<string, unknown>, string]>([
    [{ from: "2026-11-20", to: "2026-11-01" }, "The start date must not be after the end date."],
    [{ from: "2025-01-01", to: "2026-01-02" }, `Choose at most ${MAX_SALES_RANGE_DAYS} days.`],
    [{ from: "0001-01-01", to: "9999-12-31" }, `Choose at most ${MAX_SALES_RANGE_DAYS} days.`],
    [{ from: "2026-11-01" }, "Choose both a start and an end date."],
    [{ to: "2026-11-01" }, "Choose both a start and an end date."],
    [{ from: "2026-02-30", to: "2026-03-01" }, "That date does not exist."],
    [{ from: "0000-12-31", to: "0001-01-01" }, "Use a date from the year 1 on."],
    [{ from: "2026-01-01", to: "+10000-01-01" }, "Use a date like 2026-01-31."],
    [{ from: "2026-01-01\u0000", to: "2026-01-02" }, "Use a date like 2026-01-31."],
  ])("explains %j: %s", (input, message) => {
    expect(messages(input)).toContain(message);
  });

  it("accepts a range of one day up to a year and a day, and no range at all", () => {
    expect(messages({ from: "2026-11-01", to: "2026-11-01" })).toEqual([]);
    expect(messages({ from: "2024-01-01", to: "2024-12-31" })).toEqual([]);
    expect(messages({ from: "", to: "" })).toEqual([]);
    expect(messages({})).toEqual([]);
  });

  it("never throws on generated input", () => {
    const value = fc.oneof(
      fc.string(),
      fc.string({ unit: "binary" }),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    );
    fc.assert(
      fc.property(fc.record({ from: value, to: value }, { requiredKeys: [] }), (input) => {
        const parsed = salesRangeSchema.safeParse(input);
        if (parsed.success && parsed.data.from && parsed.data.to) {
          const days = (Date.parse(parsed.data.to) - Date.parse(parsed.data.from)) / DAY_MS + 1;
          expect(days).toBeGreaterThanOrEqual(1);
          expect(days).toBeLessThanOrEqual(MAX_SALES_RANGE_DAYS);
        }
      }),
    );
  });
});
