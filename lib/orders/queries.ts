import "server-only";

import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";

import { getDb, getPrimaryDb } from "@/db/client";
import { orders, orderStatusEvents, profiles } from "@/db/schema";
import type { Viewer } from "@/lib/auth/queries";
import { APP_TIME_ZONE, splitAtUtcDays, withinInstants, zoneDayRange } from "@/lib/dates";
import { centsFromDb } from "@/lib/money";
import { encodeCursor, type OrderCursor } from "@/lib/orders/cursor";
import { orderLinesRead } from "@/lib/orders/line-options";
import { orderRowColumns, orderRowRelations, placedBefore } from "@/lib/orders/order-rows";
import { COUNTS_TOWARD_TOTALS } from "@/lib/orders/totals";

export const HISTORY_PAGE_SIZE = 20;

/**
 * One order with its lines and status history, for its customer (or an admin). Anyone else gets null: a 404,
 * so that nobody learns which order numbers exist.
 */
export async function getOrderForViewer({ viewer, orderId }: { viewer: Viewer; orderId: number }) {
  // The tracking page re-renders on each live event: read where the event was committed (getPrimaryDb).
  const db = await getPrimaryDb();
  return db.query.orders.findFirst({
    where: and(eq(orders.id, orderId), viewer.role === "admin" ? undefined : eq(orders.customerId, viewer.profileId)),
    columns: {
      id: true,
      status: true,
      totalCents: true,
      placedAt: true,
      customerId: true,
      fulfilment: true,
      deliveryFeeCents: true,
      deliveryAddress: true,
      note: true,
    },
    extras: {
      // The live stream's starting cursor (lib/live/): the page shows everything up to this event.
      lastEventId:
        sql<string>`(select coalesce(max(e.id), 0)::text from order_events e where e.order_id = ${orders.id})`.as(
          "last_event_id",
        ),
    },
    with: {
      restaurant: { columns: { slug: true, name: true, address: true } },
      lines: orderLinesRead,
      statusEvents: {
        columns: { id: true, fromStatus: true, toStatus: true, reason: true, createdAt: true },
        orderBy: [asc(orderStatusEvents.createdAt), asc(orderStatusEvents.id)],
      },
    },
  });
}

export type OrderPage = NonNullable<Awaited<ReturnType<typeof getOrderForViewer>>>;

/**
 * The count and total of a customer's orders that a history filter matches, read from the rollups rather than
 * summed from the history: the customer's running totals without a filter, their per-day rows for a date range,
 * their per-restaurant-per-day rows for a restaurant. Raw SQL correlated to the root profile (`${profiles.id}`):
 * see decision 0002.
 *
 * The day rollups count UTC days, and the range [start, end) is the viewer's days (zoneDayRange): its whole UTC
 * days come from the rollup (at most one row per day), and the part of a UTC day at either end of the range, less
 * than a day each, is summed from those orders themselves (two index ranges, each bounded by a day of the
 * customer's orders, not by their history). In UTC both ends are empty.
 */
function matchingTotals({
  profileId,
  restaurantId,
  start,
  end,
}: {
  profileId: number;
  restaurantId?: number;
  start?: Date;
  end?: Date;
}) {
  if (restaurantId === undefined && !start && !end) {
    return sql`(select json_build_array(r.order_count, r.total_cents::text, r.cancelled_count)
      from customer_totals r where r.customer_id = ${profiles.id})`;
  }
  const { whole, partial } = splitAtUtcDays(start, end);

  const table = restaurantId === undefined ? sql.raw("customer_day_totals") : sql.raw("customer_restaurant_day_totals");
  const atRestaurant = (alias: string) =>
    restaurantId === undefined ? [] : [sql`${sql.raw(alias)}.restaurant_id = ${restaurantId}`];
  const wholeDays = whole && [
    sql`r.customer_id = ${profiles.id}`,
    ...atRestaurant("r"),
    ...(whole.from ? [sql`r.day >= ${whole.from}::date`] : []),
    ...(whole.to ? [sql`r.day < ${whole.to}::date`] : []),
  ];
  // The customer id is repeated as a value, as in getOrderHistory: correlated alone, the planner may read a day of a
  // restaurant's orders instead of the customer's.
  const ordersIn = ({ from, to }: { from: Date; to?: Date }) => sql`select count(*), coalesce(sum(o.total_cents), 0)
    from orders o where o.customer_id = ${profiles.id} and o.customer_id = ${profileId}
      and ${sql.join(
        [
          ...atRestaurant("o"),
          COUNTS_TOWARD_TOTALS,
          ...withinInstants(sql.raw("o.placed_at"), { start: from, end: to }),
        ],
        sql` and `,
      )}`;
  const parts = [
    ...(wholeDays
      ? [
          sql`select coalesce(sum(r.order_count), 0), coalesce(sum(r.total_cents), 0) from ${table} r
            where ${sql.join(wholeDays, sql` and `)}`,
        ]
      : []),
    ...partial.map(ordersIn),
  ];
  // An empty range (a day a zone skipped) matches nothing.
  if (parts.length === 0) return sql`json_build_array(0, '0', null)`;
  // Cancelled orders are not in the day rollups: how many of them a filter matches is not known here.
  return sql`(select json_build_array(coalesce(sum(part.n), 0)::int, coalesce(sum(part.cents), 0)::text, null)
    from (${sql.join(parts, sql` union all `)}) part(n, cents))`;
}

