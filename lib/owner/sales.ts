import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { restaurants } from "@/db/schema";
import type { Viewer } from "@/lib/auth/queries";
import { APP_TIME_ZONE, appDays } from "@/lib/dates";
import { centsFromDb } from "@/lib/money";
import { outer, ownedBy } from "./scope";
import { COUNTS_TOWARD_TOTALS, LINE_CENTS } from "@/lib/orders/totals";

export const SALES_DAYS = 30;
export const TOP_ITEMS = 10;

/**
 * What makes a top item: the menu item, so that a renamed dish stays one row and two dishes sharing a name stay
 * two. Lines whose item was deleted for good (menu_item_id set null) fall back to their name snapshot.
 */
const ITEM_KEY = sql.raw("coalesce(ol.menu_item_id::text, 'name:' || ol.name)");

export type SalesDay = { day: string; orders: number; revenueCents: number };
/** `key` is the menu item (or, for lines whose item is gone, the line name); `name` is the item's latest name. */
export type TopItem = { key: string; name: string; quantity: number; revenueCents: number };

/**
 * The sales page in one statement: the restaurant (ownership in the WHERE clause) with two correlated, grouped
 * subqueries over the last SALES_DAYS days including today, in the app's time zone. generate_series supplies
 * every day, so a day without orders is a zero rather than a gap. Revenue is summed from line snapshots of
 * non-cancelled orders, as bigint, and travels as text inside the JSON so that no digit is lost.
 */
export async function getSalesReport({ viewer, slug, now = new Date() }: { viewer: Viewer; slug: string; now?: Date }) {
  const db = await getDb();
  const { firstDay, lastDay, start, end } = appDays(now, SALES_DAYS);
  const window = sql`o.restaurant_id = ${outer(restaurants.id)} and ${COUNTS_TOWARD_TOTALS}
    and o.placed_at >= ${start} and o.placed_at < ${end}`;
  const [row] = await db
    .select({
      id: restaurants.id,
      slug: restaurants.slug,
      name: restaurants.name,
      days: sql<string>`(
        select coalesce(json_agg(json_build_array(d.day::date::text, coalesce(s.orders, 0), coalesce(s.revenue, 0)::text) order by d.day), '[]')::text
        from generate_series(${firstDay}::timestamp, ${lastDay}::timestamp, interval '1 day') as d(day)
        left join (
          select (o.placed_at at time zone ${APP_TIME_ZONE})::date as day, count(distinct o.id)::int as orders,
                 sum(${LINE_CENTS}) as revenue
          from orders o join order_lines ol on ol.order_id = o.id
          where ${window}
          group by 1
        ) s on s.day = d.day::date)`,
      topItems: sql<string>`(
        select coalesce(json_agg(json_build_array(t.key, t.name, t.quantity::text, t.revenue::text) order by t.revenue desc, t.name, t.key), '[]')::text
        from (
          select ${ITEM_KEY} as key, (array_agg(ol.name order by o.placed_at desc, ol.id desc))[1] as name,
                 sum(ol.quantity::bigint) as quantity, sum(${LINE_CENTS}) as revenue
          from orders o join order_lines ol on ol.order_id = o.id
          where ${window}
          group by 1
          order by revenue desc, name, key
          limit ${TOP_ITEMS}
        ) t)`,
    })
    .from(restaurants)
    .where(and(eq(restaurants.slug, slug), ownedBy(viewer, restaurants.id)));
  if (!row) return null;
  const days = (JSON.parse(row.days) as [string, number, string][]).map(([day, orders, revenue]): SalesDay => ({
    day,
    orders,
    revenueCents: centsFromDb(revenue),
  }));
  const topItems = (JSON.parse(row.topItems) as [string, string, string, string][]).map(([key, name, quantity, revenue]): TopItem => ({
    key,
    name,
    quantity: Number(quantity),
    revenueCents: centsFromDb(revenue),
  }));
  return {
    restaurant: { id: row.id, slug: row.slug, name: row.name },
    days,
    topItems,
    totalRevenueCents: days.reduce((sum, d) => sum + d.revenueCents, 0),
    totalOrders: days.reduce((sum, d) => sum + d.orders, 0),
  };
}

export type SalesReport = NonNullable<Awaited<ReturnType<typeof getSalesReport>>>;
