/**
 * npm run db:reconcile              rebuild every rollup from the order lines and say what it fixed
 * npm run db:reconcile -- --check   only report; exit 1 when anything disagrees with the lines
 *
 * Lines are the source of truth. First, any order whose stored total disagrees with its lines (possible only if
 * someone disabled the triggers) gets the lines' sum; then every rollup row is compared with a fresh sum of the
 * lines and the rollups are rebuilt. One transaction: readers see the old totals or the new ones, never half.
 * Uses DATABASE_URL, or the embedded PGlite folder when it is unset.
 */
import { parseArgs } from "node:util";

import { closeDb, getScriptDb } from "./client";
import { repairRollups, type RollupRepair } from "./rollups";

const { values } = parseArgs({ options: { check: { type: "boolean", default: false } } });

const db = await getScriptDb();
const started = performance.now();
let report: RollupRepair;
try {
  report = await repairRollups(db, { dryRun: values.check });
} finally {
  await closeDb();
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const verb = values.check ? "disagree" : "fixed";
console.log(`Orders whose stored total disagreed with their lines: ${report.orderTotals} ${verb}.`);
if (report.rollups.length === 0) console.log("Every rollup agrees with the lines.");
console.log(`Order lines whose unit price is not base + option prices: ${report.linePrices} (not rewritten).`);
for (const { rollup, rows } of report.rollups) console.log(`  ${rollup.padEnd(32)} ${rows} rows ${verb}`);
console.log(`Reconciled in ${seconds} s.`);
if (values.check && (report.orderTotals > 0 || report.linePrices > 0 || report.rollups.some((r) => r.rows > 0))) {
  process.exit(1);
}
