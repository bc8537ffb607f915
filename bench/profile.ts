/**
 * npm run bench:profile [-- --sizes 1000,10000 --runs 15]
 *
 * One customer with N orders of 3 lines. The same total purchase computed five ways, in one run:
 *   naive N+1        the original Django loop: the orders, then one query per order for its lines, summed in JS
 *   prefetch         Django's prefetch_related: one query per relation (orders, then lines IN (...)), summed in JS
 *   profile page     what /profile runs: the signed-in user re-read + one relational query (running totals,
 *                    owned, favorites, 20 recent orders with lines)
 *   rollup read      the total alone, read from customer_totals (kept by triggers): one primary-key row
 *   SQL SUM (floor)  one hand-written aggregate over the lines: the least any approach that sums can do
 * On PGlite always, and on PostgreSQL when DATABASE_URL is set (database platter_bench, recreated).
 * Prints a Markdown table: statements, median milliseconds, ratio to the floor. Record it in docs/benchmarks.md.
 */
import { parseArgs } from "node:util";
import { and, eq, inArray, ne, sql } from "drizzle-orm";

import { connectPglite, connectPostgres, migratePostgres, setDatabase } from "@/db/client";
import { databaseUrl, recreateDatabase } from "@/db/postgres-admin";
import { countQueries } from "@/db/query-stats";
import { customerTotals, linesTotalCents, orderLines, orders, profiles } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { seedHeavyOrders } from "@/db/seed/heavy";
import { progressBar } from "@/db/seed/progress";
import type { Database, DatabaseHandle } from "@/db/types";
import { findActiveViewer } from "@/lib/auth/queries";
import { centsFromDb } from "@/lib/money";
import { getProfileForViewer } from "@/lib/profile/queries";

import { median } from "./subjects";

const { values } = parseArgs({
  options: { sizes: { type: "string", default: "1000,10000" }, runs: { type: "string", default: "15" } },
});
const sizes = values.sizes.split(",").map(Number);
const runs = Number(values.runs);

type Approach = {
  name: string;
  runs: number;
  total: (db: Database, profileId: number, userId: string) => Promise<number>;
};

const liveOrders = (profileId: number) => and(eq(orders.customerId, profileId), ne(orders.status, "cancelled"));

const approaches: Approach[] = [
  {
    name: "naive N+1",
    runs: 3,
    async total(db, profileId) {
      const own = await db.select({ id: orders.id }).from(orders).where(liveOrders(profileId));
      let total = 0;
      for (const order of own) {
        total += linesTotalCents(await db.select().from(orderLines).where(eq(orderLines.orderId, order.id)));
      }
      return total;
    },
  },
  {
    name: "prefetch (query per relation)",
    runs,
    async total(db, profileId) {
      const own = await db.select({ id: orders.id }).from(orders).where(liveOrders(profileId));
      const lines = own.length
        ? await db
            .select()
            .from(orderLines)
            .where(
              inArray(
                orderLines.orderId,
                own.map((o) => o.id),
              ),
            )
        : [];
      return linesTotalCents(lines);
    },
  },
  {
    name: "profile page (app)",
    runs,
    async total(_db, _profileId, userId) {
      const viewer = await findActiveViewer(userId);
      const profile = await getProfileForViewer({ viewer: viewer! });
      return profile!.totalPurchaseCents;
    },
  },
  {
    name: "rollup read (customer_totals)",
    runs,
    async total(db, profileId) {
      const [row] = await db
        .select({ total: customerTotals.totalCents })
        .from(customerTotals)
        .where(eq(customerTotals.customerId, profileId));
      return centsFromDb(row!.total);
    },
  },
  {
    name: "SQL SUM (floor)",
    runs,
    async total(db, profileId) {
      const [row] = await db
        .select({
          total: sql<string>`coalesce(sum(${orderLines.quantity}::bigint * ${orderLines.unitPriceCents}), 0)::text`,
        })
        .from(orderLines)
        .innerJoin(orders, eq(orders.id, orderLines.orderId))
        .where(liveOrders(profileId));
      return Number(row!.total);
    },
  },
];

async function open(driver: "postgres" | "pglite"): Promise<DatabaseHandle> {
  if (driver === "pglite") return connectPglite("memory://");
  const base = process.env.DATABASE_URL!;
  await recreateDatabase(base, "platter_bench");
  const handle = await connectPostgres(databaseUrl(base, "platter_bench"), { max: 4 });
  await migratePostgres(handle.db);
  return handle;
}

const rows: string[] = [];
const drivers = process.env.DATABASE_URL ? (["postgres", "pglite"] as const) : (["pglite"] as const);
for (const driver of drivers) {
  const handle = await open(driver);
  setDatabase(handle);
  const db = handle.db;
  await seedDemo(db);
  let seeded = 0;
  for (const size of sizes) {
    const { profileId } = await seedHeavyOrders(db, {
      count: size - seeded,
      onProgress: progressBar(`${driver} seeding`),
    });
    seeded = size;
    await db.execute(sql`analyze`);
    const [profile] = await db.select({ userId: profiles.userId }).from(profiles).where(eq(profiles.id, profileId));
    const results: { name: string; statements: number; ms: number; total: number }[] = [];
    for (const approach of approaches) {
      await approach.total(db, profileId, profile!.userId); // warm-up: plans, caches, JIT
      const times: number[] = [];
      let statements = 0;
      let total = 0;
      for (let i = 0; i < approach.runs; i++) {
        const started = performance.now();
        const counted = await countQueries(() => approach.total(db, profileId, profile!.userId));
        times.push(performance.now() - started);
        statements = counted.count;
        total = counted.result;
      }
      results.push({ name: approach.name, statements, ms: median(times), total });
    }
    const floor = results.at(-1)!;
    for (const r of results) {
      if (r.total !== floor.total) throw new Error(`${r.name} disagrees: ${r.total} vs ${floor.total}`);
      rows.push(
        `| ${driver} | ${size.toLocaleString("en-US")} | ${r.name} | ${r.statements.toLocaleString("en-US")} | ` +
          `${r.ms.toFixed(2)} | ${(r.ms / floor.ms).toFixed(1)}x |`,
      );
    }
    console.error(`${driver}, ${size} orders: every approach agrees on ${floor.total} cents.`);
  }
  await handle.close();
}

console.log("| database | orders | approach | statements | median ms | vs floor |");
console.log("|---|---:|---|---:|---:|---:|");
for (const row of rows) console.log(row);
