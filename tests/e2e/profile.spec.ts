import { formatCents } from "@/lib/money";

import { expectedDemoTotals } from "./demo-data";
import { expect, test } from "./fixtures";

test("a new customer signs up and lands on an empty profile", async ({ page }, testInfo) => {
  const email = `new-${testInfo.project.name}-${Date.now()}@example.test`;
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("  Zoë   Nouvelle ");
  await page.getByLabel("Email").fill(email.toUpperCase());
  await page.getByLabel("Password").fill("a long passphrase");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole("heading", { level: 1, name: "Zoë Nouvelle" })).toBeVisible();
  await expect(page.getByTestId("total-purchase")).toHaveText("$0.00");
  await expect(page.getByText("No orders yet.")).toBeVisible();
});

test("sign-up explains bad input next to each field and keeps what was typed", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter your name.")).toBeVisible();
  await expect(page.getByText("Enter your email address.")).toBeVisible();
  await expect(page.getByText("Use at least 8 characters.")).toBeVisible();

  await page.getByLabel("Your name").fill("Carla Again");
  await page.getByLabel("Email").fill("Carla@Platter.test");
  await page.getByLabel("Password").fill("another passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this email already exists.")).toBeVisible();
  await expect(page.getByLabel("Your name")).toHaveValue("Carla Again");
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
});

test("another customer's profile is a 404; an admin sees it with the same total", async ({ pageAs }) => {
  const dan = await expectedDemoTotals("dan@platter.test");
  let page = await pageAs("customer");
  const response = await page.goto("/u/dan");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  expect((await page.goto("/u/no-such-person"))?.status()).toBe(404);
  expect((await page.goto("/profile?before=not-a-cursor"))?.status()).toBe(404);

  page = await pageAs("admin");
  expect((await page.goto("/u/dan"))?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Dan Diner" })).toBeVisible();
  await expect(page.getByTestId("total-purchase")).toHaveText(formatCents(dan.totalCents));
});

test("a full page of orders stays within issue 8's weights: the profile at most 40 KB, the history 60 KB", async ({
  pageAs,
}) => {
  // The demo customer has more than a page of orders, with options and several lines each. The weight is the
  // uncompressed response (Playwright asks for gzip and reads it inflated): the HTML with its RSC payload.
  const page = await pageAs("customer");
  for (const [path, testId, limit] of [
    ["/profile", "orders", 40_000],
    ["/orders", "history", 60_000],
  ] as const) {
    await page.goto(path);
    await expect(page.getByTestId(testId).getByRole("listitem")).toHaveCount(20);
    const response = await page.request.get(path);
    expect(response.status()).toBe(200);
    expect((await response.body()).length, `${path} in bytes`).toBeLessThanOrEqual(limit);
  }
});
