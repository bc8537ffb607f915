import type { Page } from "@playwright/test";

import { expect, placeOrder, test } from "./fixtures";

// The second test is Olivia's, the demo owner of Trattoria Luce, and only reads; the first makes its own restaurant.
test.use({ signedInAs: "owner" });

test("an owner adds an item and reprices it, a customer orders it, the owner moves it to ready and the customer sees it", async ({
  pageAs,
  newCustomer,
  newRestaurant,
}, testInfo) => {
  const itemName = `Focaccia ${testInfo.project.name} ${Date.now()}`;
  // A restaurant of the test's own, with its own owner: the demo menus and queues stay as other specs read them.
  const restaurant = await newRestaurant("panetteria", [{ name: "Panetteria loaf", price: "4.00" }]);
  const page = await pageAs(restaurant.owner);

  // The owner adds an item at 12.50, then changes its price to 13.25 (and, further down, to 13.75).
  await page.goto("/owner");
  await expect(page.getByRole("heading", { level: 1, name: "Your restaurants" })).toBeVisible();
  // Every card has the same links: each one's name says whose it is (Lighthouse's identical-links-same-purpose).
  await page.getByRole("link", { name: `Menu for ${restaurant.name}`, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/owner/${restaurant.slug}/menu$`));
  await expect(page.getByRole("heading", { level: 1, name: /Menu/ })).toContainText(restaurant.name);
  await expect(page.getByTestId("query-stats")).toHaveText(/^2 queries · /);

  const addForm = page.getByRole("form", { name: "Add an item to Mains" });
  await addForm.getByLabel("Name").fill(itemName);
  await addForm.getByLabel("Description").fill("Rosemary, sea salt");
  await addForm.getByLabel("Price").fill("12.50");
  await addForm.getByRole("button", { name: "Add item" }).click();
  await expect(addForm.getByText(`Added ${itemName}.`)).toBeVisible();
  const row = page.getByTestId("menu-item").filter({ hasText: itemName });
  await expect(row).toContainText("$12.50");

  // A bad price is explained next to the field and changes nothing.
  await row.getByText(`Edit ${itemName}`).click();
  const editForm = page.getByRole("form", { name: `Edit ${itemName}` });
  await editForm.getByLabel("Price").fill("12.345");
  await editForm.getByRole("button", { name: "Save item" }).click();
  await expect(editForm.getByText("Use at most two decimals, like 12.50.")).toBeVisible();
  await expect(editForm.getByLabel("Price")).toHaveAttribute("aria-invalid", "true");
  await editForm.getByLabel("Price").fill("13.25");
  await editForm.getByRole("button", { name: "Save item" }).click();
  await expect(editForm.getByText("Saved.")).toBeVisible();
  await expect(row).toContainText("$13.25");

  // A new customer, in her own browser, orders the new item at its new price.
  const grace = await pageAs(await newCustomer("grace"));
  await grace.goto(`/r/${restaurant.slug}`);
  await grace.getByRole("button", { name: `Add ${itemName} to cart` }).click();
  await expect(grace.getByText(`Added ${itemName} to your cart.`)).toBeVisible();
  await grace.goto("/cart");
  await grace.getByRole("button", { name: "Review order" }).click();
  await expect(grace.getByTestId("order-total")).toHaveText("$13.25");

  // The owner reprices it while Grace reads her review: placing is refused with the new total, which the review
  // now shows, and placing again orders at it.
  await editForm.getByLabel("Price").fill("13.75");
  await editForm.getByRole("button", { name: "Save item" }).click();
  await expect(row).toContainText("$13.75");
  await grace.getByRole("button", { name: "Place order" }).click();
  await expect(
    grace.getByText(
      "The total changed since you reviewed your order: it is now $13.75. Please review it and place the order again.",
    ),
  ).toBeVisible();
  await expect(grace.getByTestId("order-total")).toHaveText("$13.75");
  await grace.getByRole("button", { name: "Place order" }).click();
  await expect(grace).toHaveURL(/\/orders\/\d+$/);
  const orderId = grace.url().split("/").pop()!;
  await expect(grace.getByRole("heading", { level: 1, name: `Order #${orderId}`, exact: true })).toBeVisible();
  await expect(grace.getByTestId("order-status")).toContainText("placed");
  await expect(grace.getByText(itemName)).toBeVisible();

  // The owner finds the order in the queue and moves it along.
  await page.goto(`/owner/${restaurant.slug}/orders`);
  const card = page.getByRole("article", { name: `Order #${orderId}`, exact: true });
  await expect(card).toBeVisible();
  await expect(card).toContainText(itemName);
  await expect(card).toContainText("$13.75");
  await card.getByRole("button", { name: "Mark preparing" }).click();
  await expect(card.getByRole("button", { name: "Mark ready" })).toBeVisible();
  await card.getByRole("button", { name: "Mark ready" }).click();
  await expect(card.getByRole("button", { name: "Mark completed" })).toBeVisible();
  await expect(page.getByTestId("query-stats")).toHaveText(/^\d+ quer/);

  // Grace's order page shows the new status.
  await grace.reload();
  await expect(grace.getByTestId("order-status")).toContainText("ready");
});

test("owners and admins reach only restaurants they own; customers do not reach owner pages", async ({
  page,
  pageAs,
}) => {
  expect((await page.goto("/owner/taqueria-sol/menu"))?.status()).toBe(404);
  expect((await page.goto("/owner/taqueria-sol/orders"))?.status()).toBe(404);
  expect((await page.goto("/owner/taqueria-sol/sales"))?.status()).toBe(404);
  expect((await page.goto("/owner/taqueria-sol/hours"))?.status()).toBe(404);
  expect((await page.goto("/owner/trattoria-luce/sales"))?.status()).toBe(200);
  await expect(page.getByTestId("sales-chart")).toBeVisible();
  await expect(
    // Trattoria Luce's days are Rome's (decision 0006, "Restaurant days").
    page.getByRole("table", { name: "Revenue and orders per day (Europe/Rome)" }).getByRole("row"),
  ).toHaveCount(32);
  await expect(page.getByTestId("query-stats")).toHaveText(/^2 queries · /);

  // Admins get the owner tools only for restaurants they own; Ada owns none in the demo data.
  const admin = await pageAs("admin");
  expect((await admin.goto("/owner"))?.status()).toBe(200);
  await expect(admin.getByText("You do not own a restaurant yet.")).toBeVisible();
  await expect(admin.getByRole("region", { name: "Trattoria Luce", exact: true })).toHaveCount(0);
  expect((await admin.goto("/owner/trattoria-luce/menu"))?.status()).toBe(404);
  expect((await admin.goto("/owner/trattoria-luce/orders"))?.status()).toBe(404);
  expect((await admin.goto("/owner/trattoria-luce/hours"))?.status()).toBe(404);

  const customer = await pageAs("customer");
  expect((await customer.goto("/owner"))?.status()).toBe(404);
  expect((await customer.goto("/owner/trattoria-luce/orders"))?.status()).toBe(404);
  expect((await customer.goto("/owner/trattoria-luce/hours"))?.status()).toBe(404);
});

test("deleting a category asks first only when it can go: one with items is told to empty it, with no question", async ({
  pageAs,
  newRestaurant,
}) => {
  const restaurant = await newRestaurant("cantina", [{ name: "Cantina plate", price: "8.00" }]);
  const page = await pageAs(restaurant.owner);
  await page.goto(`/owner/${restaurant.slug}/menu`);
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.accept();
  });

  await page.getByRole("button", { name: "Delete category Mains" }).click();
  await expect(page.getByText("This category still has 1 item. Delete them first")).toBeVisible();
  expect(dialogs).toEqual([]);

  const categoryForm = page.getByRole("form", { name: "Add a category" });
  await categoryForm.getByLabel("New category").fill("Desserts");
  await categoryForm.getByRole("button", { name: "Add category" }).click();
  await expect(categoryForm.getByText("Added Desserts.")).toBeVisible();
  await page.getByRole("button", { name: "Delete category Desserts" }).click();
  await expect(page.getByRole("button", { name: "Delete category Desserts" })).toHaveCount(0);
  expect(dialogs).toEqual(["Delete the category Desserts?"]);
});

