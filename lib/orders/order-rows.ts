import { asc, sql, type SQLWrapper } from "drizzle-orm";

import { orderLines, orders } from "@/db/schema";

import { lineOptionsRead } from "./line-options";

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
  lines: {
    columns: {
      id: true as const,
      name: true as const,
      unitPriceCents: true as const,
      quantity: true as const,
      instructions: true as const,
    },
    orderBy: [asc(orderLines.id)],
    with: { options: lineOptionsRead },
  },
};

/** Orders after a keyset position in the lists' order (newest first: placed_at, then id, both descending). The admin
 *  orders list pages the same way. */
export const placedBefore = (placedAt: SQLWrapper | string, id: SQLWrapper | number) =>
  sql`(${orders.placedAt}, ${orders.id}) < (${placedAt}::timestamptz, ${id})`;
