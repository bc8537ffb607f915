import { sql } from "drizzle-orm";

import { centsFromDb } from "@/lib/money";

/**
 * The one definition of money in a total: the lines' snapshots, quantity x unit price as bigint, over every order
 * that is not cancelled. Pages read it from the rollups (migration 0004, which writes the same rule in SQL); the
 * reconciliation recomputes it from the lines with these fragments, over the aliases `ol` (order_lines) and `o`
 * (orders).
 */

/** One line's amount in cents, as bigint so that no sum of them can overflow. */
export const LINE_CENTS = sql.raw("ol.quantity::bigint * ol.unit_price_cents");

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
