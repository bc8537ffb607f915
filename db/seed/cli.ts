/**
 * npm run db:seed                  demo data, unless the database already has users
 * npm run db:seed -- --heavy 10000 one customer (heavy@platter.test) gets 10,000 more orders of 3 lines
 * Uses DATABASE_URL, or the embedded PGlite folder when it is unset.
 */
import { parseArgs } from "node:util";
import { closeDb, getDb } from "../client";
import { printDemoAccounts } from "./accounts";
import { seedDemoIfEmpty } from "./demo";
import { seedHeavyOrders } from "./heavy";
import { progressBar } from "./progress";

const { values } = parseArgs({ options: { heavy: { type: "string" } } });
const heavy = values.heavy === undefined ? 0 : Number(values.heavy);
if (!Number.isInteger(heavy) || heavy < 0 || heavy > 1_000_000) {
  console.error("--heavy takes a whole number of orders from 0 to 1,000,000");
  process.exit(2);
}

const db = await getDb();
// getDb() seeds an empty embedded database by itself; a server is seeded here.
if (process.env.DATABASE_URL && (await seedDemoIfEmpty(db))) printDemoAccounts();
else console.log("Demo data present.");
if (heavy > 0) {
  const started = performance.now();
  const { count } = await seedHeavyOrders(db, { count: heavy, onProgress: progressBar("orders") });
  console.log(`Added ${count} orders to heavy@platter.test in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}
await closeDb();
