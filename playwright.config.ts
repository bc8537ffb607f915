import { defineConfig, devices } from "@playwright/test";

import { systemChromium } from "./scripts/browser.mjs";

const withPostgres = Boolean(process.env.DATABASE_URL);
// E2E_PORT_BASE lets two checkouts run their browser tests side by side (default 3100, 3101 and 3102 for the outage).
const portBase = Number(process.env.E2E_PORT_BASE ?? 3100);
const servers = [
  { name: "pglite", port: portBase },
  ...(withPostgres ? [{ name: "postgres", port: portBase + 1 }] : []),
];

/**
 * Specs that run in one project only. The outage spec stops a PostgreSQL server of its own, so it needs the server
 * binaries and runs once, with the postgres project.
 *
 * With PostgreSQL there too, the PGlite build runs only the specs where the embedded database changes what the
 * running server does: ordering and checkout (one transaction on PGlite's single connection), the live updates (its
 * own notifications), sign-in and sessions, the owner's queue, the profile. The specs below are the same pages over
 * the same data layer, which the integration tests run on both drivers: headers and fuzzing, widths and focus, the
 * admin's and owner's tools, search, hours, password reset. They run once, on PostgreSQL; without DATABASE_URL every
 * spec runs on PGlite. Running all of them twice had made the browser tests most of CI's time (decision 0026).
 */
const SAME_ON_BOTH = [
  /admin(-tools)?\.spec\.ts$/,
  /focus-and-filters\.spec\.ts$/,
  /fuzz-urls\.spec\.ts$/,
  /hours\.spec\.ts$/,
  /mobile\.spec\.ts$/,
  /owner-alerts\.spec\.ts$/,
  /password-reset\.spec\.ts$/,
  /search-and-details\.spec\.ts$/,
  /security\.spec\.ts$/,
];

function ignoredIn(project: string): RegExp[] {
  if (project === "postgres") return [];
  return withPostgres ? [/outage\.spec\.ts$/, ...SAME_ON_BOTH] : [/outage\.spec\.ts$/];
}

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  workers: 1,
  reporter: [["list"]],
  // Each visited page is also checked with axe (tests/e2e/fixtures.ts), seconds apiece on a busy 2-core machine.
  timeout: 180_000,
  expect: { timeout: 15_000 },
  use: {
    trace: "retain-on-failure",
    // The browser reports its zone to the server (lib/time-zone.ts), and pages show times and filter days in it:
    // the tests pin it rather than take the machine's (a spec that needs another zone says so).
    timezoneId: "UTC",
    launchOptions: {
      executablePath: systemChromium(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: servers.map(({ name, port }) => ({
    name,
    use: { ...devices["Desktop Chrome"], baseURL: `http://127.0.0.1:${port}` },
    testIgnore: ignoredIn(name),
  })),
  // The build comes first (npm test runs `next build`); these only start it, each on a fresh database.
  webServer: servers.map(({ name, port }) => ({
    command: `npx tsx scripts/e2e-server.ts ${name} ${port}`,
    url: `http://127.0.0.1:${port}/sign-in`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe" as const,
  })),
});