test("with the keyboard, the focus stays on the button just pressed: the owner's menu toggle, the customer's Add and Update", async ({
  pageAs,
  newCustomer,
  newRestaurant,
}) => {
  // The buttons are disabled while their action runs, and a browser drops the focus of a disabled button to the
  // page: the next Tab started again from the top of the menu.
  const restaurant = await newRestaurant("tastiera", [{ name: "Tastiera toast", price: "5.00" }]);
  const owner = await pageAs(restaurant.owner);
  await owner.goto(`/owner/${restaurant.slug}/menu`);
  await owner.getByRole("button", { name: "Mark unavailable: Tastiera toast" }).focus();
  await owner.keyboard.press("Enter");
  await expect(owner.getByRole("button", { name: "Mark available: Tastiera toast" })).toBeFocused();
  await owner.keyboard.press("Enter");
  await expect(owner.getByRole("button", { name: "Mark unavailable: Tastiera toast" })).toBeFocused();

  const customer = await pageAs(await newCustomer("kit"));
  await customer.goto(`/r/${restaurant.slug}`);
  await customer.getByRole("button", { name: "Add Tastiera toast to cart" }).focus();
  await customer.keyboard.press("Enter");
  await expect(customer.getByText("Added Tastiera toast to your cart.")).toBeVisible();
  await expect(customer.getByRole("button", { name: "Add Tastiera toast to cart" })).toBeFocused();
  await customer.goto("/cart");
  await customer.getByLabel("Quantity of Tastiera toast").fill("3");
  await customer.getByRole("button", { name: "Update" }).focus();
  await customer.keyboard.press("Enter");
  await expect(customer.getByTestId("cart-line")).toContainText("$15.00");
  await expect(customer.getByRole("button", { name: "Update" })).toBeFocused();
});

