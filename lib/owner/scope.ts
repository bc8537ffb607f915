import { getTableName, sql, type Column, type SQL, type SQLWrapper } from "drizzle-orm";

import type { UserRole } from "@/db/schema";
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

/**
 * A column written with its table name, for correlated subqueries inside a core `select({...})`: there Drizzle
 * renders a single table's columns unqualified ("id"), which inside `from orders o` would mean o.id.
 */
export function outer(column: Column): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}
