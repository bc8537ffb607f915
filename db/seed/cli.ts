/**
 * npm run db:seed                  demo data, unless the database already has users
 * npm run db:seed -- --heavy 10000 one customer (heavy@platter.test) gets 10,000 more orders of 3 lines
 * npm run db:seed -- --scale 1000000
 *                                  after the demo data, a production-shaped data set of a million orders
 *                                  (db/seed/scale.ts); needs a database without scale data yet.
 *                                  --seed S picks another data set of the same shape (default: a fixed one)
 * Uses DATABASE_URL, or the embedded PGlite folder (PGLITE_DATA_DIR) when it is unset: the server seeds that
 * one on start too, so db:seed is for a server or for adding --heavy / --scale data.
 */
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";

import { closeDb, getScriptDb } from "../client";
import { DEMO_PASSWORD, printDemoAccounts } from "./accounts";
import { seedDemoIfEmpty } from "./demo";
import { seedHeavyOrders } from "./heavy";
import { progressBar } from "./progress";
import { seedScale } from "./scale";

const { values } = parseArgs({
  options: { heavy: { type: "string" }, scale: { type: "string" }, seed: { type: "string" } },
});

function wholeNumber(flag: string, value: string | undefined, min: number, max: number): number {
  const n = value === undefined ? 0 : Number(value);
  if (value !== undefined && (!Number.isInteger(n) || n < min || n > max)) {
    console.error(
      `--${flag} takes a whole number from ${min.toLocaleString("en-US")} to ${max.toLocaleString("en-US")}`,
    );
    process.exit(2);
  }
  return n;
}

const heavy = wholeNumber("heavy", values.heavy, 0, 1_000_000);
const scale = wholeNumber("scale", values.scale, 1, 5_000_000);
const seed = values.seed === undefined ? undefined : wholeNumber("seed", values.seed, 0, 2 ** 32 - 1);

// Without the app's statement timeout: a rollup rebuild over a million orders takes longer than a page may.
const db = await getScriptDb();
if (await seedDemoIfEmpty(db, () => console.log("Seeding demo data."))) printDemoAccounts();
else console.log("Demo data present.");
if (heavy > 0) {
  const started = performance.now();
  const { count } = await seedHeavyOrders(db, { count: heavy, onProgress: progressBar("orders") });
  console.log(`Added ${count} orders to heavy@platter.test in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}
if (scale > 0) {
  const started = performance.now();
  const s = await seedScale(db, { orders: scale, seed, onProgress: progressBar("orders") });
  const loaded = performance.now();
  // Fresh statistics, so that the first queries on the new data are planned for its real size.
  await db.execute(sql`analyze`);
  const n = (x: number) => x.toLocaleString("en-US");
  console.log(
    [
      `Scale data: ${n(s.orders)} orders (${n(s.cancelled)} cancelled) with ${n(s.lines)} lines, ${n(s.customers)} customers,`,
      `${n(s.restaurants)} restaurants (${n(s.menuItems)} menu items) and ${n(s.owners)} owners, placed from`,
      `${s.firstDay.toISOString().slice(0, 10)} up to ${s.anchor.toISOString().slice(0, 10)} (exclusive).`,
      `Loaded in ${((loaded - started) / 1000).toFixed(1)} s, analyzed in ${((performance.now() - loaded) / 1000).toFixed(1)} s.`,
      `  biggest customer   ${s.whale.email} (${n(s.whale.orders)} orders)`,
      `  median customer    ${s.median.email} (${n(s.median.orders)} orders)`,
      `  busiest restaurant ${s.busiestRestaurant.slug} (${n(s.busiestRestaurant.orders)} orders), owner ${s.busiestRestaurant.ownerEmail}`,
      `  password for all: ${DEMO_PASSWORD}`,
    ].join("\n"),
  );
}
await closeDb();
