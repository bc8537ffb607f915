import { sql } from "drizzle-orm";

import { orderTotalDrift } from "./rollups";
import { executeRows } from "./rows";
import { orders } from "./schema";
import type { Database, Transaction } from "./types";

/** The tables a bulk load fills; their secondary indexes are built once at the end rather than row by row. */
const LOADED_TABLES = sql.raw(`('orders'::regclass, 'order_lines'::regclass, 'order_status_events'::regclass)`);

/**
 * Drops the loaded tables' secondary indexes and returns their definitions. Indexes behind a primary key or a
 * unique constraint stay: the load's foreign keys and the idempotency key need them.
 */
async function dropSecondaryIndexes(tx: Transaction): Promise<string[]> {
  const indexes = await executeRows<{ name: string; definition: string }>(
    tx,
    sql`select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
        from pg_index i
        where i.indrelid in ${LOADED_TABLES}
          and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
        order by 1`,
  );
  // Names and definitions come from the catalog, already quoted as SQL.
  for (const { name } of indexes) await tx.execute(sql.raw(`drop index ${name}`));
  return indexes.map((i) => i.definition);
}

/**
 * Runs a bulk load (the scale seed) in one transaction with the rollup triggers of orders and order_lines off,
 * then rebuilds every rollup from the lines and checks each loaded order's stored total against its lines,
 * the two things those triggers would have done row by row. `ALTER TABLE ... DISABLE TRIGGER` takes an
 * exclusive lock until commit, so no other writer can slip an order past the disabled triggers, and a failure
 * rolls the whole load back: nobody ever sees orders without their rollups.
 *
 * The load also drops the secondary indexes of orders, order_lines and order_status_events and builds them again
 * at the end: one sort per index instead of an insertion into each for every row (a third of the load's time at
 * 300,000 orders). DROP INDEX locks its table against readers too until commit, so no query is planned without
 * them.
 */
export async function bulkLoad<T>(db: Database, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`alter table orders disable trigger user`);
    await tx.execute(sql`alter table order_lines disable trigger user`);
    // Memory for the index builds at the end; the default 64 MB spills a million-row sort to disk.
    await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
    const indexes = await dropSecondaryIndexes(tx);
    const [first] = await tx
      .select({ lastId: sql<number>`coalesce(max(${orders.id}), 0)`.mapWith(Number) })
      .from(orders);
    const lastId = first?.lastId ?? 0;
    const result = await fn(tx);
    const [check] = await executeRows<{ wrong: number }>(
      tx,
      sql`select count(*)::int as wrong from (${orderTotalDrift(lastId)}) d`,
    );
    if (check && check.wrong > 0)
      throw new Error(`bulk load: ${check.wrong} orders' stored totals do not equal their lines plus delivery fees`);
    await tx.execute(sql`select platter_rebuild_rollups(false)`);
    await tx.execute(sql`alter table orders enable trigger user`);
    await tx.execute(sql`alter table order_lines enable trigger user`);
    for (const definition of indexes) await tx.execute(sql.raw(definition));
    return result;
  });
}
