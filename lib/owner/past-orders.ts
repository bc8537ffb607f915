import "server-only";

import { and, desc, eq, sql, type SQL } from "drizzle-orm";

import { getDb } from "@/db/client";
import { orders, orderStatusEvents, type OrderStatus } from "@/db/schema";
import type { Viewer } from "@/lib/auth/queries";
import { dayAfter, dayStart, EARLIEST_DAY_ZONE, LATEST_DAY_ZONE, type Zone } from "@/lib/dates";
import { encodeCursor, type OrderCursor } from "@/lib/orders/cursor";
import { foldedContains, MAX_MATCHED_CUSTOMERS } from "@/lib/search";

import { ownerOrderColumns, ownerOrderWith } from "./order-read";
import { ownedRestaurantAt } from "./scope";

export const PAST_ORDERS_PAGE_SIZE = 25;

export type PastOrdersSearch = { orderId: number } | { name: string };

/**
 * A restaurant's orders, newest first, in one statement: the restaurant (ownership in the WHERE clause) with a
 * keyset page of its orders, filtered by status, order number or customer name, and day range (days of the
 * restaurant's zone, as its sales days are), each with its customer's name and its lines. The page reads backwards through
 * orders_restaurant_placed_idx, or orders_restaurant_status_placed_idx for one status: rows touched follow the
 * page, not the restaurant's history. A name search matches the customers first (profiles) and then their orders
 * here through orders_customer_restaurant_placed_idx, at most MAX_MATCHED_CUSTOMERS of the restaurant's customers
 * (`tooManyCustomers` says when more match: a broad name like "a" would otherwise read every one's orders).
 */
export async function listPastOrders({
  viewer,
  slug,
  status,
  search,
  from,
  to,
  cursor,
}: {
  viewer: Viewer;
  slug: string;
  status?: OrderStatus;
  search?: PastOrdersSearch;
  from?: string;
  to?: string;
  cursor?: OrderCursor;
}) {
  const db = await getDb();
  // The filters over an alias of orders: the page's own (`restaurants_orders`, Drizzle's alias for the relation,
  // reached through the columns) and, for a name search, each matching customer's (`m`).
  // Days are the restaurant's: its zone is read once per bound (an InitPlan), so the planner cannot see the bound's
  // value. Written as a plain comparison, it guessed that a range of such bounds holds a handful of rows and read
  // a hundred days of orders to sort them. So each bound is a constant one around it (the day in the zones furthest
  // apart), which the planner estimates from its statistics, and the exact one as `>= any(array(…))`: an index
  // condition all the same (B-tree reduces it to its one element), which the planner counts as nearly all rows.
  const zoneBound = (bound: (zone: Zone) => SQL) =>
    sql`any(array(select ${bound(sql`r.time_zone`)} from restaurants r where r.slug = ${slug}))`;
  const over = (t: { status: SQL; placedAt: SQL; id: SQL }): (SQL | undefined)[] => [
    status ? sql`${t.status} = ${status}` : undefined,
    from
      ? sql`${t.placedAt} >= ${dayStart(from, EARLIEST_DAY_ZONE)}
          and ${t.placedAt} >= ${zoneBound((zone) => dayStart(from, zone))}`
      : undefined,
    to
      ? sql`${t.placedAt} < ${dayAfter(to, LATEST_DAY_ZONE)}
          and ${t.placedAt} < ${zoneBound((zone) => dayAfter(to, zone))}`
      : undefined,
    cursor ? sql`(${t.placedAt}, ${t.id}) < (${cursor.placedAt.toISOString()}::timestamptz, ${cursor.id})` : undefined,
  ];
  const filters = over({ status: sql`${orders.status}`, placedAt: sql`${orders.placedAt}`, id: sql`${orders.id}` });
  if (search && "orderId" in search) filters.push(eq(orders.id, search.orderId));
  const name = search && "name" in search ? search.name : undefined;
  // The restaurant's customers a name search matches, by id, at most `limit`: a broad name ("a") must not probe
  // everyone. Read from the restaurant's own customers (restaurant_customers, names stored folded, in customer
  // order by its key): matching the platform's profiles first and then probing each one's orders here folded and
  // probed 16,000 profiles for "a" (160-220 ms at 20,000 customers, migration 0025), and the first 50 matches of
  // the whole platform hid a customer of this restaurant behind people who never ordered from it.
  const restaurantId = sql`(select r.id from restaurants r where r.slug = ${slug})`;
  const matching = (name: string, limit: number) =>
    sql`(select rc.customer_id as id from restaurant_customers rc
      where rc.restaurant_id = ${restaurantId} and ${foldedContains(sql.raw("rc.search_name"), name)}
      order by rc.customer_id limit ${limit})`;
  if (name !== undefined) {
    // Each matching customer's newest page of orders here (orders_customer_restaurant_placed_idx, read backwards
    // and stopped after a page), and the page is the newest of those, fetched by id. Written as an uncorrelated
    // array on purpose: as `customer_id in (…)` the planner read all 15,000 orders of a whale at the restaurant
    // to sort them, and as a correlated `id in (…)` it read the restaurant's orders to test each one.
    const m = { status: sql.raw("m.status"), placedAt: sql.raw("m.placed_at"), id: sql.raw("m.id") };
    filters.push(sql`${orders.id} = any(array(select m.id from ${matching(name, MAX_MATCHED_CUSTOMERS)} p cross join lateral (
        select m.id from orders m
        where m.customer_id = p.id and m.restaurant_id = ${restaurantId}
          and ${and(sql`true`, ...over(m))}
        order by m.placed_at desc, m.id desc limit ${PAST_ORDERS_PAGE_SIZE + 1}) m))`);
  }
  const row = await db.query.restaurants.findFirst({
    where: ownedRestaurantAt(viewer, slug),
    columns: { id: true, slug: true, name: true, timeZone: true },
    extras: {
      tooManyCustomers: (name === undefined
        ? sql<boolean>`false`
        : sql<boolean>`(select count(*) > ${MAX_MATCHED_CUSTOMERS} from ${matching(name, MAX_MATCHED_CUSTOMERS + 1)} c)`
      ).as("too_many_customers"),
    },
    with: {
      orders: {
        columns: ownerOrderColumns,
        where: and(...filters),
        orderBy: [desc(orders.placedAt), desc(orders.id)],
        limit: PAST_ORDERS_PAGE_SIZE + 1,
        with: {
          ...ownerOrderWith,
          // Why a cancelled order was cancelled, as its customer sees it: the list said only "Cancelled".
          statusEvents: {
            columns: { reason: true },
            where: eq(orderStatusEvents.toStatus, "cancelled"),
            limit: 1,
          },
        },
      },
    },
  });
  if (!row) return null;
  const shown = row.orders.slice(0, PAST_ORDERS_PAGE_SIZE);
  const last = shown.at(-1);
  return {
    restaurant: { id: row.id, slug: row.slug, name: row.name, timeZone: row.timeZone },
    orders: shown,
    tooManyCustomers: row.tooManyCustomers,
    nextCursor: row.orders.length > PAST_ORDERS_PAGE_SIZE && last ? encodeCursor(last) : undefined,
  };
}

export type PastOrders = NonNullable<Awaited<ReturnType<typeof listPastOrders>>>;
export type PastOrder = PastOrders["orders"][number];