/**
 * The purchase history page in one statement, rooted at the customer's profile: a keyset page of their orders
 * (newest first, filtered by restaurant and dates, with lines), the count and total of everything the filter
 * matches (from the rollups), and the restaurants they have ordered from (for the filter's menu).
 */
export async function getOrderHistory({
  viewer,
  restaurantId,
  from,
  to,
  cursor,
  zone = APP_TIME_ZONE,
}: {
  viewer: Viewer;
  restaurantId?: number;
  from?: string;
  to?: string;
  cursor?: OrderCursor;
  /** The zone whose calendar days `from` and `to` name: the viewer's (as Node reads it; it never reaches SQL). */
  zone?: string;
}) {
  const db = await getDb();
  // The relation already correlates orders to the profile; the customer id is repeated as a value on purpose.
  // Inside the lateral join the planner sees only "some customer" and, planning for an average one, read all of a
  // whale's 13,000 orders at one restaurant to sort them; with the value it reads the index backwards, 21 rows.
  const filters: SQL[] = [eq(orders.customerId, viewer.profileId)];
  if (restaurantId !== undefined) filters.push(eq(orders.restaurantId, restaurantId));
  const { start, end } = zoneDayRange(from, to, zone);
  filters.push(...withinInstants(orders.placedAt, { start, end }));

  const row = await db.query.profiles.findFirst({
    where: eq(profiles.id, viewer.profileId),
    columns: { id: true },
    extras: {
      matching: sql<
        [number, string, number | null]
      >`${matchingTotals({ profileId: viewer.profileId, restaurantId, start, end })}`.as("matching"),
      // The customer's own restaurants, from the pairs the triggers keep (restaurant_customers: any order there,
      // cancelled ones too; migration 0025), through its customer index: what it reads grows with the menu, not with
      // the platform. It probed the customer's orders once per restaurant there is, so a customer with one order
      // paid for every restaurant of the platform. The id is a value, as above: correlated, it is planned for an
      // average customer (a regular of thousands of restaurants here) and hash-joins every restaurant.
      restaurantOptions: sql<[number, string][] | null>`(
        select json_agg(json_build_array(r.id, r.name) order by r.name, r.id)
        from restaurant_customers rc join restaurants r on r.id = rc.restaurant_id
        where rc.customer_id = ${viewer.profileId})`.as("restaurant_options"),
    },
    with: {
      orderHistory: {
        columns: orderRowColumns,
        with: orderRowRelations,
        where: and(...filters, cursor ? placedBefore(cursor.placedAt.toISOString(), cursor.id) : undefined),
        orderBy: [desc(orders.placedAt), desc(orders.id)],
        limit: HISTORY_PAGE_SIZE + 1,
      },
    },
  });
  if (!row) return null;
  const shown = row.orderHistory.slice(0, HISTORY_PAGE_SIZE);
  const last = shown.at(-1);
  return {
    orders: shown,
    shownTotalCents: shown.filter((o) => o.status !== "cancelled").reduce((sum, o) => sum + o.totalCents, 0),
    matchingTotalCents: centsFromDb(row.matching[1]),
    matchingCount: row.matching[0],
    /** Cancelled orders among those listed: known without a filter (the customer's running totals), else null. */
    cancelledCount: row.matching[2],
    restaurantOptions: (row.restaurantOptions ?? []).map(([id, name]) => ({ id, name })),
    nextCursor: row.orderHistory.length > HISTORY_PAGE_SIZE && last ? encodeCursor(last) : undefined,
  };
}

export type OrderHistory = NonNullable<Awaited<ReturnType<typeof getOrderHistory>>>;
