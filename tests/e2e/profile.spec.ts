import { expect, test } from "@playwright/test";

import { formatCents } from "@/lib/money";

import { expectedDemoTotals } from "./demo-data";
import { signIn, signInFromHome } from "./helpers";

test("a demo customer signs in, sees their exact total in two queries, and signs out", async ({ page }) => {
  const expected = await expectedDemoTotals("carla@platter.test");
  expect(expected.totalCents).toBeGreaterThan(0);

  await page.goto("/");
  await page.getByRole("link", { name: "Sign in", exact: true }).click();
  await signIn(page, "carla@platter.test");

  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole("heading", { level: 1, name: "Carla Customer" })).toBeVisible();
  await expect(page.getByTestId("total-purchase")).toHaveText(formatCents(expected.totalCents));
  await expect(page.getByTestId("order-count")).toHaveText(String(expected.orderCount));
  await expect(page.getByTestId("order")).toHaveCount(20);
  // The whole page, session check included: the user row, then the profile with its history.
  await expect(page.getByTestId("query-stats")).toHaveText(/^2 queries · /);

  await page.getByRole("link", { name: "Older orders →" }).click();
  await expect(page.getByRole("heading", { name: "Older orders" })).toBeVisible();
  await expect(page.getByTestId("order")).toHaveCount(20);
  await expect(page.getByTestId("total-purchase")).toHaveText(formatCents(expected.totalCents));

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fprofile$/);
});

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

test("sign-in does not reveal whether an email exists", async ({ page }) => {
  await page.goto("/sign-in");
  await signIn(page, "carla@platter.test", "wrong password");
  await expect(page.getByText("Invalid email or password.")).toBeVisible();
  await page.reload();
  await signIn(page, "nobody@platter.test", "wrong password");
  await expect(page.getByText("Invalid email or password.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an anonymous visitor is sent to sign in and brought back to their profile", async ({ page }) => {
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fprofile$/);
  await signIn(page, "dan@platter.test");
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dan Diner" })).toBeVisible();
});

test("another customer's profile is a 404; an admin sees it with the same total", async ({ page }) => {
  const dan = await expectedDemoTotals("dan@platter.test");
  await signInFromHome(page, "carla@platter.test");
  const response = await page.goto("/u/dan");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  expect((await page.goto("/u/no-such-person"))?.status()).toBe(404);
  expect((await page.goto("/profile?before=not-a-cursor"))?.status()).toBe(404);

  await page.getByRole("button", { name: "Sign out" }).click();
  await signInFromHome(page, "admin@platter.test");
  expect((await page.goto("/u/dan"))?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Dan Diner" })).toBeVisible();
  await expect(page.getByTestId("total-purchase")).toHaveText(formatCents(dan.totalCents));
});
