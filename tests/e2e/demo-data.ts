import { sql } from "drizzle-orm";

import { connectPglite } from "@/db/client";
import { seedDemo } from "@/db/seed/demo";

export type DemoTotals = { totalCents: number; orderCount: number };

/**
 * What the pages must show for each demo user, worked out independently of the app's queries: the demo seed is
 * deterministic, so a private in-memory copy summed by hand-written SQL gives every user's total purchase and
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
          total: sql<string>`coalesce(sum(ol.quantity::bigint * ol.unit_price_cents), 0)::text`,
          orders: sql<number>`count(distinct o.id)::int`,
        })
        .from(
          sql`users u join profiles p on p.user_id = u.id
              left join orders o on o.customer_id = p.id and o.status <> 'cancelled'
              left join order_lines ol on ol.order_id = o.id`,
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
