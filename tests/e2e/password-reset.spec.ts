import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { BrowserContext } from "@playwright/test";

import { RESET_REQUESTED_MESSAGE } from "@/lib/auth/reset-schema";

import { expect, test } from "./fixtures";

/**
 * A forgotten password, end to end: the sign-in page's link, the neutral answer, the mail as the e2e server wrote
 * it to its outbox (no SMTP_URL there: scripts/e2e-server.ts runs `next start` in this checkout, so its outbox is
 * .data/outbox here), a new password, the session opened before it ended, and sign-in with the new password.
 * Each run makes its own account and sends its own client address, so no throttle is shared with other specs.
 */
const OUTBOX = process.env.PLATTER_OUTBOX_DIR || path.join(process.cwd(), ".data", "outbox");
const fakeAddress = () => `198.18.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

/** The reset link mailed to `to`, once the server has written it (the mail goes out after the response). */
async function mailedLink(to: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      () => {
        const names = (() => {
          try {
            return readdirSync(OUTBOX).filter((name) => name.endsWith(`-${to}.eml`));
          } catch {
            return [];
          }
        })();
        if (names.length !== 1) return names.length;
        const eml = readFileSync(path.join(OUTBOX, names[0]!), "utf8");
        link = /^(https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]{43})\r?$/m.exec(eml)?.[1];
        return link ? 1 : 0;
      },
      { timeout: 15_000, message: `one mail to ${to} in ${OUTBOX}` },
    )
    .toBe(1);
  return link!;
}

async function signUp(context: BrowserContext, email: string, password: string) {
  const page = await context.newPage();
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Rita Reset");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/profile$/);
  return page;
}

test("forgotten password: the outbox link sets a new password, ends the session opened before, and the new one signs in", async ({
  browser,
  baseURL,
}, testInfo) => {
  const email = `reset-${testInfo.project.name}-${Date.now()}@example.test`;
  const oldPassword = "the forgotten passphrase";
  const newPassword = "a freshly chosen passphrase";

  // A session opened before the reset (a phone, say), still signed in.
  const phone = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": fakeAddress() } });
  const phonePage = await signUp(phone, email, oldPassword);
  await phonePage.goto("/orders");
  await expect(phonePage).toHaveURL(/\/orders$/);

  // On another computer: "Forgot your password?" from the sign-in page.
  const laptop = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": fakeAddress() } });
  const page = await laptop.newPage();
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expect(page.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();

  // An address without an account gets the very same answer (and no mail).
  const nobody = `nobody-${testInfo.project.name}-${Date.now()}@example.test`;
  await page.getByLabel("Email").fill(nobody);
  await page.getByRole("button", { name: "Send me a reset link" }).click();
  await expect(page.getByText(RESET_REQUESTED_MESSAGE)).toBeVisible();

  await page.getByLabel("Email").fill(email.toUpperCase());
  await page.getByRole("button", { name: "Send me a reset link" }).click();
  await expect(page.getByText(RESET_REQUESTED_MESSAGE)).toBeVisible();
  const link = await mailedLink(email);
  expect(link.startsWith(`${baseURL}/reset-password?token=`)).toBe(true);
  expect(readdirSync(OUTBOX).filter((name) => name.endsWith(`-${nobody}.eml`))).toEqual([]);

  // The link: the form names the account; the two passwords must match.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Repeat new password").fill("not the same");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("The two passwords do not match.")).toBeVisible();
  await page.getByLabel("Repeat new password").fill(newPassword);
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page).toHaveURL(/\/sign-in\?reset=done$/);
  await expect(page.getByText("Your password has been changed")).toBeVisible();

  // The phone's session has ended: its cookie no longer reads /orders.
  await phonePage.goto("/orders");
  await expect(phonePage).toHaveURL(/\/sign-in\?callbackUrl=%2Forders$/);

  // The old password is gone; the new one signs in.
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(oldPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Invalid email or password.")).toBeVisible();
  await page.getByLabel("Password").fill(newPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/profile$/);
  await page.goto("/orders");
  await expect(page).toHaveURL(/\/orders$/);

  // The link worked once.
  await page.goto(link);
  await expect(page.getByText("This reset link has already been used.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Ask for a new link" })).toBeVisible();

  await phone.close();
  await laptop.close();
});

test("a reset link that is missing, malformed or unknown explains itself, never a server error", async ({ page }) => {
  for (const [query, text] of [
    ["", "This page needs the link from your password reset mail."],
    ["?token=", "This page needs the link from your password reset mail."],
    ["?token=abc", "This reset link is not valid"],
    [`?token=${"A".repeat(43)}`, "This reset link is not valid"],
    [`?token=${"%00".repeat(43)}`, "This reset link is not valid"],
    [`?token=${"A".repeat(10_000)}`, "This reset link is not valid"],
  ] as const) {
    const response = await page.goto(`/reset-password${query}`);
    expect(response?.status(), query).toBe(200);
    await expect(page.getByText(text)).toBeVisible();
  }
});
