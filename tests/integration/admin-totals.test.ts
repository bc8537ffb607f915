import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { countQueries } from "@/db/query-stats";
import { orders, profiles, restaurants, users } from "@/db/schema";
import { DEMO_ACCOUNTS } from "@/db/seed/accounts";
import { seedDemo } from "@/db/seed/demo";
import { decodeUsersCursor, encodeUsersCursor } from "@/lib/admin/cursor";
import { reconcileTotals } from "@/lib/admin/reconciliation";
import { CHART_RESTAURANTS, getPlatformTotals, getRevenueByMonth } from "@/lib/admin/revenue";
import { listUserTotals, type UserTotalsRow } from "@/lib/admin/users";
import { findActiveViewer, type Viewer } from "@/lib/auth/queries";
import { getProfileForViewer } from "@/lib/profile/queries";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createOrdersAt, createRestaurant, createUser } from "../fixtures/factory";

describe.each(DRIVERS)("admin totals on %s", (driver) => {
  const db = freshDatabase(driver);

  async function viewerFor(email: string): Promise<Viewer> {
    const [row] = await db().select({ id: users.id }).from(users).where(eq(users.email, email));
    const viewer = await findActiveViewer(row!.id);
    if (!viewer) throw new Error(`${email} should be active`);
    return viewer;
  }

  /** Follows "Next page" as the browser does: the cursor goes through the URL, encoded, and comes back decoded. */
  async function allUserTotals(viewer: Viewer, sort: "total" | "name" = "total", search?: string, limit = 3) {
    const rows: UserTotalsRow[] = [];
    let link: string | undefined;
    do {
      const after = decodeUsersCursor(link, sort);
      if (after === null) throw new Error(`the page would answer 404 to its own link: ${link}`);
      const page = await listUserTotals({ viewer, sort, search, after, limit });
      rows.push(...page.rows);
      link = page.nextCursor ? encodeUsersCursor(page.nextCursor) : undefined;
      // A cursor that started over would loop forever: fail instead.
      if (rows.length > 10_000) throw new Error("paging does not end");
    } while (link);
    return rows;
  }

  beforeAll(async () => {
    await seedDemo(db());
  });

  it("shows every user the same total and order count as their profile page", async () => {
    const admin = await viewerFor("admin@platter.test");
    const { rows } = await listUserTotals({ viewer: admin });
    expect(rows).toHaveLength(DEMO_ACCOUNTS.length);
    for (const row of rows) {
      const profile = await getProfileForViewer({ viewer: admin, slug: row.slug });
      expect(row.totalPurchaseCents, row.slug).toBe(profile!.totalPurchaseCents);
      expect(row.orderCount, row.slug).toBe(profile!.orderCount);
    }
    expect(rows.some((r) => r.totalPurchaseCents > 0)).toBe(true);
    // Highest total first; the platform's revenue is the sum of every user's total.
    const totals = rows.map((r) => r.totalPurchaseCents);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    const platform = await getPlatformTotals({ viewer: admin });
    expect(platform.revenueCents).toBe(totals.reduce((a, b) => a + b, 0));
    expect(platform.orders).toBe(rows.reduce((a, r) => a + r.orderCount, 0));
  });

  it("pages by keyset in both orders without skipping or repeating anyone", async () => {
    const admin = await viewerFor("admin@platter.test");
    const byTotal = await allUserTotals(admin, "total");
    const byName = await allUserTotals(admin, "name");
    expect(byTotal).toHaveLength(DEMO_ACCOUNTS.length);
    expect(new Set(byTotal.map((r) => r.profileId)).size).toBe(DEMO_ACCOUNTS.length);
    expect(byName.map((r) => r.displayName)).toEqual(
      DEMO_ACCOUNTS.map((a) => a.name).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())),
    );
    const first = await listUserTotals({ viewer: admin });
    expect(byTotal.map((r) => r.profileId)).toEqual(first.rows.map((r) => r.profileId));
  });

  it("searches by name or email, case-insensitively, with wildcards taken literally", async () => {
    const admin = await viewerFor("admin@platter.test");
    expect((await listUserTotals({ viewer: admin, search: "CARLA" })).rows.map((r) => r.slug)).toEqual(["carla"]);
    expect((await listUserTotals({ viewer: admin, search: "dan@platter" })).rows.map((r) => r.slug)).toEqual(["dan"]);
    expect((await listUserTotals({ viewer: admin, search: "Owner" })).rows).toHaveLength(2);
    expect((await listUserTotals({ viewer: admin, search: "%" })).rows).toHaveLength(0);
    expect((await allUserTotals(admin, "total", "platter.test")).length).toBe(DEMO_ACCOUNTS.length);
  });

  it("keeps each admin page within its budget of 3 statements, session check included", async () => {
    const admin = await viewerFor("admin@platter.test");
    const users = await countQueries(async () => listUserTotals({ viewer: await viewerFor("admin@platter.test") }));
    expect(users.count).toBe(2 + 1); // viewerFor itself reads the users table once before the session check
    const usersPage = await countQueries(async () => {
      const viewer = await findActiveViewer(admin.userId);
      return listUserTotals({ viewer: viewer!, search: "a" });
    });
    expect(usersPage.count).toBe(2);
    const reconciliation = await countQueries(async () =>
      reconcileTotals({ viewer: (await findActiveViewer(admin.userId))! }),
    );
    // The session check, the reconciliation's own statement timeout, and the reconciliation itself.
    expect(reconciliation.count).toBe(3);
    const revenue = await countQueries(async () => {
      const viewer = (await findActiveViewer(admin.userId))!;
      return Promise.all([getPlatformTotals({ viewer }), getRevenueByMonth({ viewer })]);
    });
    expect(revenue.count).toBe(3);
  });

  it("reports a clean database as clean", async () => {
    const admin = await viewerFor("admin@platter.test");
    const report = await reconcileTotals({ viewer: admin });
    const [count] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(orders);
    expect(report.ordersChecked).toBe(count!.n);
    expect(report.orderMismatchCount).toBe(0);
    expect(report.userMismatchCount).toBe(0);
    expect(report.orderMismatches).toEqual([]);
    expect(report.usersChecked).toBeGreaterThan(0);
  });

  it("finds an order whose stored total was altered directly in the database, and its customer", async () => {
    const admin = await viewerFor("admin@platter.test");
    const [carla] = await db().select({ id: profiles.id }).from(profiles).where(eq(profiles.slug, "carla"));
    const [order] = await db()
      .select({ id: orders.id, totalCents: orders.totalCents })
      .from(orders)
      .where(sql`${orders.customerId} = ${carla!.id} and ${orders.status} <> 'cancelled'`)
      .limit(1);
    // The triggers refuse a total that disagrees with its lines (rollups.test.ts); only someone who turns them
    // off can store one, and the reconciliation must still find it.
    const storeTotal = (cents: number) =>
      db().transaction(async (tx) => {
        await tx.execute(sql`alter table orders disable trigger user`);
        await tx.update(orders).set({ totalCents: cents }).where(eq(orders.id, order!.id));
        await tx.execute(sql`alter table orders enable trigger user`);
      });
    await storeTotal(order!.totalCents + 1);
    try {
      const report = await reconcileTotals({ viewer: admin });
      expect(report.orderMismatchCount).toBe(1);
      expect(report.orderMismatches).toEqual([
        expect.objectContaining({
          orderId: order!.id,
          customerSlug: "carla",
          storedCents: order!.totalCents + 1,
          linesCents: order!.totalCents,
        }),
      ]);
      expect(report.userMismatchCount).toBe(1);
      expect(report.userMismatches[0]).toMatchObject({ slug: "carla", orderIds: [order!.id] });
      expect(report.userMismatches[0]!.storedCents - report.userMismatches[0]!.linesCents).toBe(1);
    } finally {
      await storeTotal(order!.totalCents);
    }
    expect((await reconcileTotals({ viewer: admin })).orderMismatchCount).toBe(0);
  });

  it("adds up revenue by restaurant and month to the platform's revenue over the same months", async () => {
    const admin = await viewerFor("admin@platter.test");
    const revenue = await getRevenueByMonth({ viewer: admin, months: 14, pageSize: 10_000 });
    expect(revenue.months).toHaveLength(14);
    const sum = revenue.restaurants.reduce((a, r) => a + r.totalCents, 0);
    // The demo orders span the last 365 days, inside 14 calendar months: every sale is in the chart.
    expect(sum).toBe((await getPlatformTotals({ viewer: admin })).revenueCents);
    expect(revenue.totalCents).toBe(sum);
    for (const r of revenue.restaurants) {
      expect(Object.values(r.byMonth).reduce((a, m) => a + m.revenueCents, 0)).toBe(r.totalCents);
    }
  });

  it("pages the revenue table highest first and charts the top restaurants with the others stacked, to the cent", async () => {
    const admin = await viewerFor("admin@platter.test");
    // More restaurants than the chart names, each with a sale of its own today (to a demo customer: the users'
    // tests below count the users).
    const customer = await viewerFor("dan@platter.test");
    for (let i = 0; i < CHART_RESTAURANTS + 2; i++) {
      const { restaurant } = await createRestaurant(db());
      await createOrdersAt(db(), {
        customerId: customer.profileId,
        restaurantId: restaurant.id,
        placedAt: [new Date()],
        priceCents: () => 1000 + i,
      });
    }
    const [{ n }] = (await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(restaurants)) as [{ n: number }];
    const whole = await getRevenueByMonth({ viewer: admin, months: 14, pageSize: 10_000 });
    expect(whole.restaurantCount).toBe(n);
    expect(whole.restaurants).toHaveLength(n);
    expect(whole.pageCount).toBe(1);
    const totals = whole.restaurants.map((r) => r.totalCents);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(whole.totalCents).toBe((await getPlatformTotals({ viewer: admin })).revenueCents);

    const paged: number[] = [];
    for (let page = 1; ; page++) {
      const part = await getRevenueByMonth({ viewer: admin, months: 14, page, pageSize: 4 });
      expect(part.pageCount).toBe(Math.ceil(n / 4));
      // The chart and the totals are every restaurant's, whatever the page.
      expect(part.monthTotalsCents).toEqual(whole.monthTotalsCents);
      expect(part.totalCents).toBe(whole.totalCents);
      expect(part.chart).toEqual(whole.chart);
      paged.push(...part.restaurants.map((r) => r.restaurantId));
      if (page >= part.pageCount) break;
    }
    expect(paged).toEqual(whole.restaurants.map((r) => r.restaurantId));

    const { chart } = whole;
    expect(chart.restaurants.map((r) => r.restaurantId)).toEqual(
      whole.restaurants.slice(0, CHART_RESTAURANTS).map((r) => r.restaurantId),
    );
    expect(chart.otherCount).toBe(n - CHART_RESTAURANTS);
    const others = whole.restaurants.slice(CHART_RESTAURANTS);
    expect(chart.otherCents).toEqual(
      whole.months.map((m) => others.reduce((sum, r) => sum + (r.byMonth[m]?.revenueCents ?? 0), 0)),
    );
    expect(chart.otherCents.some((cents) => cents > 0)).toBe(true);
    // Past the last page: no rows, and still the whole chart and totals (the page answers 404 on it).
    const past = await getRevenueByMonth({ viewer: admin, months: 14, page: whole.pageCount + 1 });
    expect([past.restaurants, past.chart, past.totalCents]).toEqual([[], whole.chart, whole.totalCents]);
    await expect(getRevenueByMonth({ viewer: admin, page: 0 })).rejects.toThrow(RangeError);
    await expect(getRevenueByMonth({ viewer: admin, pageSize: 0.5 })).rejects.toThrow(RangeError);
  });

  it("counts only the window's months: a sale before or after them ranks as nothing", async () => {
    const admin = await viewerFor("admin@platter.test");
    const customer = await viewerFor("dan@platter.test");
    const sold: Record<"before" | "inside" | "after", number> = { before: 0, inside: 0, after: 0 };
    const at = { before: "2026-05-20T12:00:00Z", inside: "2026-06-10T12:00:00Z", after: "2026-07-10T12:00:00Z" };
    for (const when of ["before", "inside", "after"] as const) {
      const { restaurant } = await createRestaurant(db());
      await createOrdersAt(db(), {
        customerId: customer.profileId,
        restaurantId: restaurant.id,
        placedAt: [new Date(at[when])],
        priceCents: () => 5_000_000,
      });
      sold[when] = restaurant.id;
    }
    const june = await getRevenueByMonth({
      viewer: admin,
      months: 1,
      now: new Date("2026-06-15T00:00:00Z"),
      pageSize: 10_000,
    });
    expect(june.months).toEqual(["2026-06"]);
    const total = (id: number) => june.restaurants.find((r) => r.restaurantId === id)?.totalCents;
    expect([total(sold.before), total(sold.inside), total(sold.after)]).toEqual([0, 5_000_000, 0]);
    // The biggest sale of June ranks first; the other two rank among the restaurants that sold nothing then.
    expect(june.restaurants[0]!.restaurantId).toBe(sold.inside);
    expect(june.chart.restaurants[0]!.restaurantId).toBe(sold.inside);
    expect(june.totalCents).toBe(june.restaurants.reduce((sum, r) => sum + r.totalCents, 0));
  });

  // Adds users the tests above do not expect, so it comes after them.
  it("pages by name past a 75-emoji display name, whose cursor is the longest kind, without starting over", async () => {
    const admin = await viewerFor("admin@platter.test");
    const emoji = await createUser(db(), { name: "🍕".repeat(75) });
    await createUser(db(), { name: "🍕".repeat(75) + "🍔" });
    const expected = await allUserTotals(admin, "name", undefined, 1_000);
    // One row per page: every row, the emoji ones included, is the last of a page and so becomes a cursor.
    const byName = await allUserTotals(admin, "name", undefined, 1);
    expect(byName.map((r) => r.profileId)).toEqual(expected.map((r) => r.profileId));
    expect(new Set(byName.map((r) => r.profileId)).size).toBe(DEMO_ACCOUNTS.length + 2);
    const page = await listUserTotals({ viewer: admin, sort: "name", search: "🍕", limit: 1 });
    expect(page.rows.map((r) => r.profileId)).toEqual([emoji.profile.id]);
    expect(encodeUsersCursor(page.nextCursor!).length).toBeGreaterThan(400);
  });

  it("refuses every read to a customer and an owner before sending a statement", async () => {
    for (const email of ["dan@platter.test", "olivia@platter.test"]) {
      const viewer = await viewerFor(email);
      const refused = await countQueries(async () => {
        const outcomes = await Promise.allSettled([
          listUserTotals({ viewer }),
          reconcileTotals({ viewer }),
          getPlatformTotals({ viewer }),
          getRevenueByMonth({ viewer }),
        ]);
        return outcomes.map((o) => (o.status === "rejected" ? (o.reason as Error).name : "fulfilled"));
      });
      expect(refused.result).toEqual(["AdminOnlyError", "AdminOnlyError", "AdminOnlyError", "AdminOnlyError"]);
      expect(refused.count).toBe(0);
    }
  });
});
