import "server-only";

import { and, asc, desc, eq, gte, ilike, lt, or, sql, type SQL } from "drizzle-orm";

import { getDb } from "@/db/client";
import { orders, profiles, restaurants, users } from "@/db/schema";
import type { Viewer } from "@/lib/auth/queries";
import { dayAfter, dayStart } from "@/lib/dates";
import type { TimeKey } from "@/lib/keyset";
import { likePattern } from "@/lib/search";

import { assertAdmin } from "./query-guard";
import type { OrdersQuery } from "./schema";

export const ADMIN_ORDERS_PAGE_SIZE = 50;
/**
 * A customer search reads each matching customer's newest orders through their own index, so its cost is this many
 * customers times a page, whatever their histories (one customer may have 100,000 orders). More matches than this
 * and the page asks for a narrower search instead of reading everyone's orders.
 */
export const MAX_MATCHED_CUSTOMERS = 50;

export type AdminOrdersFilter = Partial<OrdersQuery>;

/** The filters other than the customer, on the orders table: each one a column an index leads or follows. */
function orderConditions(filter: AdminOrdersFilter, before: TimeKey | undefined): (SQL | undefined)[] {
  return [
    filter.number ? eq(orders.id, filter.number) : undefined,
    filter.status ? eq(orders.status, filter.status) : undefined,
    filter.restaurant ? eq(orders.restaurantId, filter.restaurant) : undefined,
    filter.from ? gte(orders.placedAt, dayStart(filter.from)) : undefined,
    filter.to ? lt(orders.placedAt, dayAfter(filter.to)) : undefined,
    before
      ? sql`(${orders.placedAt}, ${orders.id}) < (${before.time.toISOString()}::timestamptz, ${before.id})`
      : undefined,
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
}: {
  viewer: Viewer;
  filter?: AdminOrdersFilter;
  before?: TimeKey;
  limit?: number;
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
        tooManyCustomers: sql<boolean>`false`,
      })
      .from(orders)
      .innerJoin(profiles, eq(profiles.id, orders.customerId))
      .innerJoin(users, eq(users.id, profiles.userId))
      .innerJoin(restaurants, eq(restaurants.id, orders.restaurantId))
      .where(and(...orderConditions(filter, before)))
      .orderBy(desc(orders.placedAt), desc(orders.id))
      .limit(limit + 1);
    return page(rows, limit);
  }

  const pattern = likePattern(customerSearch);
  const matchedQuery = db
    .select({ id: profiles.id })
    .from(profiles)
    .innerJoin(users, eq(users.id, profiles.userId))
    .where(or(ilike(profiles.displayName, pattern), ilike(users.email, pattern)))
    .orderBy(asc(profiles.id))
    .limit(MAX_MATCHED_CUSTOMERS + 1);
  const matched = db.$with("matched").as(matchedQuery);
  const perCustomer = db
    .select(columns)
    .from(orders)
    .where(and(sql`${orders.customerId} = ${sql.identifier("matched")}.id`, ...orderConditions(filter, before)))
    .orderBy(desc(orders.placedAt), desc(orders.id))
    .limit(limit + 1)
    .as("o");
  const rows = await db
    .with(matched)
    .select({
      id: perCustomer.id,
      placedAt: perCustomer.placedAt,
      status: perCustomer.status,
      totalCents: perCustomer.totalCents,
      customerId: perCustomer.customerId,
      restaurantId: perCustomer.restaurantId,
      customerSlug: profiles.slug,
      customerName: profiles.displayName,
      customerEmail: users.email,
      restaurantSlug: restaurants.slug,
      restaurantName: restaurants.name,
      tooManyCustomers: sql<boolean>`(select count(*) from matched) > ${MAX_MATCHED_CUSTOMERS}`,
    })
    .from(matched)
    .innerJoinLateral(perCustomer, sql`true`)
    .innerJoin(profiles, eq(profiles.id, perCustomer.customerId))
    .innerJoin(users, eq(users.id, profiles.userId))
    .innerJoin(restaurants, eq(restaurants.id, perCustomer.restaurantId))
    .orderBy(desc(perCustomer.placedAt), desc(perCustomer.id))
    .limit(limit + 1);
  return page(rows, limit);
}

type Row = {
  id: number;
  placedAt: Date;
  tooManyCustomers: boolean;
} & Record<string, unknown>;

function page<R extends Row>(rows: R[], limit: number) {
  const shown = rows.slice(0, limit).map((row) => {
    const { tooManyCustomers, ...order } = row;
    void tooManyCustomers;
    return order;
  });
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  return {
    rows: shown,
    nextCursor: last ? ({ time: last.placedAt, id: last.id } satisfies TimeKey) : undefined,
    tooManyCustomers: rows.some((r) => r.tooManyCustomers),
  };
}

export type AdminOrderRow = Awaited<ReturnType<typeof listOrdersForAdmin>>["rows"][number];
