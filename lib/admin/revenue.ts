import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import type { Viewer } from "@/lib/auth/queries";
import { APP_TIME_ZONE } from "@/lib/dates";
import { centsFromDb } from "@/lib/money";
import { assertAdmin } from "./guard";
import { executeRows } from "./rows";
import { COUNTS_TOWARD_TOTALS, LINE_CENTS, SUM_LINE_CENTS } from "@/lib/orders/totals";

export type PlatformTotals = {
  users: number;
  disabledUsers: number;
  restaurants: number;
  orders: number;
  cancelledOrders: number;
  revenueCents: number;
};

/**
 * Platform totals in one statement. Revenue is defined as every total purchase is: non-cancelled orders,
 * quantity x snapshotted unit price, so it equals the sum of the users' totals to the cent.
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
      (select count(*)::int from orders o where ${COUNTS_TOWARD_TOTALS}) as orders,
      (select count(*)::int from orders where status = 'cancelled') as cancelled_orders,
      (select ${SUM_LINE_CENTS}
         from order_lines ol join orders o on o.id = ol.order_id where ${COUNTS_TOWARD_TOTALS}) as revenue`,
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

const yearMonth = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "numeric", timeZone: APP_TIME_ZONE });

/** "2026-11": calendar months in APP_TIME_ZONE (lib/dates.ts), the last one containing `now`. */
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
 * Per-restaurant revenue by month for the last `months` calendar months, grouped in SQL (one statement).
 * Every restaurant is listed, with zeros where it sold nothing.
 */
export async function getRevenueByMonth({ viewer, months = 12, now = new Date() }: { viewer: Viewer; months?: number; now?: Date }) {
  assertAdmin(viewer);
  const db = await getDb();
  const labels = lastMonths(months, now);
  // Midnight of the first month's first day in the app's time zone; months are bucketed in the same zone.
  const from = sql`(${`${labels[0]}-01`}::date::timestamp at time zone ${APP_TIME_ZONE})`;
  const rows = await executeRows<{ restaurant_id: number; name: string; month: string | null; orders: number; revenue: string }>(
    db,
    sql`
    with monthly as (
      select o.restaurant_id, to_char(o.placed_at at time zone ${APP_TIME_ZONE}, 'YYYY-MM') as month,
             count(distinct o.id)::int as orders, sum(${LINE_CENTS}) as revenue
      from orders o join order_lines ol on ol.order_id = o.id
      where ${COUNTS_TOWARD_TOTALS} and o.placed_at >= ${from}
      group by 1, 2
    )
    select r.id as restaurant_id, r.name, m.month, coalesce(m.orders, 0) as orders, coalesce(m.revenue, 0)::text as revenue
    from restaurants r left join monthly m on m.restaurant_id = r.id
    order by r.name, r.id, m.month`,
  );
  const byRestaurant = new Map<number, RestaurantRevenue>();
  for (const row of rows) {
    const entry = byRestaurant.get(row.restaurant_id) ?? { restaurantId: row.restaurant_id, name: row.name, byMonth: {}, totalCents: 0 };
    if (row.month && labels.includes(row.month)) {
      const cents = centsFromDb(row.revenue);
      entry.byMonth[row.month] = { orders: row.orders, revenueCents: cents };
      entry.totalCents += cents;
    }
    byRestaurant.set(row.restaurant_id, entry);
  }
  const restaurants = [...byRestaurant.values()];
  // Column totals for the chart and the table alike, so the two can never disagree.
  const monthTotalsCents = labels.map((m) => restaurants.reduce((sum, r) => sum + (r.byMonth[m]?.revenueCents ?? 0), 0));
  const totalCents = restaurants.reduce((sum, r) => sum + r.totalCents, 0);
  return { months: labels, restaurants, monthTotalsCents, totalCents };
}

export type RevenueByMonth = Awaited<ReturnType<typeof getRevenueByMonth>>;
