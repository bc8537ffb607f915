import type { Page } from "@playwright/test";

import { DEMO_PASSWORD } from "@/db/seed/accounts";
import { formatCents } from "@/lib/money";

import { expectedDemoTotals } from "./demo-data";
import { expect, test } from "./fixtures";

/**
 * The sign-in form itself: the one spec that types into it. Every other spec signs in over HTTP (fixtures.ts).
 * Accounts that get wrong passwords or carts are made here, so no demo account is ever throttled or changed.
 */
async function submitSignInForm(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

const fakeAddress = () => `203.0.113.${1 + Math.floor(Math.random() * 250)}`;

test("a demo customer signs in through the form, sees their exact total in two queries, and signs out", async ({
  page,
}) => {
  const expected = await expectedDemoTotals("carla@platter.test");
  expect(expected.totalCents).toBeGreaterThan(0);

  await page.goto("/");
  await page.getByRole("link", { name: "Sign in", exact: true }).click();
  await submitSignInForm(page, "carla@platter.test");

  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole("heading", { level: 1, name: "Carla Customer" })).toBeVisible();
  await expect(page.getByTestId("total-purchase")).toHaveText(formatCents(expected.totalCents));
  await expect(page.getByTestId("order-count")).toHaveText(String(expected.orderCount));
  await expect(page.getByTestId("orders").getByRole("listitem")).toHaveCount(20);
  // The whole page, session check included: the user row, then the profile with its history.
  await expect(page.getByTestId("query-stats")).toHaveText(/^2 queries · /);

  await page.getByRole("link", { name: "Older orders →" }).click();
  await expect(page.getByRole("heading", { name: "Older orders" })).toBeVisible();
  await expect(page.getByTestId("orders").getByRole("listitem")).toHaveCount(20);
  await expect(page.getByTestId("total-purchase")).toHaveText(formatCents(expected.totalCents));

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fprofile$/);
});

test("sign-in does not reveal whether an email exists", async ({ page, newCustomer }) => {
  const account = await newCustomer("wrong");
  await page.goto("/sign-in");
  await submitSignInForm(page, account.email, "wrong password");
  await expect(page.getByText("Invalid email or password.")).toBeVisible();
  await page.reload();
  await submitSignInForm(page, `nobody-${account.email}`, "wrong password");
  await expect(page.getByText("Invalid email or password.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});

test("an anonymous visitor is sent to sign in and brought back to their profile", async ({ page, newCustomer }) => {
  const account = await newCustomer("returning");
  // Whatever the address holds: a page of history that does not exist was a 404 before the sign-in.
  await page.goto("/profile?before=not-a-cursor");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fprofile$/);
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fprofile$/);
  await submitSignInForm(page, account.email, account.password);
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole("heading", { level: 1, name: account.name })).toBeVisible();
});

test("an anonymous visitor keeps their cart through sign-in", async ({ page, newCustomer }) => {
  const account = await newCustomer("cart-keeper");
  await page.goto("/r/taqueria-sol");
  await page.getByRole("button", { name: "Add Horchata to cart" }).click();
  await expect(page.getByText("Added Horchata to your cart.")).toBeVisible();
  await page.goto("/cart");
  await page.getByRole("link", { name: "Sign in to place your order" }).click();
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fcart$/);
  await submitSignInForm(page, account.email, account.password);
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await expect(page.getByTestId("cart-line")).toContainText("Horchata");
  await expect(page.getByRole("button", { name: "Review order" })).toBeEnabled();
});

test("an email no sign-in could accept (a NUL byte, 10,000 characters) is refused like a wrong password, never a 500", async ({
  playwright,
  baseURL,
}) => {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": fakeAddress() } });
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  for (const email of ["\u0000", "a\u0000@platter.test", `${"x".repeat(10_000)}@platter.test`]) {
    const form = await api.post("/api/auth/callback/credentials", {
      form: { email, password: "platter-demo", csrfToken },
      maxRedirects: 0,
    });
    expect(form.status(), JSON.stringify(email.slice(0, 20))).toBe(302);
    expect(form.headers()["location"]).toContain("error=CredentialsSignin");
    const json = await api.post("/api/auth/callback/credentials", {
      data: { email, password: "platter-demo", csrfToken },
      maxRedirects: 0,
    });
    expect(json.status()).toBeLessThan(500);
  }
  await api.dispose();
});

test("repeated wrong passwords get 429 + Retry-After from the credentials endpoint, and the form says when to retry", async ({
  playwright,
  baseURL,
  newCustomer,
  newContext,
}) => {
  const { email, password } = await newCustomer("locked");
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": fakeAddress() } });
  const { csrfToken } = (await (await api.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const post = (guess: string) =>
    api.post("/api/auth/callback/credentials", { form: { email, password: guess, csrfToken }, maxRedirects: 0 });

  for (let i = 0; i < 5; i++) {
    const wrong = await post(`wrong ${i}`);
    expect(wrong.status()).toBe(302);
    expect(wrong.headers()["location"]).toContain("error=CredentialsSignin");
  }
  const locked = await post(password);
  expect(locked.status()).toBe(429);
  const retryAfter = Number(locked.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(30);
  expect(await locked.json()).toMatchObject({ error: "TooManyAttempts" });
  await api.dispose();

  // The same account through the sign-in form, from another address: the account is what is locked.
  const visitor = await newContext({ extraHTTPHeaders: { "x-forwarded-for": fakeAddress() } });
  const page = await visitor.newPage();
  await page.goto("/sign-in");
  await submitSignInForm(page, email, password);
  await expect(page.getByText(/^Too many attempts, try again in \d+ s\.$/)).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
});
