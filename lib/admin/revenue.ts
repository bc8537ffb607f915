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
  return Array.from({ length: count }, (_, i) => monthLabel(current - (count - 1) + i));
}

/** Months counted from year 0 ("2026-11" is 2026 × 12 + 10), to step through them; and back to "YYYY-MM". */
const monthNumber = (label: string) => Number(label.slice(0, 4)) * 12 + Number(label.slice(5, 7)) - 1;
const monthLabel = (n: number) => `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, "0")}`;

export type MonthFigures = Record<string, { orders: number; revenueCents: number }>;

export type RestaurantRevenue = {
  restaurantId: number;
  name: string;
  byMonth: MonthFigures;
  totalCents: number;
};

/** Restaurants per page of the revenue table. */
export const REVENUE_PAGE_SIZE = 25;
/** Restaurants drawn in the chart one by one, the highest first; the rest are stacked as one "other" bar. */
export const CHART_RESTAURANTS = 9;

/**
 * Revenue by restaurant and month for the last `months` calendar months, grouped in SQL (one statement) from the
 * restaurants' daily rollups (days and so months of each restaurant's own zone, decision 0006): at most one row per
 * restaurant and day, however many orders they hold. Restaurants rank by their revenue over those months (then
 * name): the table shows one page of them, zeros included, and the chart the first CHART_RESTAURANTS, the others
 * stacked together. The month totals are every restaurant's, whatever the page, so that a page of 25 rows and a
 * chart of ten bars stay a few kilobytes at any number of restaurants while the totals stay whole.
 */
export async function getRevenueByMonth({
  viewer,
  months = 12,
  now = new Date(),
  page = 1,
  pageSize = REVENUE_PAGE_SIZE,
}: {
  viewer: Viewer;
  months?: number;
  now?: Date;
  /** 1 for the highest-earning restaurants. */
  page?: number;
  pageSize?: number;
}) {
  assertAdmin(viewer);
  for (const [name, value] of Object.entries({ months, page, pageSize }))
    if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer: ${value}`);
  const db = await getDb();
  const labels = lastMonths(months, now);
  const offset = (page - 1) * pageSize;
  const rows = await executeRows<{
    restaurant_id: number | null;
    name: string | null;
    rank: number | null;
    restaurant_count: number | null;
    month: string | null;
    orders: number;
    revenue: string;
  }>(
    db,
    sql`
    with monthly as (
      select d.restaurant_id, to_char(d.day, 'YYYY-MM') as month, sum(d.order_count)::int as orders,
        sum(d.total_cents) as revenue
      from restaurant_day_totals d
      where d.day >= ${`${labels[0]}-01`}::date and d.day < ${`${monthLabel(monthNumber(labels.at(-1)!) + 1)}-01`}::date
      group by 1, 2
    ), ranked as (
      select r.id, r.name, count(*) over ()::int as restaurant_count,
        row_number() over (order by coalesce(t.revenue, 0) desc, r.name, r.id)::int as rank
      from restaurants r left join (select restaurant_id, sum(revenue) as revenue from monthly group by 1) t
        on t.restaurant_id = r.id
    )
    select k.id as restaurant_id, k.name, k.rank, k.restaurant_count, m.month, coalesce(m.orders, 0) as orders,
      coalesce(m.revenue, 0)::text as revenue
    from ranked k left join monthly m on m.restaurant_id = k.id
    where k.rank <= ${CHART_RESTAURANTS} or (k.rank > ${offset} and k.rank <= ${offset + pageSize})
    union all
    select null, null, null, null, m.month, sum(m.orders)::int, sum(m.revenue)::text from monthly m group by m.month`,
  );
  const ranked = new Map<number, RestaurantRevenue & { rank: number }>();
  const monthTotals: MonthFigures = {};
  let restaurantCount = 0;
  for (const row of rows) {
    const figures = { orders: row.orders, revenueCents: centsFromDb(row.revenue) };
    if (row.restaurant_id === null) {
      if (row.month) monthTotals[row.month] = figures;
      continue;
    }
    restaurantCount = row.restaurant_count!;
    const entry = ranked.get(row.restaurant_id) ?? {
      restaurantId: row.restaurant_id,
      name: row.name!,
      rank: row.rank!,
      byMonth: {},
      totalCents: 0,
    };
    if (row.month) {
      entry.byMonth[row.month] = figures;
      entry.totalCents += figures.revenueCents;
    }
    ranked.set(row.restaurant_id, entry);
  }
  const byRank = [...ranked.values()].sort((a, b) => a.rank - b.rank);
  const monthTotalsCents = labels.map((m) => monthTotals[m]?.revenueCents ?? 0);
  // The chart's last bar segment is what the named restaurants leave of each month's total, to the cent.
  const charted = byRank.filter((r) => r.rank <= CHART_RESTAURANTS);
  const otherCents = monthTotalsCents.map(
    (total, i) => total - charted.reduce((sum, r) => sum + (r.byMonth[labels[i]!]?.revenueCents ?? 0), 0),
  );
  return {
    months: labels,
    /** This page's restaurants, highest revenue first. */
    restaurants: byRank.filter((r) => r.rank > offset && r.rank <= offset + pageSize),
    chart: { restaurants: charted, otherCents, otherCount: Math.max(0, restaurantCount - charted.length) },
    monthTotalsCents,
    totalCents: monthTotalsCents.reduce((sum, cents) => sum + cents, 0),
    restaurantCount,
    page,
    pageCount: Math.max(1, Math.ceil(restaurantCount / pageSize)),
  };
}

export type RevenueByMonth = Awaited<ReturnType<typeof getRevenueByMonth>>;
