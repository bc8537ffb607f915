import "server-only";

import { and, asc, desc, eq, gt, sql, type SQL } from "drizzle-orm";

import { getDb } from "@/db/client";
import { customerTotals, profiles, users, type UserRole } from "@/db/schema";
import type { Viewer } from "@/lib/auth/queries";
import { centsFromDb } from "@/lib/money";
import { accountMatches } from "@/lib/search";

import type { UsersCursor, UserSort } from "./cursor";
import { assertAdmin } from "./query-guard";

export const USERS_PAGE_SIZE = 50;

export type UserTotalsRow = {
  profileId: number;
  slug: string;
  displayName: string;
  email: string;
  role: UserRole;
  disabled: boolean;
  orderCount: number;
  totalPurchaseCents: number;
};

const searchFilter = (search: string | undefined) => accountMatches(profiles.id, search);

/** The columns of a users' row: the account, and its running totals (customer_totals, kept by triggers). */
const userColumns = {
  profileId: profiles.id,
  slug: profiles.slug,
  displayName: profiles.displayName,
  email: users.email,
  role: users.role,
  disabled: users.disabled,
  orderCount: customerTotals.orderCount,
  totalCents: customerTotals.totalCents,
};

type UserRow = { [K in keyof typeof userColumns]: (typeof userColumns)[K]["_"]["data"] };

const toTotalsRow = ({ totalCents, ...row }: UserRow): UserTotalsRow => ({
  ...row,
  totalPurchaseCents: centsFromDb(totalCents),
});

/**
 * One page of every user's order count and total purchase, sorted by total (customer_totals_total_idx read
 * backwards) or by name (profiles_lower_name_idx), each joined to its one totals row: the page reads about
 * `limit` rows whatever the number of orders. `nextCursor` is the keyset position itself: the page encodes it
 * into its link, the caller never has to decode our own output.
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
  const name = sql<string>`lower(${profiles.displayName})`;
  const filters: (SQL | undefined)[] = [searchFilter(search)];
  if (after) {
    filters.push(
      sort === "total"
        ? sql`(${customerTotals.totalCents}, ${customerTotals.customerId}) < (${after.value}::bigint, ${after.id})`
        : sql`(${name}, ${profiles.id}) > (${after.value}, ${after.id})`,
    );
  }
  const rows = await db
    .select({ ...userColumns, sortName: name })
    .from(customerTotals)
    .innerJoin(profiles, eq(profiles.id, customerTotals.customerId))
    .innerJoin(users, eq(users.id, profiles.userId))
    .where(and(...filters))
    .orderBy(
      ...(sort === "total"
        ? [desc(customerTotals.totalCents), desc(customerTotals.customerId)]
        : [asc(name), asc(profiles.id)]),
    )
    .limit(limit + 1);
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  const nextCursor = last
    ? { value: sort === "total" ? String(last.totalCents) : last.sortName, id: last.profileId }
    : undefined;
  return { rows: rows.slice(0, limit).map(toTotalsRow), nextCursor };
}

/**
 * One batch of users for the CSV export, in account order (profiles.id), after `afterId`. The export cannot page by
 * total like the table does: a total that changes between two batches would move its user across the cursor, and
 * they would be skipped or written twice; an id never moves.
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
  const rows = await db
    .select(userColumns)
    .from(profiles)
    .innerJoin(users, eq(users.id, profiles.userId))
    .innerJoin(customerTotals, eq(customerTotals.customerId, profiles.id))
    .where(and(searchFilter(search), afterId === undefined ? undefined : gt(profiles.id, afterId)))
    .orderBy(asc(profiles.id))
    .limit(limit);
  return rows.map(toTotalsRow);
}
