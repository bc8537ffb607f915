import { sql } from "drizzle-orm";

import { orderTotalDrift } from "./rollups";
import { executeRows } from "./rows";
import { orders } from "./schema";
import type { Database, Transaction } from "./types";

/**
 * Runs a bulk load (the scale seed) in one transaction with the rollup triggers of orders and order_lines off,
 * then rebuilds every rollup from the lines and checks each loaded order's stored total against its lines,
 * the two things those triggers would have done row by row. `ALTER TABLE ... DISABLE TRIGGER` takes an
 * exclusive lock until commit, so no other writer can slip an order past the disabled triggers, and a failure
 * rolls the whole load back: nobody ever sees orders without their rollups.
 */
export async function bulkLoad<T>(db: Database, fn: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`alter table orders disable trigger user`);
    await tx.execute(sql`alter table order_lines disable trigger user`);
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
    return result;
  });
}
