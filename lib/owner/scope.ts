import { getTableName, sql, type Column, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Viewer } from "@/lib/auth/queries";

/**
 * The WHERE-clause half of every owner query: `restaurantId` (a column or expression) is one of the viewer's
 * restaurants. Admins act on any restaurant; anyone else matches nothing, so a foreign or guessed id simply
 * finds no row and the caller answers "not found".
 */
export function ownedBy(viewer: Viewer, restaurantId: SQLWrapper): SQL {
  if (viewer.role === "admin") return sql`true`;
  if (viewer.role !== "owner") return sql`false`;
  return sql`${restaurantId} in (select ro.restaurant_id from restaurant_owners ro where ro.profile_id = ${viewer.profileId})`;
}

/**
 * A column written with its table name, for correlated subqueries inside a core `select({...})`: there Drizzle
 * renders a single table's columns unqualified ("id"), which inside `from orders o` would mean o.id.
 */
export function outer(column: Column): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}
