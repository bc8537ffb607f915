import { expect, test } from "@playwright/test";

import { signIn } from "./helpers";

test("a new customer browses, favorites, orders once despite a double click, and reorders", async ({
  page,
}, testInfo) => {
  await page.goto("/sign-up");
  await page.getByLabel("Your name").fill("Olga Order");
  await page.getByLabel("Email").fill(`olga-${testInfo.project.name}-${Date.now()}@example.test`);
  await page.getByLabel("Password").fill("a long passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/profile$/);

  await page.goto("/");
  await page.getByRole("searchbox", { name: "Search restaurants and dishes" }).fill("japanese");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("link", { name: "Sakura House" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sakura House" })).toBeVisible();

  await page.getByRole("button", { name: "Add Sakura House to favorites" }).click();
  await expect(page.getByRole("button", { name: "Remove Sakura House from favorites" })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(page.getByText("Saved to your favorites.")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("button", { name: "Remove Sakura House from favorites" })).toBeVisible();

  await page.getByRole("button", { name: "Add Tonkotsu ramen to cart" }).click();
  await expect(page.getByText("Added Tonkotsu ramen to your cart.")).toBeVisible();
  await page.getByRole("button", { name: "Add Edamame to cart" }).click();
  await expect(page.getByText("Added Edamame to your cart.")).toBeVisible();

  await page.getByRole("link", { name: /^Cart\b/ }).click();
  await page.getByLabel("Quantity of Edamame").fill("2");
  await page.getByRole("button", { name: "Update" }).nth(1).click();
  await expect(page.getByText("Quantity updated.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("cart-line")).toHaveCount(2);
  await expect(page.getByText("$22.90")).toBeVisible(); // 13.90 + 2 x 4.50

  await page.getByRole("button", { name: "Place order" }).dblclick();
  await expect(page).toHaveURL(/\/orders\/\d+$/);
  const orderId = page.url().split("/").pop();
  await expect(page.getByRole("heading", { level: 1, name: `Order #${orderId}` })).toBeVisible();
  await expect(page.getByTestId("order-status")).toContainText("placed");
  await expect(page.getByTestId("order-total")).toHaveText("$22.90");

  await page.getByRole("link", { name: "Orders", exact: true }).click();
  await expect(page.getByTestId("history-order")).toHaveCount(1);
  await expect(page.getByTestId("history-summary")).toContainText("1 order, totalling $22.90");

  await page.goto("/profile");
  await expect(page.getByTestId("total-purchase")).toHaveText("$22.90");
  await expect(page.getByTestId("order-count")).toHaveText("1");
  await page.goto("/");
  await expect(
    page.getByRole("region", { name: "Your favorites" }).getByRole("link", { name: "Sakura House" }),
  ).toBeVisible();

  await page.goto(`/orders/${orderId}`);
  await page.getByRole("button", { name: "Order again" }).click();
  await expect(page).toHaveURL(new RegExp(`/cart\\?reorder=${orderId}$`));
  await expect(page.getByText("Everything is still available.")).toBeVisible();
  await expect(page.getByTestId("cart-line")).toHaveCount(2);

  // The second order is cancelled while still placed: the profile total does not count it.
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/orders\/\d+$/);
  await page.getByRole("button", { name: "Cancel order" }).click();
  await expect(page.getByTestId("order-status")).toContainText("cancelled");
  await expect(page.getByText("Cancelled by the customer")).toBeVisible();
  await page.goto("/profile");
  await expect(page.getByTestId("total-purchase")).toHaveText("$22.90");
});

test("an anonymous visitor keeps their cart through sign-in", async ({ page }) => {
  await page.goto("/r/taqueria-sol");
  await page.getByRole("button", { name: "Add Horchata to cart" }).click();
  await expect(page.getByText("Added Horchata to your cart.")).toBeVisible();
  await page.goto("/cart");
  await page.getByRole("link", { name: "Sign in to place your order" }).click();
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fcart$/);
  await signIn(page, "eve@platter.test");
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await expect(page.getByTestId("cart-line")).toContainText("Horchata");
  await expect(page.getByRole("button", { name: "Place order" })).toBeEnabled();
});

test("someone else's order is a 404", async ({ page }) => {
  await page.goto("/sign-in");
  await signIn(page, "frank@platter.test");
  await expect(page).toHaveURL(/\/profile$/);
  // Order ids are sequential: at least one of the first ten belongs to another demo customer.
  let foreign = 0;
  for (let id = 1; id <= 10; id++) if ((await page.goto(`/orders/${id}`))?.status() === 404) foreign++;
  expect(foreign).toBeGreaterThan(0);
  expect((await page.goto("/orders/99999999"))?.status()).toBe(404);
  expect((await page.goto("/orders/abc"))?.status()).toBe(404);
});
