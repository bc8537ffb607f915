import type { BrowserContext, Page } from "@playwright/test";

import { expect, SESSION_COOKIE, signInOverHttp, test, type Account } from "./fixtures";

/**
 * Sessions end for real. Each test makes its own throwaway account and sends its own client address
 * (x-forwarded-for), so no other spec's demo account or address is ever affected. (Throttling: sign-in.spec.ts.)
 */
const fakeAddress = () => `203.0.113.${1 + Math.floor(Math.random() * 250)}`;

async function signedInPage(context: BrowserContext, account: Account) {
  await signInOverHttp(context.request, account);
  const page = await context.newPage();
  await page.goto("/profile");
  await expect(page.getByRole("heading", { level: 1, name: account.name })).toBeVisible();
  return page;
}

async function openSakuraHouse(page: Page) {
  await page.goto("/");
  await page.getByRole("searchbox", { name: "Search restaurants and dishes" }).fill("japanese");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: "Sakura House" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sakura House" })).toBeVisible();
}

async function copyOfCookies(
  newContext: (options: { extraHTTPHeaders: Record<string, string> }) => Promise<BrowserContext>,
  from: BrowserContext,
  address: string,
) {
  const copy = await newContext({ extraHTTPHeaders: { "x-forwarded-for": address } });
  await copy.addCookies((await from.cookies()).filter((c) => c.name === SESSION_COOKIE));
  return copy;
}

test("a cookie copied before sign-out opens nothing afterwards: not /orders, not a server action, not /api/auth/session", async ({
  newContext,
  newCustomer,
}) => {
  const address = fakeAddress();
  const owner = await newContext({ extraHTTPHeaders: { "x-forwarded-for": address } });
  const account = await newCustomer("replay");
  const page = await signedInPage(owner, account);
  expect((await owner.cookies()).some((c) => c.name === SESSION_COOKIE)).toBe(true);

  // The attacker's copy works while the session is open...
  const thief = await copyOfCookies(newContext, owner, address);
  const stolen = await thief.newPage();
  await stolen.goto("/orders");
  await expect(stolen).toHaveURL(/\/orders$/);
  expect(await (await thief.request.get("/api/auth/session")).json()).toMatchObject({ user: { name: account.name } });
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
  await signInOverHttp(page.request, account);
  await openSakuraHouse(page);
  await expect(page.getByRole("button", { name: "Add Sakura House to favorites" })).toBeVisible();
});

test("HEAD is answered as GET: the session endpoint says 200, one nobody serves 404", async ({ request }) => {
  // Auth.js knows only GET and POST; the endpoint guard told a HEAD of /api/auth/session to use GET (405).
  const head = await request.head("/api/auth/session");
  expect(head.status()).toBe(200);
  expect(head.headers()["content-type"]).toContain("application/json");
  expect((await request.head("/api/auth/nope")).status()).toBe(404);
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
  newContext,
  newCustomer,
}) => {
  const account = await newCustomer("account");
  const laptop = await newContext({ extraHTTPHeaders: { "x-forwarded-for": fakeAddress() } });
  const page = await signedInPage(laptop, account);
  const phone = await newContext({ extraHTTPHeaders: { "x-forwarded-for": fakeAddress() } });
  const phonePage = await signedInPage(phone, account);

  await page.getByRole("link", { name: "Account", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
  await expect(page.getByRole("listitem")).toHaveCount(2);
  await expect(page.getByText("This device")).toHaveCount(1);

  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill("second passphrase");
  await page.getByLabel("Repeat new password").fill("second passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your current password is wrong.")).toBeVisible();

  await page.getByLabel("Current password").fill(account.password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Password changed. 1 other session was signed out.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("listitem")).toHaveCount(1);

  await phonePage.goto("/orders");
  await expect(phonePage).toHaveURL(/\/sign-in\?callbackUrl=%2Forders$/);

  await page.getByRole("button", { name: "Sign out everywhere", exact: true }).click();
  await expect(page).toHaveURL(/\/sign-in\?signed-out=everywhere$/);
  await expect(page.getByText("You have been signed out on every device.")).toBeVisible();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount$/);
});

test("'sign out everywhere else' ends the other sessions and says how many it ended", async ({
  newContext,
  newCustomer,
}) => {
  const account = await newCustomer("elsewhere");
  const laptop = await newContext({ extraHTTPHeaders: { "x-forwarded-for": fakeAddress() } });
  const page = await signedInPage(laptop, account);
  const phones: Page[] = [];
  for (let i = 0; i < 2; i++) {
    const phone = await newContext({ extraHTTPHeaders: { "x-forwarded-for": fakeAddress() } });
    phones.push(await signedInPage(phone, account));
  }

  await page.goto("/account");
  await expect(page.getByRole("listitem")).toHaveCount(3);
  await page.getByRole("button", { name: "Sign out everywhere else" }).click();
  // The list is down to this device and the button has gone with the others, but the answer stays to read.
  await expect(page.getByText("2 other sessions were signed out.")).toBeVisible();
  await expect(page.getByRole("listitem")).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Sign out everywhere else" })).toHaveCount(0);

  for (const phone of phones) {
    await phone.goto("/orders");
    await expect(phone).toHaveURL(/\/sign-in\?callbackUrl=%2Forders$/);
  }
});

test("a disabled account's cookie gets no session from /api/auth/session, and re-enabling does not revive it", async ({
  newContext,
  newCustomer,
  pageAs,
}) => {
  const account = await newCustomer("disabled");
  const customer = await newContext({ extraHTTPHeaders: { "x-forwarded-for": fakeAddress() } });
  await signInOverHttp(customer.request, account);
  const read = async () => (await customer.request.get("/api/auth/session")).json();
  expect(await read()).toMatchObject({ user: { name: account.name, email: account.email } });

  const admin = await pageAs("admin");
  await admin.goto(`/admin/users?q=${encodeURIComponent(account.email)}`);
  await admin.getByRole("link", { name: `Manage ${account.name}` }).click();
  await admin.getByRole("button", { name: "Disable account" }).click();
  await expect(admin.getByRole("button", { name: "Enable account" })).toBeVisible();
  // Auth.js' own session endpoint says nothing about a disabled user: not the name, not the email.
  expect(await read()).toBeNull();

  await admin.getByRole("button", { name: "Enable account" }).click();
  await expect(admin.getByRole("button", { name: "Disable account" })).toBeVisible();
  expect(await read()).toBeNull();
});
