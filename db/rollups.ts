import { sql } from "drizzle-orm";

import { executeRows } from "./rows";
import type { Executor } from "./types";

export type RollupRepair = {
  /** Orders whose stored total disagreed with their lines (set to the lines' sum unless dry run). */
  orderTotals: number;
  /** Rows of each rollup that disagreed with the lines (rebuilt unless dry run). */
  rollups: { rollup: string; rows: number }[];
  /** Lines whose unit price is not base + option deltas (linePriceDrift): never rewritten, only counted. */
  linePrices: number;
};

/**
 * Orders (with an id above `afterId`) whose stored total disagrees with the sum of their lines plus their
 * snapshotted delivery fee, lines being the source of truth: (id, cents) rows, cents being what they say.
 */
export const orderTotalDrift = (afterId = 0) => sql`
  select o.id, coalesce(l.cents, 0) + o.delivery_fee_cents as cents
  from orders o
  left join (select order_id, sum(quantity::bigint * unit_price_cents) as cents from order_lines
             where order_id > ${afterId} group by order_id) l
    on l.order_id = o.id
  where o.id > ${afterId} and o.total_cents <> coalesce(l.cents, 0) + o.delivery_fee_cents`;

/**
 * Order lines whose unit price is not their snapshotted base price plus their options' snapshotted deltas:
 * (order_id, line_id, name, unit_cents, expected_cents) rows. A line from before options existed has no base
 * (null): its base is its unit price, and it has no options. Not repairable from anything else: reported only.
 */
export const linePriceDrift = sql`
  select ol.order_id, ol.id as line_id, ol.name, ol.unit_price_cents as unit_cents,
         (coalesce(ol.base_price_cents, ol.unit_price_cents) + coalesce(x.cents, 0))::bigint as expected_cents
  from order_lines ol
  left join (select order_line_id, sum(price_delta_cents) as cents from order_line_options group by order_line_id) x
    on x.order_line_id = ol.id
  where ol.unit_price_cents <> coalesce(ol.base_price_cents, ol.unit_price_cents) + coalesce(x.cents, 0)`;

/**
 * The first statement of a transaction that rewrites orders or rebuilds every rollup: shares every restaurant row,
 * as platter_rebuild_rollups does, before anything else. A zone change holds its restaurant's row and then reads
 * orders (migration 0017); a transaction that took orders first and restaurants later deadlocked with it.
 */
export const lockRestaurantsFirst = sql`select 1 from restaurants order by id for share`;

/**
 * The second statement of a repair, before it rewrites any order: keeps every other writer of orders and lines out
 * until it commits (SHARE ROW EXCLUSIVE conflicts with their ROW EXCLUSIVE, and with another repair). The rebuild
 * takes a SHARE lock on both tables anyway; taken there, after the order totals' update had moved rollup rows, a
 * checkout that had inserted its order and was waiting for one of those rows held the lock the rebuild waited for:
 * a deadlock, and the customer's checkout failed.
 */
const lockOrderWriters = sql`lock table orders, order_lines in share row exclusive mode`;

/**
 * Compares every order's total and every rollup row with the lines and, unless `dryRun`, repairs them: order
 * totals first (their triggers move the rollups), then a rebuild of every rollup (platter_rebuild_rollups, in
 * migrations 0004 and 0027). One transaction. O(every line): a repair command, never a page.
 * The report is what disagreed before anything was written, in both modes, so that a repair says what `--check`
 * said. Counted by the rebuild, after the totals' update had moved the rollups, it named rows that were right
 * and missed rows that were wrong whenever a total was wrong too.
 */
export async function repairRollups(db: Executor, { dryRun }: { dryRun: boolean }): Promise<RollupRepair> {
  return db.transaction(async (tx) => {
    if (!dryRun) {
      await tx.execute(lockRestaurantsFirst);
      await tx.execute(lockOrderWriters);
    }
    const rows = await executeRows<{ rollup: string; rows: number }>(
      tx,
      sql`select rollup, count(*)::int as rows from platter_rollup_drift() group by rollup`,
    );
    const orderTotals = dryRun
      ? ((await executeRows<{ n: number }>(tx, sql`select count(*)::int as n from (${orderTotalDrift()}) d`))[0]?.n ??
        0)
      : (
          await executeRows<{ id: number }>(
            tx,
            sql`update orders o set total_cents = d.cents from (${orderTotalDrift()}) d where o.id = d.id returning o.id`,
          )
        ).length;
    if (!dryRun) await tx.execute(sql`select platter_rebuild_rollups(false)`);
    const [prices] = await executeRows<{ n: number }>(tx, sql`select count(*)::int as n from (${linePriceDrift}) d`);
    return {
      orderTotals,
      rollups: rows.sort((a, b) => a.rollup.localeCompare(b.rollup)),
      linePrices: prices?.n ?? 0,
    };
  });
}