test("an owner's second tab of the queue, out of date, moves an order: it says what happened, on a fresh queue", async ({
  pageAs,
  newCustomer,
  newRestaurant,
}) => {
  const restaurant = await newRestaurant("due-schede", [{ name: "Due schede soup", price: "6.00" }]);
  const customer = await pageAs(await newCustomer("tabby"));
  const orderId = await placeOrder(customer, restaurant.slug, ["Due schede soup"]);
  const first = await pageAs(restaurant.owner);
  const second = await first.context().newPage();
  // The second tab hears no live update (its stream never answers), as a tab left asleep: it stays as it was drawn.
  await second.route("**/api/live/**", () => {});
  for (const tab of [first, second]) await tab.goto(`/owner/${restaurant.slug}/orders`);
  const card = (tab: Page) => tab.getByRole("article", { name: `Order #${orderId}`, exact: true });

  // Still in the queue: the answer is beside the order, which shows where it is now.
  await card(first).getByRole("button", { name: "Mark preparing" }).click();
  await expect(card(first).getByRole("button", { name: "Mark ready" })).toBeVisible();
  await card(second).getByRole("button", { name: "Mark preparing" }).click();
  await expect(card(second).getByText("This order is already preparing. The queue has been refreshed.")).toBeVisible();
  await expect(card(second).getByRole("button", { name: "Mark ready" })).toBeVisible();

  // Gone from the queue: the refreshed queue no longer has the order, and says above it what became of it.
  await card(first).getByRole("button", { name: "Mark ready" }).click();
  await card(first).getByRole("button", { name: "Mark completed" }).click();
  await expect(card(first)).toHaveCount(0);
  await card(second).getByRole("button", { name: "Mark ready" }).click();
  await expect(card(second)).toHaveCount(0);
  await expect(second.getByTestId("kept-notice")).toHaveText(
    `Order #${orderId} is already completed, so it has left the queue.`,
  );
  await expect(second.getByText("No open orders right now.")).toBeVisible();
});

