import { sql } from "drizzle-orm";
import { connectPglite } from "@/db/client";
import { seedDemo } from "@/db/seed/demo";

/**
 * The demo seed is deterministic, so the browser tests work out what a demo user's profile must show by seeding
 * a private in-memory copy and summing it with hand-written SQL, independently of the app's own query.
 */
export async function expectedDemoTotals(email: string) {
  const handle = await connectPglite("memory://");
  try {
    await seedDemo(handle.db);
    const rows = await handle.db
      .select({
        total: sql<string>`coalesce(sum(ol.quantity * ol.unit_price_cents), 0)::text`,
        orders: sql<number>`count(distinct o.id)::int`,
      })
      .from(sql`users u join profiles p on p.user_id = u.id join orders o on o.customer_id = p.id join order_lines ol on ol.order_id = o.id`)
      .where(sql`u.email = ${email} and o.status <> 'cancelled'`);
    return { totalCents: Number(rows[0]!.total), orderCount: rows[0]!.orders };
  } finally {
    await handle.close();
  }
}
