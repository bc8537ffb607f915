import { sql } from "drizzle-orm";

import { centsFromDb } from "@/lib/money";

/**
 * The one definition of money in a total: the lines' snapshots, quantity x unit price as bigint, plus each order's
 * snapshotted delivery fee (decision 0019), over every order that is not cancelled. Pages read it from the rollups
 * (migrations 0004 and 0013, which write the same rule in SQL); the reconciliation recomputes it from the lines
 * with these fragments, over the aliases `ol` (order_lines) and `o` (orders). Item totals stay lines only.
 */

/** One line's amount in cents, as bigint so that no sum of them can overflow. */
export const LINE_CENTS = sql.raw("ol.quantity::bigint * ol.unit_price_cents");

/** What an order adds to a total besides its lines, for raw SQL over alias `o`. */
export const ORDER_FEE_CENTS = sql.raw("o.delivery_fee_cents");

/** The orders that count toward totals, revenue and order counts, for raw SQL over alias `o`. */
export const COUNTS_TOWARD_TOTALS = sql.raw("o.status <> 'cancelled'");

/**
 * A profile's running totals (customer_totals, kept by triggers) as the pages show them. Every profile has its
 * row from the moment it is created, so a missing one is drift, reported rather than shown as zero.
 */
export function purchaseTotals(
  profileId: number,
  totals: { orderCount: number; totalCents: bigint } | null | undefined,
) {
  if (!totals) throw new Error(`profile ${profileId} has no customer_totals row: run npm run db:reconcile`);
  return { orderCount: totals.orderCount, totalPurchaseCents: centsFromDb(totals.totalCents) };
}