test("a double click moves an order one step, though its next step is drawn under the pointer in between", async ({
  pageAs,
  newCustomer,
  newRestaurant,
}) => {
  const restaurant = await newRestaurant("doppio", [{ name: "Doppio bread", price: "3.00" }]);
  const customer = await pageAs(await newCustomer("dora"));
  const orderId = await placeOrder(customer, restaurant.slug, ["Doppio bread"]);
  const page = await pageAs(restaurant.owner);
  const steps: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.headers()["next-action"]) steps.push(request.url());
  });
  await page.goto(`/owner/${restaurant.slug}/orders`);
  const step = page
    .getByRole("article", { name: `Order #${orderId}`, exact: true })
    .getByRole("button", { name: /^Mark / });
  await expect(step).toHaveText("Mark preparing");

  // The two clicks of one double click, the step saved and the next one drawn in the same place between them, as
  // when saving is quicker than the hand. The page notes, after the app has seen each click, whether it kept the
  // click from submitting.
  await page.evaluate(() => {
    const seen: { detail: number; kept: boolean }[] = [];
    Object.assign(window, { seenClicks: seen });
    document.addEventListener("click", (event) => seen.push({ detail: event.detail, kept: event.defaultPrevented }));
  });
  const box = (await step.boundingBox())!;
  await page.mouse.move(box.x + 16, box.y + box.height / 2);
  await page.mouse.down({ clickCount: 1 });
  await page.mouse.up({ clickCount: 1 });
  await expect(step).toHaveText("Mark ready");
  await page.mouse.down({ clickCount: 2 });
  await page.mouse.up({ clickCount: 2 });
  expect(await page.evaluate(() => (window as unknown as { seenClicks: unknown }).seenClicks)).toEqual([
    { detail: 1, kept: false },
    { detail: 2, kept: true },
  ]);

  // A step taken on purpose afterwards is the second one sent: the second click sent none.
  const saved = page.waitForResponse((response) => Boolean(response.request().headers()["next-action"]));
  await step.press("Enter");
  await saved;
  expect(steps).toHaveLength(2);
  await expect(step).toHaveText("Mark completed");
  await page.reload();
  await expect(step).toHaveText("Mark completed");
});

test("an owner cancels an order with a reason the customer reads; Escape closes the cancel form, keeping the text", async ({
  pageAs,
  newCustomer,
  newRestaurant,
}) => {
  const restaurant = await newRestaurant("senza-gas", [{ name: "Senza gas risotto", price: "12.00" }]);
  const customer = await pageAs(await newCustomer("unlucky"));
  const orderId = await placeOrder(customer, restaurant.slug, ["Senza gas risotto"]);
  const owner = await pageAs(restaurant.owner);
  await owner.goto(`/owner/${restaurant.slug}/orders`);
  const card = owner.getByRole("article", { name: `Order #${orderId}`, exact: true });
  const disclosure = card.getByText("Cancel…");
  const reason = card.getByLabel("Reason for the customer");

  await disclosure.click();
  await reason.fill("The gas is off");
  await owner.keyboard.press("Escape");
  await expect(reason).toBeHidden();
  await expect(disclosure).toBeFocused();
  await owner.keyboard.press("Enter");
  await expect(reason).toHaveValue("The gas is off");

  // Without a reason the order stays, and the form says what it needs.
  await reason.fill("");
  await card.getByRole("button", { name: "Cancel order" }).click();
  await expect(card.getByText("Tell the customer why the order is cancelled.")).toBeVisible();
  await reason.fill("The gas is off, sorry");
  await card.getByRole("button", { name: "Cancel order" }).click();
  await expect(card).toHaveCount(0);

  await customer.goto(`/orders/${orderId}`);
  await expect(customer.getByTestId("order-status")).toContainText("cancelled");
  await expect(customer.getByRole("list", { name: "Order status" })).toContainText("Cancelled");
  await expect(customer.getByRole("list", { name: "Order status" })).toContainText("— The gas is off, sorry");
});

