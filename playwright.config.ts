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
 * binaries and runs once, with the postgres project. The HTTP fuzz is about the app, not the database: once is
 * enough, on PostgreSQL when there is one.
 */
function ignoredIn(project: string): RegExp[] {
  if (project === "postgres") return [];
  return withPostgres ? [/outage\.spec\.ts$/, /fuzz-urls\.spec\.ts$/] : [/outage\.spec\.ts$/];
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
