/**
 * Lighthouse (12, mobile: its default form factor) on the pages issue 11 named, signed out and as each role, against
 * the production build on a fresh embedded database with the demo data.
 *   npx next build && node scripts/lighthouse.mjs [--check] [--all] [filter...]
 * --check (npm test runs it) exits 1 unless every page scores 100 in accessibility and in best practices, the
 * issue's bar. Performance is printed, never checked: it measures the machine's load as much as the app.
 * --all adds every other page of the app to the issue's thirteen. A filter keeps the pages whose "role path" contains
 * it (`node scripts/lighthouse.mjs admin /cart`). PORT sets the server's port (default 3450). Each report is written
 * to .data/lighthouse/reports/<role>-<page>.json; then a Markdown table of the scores (as in docs/benchmarks.md) is
 * printed, with the ids of the audits that failed or found something outside performance.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, openSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { chromium } from "@playwright/test";

import { systemChromium } from "./browser.mjs";

const port = Number(process.env.PORT ?? 3450);
const base = `http://localhost:${port}`;
const work = path.join(process.cwd(), ".data", "lighthouse");
const reports = path.join(work, "reports");
const chromePath = systemChromium() ?? chromium.executablePath();
const all = process.argv.includes("--all");
const check = process.argv.includes("--check");
const filters = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));

// The demo accounts (db/seed/accounts.ts) and the demo restaurants they order from and own.
const PASSWORD = "platter-demo";
const ACCOUNTS = { customer: "carla@platter.test", owner: "olivia@platter.test", admin: "admin@platter.test" };
const CART_ITEM = { restaurant: "taqueria-sol", item: "Al pastor (3)" };
/** [role, path] of the pages issue 11 named; the order page's path is read from the customer's history. */
const ISSUE_PAGES = [
  ["anonymous", "/"],
  ["anonymous", "/r/taqueria-sol"],
  ["anonymous", "/sign-in"],
  ["anonymous", "/cart"],
  ["customer", "/"],
  ["customer", "/cart"],
  ["customer", "/profile"],
  ["customer", "/orders"],
  ["customer", "/orders/:id"],
  ["owner", "/owner"],
  ["owner", "/owner/trattoria-luce/orders"],
  ["admin", "/admin/users"],
  ["admin", "/admin/revenue"],
];
/** The rest of the app's pages (tests/e2e/pages.ts), each as the role it is for. */
const MORE_PAGES = [
  ["anonymous", "/sign-up"],
  ["anonymous", "/forgot-password"],
  ["anonymous", "/reset-password"],
  ["customer", "/cart/review?fulfilment=pickup&note="],
  ["customer", "/account"],
  ["customer", "/u/carla"],
  ["owner", "/owner/trattoria-luce/menu"],
  ["owner", "/owner/trattoria-luce/sales"],
  ["owner", "/owner/trattoria-luce/hours"],
  ["owner", "/owner/trattoria-luce/past-orders"],
  ["admin", "/admin"],
  ["admin", "/admin/users/dan"],
  ["admin", "/admin/reconciliation"],
  ["admin", "/admin/audit"],
  ["admin", "/admin/restaurants"],
  ["admin", "/admin/restaurants/new"],
  ["admin", "/admin/orders?status=completed"],
];
const PAGES = [...ISSUE_PAGES, ...(all ? MORE_PAGES : [])].filter(
  ([role, page]) => filters.length === 0 || filters.some((f) => `${role} ${page}`.includes(f)),
);

