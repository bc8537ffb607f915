import "server-only";
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { orderLines, orders, orderStatusEvents, profiles } from "@/db/schema";
import type { Viewer } from "@/lib/auth/queries";
import { dayAfter, dayStart } from "@/lib/dates";
import { centsFromDb } from "@/lib/money";
import { encodeCursor, type OrderCursor } from "@/lib/profile/cursor";
import { COUNTS_TOWARD_TOTALS, SUM_LINE_CENTS } from "./totals";

export const HISTORY_PAGE_SIZE = 20;

/**
 * One order with its lines and status history, for its customer (or an admin). Anyone else gets null: a 404,
 * so that nobody learns which order numbers exist.
 */
export async function getOrderForViewer({ viewer, orderId }: { viewer: Viewer; orderId: number }) {
  const db = await getDb();
  return db.query.orders.findFirst({
    where: and(eq(orders.id, orderId), viewer.role === "admin" ? undefined : eq(orders.customerId, viewer.profileId)),
    columns: { id: true, status: true, totalCents: true, placedAt: true, customerId: true },
    with: {
      restaurant: { columns: { slug: true, name: true, address: true } },
      lines: { columns: { id: true, name: true, unitPriceCents: true, quantity: true }, orderBy: [asc(orderLines.id)] },
      statusEvents: {
        columns: { id: true, fromStatus: true, toStatus: true, reason: true, createdAt: true },
        orderBy: [asc(orderStatusEvents.createdAt), asc(orderStatusEvents.id)],
      },
    },
  });
}

export type OrderPage = NonNullable<Awaited<ReturnType<typeof getOrderForViewer>>>;

/**
 * The purchase history page in one statement, rooted at the customer's profile: a keyset page of their orders
 * (newest first, filtered by restaurant and dates, with lines), the count and total of everything the filter
 * matches, and the restaurants they have ordered from (for the filter's menu).
 */
export async function getOrderHistory({
  viewer,
  restaurantId,
  from,
  to,
  cursor,
}: {
  viewer: Viewer;
  restaurantId?: number;
  from?: string;
  to?: string;
  cursor?: OrderCursor;
}) {
  const db = await getDb();
  // The same filter twice: through Drizzle for the nested relation, by hand inside `extras` (see decision 0002).
  const filters: SQL[] = [];
  const rawFilters: SQL[] = [sql`o.customer_id = ${profiles.id}`, COUNTS_TOWARD_TOTALS];
  if (restaurantId !== undefined) {
    filters.push(eq(orders.restaurantId, restaurantId));
    rawFilters.push(sql`o.restaurant_id = ${restaurantId}`);
  }
  if (from) {
    filters.push(sql`${orders.placedAt} >= ${dayStart(from)}`);
    rawFilters.push(sql`o.placed_at >= ${dayStart(from)}`);
  }
  if (to) {
    filters.push(sql`${orders.placedAt} < ${dayAfter(to)}`);
    rawFilters.push(sql`o.placed_at < ${dayAfter(to)}`);
  }
  const matching = sql.join(rawFilters, sql` and `);

  const row = await db.query.profiles.findFirst({
    where: eq(profiles.id, viewer.profileId),
    columns: { id: true },
    extras: {
      matchingTotalCents: sql<string>`(
        select ${SUM_LINE_CENTS}
        from orders o join order_lines ol on ol.order_id = o.id where ${matching})`.as("matching_total_cents"),
      matchingCount: sql<number>`(select count(*)::int from orders o where ${matching})`.as("matching_count"),
      restaurantOptions: sql<[number, string][] | null>`(
        select json_agg(json_build_array(r.id, r.name) order by r.name, r.id) from restaurants r
        where exists (select 1 from orders o where o.restaurant_id = r.id and o.customer_id = ${profiles.id}))`.as("restaurant_options"),
    },
    with: {
      orderHistory: {
        columns: { id: true, status: true, totalCents: true, placedAt: true },
        where: and(...filters, cursor ? sql`(${orders.placedAt}, ${orders.id}) < (${cursor.placedAt.toISOString()}::timestamptz, ${cursor.id})` : undefined),
        orderBy: [desc(orders.placedAt), desc(orders.id)],
        limit: HISTORY_PAGE_SIZE + 1,
        with: {
          restaurant: { columns: { slug: true, name: true } },
          lines: { columns: { id: true, name: true, unitPriceCents: true, quantity: true }, orderBy: [asc(orderLines.id)] },
        },
      },
    },
  });
  if (!row) return null;
  const shown = row.orderHistory.slice(0, HISTORY_PAGE_SIZE);
  const last = shown.at(-1);
  return {
    orders: shown,
    shownTotalCents: shown.filter((o) => o.status !== "cancelled").reduce((sum, o) => sum + o.totalCents, 0),
    matchingTotalCents: centsFromDb(row.matchingTotalCents),
    matchingCount: row.matchingCount,
    restaurantOptions: (row.restaurantOptions ?? []).map(([id, name]) => ({ id, name })),
    nextCursor: row.orderHistory.length > HISTORY_PAGE_SIZE && last ? encodeCursor(last) : undefined,
  };
}

export type OrderHistory = NonNullable<Awaited<ReturnType<typeof getOrderHistory>>>;

