import "server-only";

import { sql } from "drizzle-orm";

import { getDb } from "@/db/client";
import { linePriceDrift } from "@/db/rollups";
import { executeRows } from "@/db/rows";
import type { OrderStatus } from "@/db/schema";
import type { Viewer } from "@/lib/auth/queries";
import { centsFromDb } from "@/lib/money";
import { COUNTS_TOWARD_TOTALS, LINE_CENTS, ORDER_FEE_CENTS } from "@/lib/orders/totals";

import { assertAdmin } from "./query-guard";

/** A report lists this many mismatches of each kind at most; the counts are always complete. */
export const MISMATCHES_LISTED = 200;

const RECONCILE_TIMEOUT = "5min";

export type OrderMismatch = {
  orderId: number;
  status: OrderStatus;
  placedAt: string;
  customerSlug: string;
  customerName: string;
  restaurantName: string;
  storedCents: number;
  linesCents: number;
};

export type UserMismatch = {
  profileId: number;
  slug: string;
  displayName: string;
  storedCents: number;
  linesCents: number;
  orderIds: number[];
};

/** An order line whose unit price is not its base price plus its options' prices (both snapshots). */
export type LinePriceMismatch = {
  orderId: number;
  lineId: number;
  name: string;
  unitCents: number;
  expectedCents: number;
};

/** A rollup row that disagrees with the lines; `stored` or `expected` is null where the row is missing. */
export type RollupDrift = { rollup: string; key: unknown[]; stored: unknown[] | null; expected: unknown[] | null };

export type ReconciliationReport = {
  ordersChecked: number;
  usersChecked: number;
  orderMismatchCount: number;
  userMismatchCount: number;
  orderMismatches: OrderMismatch[];
  userMismatches: UserMismatch[];
  /** Rows of each rollup that disagree with the lines (every rollup is listed, 0 when clean). */
  rollupDriftCounts: { rollup: string; rows: number }[];
  rollupDrift: RollupDrift[];
  /** Lines whose unit price is not base + option deltas, counted in full and listed up to MISMATCHES_LISTED. */
  linePriceMismatchCount: number;
  linePriceMismatches: LinePriceMismatch[];
  ms: number;
};

type Raw = {
  orders_checked: number;
  users_checked: number;
  order_mismatch_count: number;
  user_mismatch_count: number;
  order_mismatches: (Omit<OrderMismatch, "storedCents" | "linesCents"> & { storedCents: string; linesCents: string })[];
  user_mismatches: (Omit<UserMismatch, "storedCents" | "linesCents"> & { storedCents: string; linesCents: string })[];
  rollup_drift_counts: { rollup: string; rows: number }[];
  rollup_drift: RollupDrift[];
  line_price_mismatch_count: number;
  line_price_mismatches: (Omit<LinePriceMismatch, "unitCents" | "expectedCents"> & {
    unitCents: string | number;
    expectedCents: string | number;
  })[];
};

/** The rollups reconciled, in the order the report lists them (db/schema/totals.ts). */
export const ROLLUPS = [
  "customer_totals",
  "customer_day_totals",
  "customer_restaurant_day_totals",
  "restaurant_day_totals",
  "restaurant_item_day_totals",
  "restaurant_customers",
] as const;

/**
 * Proves every total in one statement. Per order: the stored total_cents against the sum of its line snapshots
 * plus its snapshotted delivery fee (every order, cancelled ones included: a cancelled order must still add up);
 * "lines" below always means that expected amount, lines + fee (decision 0019). Per user: the sum of their
 * non-cancelled orders' stored totals against the sum of those orders' lines, which is the total purchase that
 * the profile and the users' table show.
 * One pass: lines are summed per order, and those per-order rows are folded straight into one row per customer
 * (counts, both sums, and the ids of the orders that disagree), so nothing of order size is materialized; the
 * listings then read only the mismatched orders.
 * Then every rollup row (db/schema/totals.ts) against a fresh sum of the lines (platter_rollup_drift()): the
 * pages read those rollups, so this is the proof that what they show is what the lines say.
 * And every line's unit price against its base price plus its options' deltas (db/rollups.ts linePriceDrift): what
 * a line charges for its options is proven from the same snapshots the order page shows.
 * All of it is O(every line): an audit, run on demand, never on a customer's page.
 */
