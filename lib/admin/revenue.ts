import "server-only";

import { sql } from "drizzle-orm";

import { getDb } from "@/db/client";
import { executeRows } from "@/db/rows";
import type { Viewer } from "@/lib/auth/queries";
import { EARLIEST_DAY_ZONE } from "@/lib/dates";
import { centsFromDb } from "@/lib/money";

import { assertAdmin } from "./query-guard";

export type PlatformTotals = {
  users: number;
  disabledUsers: number;
  restaurants: number;
  orders: number;
  cancelledOrders: number;
  revenueCents: number;
};

/**
 * Platform totals in one statement, from the customers' running totals (customer_totals: one row per profile,
 * kept by triggers). Revenue is therefore the sum of the users' totals to the cent, by construction.
 */
export async function getPlatformTotals({ viewer }: { viewer: Viewer }): Promise<PlatformTotals> {
  assertAdmin(viewer);
  const db = await getDb();
  const [row] = await executeRows<{
    users: number;
    disabled_users: number;
    restaurants: number;
    orders: number;
    cancelled_orders: number;
    revenue: string;
  }>(
    db,
    sql`select
      (select count(*)::int from users) as users,
      (select count(*)::int from users where disabled) as disabled_users,
      (select count(*)::int from restaurants) as restaurants,
      (select coalesce(sum(order_count), 0)::int from customer_totals) as orders,
      (select coalesce(sum(cancelled_count), 0)::int from customer_totals) as cancelled_orders,
      (select coalesce(sum(total_cents), 0)::text from customer_totals) as revenue`,
  );
  return {
    users: row!.users,
    disabledUsers: row!.disabled_users,
    restaurants: row!.restaurants,
    orders: row!.orders,
    cancelledOrders: row!.cancelled_orders,
    revenueCents: centsFromDb(row!.revenue),
  };
}

const yearMonth = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "numeric", timeZone: EARLIEST_DAY_ZONE });

/**
 * "2026-11": calendar months, the last one containing `now` in the zone furthest ahead (UTC+14). Revenue is summed by
 * each restaurant's own months (decision 0006), and a restaurant ahead of UTC is in next month before UTC is: ending
 * the window at UTC's month dropped its first hours of revenue from the table.
 */
export function lastMonths(count: number, now = new Date()): string[] {
  const parts = Object.fromEntries(yearMonth.formatToParts(now).map((p) => [p.type, p.value]));
  const current = Number(parts.year) * 12 + Number(parts.month) - 1;
  const months: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const m = current - i;
    months.push(`${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`);
  }
  return months;
}

export type RestaurantRevenue = {
  restaurantId: number;
  name: string;
  byMonth: Record<string, { orders: number; revenueCents: number }>;
  totalCents: number;
};

/**
 * Per-restaurant revenue by month for the last `months` calendar months, grouped in SQL (one statement) from the
 * restaurants' daily rollups (days and so months of each restaurant's own zone, decision 0006): at most one row per
 * restaurant and day, however many orders they hold.
 * Every restaurant is listed, with zeros where it sold nothing.
 */
export async function getRevenueByMonth({
  viewer,
  months = 12,
  now = new Date(),
}: {
  viewer: Viewer;
  months?: number;
  now?: Date;
}) {
  assertAdmin(viewer);
  const db = await getDb();
  const labels = lastMonths(months, now);
  const rows = await executeRows<{
    restaurant_id: number;
    name: string;
    month: string | null;
    orders: number;
    revenue: string;
  }>(
    db,
    sql`
    with monthly as (
      select d.restaurant_id, to_char(d.day, 'YYYY-MM') as month, sum(d.order_count)::int as orders, sum(d.total_cents) as revenue
      from restaurant_day_totals d
      where d.day >= ${`${labels[0]}-01`}::date
      group by 1, 2
    )
    select r.id as restaurant_id, r.name, m.month, coalesce(m.orders, 0) as orders, coalesce(m.revenue, 0)::text as revenue
    from restaurants r left join monthly m on m.restaurant_id = r.id
    order by r.name, r.id, m.month`,
  );
  const byRestaurant = new Map<number, RestaurantRevenue>();
  for (const row of rows) {
    const entry = byRestaurant.get(row.restaurant_id) ?? {
      restaurantId: row.restaurant_id,
      name: row.name,
      byMonth: {},
      totalCents: 0,
    };
    if (row.month && labels.includes(row.month)) {
      const cents = centsFromDb(row.revenue);
      entry.byMonth[row.month] = { orders: row.orders, revenueCents: cents };
      entry.totalCents += cents;
    }
    byRestaurant.set(row.restaurant_id, entry);
  }
  const restaurants = [...byRestaurant.values()];
  // Column totals for the chart and the table alike, so the two can never disagree.
  const monthTotalsCents = labels.map((m) =>
    restaurants.reduce((sum, r) => sum + (r.byMonth[m]?.revenueCents ?? 0), 0),
  );
  const totalCents = restaurants.reduce((sum, r) => sum + r.totalCents, 0);
  return { months: labels, restaurants, monthTotalsCents, totalCents };
}

export type RevenueByMonth = Awaited<ReturnType<typeof getRevenueByMonth>>;