rmSync(work, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const server = startServer();
// The server is in a process group of its own, which Ctrl-C does not reach.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopServer();
    process.exit(130);
  });
}
try {
  await waitForServer();
  const browser = await chromium.launch({ executablePath: chromePath });
  const cookies = {};
  let orderPath = "";
  try {
    for (const role of new Set(PAGES.map(([role]) => role))) {
      const context = await browser.newContext({ baseURL: base });
      if (role !== "anonymous") await signIn(context, ACCOUNTS[role]);
      // The cart pages are measured with something in them: an empty cart is a different, smaller page.
      if (PAGES.some(([r, p]) => r === role && p.startsWith("/cart"))) await addToCart(context);
      if (role === "customer") orderPath = await firstOrderPath(context);
      cookies[role] = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const rows = PAGES.map(([role, page]) => {
    const url = base + (page === "/orders/:id" ? orderPath : page);
    return { role, page, ...lighthouse(role, page, url, cookies[role]) };
  });
  console.log(
    `\n| page | role | perf | a11y | best practices | SEO | TBT ms | LCP ms |\n|---|---|---|---|---|---|---|---|`,
  );
  for (const r of rows) {
    console.log(`| ${r.page} | ${r.role} | ${r.scores.join(" | ")} | ${r.tbt} | ${r.lcp} |`);
  }
  console.log("\nAccessibility, best practices and SEO: failed audits; [unscored findings]");
  for (const r of rows) {
    console.log(`  ${r.role} ${r.page}: ${r.failing.join(", ") || "none"} [${r.findings.join(", ")}]`);
  }
  // scores: performance, accessibility, best practices, SEO.
  const below = rows.filter((r) => r.scores[1] < 100 || r.scores[2] < 100);
  if (check && below.length > 0) {
    console.error(
      `\nBelow 100 in accessibility or best practices: ${below.map((r) => `${r.role} ${r.page}`).join(", ")}`,
    );
    process.exitCode = 1;
  } else if (check) {
    console.log(`\nAccessibility and best practices: 100 on all ${rows.length} pages.`);
  }
} finally {
  stopServer();
}

function startServer() {
  const env = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
  delete env.DATABASE_URL; // the embedded database, created, migrated and seeded on start
  env.PGLITE_DATA_DIR = path.join(work, "pglite");
  const log = openSync(path.join(work, "next.log"), "w");
  const next = path.join("node_modules", "next", "dist", "bin", "next");
  // Its own process group, so that stopping it stops everything it started.
  return spawn(process.execPath, [next, "start", "-p", String(port)], {
    env,
    stdio: ["ignore", log, log],
    detached: true,
  });
}

function stopServer() {
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {
    // already gone
  }
}

/** Ready once the home page answers: until the embedded database is seeded, requests wait for it. */
async function waitForServer() {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited:\n${readFileSync(path.join(work, "next.log"))}`);
    const answer = await fetch(base).catch(() => undefined);
    if (answer?.ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${base} did not answer within 120 s`);
}

/** Signs in as the sign-in form does, over Auth.js's endpoints: a CSRF token, then the credentials callback. */
async function signIn(context, email) {
  const { csrfToken } = await (await context.request.get("/api/auth/csrf")).json();
  const answer = await context.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password: PASSWORD, callbackUrl: "/" },
    maxRedirects: 0,
  });
  if (answer.status() !== 302 || (answer.headers()["location"] ?? "").includes("error=")) {
    throw new Error(`signing in ${email} failed: ${answer.status()} ${answer.headers()["location"]}`);
  }
}

async function addToCart(context) {
  const page = await context.newPage();
  await page.goto(`/r/${CART_ITEM.restaurant}`);
  await page.getByRole("button", { name: `Add ${CART_ITEM.item} to cart` }).click();
  await page.getByText(`Added ${CART_ITEM.item} to your cart.`).waitFor();
  await page.close();
}

async function firstOrderPath(context) {
  const page = await context.newPage();
  await page.goto("/orders");
  const href = await page.locator('main a[href^="/orders/"]').first().getAttribute("href");
  await page.close();
  return href;
}

/** One Lighthouse run (the devDependency's command line); its scores (perf, a11y, best practices, SEO), TBT, LCP and failing audits. */
function lighthouse(role, page, url, cookie) {
  const name = `${role}${page.replace(/\?.*/, "").replaceAll(/[/:]+/g, "-").replace(/-$/, "") || "-home"}`;
  const output = path.join(reports, `${name}.json`);
  const args = [
    url,
    `--chrome-path=${chromePath}`,
    "--chrome-flags=--headless=new --no-sandbox",
    "--output=json",
    `--output-path=${output}`,
    "--quiet",
    ...(cookie ? [`--extra-headers=${JSON.stringify({ Cookie: cookie })}`] : []),
  ];
  console.log(`lighthouse ${role} ${url}`);
  // On a loaded machine Lighthouse now and then loses its trace of the load (NO_NAVSTART): one more try.
  const bin = path.join("node_modules", ".bin", "lighthouse");
  const ok = [1, 2].some(() => spawnSync(bin, args, { stdio: "inherit" }).status === 0);
  if (!ok) throw new Error(`lighthouse failed twice on ${url}`);
  const report = JSON.parse(readFileSync(output, "utf8"));
  const categories = ["performance", "accessibility", "best-practices", "seo"];
  // Performance's audits aside: on a loaded machine they measure the load as much as the app.
  const audits = categories
    .slice(1)
    .flatMap((id) => report.categories[id].auditRefs)
    .map((ref) => ({ ...report.audits[ref.id], weight: ref.weight }));
  return {
    scores: categories.map((id) => Math.round(report.categories[id].score * 100)),
    tbt: Math.round(report.audits["total-blocking-time"].numericValue),
    lcp: Math.round(report.audits["largest-contentful-paint"].numericValue),
    failing: audits.filter((a) => a.weight > 0 && a.score !== null && a.score < 1).map((a) => a.id),
    // Informative audits count for nothing but can still name a fault (identical-links-same-purpose did).
    findings: audits.filter((a) => a.scoreDisplayMode === "informative" && a.details?.items?.length).map((a) => a.id),
  };
}
