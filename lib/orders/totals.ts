import { ne, sql } from "drizzle-orm";
import { orderLines, orders } from "@/db/schema";
import { centsFromDb } from "@/lib/money";

/**
 * The one definition of money in a total (profile, history, owner's sales, admin's tables and exports):
 * the lines' snapshots, quantity x unit price as bigint, over every order that is not cancelled.
 *
 * Raw SQL over the conventional aliases `ol` (order_lines) and `o` (orders): inside relational `extras`,
 * Drizzle re-aliases column references to the root table (docs/decisions/0002-profile-read.md).
 */

/** One line's amount in cents, as bigint so that no sum of them can overflow. */
export const LINE_CENTS = sql.raw("ol.quantity::bigint * ol.unit_price_cents");

/** The sum of the lines in scope, 0 when there are none, as text: exact through either driver (see centsFromDb). */
export const SUM_LINE_CENTS = sql.raw("coalesce(sum(ol.quantity::bigint * ol.unit_price_cents), 0)::text");

/** The orders that count toward totals, revenue and order counts, for raw SQL over alias `o`. */
export const COUNTS_TOWARD_TOTALS = sql.raw("o.status <> 'cancelled'");

/** The same rule for the query builder. */
export const countsTowardTotals = ne(orders.status, "cancelled");

/** One line's amount for the query builder (columns rendered by Drizzle rather than through the aliases). */
export const lineCents = sql`${orderLines.quantity}::bigint * ${orderLines.unitPriceCents}`;

/**
 * A profile's running totals (customer_totals, kept by triggers) as the pages show them. Every profile has its
 * row from the moment it is created, so a missing one is drift, reported rather than shown as zero.
 */
export function purchaseTotals(profileId: number, totals: { orderCount: number; totalCents: bigint } | null | undefined) {
  if (!totals) throw new Error(`profile ${profileId} has no customer_totals row: run npm run db:reconcile`);
  return { orderCount: totals.orderCount, totalPurchaseCents: centsFromDb(totals.totalCents) };
}
