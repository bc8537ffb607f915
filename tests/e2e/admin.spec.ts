import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";

import { formatCents } from "@/lib/money";

import { parseCsvRecords } from "../fixtures/csv";
import { demoTotals } from "./demo-data";
import { expect, test } from "./fixtures";

async function expectWithinBudget(page: Page) {
  const stats = await page.getByTestId("query-stats").textContent();
  expect(Number(/^(\d+) quer/.exec(stats ?? "")?.[1])).toBeLessThanOrEqual(3);
}

// No spec changes a demo customer's orders (they order as new customers, fixtures.ts), so the demo figures are
// exact whatever ran before; the table, the profile and the CSV must also agree with each other.
test("an admin finds a customer's total, matches it to their profile, and downloads the same figure as CSV", async ({
  pageAs,
}) => {
  const expected = new Map([...(await demoTotals())].map(([email, t]) => [email, t.totalCents]));
  const [topEmail, topCents] = [...expected.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const carlaCents = expected.get("carla@platter.test")!;
  expect(carlaCents).toBeGreaterThan(0);

  const page = await pageAs("admin");
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { level: 1, name: "Users' totals" })).toBeVisible();
  await expectWithinBudget(page);

  // Sorted by total purchase, highest first.
  const top = page.getByTestId("user-row").first();
  await expect(top).toHaveAttribute("data-email", topEmail);
  await expect(top.getByTestId("user-total")).toHaveText(formatCents(topCents));

  await page.getByLabel("Search by name or email").fill("carla");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/[?&]q=carla/);
  const rows = page.getByTestId("user-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId("user-total")).toHaveText(formatCents(carlaCents));
  const shownOnTable = (await rows.first().getByTestId("user-total").textContent())!;

  // The CSV of the same search carries the same figure, in decimal and in cents.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV", exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^platter-users-by-account-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = parseCsvRecords(await readFile((await download.path())!, "utf8"));
  const carlaRow = csv.find((r) => r.email === "carla@platter.test");
  expect(carlaRow).toBeDefined();
  expect(Number(carlaRow!.total_purchase_cents)).toBe(carlaCents);
  expect(carlaRow!.total_purchase).toBe((carlaCents / 100).toFixed(2));
  expect(formatCents(Number(carlaRow!.total_purchase_cents))).toBe(shownOnTable);

  // Each row links to the profile, which shows the same total.
  await page.getByRole("link", { name: "Carla Customer", exact: true }).click();
  await expect(page).toHaveURL(/\/u\/carla$/);
  await expect(page.getByTestId("total-purchase")).toHaveText(shownOnTable);

  // The export is in the audit log, newest first.
  await page.goto("/admin/audit");
  await expect(page.getByTestId("audit-entry").first()).toContainText("Users exported");
  await expect(page.getByTestId("audit-entry").first()).toContainText("carla");

  await page.goto("/admin/reconciliation");
  await expect(page.getByTestId("reconciliation-summary")).toHaveText(
    /^\d[\d,]* orders checked, 0 mismatches, in \d+ ms$/,
  );
  await expectWithinBudget(page);
});

test("customers and anonymous visitors get a 404 on every admin page and export", async ({ request, pageAs }) => {
  for (const path of ["/admin", "/admin/users", "/admin/export/users"]) {
    expect((await request.get(path, { maxRedirects: 0 })).status(), `anonymous ${path}`).toBe(404);
  }
  const page = await pageAs("customer");
  for (const path of ["/admin", "/admin/users"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Admin" })).toHaveCount(0);
  }
  expect((await page.request.get("/admin/export/users")).status()).toBe(404);
  expect((await page.request.get("/admin/export/orders?from=2026-01-01&to=2026-12-31")).status()).toBe(404);
});

test("the role form keeps the admin's choice when it asks them to fix something", async ({ pageAs }) => {
  // Dan keeps his role: the form refuses before writing anything.
  const page = await pageAs("admin");
  await page.goto("/admin/users/dan");
  await expect(page.getByRole("heading", { level: 1, name: "Dan Diner" })).toBeVisible();
  // An owner needs a restaurant: choosing Owner with none is refused, and writes nothing.
  await page.getByRole("radio", { name: /^Owner/ }).check();
  await page.getByRole("button", { name: "Save role" }).click();
  await expect(page.getByText("Choose at least one restaurant for an owner.")).toBeVisible();
  await expect(page.getByRole("radio", { name: /^Owner/ })).toBeChecked();
  await expect(page.getByRole("radio", { name: /^Customer/ })).not.toBeChecked();
});
