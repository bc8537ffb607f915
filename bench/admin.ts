/**
 * npm run bench:admin [-- --users 1000 --orders 100000 --runs 9]
 *
 * The admin pages' grouped statements over a whole platform: N users sharing M orders (1-4 lines each) on the demo
 * restaurants. Times, per database (PostgreSQL when DATABASE_URL is set, in a database platter_bench_admin that it
 * creates and drops; PGlite always):
 *   users' totals       /admin/users' table: every user's order count and total purchase, first page by total
 *   users by name       the same, searched ("user-1") and sorted by name
 *   reconciliation      every order's stored total against its lines, every user's too
 *   platform totals     /admin's figures
 *   revenue by month    /admin/revenue's chart and table
 *   orders CSV export   once: every order streamed through /admin/export/orders' body, with the heap's peak growth
 * Prints Markdown tables (statements, median ms, min ms). Record them in docs/benchmarks.md.
 */
import { parseArgs } from "node:util";
import v8 from "node:v8";
import vm from "node:vm";
import { sql } from "drizzle-orm";

import { connectPglite, connectPostgres, migratePostgres, setDatabase } from "@/db/client";
import { databaseUrl, dropDatabase, recreateDatabase } from "@/db/postgres-admin";
import { countQueries } from "@/db/query-stats";
import { profiles, users } from "@/db/schema";
import { DEMO_PASSWORD_HASH } from "@/db/seed/accounts";
import { insertRestaurants, randomOrder, type SeededMenu } from "@/db/seed/demo";
import { insertOrders, type SeedOrder } from "@/db/seed/orders";
import { progressBar } from "@/db/seed/progress";
import { createRandom } from "@/db/seed/random";
import type { DatabaseHandle } from "@/db/types";
import { exportOrdersCsv } from "@/lib/admin/export";
import { reconcileTotals } from "@/lib/admin/reconciliation";
import { getPlatformTotals, getRevenueByMonth } from "@/lib/admin/revenue";
import { listUserTotals } from "@/lib/admin/users";
import type { Viewer } from "@/lib/auth/queries";

import { median } from "./subjects";

const { values } = parseArgs({
  options: {
    users: { type: "string", default: "1000" },
    orders: { type: "string", default: "100000" },
    runs: { type: "string", default: "9" },
    drivers: { type: "string" },
    keep: { type: "boolean", default: false },
  },
});
const userCount = Number(values.users);
const orderCount = Number(values.orders);
const runs = Number(values.runs);
const DAY_MS = 24 * 60 * 60 * 1000;
const BENCH_DB = "platter_bench_admin";

/** The users (one of them the admin who runs the pages) and their orders, in bulk. */
async function seed(handle: DatabaseHandle): Promise<Viewer> {
  const db = handle.db;
  const menus = [...(await insertRestaurants(db)).values()].filter((m: SeededMenu) => m.items.length > 0);
  const created = await db
    .insert(users)
    .values(
      Array.from({ length: userCount }, (_, i) => ({
        email: `user-${i}@bench.test`,
        name: `User ${i}`,
        role: i === 0 ? ("admin" as const) : ("customer" as const),
        passwordHash: DEMO_PASSWORD_HASH,
      })),
    )
    .returning({ id: users.id, email: users.email, role: users.role });
  const profileRows = await db
    .insert(profiles)
    .values(created.map((u, i) => ({ userId: u.id, slug: `user-${i}`, displayName: `User ${i}` })))
    .returning({ id: profiles.id, slug: profiles.slug, displayName: profiles.displayName });
  const random = createRandom(7);
  const now = Date.now();
  const rows: SeedOrder[] = [];
  for (let i = 0; i < orderCount; i++) {
    const customer = random.pick(profileRows);
    const status = random.next() < 0.05 ? "cancelled" : "completed";
    rows.push(
      randomOrder(
        random,
        customer.id,
        random.pick(menus),
        new Date(now - random.int(0, 2 * 365 * DAY_MS)),
        `bench-order-${i}`,
        status,
      ),
    );
  }
  await insertOrders(db, rows, progressBar(`${handle.driver} seeding`));
  await db.execute(sql`analyze`);
  const admin = profileRows[0]!;
  return {
    userId: created[0]!.id,
    email: created[0]!.email,
    role: "admin",
    profileId: admin.id,
    slug: admin.slug,
    displayName: admin.displayName,
  };
}

