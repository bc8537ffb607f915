import { defineConfig, devices } from "@playwright/test";

import { systemChromium } from "../../scripts/browser.mjs";

/**
 * npm run test:cluster: the scale-out topology (scripts/topology/cluster.ts) started by the spec itself, from the
 * production build in .next (build first). Needs the PostgreSQL server binaries, pgbouncer and nginx.
 */
export default defineConfig({
  testDir: ".",
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  workers: 1,
  reporter: [["list"]],
  timeout: 120_000,
  expect: { timeout: 15_000 },
  use: {
    ...devices["Desktop Chrome"],
    trace: "retain-on-failure",
    launchOptions: { executablePath: systemChromium(), args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] },
  },
});
