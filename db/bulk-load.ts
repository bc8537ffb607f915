import { sql } from "drizzle-orm";

import { lockRestaurantsFirst, orderTotalDrift } from "./rollups";
import { executeRows } from "./rows";
import { orders } from "./schema";
import type { Database, Transaction } from "./types";

/** The tables a bulk load fills: their secondary indexes and foreign keys are put back once at the end. */
const LOADED_TABLES = sql.raw(`('orders'::regclass, 'order_lines'::regclass, 'order_status_events'::regclass)`);

/**
 * Drops the loaded tables' secondary indexes and their foreign keys, and returns the statements that make them
 * again (indexes first). Indexes behind a primary key or a unique constraint stay: the idempotency key and the
 * other tables' foreign keys need them. Names and definitions come from the catalog, already quoted as SQL.
 */
async function setAsideIndexesAndForeignKeys(tx: Transaction): Promise<string[]> {
  const items = await executeRows<{ drop: string; restore: string }>(
    tx,
    sql`select 'drop index ' || i.indexrelid::regclass::text as drop,
               pg_get_indexdef(i.indexrelid) as restore, 1 as kind
        from pg_index i
        where i.indrelid in ${LOADED_TABLES}
          and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
        union all
        select format('alter table %s drop constraint %I', c.conrelid::regclass, c.conname),
               format('alter table %s add constraint %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)),
               2
        from pg_constraint c
        where c.contype = 'f' and c.conrelid in ${LOADED_TABLES}
        order by kind, restore`,
  );
  for (const { drop } of items) await tx.execute(sql.raw(drop));
  return items.map((i) => i.restore);
}

/**
 * Runs a bulk load (the scale seed) in one transaction with the rollup triggers of orders and order_lines off,
 * then rebuilds every rollup from the lines and checks each loaded order's stored total against its lines,
 * the two things those triggers would have done row by row. `ALTER TABLE ... DISABLE TRIGGER` locks out every
 * other writer until commit, so none can slip an order past the disabled triggers, and a failure rolls the whole
 * load back: nobody ever sees orders without their rollups.
 *
 * The load also sets aside the secondary indexes and foreign keys of orders, order_lines and
 * order_status_events, as PostgreSQL's "Populating a Database" advises: at the end each index is built by one
 * sort and each foreign key checked by one join, instead of an index insertion and a key lookup for every row
 * (together most of the load's time: at 1,000,000 orders the seed took 3 min 34 s with both kept, 3 min 14 s
 * with only the indexes set aside, 1 min 43 s with both). Adding a foreign key back validates every row, so a
 * load that broke one fails and rolls back. DROP INDEX locks its table against readers too until commit, so no
 * query is ever planned without them.
 */
export async function bulkLoad<T>(db: Database, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(lockRestaurantsFirst);
    await tx.execute(sql`alter table orders disable trigger user`);
    await tx.execute(sql`alter table order_lines disable trigger user`);
    // Memory for the index builds at the end; the default 64 MB spills a million-row sort to disk.
    await tx.execute(sql`set local maintenance_work_mem = '256MB'`);
    const restore = await setAsideIndexesAndForeignKeys(tx);
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
    for (const statement of restore) await tx.execute(sql.raw(statement));
    return result;
  });
}