type Measured = { name: string; run: (viewer: Viewer) => Promise<unknown> };
const measured: Measured[] = [
  { name: "users' totals (first page, by total)", run: (viewer) => listUserTotals({ viewer }) },
  {
    name: "users' totals (search, by name)",
    run: (viewer) => listUserTotals({ viewer, sort: "name", search: "user-1" }),
  },
  {
    name: "reconciliation",
    async run(viewer) {
      const report = await reconcileTotals({ viewer });
      if (report.ordersChecked !== orderCount || report.orderMismatchCount !== 0 || report.userMismatchCount !== 0) {
        throw new Error(
          `reconciliation disagrees: ${JSON.stringify({ ...report, orderMismatches: undefined, userMismatches: undefined })}`,
        );
      }
      return report;
    },
  },
  { name: "platform totals", run: (viewer) => getPlatformTotals({ viewer }) },
  { name: "revenue by month", run: (viewer) => getRevenueByMonth({ viewer }) },
];

async function open(driver: "postgres" | "pglite"): Promise<DatabaseHandle> {
  if (driver === "pglite") return connectPglite("memory://");
  const base = process.env.DATABASE_URL!;
  await recreateDatabase(base, BENCH_DB);
  const handle = await connectPostgres(databaseUrl(base, BENCH_DB), { max: 4 });
  await migratePostgres(handle.db);
  // --keep leaves the database behind for EXPLAIN ANALYZE; it is dropped on the next run either way.
  return {
    ...handle,
    close: async () => (await handle.close(), values.keep ? undefined : await dropDatabase(base, BENCH_DB)),
  };
}

// A collection before each sample, so that the heap figure is what the export holds, not garbage awaiting collection.
v8.setFlagsFromString("--expose-gc");
const collect = vm.runInNewContext("gc") as () => void;
const liveHeap = () => {
  collect();
  return process.memoryUsage().heapUsed;
};

/** Reads the whole streamed export as a browser would, sampling the live heap after every chunk. */
async function measureExport(admin: Viewer) {
  const baseline = liveHeap();
  let peak = baseline;
  let bytes = 0;
  let rows = 0;
  const started = performance.now();
  const { count } = await countQueries(async () => {
    const response = await exportOrdersCsv({ zone: "UTC", viewer: admin, range: {} });
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (const byte of value) if (byte === 10) rows++;
      peak = Math.max(peak, liveHeap());
    }
  });
  const elapsed = performance.now() - started;
  if (rows !== orderCount + 1) throw new Error(`export wrote ${rows - 1} orders, expected ${orderCount}`);
  return { ms: elapsed, statements: count, mb: bytes / 2 ** 20, heapMb: (peak - baseline) / 2 ** 20 };
}

const lines: string[] = [];
const exports: string[] = [];
const drivers = values.drivers
  ? (values.drivers.split(",") as ("postgres" | "pglite")[])
  : process.env.DATABASE_URL
    ? (["postgres", "pglite"] as const)
    : (["pglite"] as const);
for (const driver of drivers) {
  const handle = await open(driver);
  try {
    setDatabase(handle);
    const started = performance.now();
    const admin = await seed(handle);
    console.error(
      `${driver}: seeded ${userCount} users and ${orderCount} orders in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    // Both ways of reading the totals must agree before either is timed.
    const table = await listUserTotals({ viewer: admin, limit: userCount });
    const platform = await getPlatformTotals({ viewer: admin });
    const sum = table.rows.reduce((a, r) => a + r.totalPurchaseCents, 0);
    if (sum !== platform.revenueCents)
      throw new Error(`users' totals (${sum}) disagree with platform revenue (${platform.revenueCents})`);
    for (const m of measured) {
      await m.run(admin); // warm-up: plans and caches
      const times: number[] = [];
      let statements = 0;
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        statements = (await countQueries(() => m.run(admin))).count;
        times.push(performance.now() - t0);
      }
      lines.push(
        `| ${driver} | ${userCount.toLocaleString("en-US")} | ${orderCount.toLocaleString("en-US")} | ${m.name} | ` +
          `${statements} | ${median(times).toFixed(1)} | ${Math.min(...times).toFixed(1)} |`,
      );
    }
    const e = await measureExport(admin);
    exports.push(
      `| ${driver} | ${orderCount.toLocaleString("en-US")} | ${e.statements} | ` +
        `${(e.ms / 1000).toFixed(1)} | ${e.mb.toFixed(1)} | ${e.heapMb.toFixed(1)} |`,
    );
  } finally {
    await handle.close();
  }
}

console.log("| database | users | orders | query | statements | median ms | min ms |");
console.log("|---|---:|---:|---|---:|---:|---:|");
for (const line of lines) console.log(line);
console.log("");
console.log(
  "| database | orders exported | statements (audit row + batches) | seconds (incl. a GC per batch) | CSV MB | peak live heap growth MB |",
);
console.log("|---|---:|---:|---:|---:|---:|");
for (const line of exports) console.log(line);
