/**
 * npm test: the whole suite, as CI runs it.
 *   1. unit and integration tests (Vitest) on PGlite, and on PostgreSQL too when DATABASE_URL is set;
 *   2. a production build;
 *   3. browser tests (Playwright, Chromium) against that build, on PGlite and, with DATABASE_URL, on PostgreSQL,
 *      then Lighthouse on the pages issue 11 named: 100 in accessibility and best practices, or it fails;
 *   4. with DATABASE_URL (a machine with PostgreSQL's server binaries), the scale-out tests against that build:
 *      primary, streaming replica, PgBouncer, three instances and nginx (npm run test:cluster, decision 0014).
 */
import { spawnSync } from "node:child_process";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const steps = [
  ["unit and integration tests", "npx", ["vitest", "run"]],
  ["production build", "npx", ["next", "build"]],
  ["browser", "node", ["scripts/ensure-browser.mjs"]],
  ["browser tests", "npx", ["playwright", "test"]],
  ["Lighthouse accessibility and best practices", "node", ["scripts/lighthouse.mjs", "--check"]],
  ...(process.env.DATABASE_URL ? [["scale-out tests", "npm", ["run", "test:cluster"]]] : []),
];

for (const [name, command, args] of steps) {
  console.log(`\n=== ${name}: ${command} ${args.join(" ")}`);
  const { status } = spawnSync(command, args, { stdio: "inherit", env });
  if (status !== 0) {
    console.error(`\n${name} failed (exit ${status}).`);
    process.exit(status ?? 1);
  }
}
console.log("\nAll tests passed.");
