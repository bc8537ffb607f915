import "server-only";

import { sql } from "drizzle-orm";

import { getDb } from "@/db/client";
import { restaurants } from "@/db/schema";
import type { Viewer } from "@/lib/auth/queries";
import { zoneDays } from "@/lib/dates";
import { centsFromDb } from "@/lib/money";

import { outer, ownedRestaurantAt } from "./scope";

export const SALES_DAYS = 30;
export const TOP_ITEMS = 10;

export type SalesDay = { day: string; orders: number; revenueCents: number };
/** `key` is the menu item (or, for lines whose item is gone, the line name); `name` is the item's latest name. */
export type TopItem = { key: string; name: string; quantity: number; revenueCents: number };

/**
 * The sales page in one statement: the restaurant (ownership in the WHERE clause) with two correlated subqueries
 * over the last SALES_DAYS days including today (or the days of `range`), in the restaurant's time zone (its rollup
 * days, decision 0006), read from the
 * rollups kept by triggers: one restaurant_day_totals row per day, and one restaurant_item_day_totals row per item and day. generate_series
 * supplies every day, so a day without orders is a zero rather than a gap. A top item is a menu item (or, for
 * lines whose item was deleted, the line name), so a renamed dish stays one row, shown under its latest name.
 * Money travels as text inside the JSON so that no digit is lost.
 */
export async function getSalesReport({
  viewer,
  slug,
  range,
  now = new Date(),
}: {
  viewer: Viewer;
  slug: string;
  /** Whole days of the restaurant's zone, both included (checked by salesRangeSchema); without it, the last SALES_DAYS. */
  range?: { from: string; to: string };
  now?: Date;
}) {
  const db = await getDb();
  const { firstDay, lastDay } = range
    ? { firstDay: sql`${range.from}::date`, lastDay: sql`${range.to}::date` }
    : zoneDays(now, SALES_DAYS, outer(restaurants.timeZone));
  const window = sql`t.restaurant_id = ${outer(restaurants.id)} and t.day between ${firstDay} and ${lastDay}`;
  const [row] = await db
    .select({
      id: restaurants.id,
      slug: restaurants.slug,
      name: restaurants.name,
      timeZone: restaurants.timeZone,
      days: sql<string>`(
        select coalesce(json_agg(
          json_build_array(d.day::date::text, coalesce(t.order_count, 0), coalesce(t.total_cents, 0)::text) order by d.day
        ), '[]')::text
        from generate_series(${firstDay}::timestamp, ${lastDay}::timestamp, interval '1 day') as d(day)
        left join restaurant_day_totals t on t.restaurant_id = ${outer(restaurants.id)} and t.day = d.day::date)`,
      topItems: sql<string>`(
        select coalesce(json_agg(
          json_build_array(i.key, i.name, i.quantity::text, i.revenue::text) order by i.revenue desc, i.name, i.key
        ), '[]')::text
        from (
          select t.item_key as key,
                 -- A day whose lines were all cancelled keeps its last name but sold nothing: it names nothing.
                 (array_agg(t.name order by t.day desc) filter (where t.quantity <> 0))[1] as name,
                 sum(t.quantity) as quantity, sum(t.total_cents) as revenue
          from restaurant_item_day_totals t
          where ${window}
          group by 1
          having sum(t.quantity) > 0
          order by revenue desc, name, key
          limit ${TOP_ITEMS}
        ) i)`,
    })
    .from(restaurants)
    .where(ownedRestaurantAt(viewer, slug));
  if (!row) return null;
  const days = (JSON.parse(row.days) as [string, number, string][]).map(([day, orders, revenue]): SalesDay => ({
    day,
    orders,
    revenueCents: centsFromDb(revenue),
  }));
  const topItems = (JSON.parse(row.topItems) as [string, string, string, string][]).map(
    ([key, name, quantity, revenue]): TopItem => ({
      key,
      name,
      quantity: Number(quantity),
      revenueCents: centsFromDb(revenue),
    }),
  );
  return {
    restaurant: { id: row.id, slug: row.slug, name: row.name, timeZone: row.timeZone },
    days,
    topItems,
    totalRevenueCents: days.reduce((sum, d) => sum + d.revenueCents, 0),
    totalOrders: days.reduce((sum, d) => sum + d.orders, 0),
  };
}

export type SalesReport = NonNullable<Awaited<ReturnType<typeof getSalesReport>>>;
