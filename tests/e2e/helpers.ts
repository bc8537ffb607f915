import { expect, type Page } from "@playwright/test";

import { DEMO_PASSWORD } from "@/db/seed/accounts";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInFromHome(page: Page, email: string) {
  await page.goto("/sign-in");
  await signIn(page, email);
  await expect(page).toHaveURL(/\/profile$/);
}