test("a customer's order page, out of date, cancels an order the kitchen has started: it says so where the button was", async ({
  pageAs,
  newCustomer,
  newRestaurant,
}) => {
  const restaurant = await newRestaurant("cucina-lenta", [{ name: "Cucina lenta stew", price: "9.00" }]);
  const customer = await pageAs(await newCustomer("late"));
  // No live update reaches the customer's page: it still shows the order as placed.
  await customer.route("**/api/live/**", () => {});
  const orderId = await placeOrder(customer, restaurant.slug, ["Cucina lenta stew"]);
  const owner = await pageAs(restaurant.owner);
  await owner.goto(`/owner/${restaurant.slug}/orders`);
  await owner
    .getByRole("article", { name: `Order #${orderId}`, exact: true })
    .getByRole("button", { name: "Mark preparing" })
    .click();
  await expect(owner.getByRole("button", { name: "Mark ready" })).toBeVisible();

  await customer.getByRole("button", { name: "Cancel order" }).click();
  await customer.getByRole("button", { name: "Yes, cancel it" }).click();
  await expect(customer.getByTestId("order-status")).toContainText("preparing");
  await expect(customer.getByRole("button", { name: "Cancel order" })).toHaveCount(0);
  await expect(customer.getByTestId("kept-notice")).toHaveText(
    "This order can no longer be cancelled: the restaurant has started on it.",
  );
});

test("details saved from a stale tab do not undo a change made since: the form says so and shows it, then saves", async ({
  pageAs,
  newRestaurant,
}) => {
  const restaurant = await newRestaurant("doppia", [{ name: "Doppia pasta", price: "11.00" }]);
  const first = await pageAs(restaurant.owner);
  const second = await first.context().newPage();
  const form = (tab: Page) => tab.getByRole("form", { name: `Details of ${restaurant.name}` });
  for (const tab of [first, second]) {
    await tab.goto("/owner");
    await tab.getByRole("region", { name: restaurant.name, exact: true }).getByText("Edit details").click();
  }
  // The first tab closes the restaurant; the second, drawn before, fixes the description with it still open.
  await form(first).getByLabel("Open for orders").uncheck();
  await form(first).getByRole("button", { name: "Save details" }).click();
  await expect(form(first).getByText("Saved.")).toBeVisible();
  await form(second).getByLabel("Description").fill("Two pastas a day");
  await form(second).getByRole("button", { name: "Save details" }).click();
  await expect(
    form(second).getByText(
      "Nothing was saved: these details were changed in another tab or by another owner since you opened this page. " +
        "The form now shows them as they are: make your changes again.",
    ),
  ).toBeVisible();
  await expect(form(second).getByLabel("Open for orders")).not.toBeChecked();
  await expect(form(second).getByLabel("Description")).not.toHaveValue("Two pastas a day");
  await form(second).getByLabel("Description").fill("Two pastas a day");
  await form(second).getByRole("button", { name: "Save details" }).click();
  await expect(form(second).getByText("Saved.")).toBeVisible();

  await first.reload();
  await first.getByRole("region", { name: restaurant.name, exact: true }).getByText("Edit details").click();
  await expect(form(first).getByLabel("Open for orders")).not.toBeChecked();
  await expect(form(first).getByLabel("Description")).toHaveValue("Two pastas a day");
});
