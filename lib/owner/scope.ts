import { and, eq, getTableName, sql, type Column, type SQL, type SQLWrapper } from "drizzle-orm";

import { restaurants, type UserRole } from "@/db/schema";
import type { Transaction } from "@/db/types";
import type { Viewer } from "@/lib/auth/queries";

/** Who may open the owner tools: owners, and admins for the restaurants they own (decision 0004). */
export const OWNER_ROLES = ["owner", "admin"] as const satisfies readonly UserRole[];

/**
 * The WHERE-clause half of every owner query: `restaurantId` (a column or expression) is one of the viewer's
 * restaurants through restaurant_owners. Admins included: the owner tools write no audit entries, so an admin
 * runs a restaurant only after becoming one of its owners through /admin, which is audited
 * (docs/decisions/0004-owner-tools.md). Customers match nothing. A foreign or guessed id simply finds no row and
 * the caller answers "not found".
 */
export function ownedBy(viewer: Viewer, restaurantId: SQLWrapper): SQL {
  if (!(OWNER_ROLES as readonly string[]).includes(viewer.role)) return sql`false`;
  return sql`${restaurantId} in (select ro.restaurant_id from restaurant_owners ro where ro.profile_id = ${viewer.profileId})`;
}

/** The restaurant at `slug`, if it is one of the viewer's: the WHERE of every owner page's own statement. */
export const ownedRestaurantAt = (viewer: Viewer, slug: string | SQLWrapper): SQL =>
  and(eq(restaurants.slug, slug), ownedBy(viewer, restaurants.id))!;

/**
 * Locks one of the viewer's restaurants (`id`: a value or a subquery) for the rest of the transaction, or finds
 * nothing; `also`: more columns read in the same statement, which come from its snapshot taken before any wait
 * for the lock, so never rows that the holder of the lock may be changing (read those in a statement after this
 * one: lib/owner/options.ts createOptionGroup). The lock serializes what must not interleave on one
 * restaurant: appends and moves among its categories (two never share a position), a new week of opening hours.
 * "no key update", not "update": inserts of orders, carts, favorites and items take FOR KEY SHARE on this row for
 * their foreign keys, and must not wait for an owner's edit.
 */
export async function lockOwnedRestaurant<Also extends Record<string, SQL>>(
  tx: Transaction,
  viewer: Viewer,
  id: number | SQL,
  also: Also = {} as Also,
) {
  const [restaurant] = await tx
    .select({ ...also, id: restaurants.id })
    .from(restaurants)
    .where(and(eq(restaurants.id, id), ownedBy(viewer, restaurants.id)))
    .for("no key update");
  return restaurant;
}

/**
 * A column written with its table name, for correlated subqueries inside a core `select({...})`: there Drizzle
 * renders a single table's columns unqualified ("id"), which inside `from orders o` would mean o.id.
 */
export function outer(column: Column): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}
