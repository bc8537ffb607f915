import type { Page } from "@playwright/test";

import { expect, placeOrder, test, type Fixtures } from "./fixtures";

test("the owner's queue and the customer's tracking page follow each other live, without reloads", async ({
  pageAs,
  newCustomer,
}) => {
  const olivia = await pageAs("owner");
  const grace = await pageAs(await newCustomer("live"));
  const opened = { olivia: streamsOpened(olivia), grace: streamsOpened(grace) };

  await olivia.goto("/owner/trattoria-luce/orders");
  await expect(olivia.getByTestId("live-status")).toHaveAttribute("data-mode", "live");
  await expect(olivia.getByTestId("live-status")).toHaveText("New orders and status changes appear as they happen.");

  // A new order appears in the open queue on its own, well before the 10 s poll would have shown it.
  const orderId = await placeOrder(grace, "trattoria-luce", ["Bruschetta"]);
  const card = olivia.getByRole("article", { name: `Order #${orderId}`, exact: true });
  await expect(card).toBeVisible({ timeout: 3_000 });

  await expect(grace.getByTestId("live-status")).toHaveAttribute("data-mode", "live");
  await expect(grace.getByTestId("order-status")).toContainText("placed");

  // Olivia moves it along; Grace's open page shows each step within a couple of seconds.
  await card.getByRole("button", { name: "Mark preparing" }).click();
  await expect(grace.getByTestId("order-status")).toContainText("preparing", { timeout: 3_000 });
  await card.getByRole("button", { name: "Mark ready" }).click();
  await expect(grace.getByTestId("order-status")).toContainText("ready", { timeout: 3_000 });

  // Each page re-rendered on every event through the one stream it opened: none was closed and opened again.
  await expect(olivia.getByRole("article", { name: `Order #${orderId}`, exact: true })).toContainText("ready");
  expect(opened.grace.map((url) => new URL(url).searchParams.get("order"))).toEqual([orderId]);
  expect(opened.olivia.map((url) => new URL(url).searchParams.get("restaurant"))).toEqual(["trattoria-luce"]);
});

/** The live streams a page opens (EventSource requests), in order. */
function streamsOpened(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/api/live/orders") urls.push(request.url());
  });
  return urls;
}

const STREAM = "**/api/live/orders**";

/**
 * Grace's tracking page with the stream endpoint refused (503, as the proxy refuses it while the database is away,
 * or a proxy that does not pass it): the browser's EventSource gives up for good, and the page polls.
 */
async function trackingWithStreamRefused({ pageAs, newCustomer }: Pick<Fixtures, "pageAs" | "newCustomer">) {
  const olivia = await pageAs("owner");
  const grace = await pageAs(await newCustomer("live"));
  await grace.route(STREAM, (route) => route.fulfill({ status: 503, contentType: "text/plain", body: "unavailable" }));
  const orderId = await placeOrder(grace, "trattoria-luce", ["Bruschetta"]);
  await expect(grace.getByTestId("live-status")).toHaveAttribute("data-mode", "polling");
  return { olivia, grace, orderId };
}

test("when the stream fails, the tracking page says so and falls back to refreshing every 10 seconds", async ({
  pageAs,
  newCustomer,
}) => {
  const { olivia, grace, orderId } = await trackingWithStreamRefused({ pageAs, newCustomer });
  await expect(grace.getByTestId("live-status")).toHaveText("This page refreshes every 10 seconds.");

  await olivia.goto("/owner/trattoria-luce/orders");
  const card = olivia.getByRole("article", { name: `Order #${orderId}`, exact: true });
  await card.getByRole("button", { name: "Mark preparing" }).click();
  await expect(card.getByRole("button", { name: "Mark ready" })).toBeVisible();
  // No reload: the 10 s poll brings the change.
  await expect(grace.getByTestId("order-status")).toContainText("preparing", { timeout: 15_000 });
});

test("after the stream was refused, the tracking page goes back to live updates once it answers again", async ({
  pageAs,
  newCustomer,
}) => {
  const { olivia, grace, orderId } = await trackingWithStreamRefused({ pageAs, newCustomer });

  // The stream answers again: within a poll the page has opened a new one and is live.
  await grace.unroute(STREAM);
  await expect(grace.getByTestId("live-status")).toHaveAttribute("data-mode", "live", { timeout: 15_000 });
  await olivia.goto("/owner/trattoria-luce/orders");
  const card = olivia.getByRole("article", { name: `Order #${orderId}`, exact: true });
  await card.getByRole("button", { name: "Mark preparing" }).click();
  await expect(grace.getByTestId("order-status")).toContainText("preparing", { timeout: 3_000 });
});