export async function reconcileTotals({ viewer }: { viewer: Viewer }): Promise<ReconciliationReport> {
  assertAdmin(viewer);
  const db = await getDb();
  const started = performance.now();
  // An audit of every line outlasts the app's statement timeout on a large database (a million orders: seconds);
  // this one statement alone may run up to RECONCILE_TIMEOUT, inside its own transaction.
  const [raw] = await db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local statement_timeout = '${RECONCILE_TIMEOUT}'`));
    return executeRows<Raw>(
      tx,
      sql`
      with drift as materialized (select * from platter_rollup_drift()),
      line_prices as materialized (${linePriceDrift}),
      per_customer as (
        select o.customer_id,
               count(*) as orders,
               count(*) filter (where ${COUNTS_TOWARD_TOTALS}) as live,
               coalesce(sum(o.total_cents) filter (where ${COUNTS_TOWARD_TOTALS}), 0) as stored,
               coalesce(sum(coalesce(l.cents, 0) + ${ORDER_FEE_CENTS}) filter (where ${COUNTS_TOWARD_TOTALS}), 0) as lines,
               array_agg(o.id) filter (where o.total_cents <> coalesce(l.cents, 0) + ${ORDER_FEE_CENTS}) as mismatched
        from orders o
        left join (select ol.order_id, sum(${LINE_CENTS}) as cents from order_lines ol group by ol.order_id) l
          on l.order_id = o.id
        group by o.customer_id
      )
      select
        (select coalesce(sum(orders), 0)::int from per_customer) as orders_checked,
        (select count(*)::int from per_customer where live > 0) as users_checked,
        (select coalesce(sum(cardinality(mismatched)), 0)::int from per_customer) as order_mismatch_count,
        (select count(*)::int from per_customer where stored <> lines) as user_mismatch_count,
        (select coalesce(json_agg(m order by m."orderId"), '[]'::json) from (
           select o.id as "orderId", o.status, o.placed_at as "placedAt", p.slug as "customerSlug",
                  p.display_name as "customerName", r.name as "restaurantName", o.total_cents::text as "storedCents",
                  ((select coalesce(sum(${LINE_CENTS}), 0) from order_lines ol
                   where ol.order_id = o.id) + ${ORDER_FEE_CENTS})::text as "linesCents"
           from orders o
           join profiles p on p.id = o.customer_id
           join restaurants r on r.id = o.restaurant_id
           where o.id in (select unnest(mismatched) from per_customer)
           order by o.id limit ${MISMATCHES_LISTED}) m) as order_mismatches,
        (select coalesce(json_agg(m order by m."profileId"), '[]'::json) from (
           select pc.customer_id as "profileId", p.slug, p.display_name as "displayName",
                  pc.stored::text as "storedCents", pc.lines::text as "linesCents",
                  coalesce((select json_agg(id order by id) from unnest(pc.mismatched) as id), '[]'::json) as "orderIds"
           from per_customer pc join profiles p on p.id = pc.customer_id
           where pc.stored <> pc.lines
           order by pc.customer_id limit ${MISMATCHES_LISTED}) m) as user_mismatches,
        (select coalesce(json_agg(json_build_object('rollup', d.rollup, 'rows', d.rows)), '[]'::json)
           from (select rollup, count(*)::int as rows from drift group by rollup) d) as rollup_drift_counts,
        (select coalesce(json_agg(d), '[]'::json)
           from (select rollup, key, stored, expected from drift order by rollup, key limit ${MISMATCHES_LISTED}) d) as rollup_drift,
        (select count(*)::int from line_prices) as line_price_mismatch_count,
        (select coalesce(json_agg(m order by m."lineId"), '[]'::json) from (
           select order_id as "orderId", line_id as "lineId", name, unit_cents as "unitCents",
                  expected_cents::text as "expectedCents"
           from line_prices order by line_id limit ${MISMATCHES_LISTED}) m) as line_price_mismatches
    `,
    );
  });
  const ms = performance.now() - started;
  return {
    ordersChecked: raw!.orders_checked,
    usersChecked: raw!.users_checked,
    orderMismatchCount: raw!.order_mismatch_count,
    userMismatchCount: raw!.user_mismatch_count,
    orderMismatches: raw!.order_mismatches.map((m) => ({
      ...m,
      storedCents: centsFromDb(m.storedCents),
      linesCents: centsFromDb(m.linesCents),
    })),
    userMismatches: raw!.user_mismatches.map((m) => ({
      ...m,
      storedCents: centsFromDb(m.storedCents),
      linesCents: centsFromDb(m.linesCents),
    })),
    rollupDriftCounts: ROLLUPS.map((rollup) => ({
      rollup,
      rows: raw!.rollup_drift_counts.find((d) => d.rollup === rollup)?.rows ?? 0,
    })),
    rollupDrift: raw!.rollup_drift,
    linePriceMismatchCount: raw!.line_price_mismatch_count,
    linePriceMismatches: raw!.line_price_mismatches.map((m) => ({
      ...m,
      unitCents: centsFromDb(m.unitCents),
      expectedCents: centsFromDb(m.expectedCents),
    })),
    ms,
  };
}
