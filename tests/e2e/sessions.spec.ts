import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";

/**
 * Sessions end for real, and guessing is throttled. Each test makes its own throwaway account and sends its own
 * client address (x-forwarded-for), so no other spec's demo account or address is ever locked.
 */
const SESSION_COOKIE = "authjs.session-token";
let counter = 0;
const throwaway = (project: string, label: string) => `${label}-${project}-${Date.now()}-${++counter}@example.test`;
const fakeAddress = () => `203.0.113.${1 + Math.floor(Math.random() * 250)}`;

async function signUp(context: BrowserContext, email: string, password: string) {
  const page = await context.newPage();
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Sam Session");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/profile$/);
  return page;
}

async function openSakuraHouse(page: Page) {
  await page.goto("/");
  await page.getByRole("searchbox", { name: "Search restaurants and dishes" }).fill("japanese");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: "Sakura House" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sakura House" })).toBeVisible();
}

async function copyOfCookies(browser: Browser, from: BrowserContext, address: string) {
  const copy = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": address } });
  await copy.addCookies((await from.cookies()).filter((c) => c.name === SESSION_COOKIE));
  return copy;
}

test("a cookie copied before sign-out opens nothing afterwards: not /orders, not a server action, not /api/auth/session", async ({
  browser,
}, testInfo) => {
  const address = fakeAddress();
  const owner = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": address } });
  const email = throwaway(testInfo.project.name, "replay");
  const page = await signUp(owner, email, "a long passphrase");
  expect((await owner.cookies()).some((c) => c.name === SESSION_COOKIE)).toBe(true);

  // The attacker's copy works while the session is open...
  const thief = await copyOfCookies(browser, owner, address);
  const stolen = await thief.newPage();
  await stolen.goto("/orders");
  await expect(stolen).toHaveURL(/\/orders$/);
  expect(await (await thief.request.get("/api/auth/session")).json()).toMatchObject({ user: { name: "Sam Session" } });
  await openSakuraHouse(stolen);
  const favorite = stolen.getByRole("button", { name: "Add Sakura House to favorites" });
  await expect(favorite).toBeVisible();

  // ...until its owner signs out.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  // The page loaded earlier still holds the favorite form: its server action must refuse the old cookie.
  await favorite.click();
  await expect(stolen.getByText("Your session has ended. Please sign in again.")).toBeVisible();

  await stolen.goto("/orders");
  await expect(stolen).toHaveURL(/\/sign-in\?callbackUrl=%2Forders$/);
  await expect(stolen.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();

  const session = await thief.request.get("/api/auth/session");
  expect(session.status()).toBe(200);
  expect(await session.json()).toBeNull();

  // Nothing was written: signed in again, the restaurant is still not a favorite.
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a long passphrase");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/profile$/);
  await openSakuraHouse(page);
  await expect(page.getByRole("button", { name: "Add Sakura House to favorites" })).toBeVisible();
  await thief.close();
  await owner.close();
});

test("repeated wrong passwords get 429 + Retry-After from the credentials endpoint, and the form says when to retry", async ({
  browser,
  playwright,
  baseURL,
}, testInfo) => {
  const address = fakeAddress();
  const email = throwaway(testInfo.project.name, "locked");
  const password = "the right passphrase";
  const setup = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": fakeAddress() } });
  const setupPage = await signUp(setup, email, password);
  await setupPage.getByRole("button", { name: "Sign out" }).click();
  await setup.close();

  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": address } });
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
  const visitor = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": fakeAddress() } });
  const page = await visitor.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/^Too many attempts, try again in \d+ s\.$/)).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  await visitor.close();
});

test("a malformed callbackUrl is a 400, not a server error", async ({ request }) => {
  for (const value of ["abc", "https://evil.example/", "//evil.example"]) {
    const answer = await request.get(`/api/auth/signin?callbackUrl=${encodeURIComponent(value)}`, { maxRedirects: 0 });
    expect(answer.status()).toBe(400);
  }
  const fine = await request.get("/api/auth/signin?callbackUrl=%2Forders", { maxRedirects: 0 });
  expect(fine.status()).toBe(302);
});

test("changing the password on /account signs out the other sessions; 'sign out everywhere' ends this one too", async ({
  browser,
}, testInfo) => {
  const email = throwaway(testInfo.project.name, "account");
  const laptop = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": fakeAddress() } });
  const page = await signUp(laptop, email, "first passphrase");
  const phone = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": fakeAddress() } });
  const phonePage = await phone.newPage();
  await phonePage.goto("/sign-in");
  await phonePage.getByLabel("Email").fill(email);
  await phonePage.getByLabel("Password").fill("first passphrase");
  await phonePage.getByRole("button", { name: "Sign in" }).click();
  await expect(phonePage).toHaveURL(/\/profile$/);

  await page.getByRole("link", { name: "Account", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await expect(page.getByRole("listitem")).toHaveCount(2);
  await expect(page.getByText("This device")).toHaveCount(1);

  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill("second passphrase");
  await page.getByLabel("Repeat new password").fill("second passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your current password is wrong.")).toBeVisible();

  await page.getByLabel("Current password").fill("first passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed. 1 other session was signed out.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("listitem")).toHaveCount(1);

  await phonePage.goto("/orders");
  await expect(phonePage).toHaveURL(/\/sign-in\?callbackUrl=%2Forders$/);

  await page.getByRole("button", { name: "Sign out everywhere", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/);
  await phone.close();
  await laptop.close();
});
