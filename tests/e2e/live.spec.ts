import { expect, test, type Browser, type Page } from "@playwright/test";

import { signInFromHome } from "./helpers";

/** A signed-in page in its own browser context (its own cookies), as a second person at another computer. */
async function personAt(browser: Browser, baseURL: string | undefined, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signInFromHome(page, email);
  return page;
}

/** Places an order at Trattoria Luce with its first menu item and returns its id, on the order page. */
async function placeOrder(page: Page): Promise<string> {
  await page.goto("/r/trattoria-luce");
  await page
    .getByRole("button", { name: /^Add .+ to cart$/ })
    .first()
    .click();
  const added = page.getByText(/^Added .+ to your cart\.$/);
  const startOver = page.getByRole("button", { name: "Start a new cart" });
  await expect(added.or(startOver)).toBeVisible();
  if (await startOver.isVisible()) await startOver.click();
  await expect(added).toBeVisible();
  await page.goto("/cart");
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/orders\/\d+$/);
  return page.url().split("/").pop()!;
}

test("the owner's queue and the customer's tracking page follow each other live, without reloads", async ({
  browser,
  baseURL,
}) => {
  const olivia = await personAt(browser, baseURL, "olivia@platter.test");
  const grace = await personAt(browser, baseURL, "grace@platter.test");

  await olivia.goto("/owner/trattoria-luce/orders");
  await expect(olivia.getByTestId("live-status")).toHaveAttribute("data-mode", "live");
  await expect(olivia.getByTestId("live-status")).toHaveText("New orders and status changes appear as they happen.");

  // A new order appears in the open queue on its own, well before the 10 s poll would have shown it.
  const orderId = await placeOrder(grace);
  const card = olivia.getByRole("article", { name: `Order #${orderId}`, exact: true });
  await expect(card).toBeVisible({ timeout: 3_000 });

  await expect(grace.getByTestId("live-status")).toHaveAttribute("data-mode", "live");
  await expect(grace.getByTestId("order-status")).toContainText("placed");

  // Olivia moves it along; Grace's open page shows each step within a couple of seconds.
  await card.getByRole("button", { name: "Mark preparing" }).click();
  await expect(grace.getByTestId("order-status")).toContainText("preparing", { timeout: 3_000 });
  await card.getByRole("button", { name: "Mark ready" }).click();
  await expect(grace.getByTestId("order-status")).toContainText("ready", { timeout: 3_000 });

  await olivia.context().close();
  await grace.context().close();
});

test("when the stream fails, the tracking page says so and falls back to refreshing every 10 seconds", async ({
  browser,
  baseURL,
}) => {
  const olivia = await personAt(browser, baseURL, "olivia@platter.test");
  const grace = await personAt(browser, baseURL, "grace@platter.test");
  // The stream endpoint is down for Grace (a proxy that does not pass it, say).
  await grace.route("**/api/live/orders**", (route) =>
    route.fulfill({ status: 503, contentType: "text/plain", body: "unavailable" }),
  );

  const orderId = await placeOrder(grace);
  await expect(grace.getByTestId("live-status")).toHaveAttribute("data-mode", "polling");
  await expect(grace.getByTestId("live-status")).toHaveText("This page refreshes every 10 seconds.");

  await olivia.goto("/owner/trattoria-luce/orders");
  const card = olivia.getByRole("article", { name: `Order #${orderId}`, exact: true });
  await card.getByRole("button", { name: "Mark preparing" }).click();
  await expect(card.getByRole("button", { name: "Mark ready" })).toBeVisible();
  // No reload: the 10 s poll brings the change.
  await expect(grace.getByTestId("order-status")).toContainText("preparing", { timeout: 15_000 });

  await olivia.context().close();
  await grace.context().close();
});
