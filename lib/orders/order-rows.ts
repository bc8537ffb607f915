import { sql, type SQLWrapper } from "drizzle-orm";

import { orders } from "@/db/schema";

import { orderLinesRead } from "./line-options";

/**
 * An order as a list shows it (components/orders/order-row.tsx), for the profile's recent orders and the purchase
 * history alike: its columns, and the nested `with` of its restaurant and its lines with their options. Two
 * constants rather than one spread object, because Drizzle infers its result type from the literal it is given.
 */
export const orderRowColumns = {
  id: true as const,
  status: true as const,
  totalCents: true as const,
  placedAt: true as const,
};
export const orderRowRelations = {
  restaurant: { columns: { slug: true as const, name: true as const } },
  lines: orderLinesRead,
};

/** Orders after a keyset position in the lists' order (newest first: placed_at, then id, both descending). The admin
 *  orders list pages the same way. */
export const placedBefore = (placedAt: SQLWrapper | string, id: SQLWrapper | number) =>
  sql`(${orders.placedAt}, ${orders.id}) < (${placedAt}::timestamptz, ${id})`;
