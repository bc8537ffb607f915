import "server-only";
import { and, asc, desc, eq, gt, ilike, or, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { orderLines, orders, profiles, users } from "@/db/schema";
import type { Viewer } from "@/lib/auth/queries";
import { centsFromDb } from "@/lib/money";
import type { UserSort, UsersCursor } from "./cursor";
import { assertAdmin } from "./guard";
import { countsTowardTotals, lineCents } from "@/lib/orders/totals";

export const USERS_PAGE_SIZE = 50;

export type UserTotalsRow = {
  profileId: number;
  slug: string;
  displayName: string;
  email: string;
  role: "customer" | "owner" | "admin";
  disabled: boolean;
  orderCount: number;
  totalPurchaseCents: number;
};

/** "50%_off" must match literally: LIKE's wildcards and its escape character are escaped. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function searchFilter(search: string | undefined) {
  const q = search?.trim();
  return q ? or(ilike(profiles.displayName, likePattern(q)), ilike(users.email, likePattern(q))) : undefined;
}

/**
 * Every user's order count and total purchase, in one grouped statement. The definition is the profile page's
 * (non-cancelled orders, quantity x snapshotted unit price, bigint): lines are summed per customer in one pass,
 * orders counted in another, and both joined to the users. Sorting by the total needs every total, so the keyset
 * filter applies after the grouping; the grouping itself is two scans, whatever the page. `nextCursor` is the
 * keyset position itself: the page encodes it into its link, the caller never has to decode our own output.
 */
export async function listUserTotals({
  viewer,
  sort = "total",
  search,
  after,
  limit = USERS_PAGE_SIZE,
}: {
  viewer: Viewer;
  sort?: UserSort;
  search?: string;
  after?: UsersCursor;
  limit?: number;
}): Promise<{ rows: UserTotalsRow[]; nextCursor?: UsersCursor }> {
  assertAdmin(viewer);
  const db = await getDb();

  const linesByCustomer = db
    .select({
      customerId: orders.customerId,
      cents: sql<string>`sum(${lineCents})`.as("lines_cents"),
    })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(countsTowardTotals)
    .groupBy(orders.customerId)
    .as("lines_by_customer");
  const ordersByCustomer = db
    .select({ customerId: orders.customerId, count: sql<number>`count(*)::int`.as("order_count") })
    .from(orders)
    .where(countsTowardTotals)
    .groupBy(orders.customerId)
    .as("orders_by_customer");

  const total = sql<string>`coalesce(${linesByCustomer.cents}, 0)`;
  const name = sql<string>`lower(${profiles.displayName})`;

  const filters: (SQL | undefined)[] = [searchFilter(search)];
  if (after) {
    filters.push(
      sort === "total"
        ? sql`(${total}, ${profiles.id}) < (${after.value}::numeric, ${after.id})`
        : sql`(${name}, ${profiles.id}) > (${after.value}, ${after.id})`,
    );
  }

  const rows = await db
    .select({
      profileId: profiles.id,
      slug: profiles.slug,
      displayName: profiles.displayName,
      email: users.email,
      role: users.role,
      disabled: users.disabled,
      orderCount: sql<number>`coalesce(${ordersByCustomer.count}, 0)`.mapWith(Number),
      totalCents: sql<string>`${total}::bigint::text`,
      sortName: sql<string>`${name}`,
    })
    .from(profiles)
    .innerJoin(users, eq(users.id, profiles.userId))
    .leftJoin(linesByCustomer, eq(linesByCustomer.customerId, profiles.id))
    .leftJoin(ordersByCustomer, eq(ordersByCustomer.customerId, profiles.id))
    .where(and(...filters))
    .orderBy(...(sort === "total" ? [desc(total), desc(profiles.id)] : [asc(name), asc(profiles.id)]))
    .limit(limit + 1);

  const shown = rows.slice(0, limit).map((row) => ({
    profileId: row.profileId,
    slug: row.slug,
    displayName: row.displayName,
    email: row.email,
    role: row.role,
    disabled: row.disabled,
    orderCount: row.orderCount,
    totalPurchaseCents: centsFromDb(row.totalCents),
  }));
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  const nextCursor = last ? { value: sort === "total" ? last.totalCents : last.sortName, id: last.profileId } : undefined;
  return { rows: shown, nextCursor };
}

/**
 * One batch of users for the CSV export, in account order (profiles.id), after `afterId`. The export cannot page by
 * total like the table does: a total that changes between two batches would move its user across the cursor, and
 * they would be skipped or written twice; an id never moves. Each batch sums only its own customers' orders
 * (orders_customer_placed_idx), not every order again, with the table's definition of a total.
 */
export async function listUserTotalsByAccount({
  viewer,
  search,
  afterId,
  limit,
}: {
  viewer: Viewer;
  search?: string;
  afterId?: number;
  limit: number;
}): Promise<UserTotalsRow[]> {
  assertAdmin(viewer);
  const db = await getDb();
  const batch = db.$with("batch").as(
    db
      .select({
        profileId: sql<number>`${profiles.id}`.as("profile_id"),
        slug: profiles.slug,
        displayName: profiles.displayName,
        email: users.email,
        role: users.role,
        disabled: users.disabled,
      })
      .from(profiles)
      .innerJoin(users, eq(users.id, profiles.userId))
      .where(and(searchFilter(search), afterId === undefined ? undefined : gt(profiles.id, afterId)))
      .orderBy(asc(profiles.id))
      .limit(limit),
  );
  // An array parameter rather than a join: the planner reads each batch customer's orders through the index.
  const batchCustomers = sql`${orders.customerId} = any(array(select profile_id from batch))`;
  const linesByCustomer = db
    .select({ customerId: orders.customerId, cents: sql<string>`sum(${lineCents})`.as("lines_cents") })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(and(countsTowardTotals, batchCustomers))
    .groupBy(orders.customerId)
    .as("lines_by_customer");
  const ordersByCustomer = db
    .select({ customerId: orders.customerId, count: sql<number>`count(*)::int`.as("order_count") })
    .from(orders)
    .where(and(countsTowardTotals, batchCustomers))
    .groupBy(orders.customerId)
    .as("orders_by_customer");

  const rows = await db
    .with(batch)
    .select({
      profileId: batch.profileId,
      slug: batch.slug,
      displayName: batch.displayName,
      email: batch.email,
      role: batch.role,
      disabled: batch.disabled,
      orderCount: sql<number>`coalesce(${ordersByCustomer.count}, 0)`.mapWith(Number),
      totalCents: sql<string>`coalesce(${linesByCustomer.cents}, 0)::bigint::text`,
    })
    .from(batch)
    .leftJoin(linesByCustomer, eq(linesByCustomer.customerId, batch.profileId))
    .leftJoin(ordersByCustomer, eq(ordersByCustomer.customerId, batch.profileId))
    .orderBy(asc(batch.profileId));
  return rows.map(({ totalCents, ...row }) => ({ ...row, profileId: Number(row.profileId), totalPurchaseCents: centsFromDb(totalCents) }));
}
