import "server-only";

import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";

import { getDb } from "@/db/client";
import { orderLines, orders, restaurants, type OrderStatus } from "@/db/schema";
import type { Viewer } from "@/lib/auth/queries";
import { dayAfter, dayStart } from "@/lib/dates";
import { encodeCursor, type OrderCursor } from "@/lib/orders/cursor";
import { likePattern } from "@/lib/search";

import { ownedBy } from "./scope";

export const PAST_ORDERS_PAGE_SIZE = 25;

export type PastOrdersSearch = { orderId: number } | { name: string };

/**
 * A restaurant's orders, newest first, in one statement: the restaurant (ownership in the WHERE clause) with a
 * keyset page of its orders, filtered by status, order number or customer name, and day range (APP_TIME_ZONE
 * days, like every date filter), each with its customer's name and its lines. The page reads backwards through
 * orders_restaurant_placed_idx, or orders_restaurant_status_placed_idx for one status: rows touched follow the
 * page, not the restaurant's history. A name search matches the customers first (profiles) and then their orders
 * here through orders_customer_restaurant_placed_idx.
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
  const customers = search && "name" in search ? likePattern(search.name) : undefined;
  const filters: (SQL | undefined)[] = [
    status ? eq(orders.status, status) : undefined,
    search && "orderId" in search ? eq(orders.id, search.orderId) : undefined,
    customers
      ? sql`${orders.customerId} in (select p.id from profiles p where p.display_name ilike ${customers})`
      : undefined,
    from ? sql`${orders.placedAt} >= ${dayStart(from)}` : undefined,
    to ? sql`${orders.placedAt} < ${dayAfter(to)}` : undefined,
    cursor
      ? sql`(${orders.placedAt}, ${orders.id}) < (${cursor.placedAt.toISOString()}::timestamptz, ${cursor.id})`
      : undefined,
  ];
  const row = await db.query.restaurants.findFirst({
    where: and(eq(restaurants.slug, slug), ownedBy(viewer, restaurants.id)),
    columns: { id: true, slug: true, name: true },
    with: {
      orders: {
        columns: { id: true, status: true, totalCents: true, placedAt: true },
        where: and(...filters),
        orderBy: [desc(orders.placedAt), desc(orders.id)],
        limit: PAST_ORDERS_PAGE_SIZE + 1,
        with: {
          customer: { columns: { displayName: true } },
          lines: {
            columns: { id: true, name: true, quantity: true, unitPriceCents: true },
            orderBy: [asc(orderLines.id)],
          },
        },
      },
    },
  });
  if (!row) return null;
  const shown = row.orders.slice(0, PAST_ORDERS_PAGE_SIZE);
  const last = shown.at(-1);
  return {
    restaurant: { id: row.id, slug: row.slug, name: row.name },
    orders: shown,
    nextCursor: row.orders.length > PAST_ORDERS_PAGE_SIZE && last ? encodeCursor(last) : undefined,
  };
}

export type PastOrders = NonNullable<Awaited<ReturnType<typeof listPastOrders>>>;
export type PastOrder = PastOrders["orders"][number];
