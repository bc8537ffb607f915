import { sql } from "drizzle-orm";

import { connectPglite } from "@/db/client";
import { seedDemo } from "@/db/seed/demo";

export type DemoTotals = { totalCents: number; orderCount: number };

/**
 * What the pages must show for each demo user, worked out independently of the app's queries: the demo seed is
 * deterministic, so a private in-memory copy summed by hand-written SQL gives every user's total purchase (lines
 * plus delivery fees) and
 * order count (non-cancelled orders). Computed once per test worker.
 */
let cached: Promise<Map<string, DemoTotals>> | undefined;

export function demoTotals(): Promise<Map<string, DemoTotals>> {
  cached ??= (async () => {
    const handle = await connectPglite("memory://");
    try {
      await seedDemo(handle.db);
      const rows = await handle.db
        .select({
          email: sql<string>`u.email`,
          // Lines plus each order's delivery fee: the total purchase includes fees (decision 0019).
          total: sql<string>`coalesce(sum(o.delivery_fee_cents + (select sum(ol.quantity::bigint * ol.unit_price_cents)
                                from order_lines ol where ol.order_id = o.id)), 0)::text`,
          orders: sql<number>`count(o.id)::int`,
        })
        .from(
          sql`users u join profiles p on p.user_id = u.id
              left join orders o on o.customer_id = p.id and o.status <> 'cancelled'`,
        )
        .groupBy(sql`u.email`);
      return new Map(rows.map((r) => [r.email, { totalCents: Number(r.total), orderCount: r.orders }]));
    } finally {
      await handle.close();
    }
  })();
  return cached;
}

export async function expectedDemoTotals(email: string): Promise<DemoTotals> {
  const totals = (await demoTotals()).get(email);
  if (!totals) throw new Error(`${email} is not a demo account`);
  return totals;
}
