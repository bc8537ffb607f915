import "server-only";

import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";

import { getDb } from "@/db/client";
import { orders, profiles, restaurants, users, type OrderStatus } from "@/db/schema";
import type { Viewer } from "@/lib/auth/queries";
import { withinInstants, zoneDayRange } from "@/lib/dates";
import type { TimeKey } from "@/lib/keyset";
import { placedBefore } from "@/lib/orders/order-rows";
import { accountMatches, MAX_MATCHED_CUSTOMERS } from "@/lib/search";

import { assertAdmin } from "./query-guard";
import type { OrdersQuery } from "./schema";

export const ADMIN_ORDERS_PAGE_SIZE = 50;

export type AdminOrdersFilter = Partial<OrdersQuery>;

/** The filters other than the customer, on the orders table: each one a column an index leads or follows. */
function orderConditions(filter: AdminOrdersFilter, zone: string, before: TimeKey | undefined): (SQL | undefined)[] {
  return [
    filter.number ? eq(orders.id, filter.number) : undefined,
    filter.status ? eq(orders.status, filter.status) : undefined,
    filter.restaurant ? eq(orders.restaurantId, filter.restaurant) : undefined,
    ...withinInstants(orders.placedAt, zoneDayRange(filter.from, filter.to, zone)),
    before ? placedBefore(before.time.toISOString(), before.id) : undefined,
  ];
}

/**
 * Every order on the platform, newest first, filtered, one keyset page per statement. Without a customer the page
 * walks orders_placed_idx (or orders_restaurant_placed_idx for one restaurant) backwards from the cursor. With a
 * customer search, the matching customers (at most MAX_MATCHED_CUSTOMERS) each give their newest page through
 * orders_customer_placed_idx in a lateral join, and those pages are merged: never a whale's whole history.
 */
export async function listOrdersForAdmin({
  viewer,
  filter = {},
  before,
  limit = ADMIN_ORDERS_PAGE_SIZE,
  zone,
}: {
  viewer: Viewer;
  filter?: AdminOrdersFilter;
  before?: TimeKey;
  limit?: number;
  /** The zone whose calendar days the filter's `from` and `to` name: the viewer's (lib/time-zone.ts). */
  zone: string;
}) {
  assertAdmin(viewer);
  const db = await getDb();
  const customerSearch = filter.customer?.trim();
  const columns = {
    id: orders.id,
    placedAt: orders.placedAt,
    status: orders.status,
    totalCents: orders.totalCents,
    customerId: orders.customerId,
    restaurantId: orders.restaurantId,
  };

  if (!customerSearch) {
    const rows = await db
      .select({
        ...columns,
        customerSlug: profiles.slug,
        customerName: profiles.displayName,
        customerEmail: users.email,
        restaurantSlug: restaurants.slug,
        restaurantName: restaurants.name,
      })
      .from(orders)
      .innerJoin(profiles, eq(profiles.id, orders.customerId))
      .innerJoin(users, eq(users.id, profiles.userId))
      .innerJoin(restaurants, eq(restaurants.id, orders.restaurantId))
      .where(and(...orderConditions(filter, zone, before)))
      .orderBy(desc(orders.placedAt), desc(orders.id))
      .limit(limit + 1);
    return page(rows, limit, false);
  }

  const matchedQuery = db
    .select({ id: profiles.id })
    .from(profiles)
    .where(accountMatches(profiles.id, customerSearch))
    .orderBy(asc(profiles.id))
    .limit(MAX_MATCHED_CUSTOMERS + 1);
  const matched = db.$with("matched").as(matchedQuery);
  const perCustomer = db
    .select(columns)
    .from(orders)
    .where(and(sql`${orders.customerId} = ${sql.identifier("matched")}.id`, ...orderConditions(filter, zone, before)))
    .orderBy(desc(orders.placedAt), desc(orders.id))
    .limit(limit + 1)
    .as("o");
  // The page's columns get names of their own: it is a subquery, where two "slug" columns would be ambiguous.
  const pageRows = db
    .select({
      id: sql<number>`${perCustomer.id}`.as("order_id"),
      placedAt: sql<Date>`${perCustomer.placedAt}`.mapWith(orders.placedAt).as("placed_at"),
      status: sql<OrderStatus>`${perCustomer.status}`.as("status"),
      totalCents: sql<number>`${perCustomer.totalCents}`.as("total_cents"),
      customerId: sql<number>`${perCustomer.customerId}`.as("customer_id"),
      restaurantId: sql<number>`${perCustomer.restaurantId}`.as("restaurant_id"),
      customerSlug: sql<string>`${profiles.slug}`.as("customer_slug"),
      customerName: sql<string>`${profiles.displayName}`.as("customer_name"),
      customerEmail: sql<string>`${users.email}`.as("customer_email"),
      restaurantSlug: sql<string>`${restaurants.slug}`.as("restaurant_slug"),
      restaurantName: sql<string>`${restaurants.name}`.as("restaurant_name"),
    })
    .from(matched)
    .innerJoinLateral(perCustomer, sql`true`)
    .innerJoin(profiles, eq(profiles.id, perCustomer.customerId))
    .innerJoin(users, eq(users.id, profiles.userId))
    .innerJoin(restaurants, eq(restaurants.id, perCustomer.restaurantId))
    .orderBy(desc(perCustomer.placedAt), desc(perCustomer.id))
    .limit(limit + 1)
    .as("page");
  // Whether more customers match than are merged, said even when the page is empty: one row from the count, joined
  // to the page's rows (or to none).
  const flag = db
    .select({ tooMany: sql<boolean>`count(*) > ${MAX_MATCHED_CUSTOMERS}`.as("too_many") })
    .from(matched)
    .as("flag");
  const joined = await db
    .with(matched)
    .select({
      id: pageRows.id,
      placedAt: pageRows.placedAt,
      status: pageRows.status,
      totalCents: pageRows.totalCents,
      customerId: pageRows.customerId,
      restaurantId: pageRows.restaurantId,
      customerSlug: pageRows.customerSlug,
      customerName: pageRows.customerName,
      customerEmail: pageRows.customerEmail,
      restaurantSlug: pageRows.restaurantSlug,
      restaurantName: pageRows.restaurantName,
      tooManyCustomers: flag.tooMany,
    })
    .from(flag)
    .leftJoin(pageRows, sql`true`)
    .orderBy(desc(pageRows.placedAt), desc(pageRows.id));
  const tooManyCustomers = joined.some((r) => r.tooManyCustomers);
  // The flag's row alone (no order) is not an order; the others have every column.
  const rows = joined.filter((r) => r.id !== null) as AdminOrderRow[];
  return page(rows, limit, tooManyCustomers);
}

export type AdminOrderRow = {
  id: number;
  placedAt: Date;
  status: OrderStatus;
  totalCents: number;
  customerId: number;
  restaurantId: number;
  customerSlug: string;
  customerName: string;
  customerEmail: string;
  restaurantSlug: string;
  restaurantName: string;
};

function page(rows: AdminOrderRow[], limit: number, tooManyCustomers: boolean) {
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  return {
    rows: rows.slice(0, limit),
    nextCursor: last ? ({ time: last.placedAt, id: last.id } satisfies TimeKey) : undefined,
    tooManyCustomers,
  };
}
