import { addToCart, expect, placeOrder, signInOverHttp, test } from "./fixtures";

test("a new customer browses, favorites, orders once despite a double click, reorders, and cancels after confirming", async ({
  page,
  newCustomer,
}) => {
  await signInOverHttp(page.request, await newCustomer("olga"));

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

  await page.getByRole("button", { name: "Review order" }).click();
  await expect(page).toHaveURL(/\/cart\/review\?/);
  const review = page.url();
  await page.getByRole("button", { name: "Place order" }).dblclick();
  await expect(page).toHaveURL(/\/orders\/\d+$/);
  const orderId = page.url().split("/").pop();
  await expect(page.getByRole("heading", { level: 1, name: `Order #${orderId}` })).toBeVisible();
  await expect(page.getByTestId("order-status")).toContainText("placed");
  await expect(page.getByTestId("order-total")).toHaveText("$22.90");
  // The review again (Back, or a reload) after placing: the cart is empty, and the page says where the order went.
  await page.goto(review);
  await expect(page.getByRole("heading", { level: 1, name: "Your cart is empty" })).toBeVisible();
  await expect(page.getByRole("link", { name: "your orders" })).toHaveAttribute("href", "/orders");
  await page.goto(`/orders/${orderId}`);

  await page.getByRole("link", { name: "Orders", exact: true }).click();
  await expect(page.getByTestId("history").getByRole("listitem")).toHaveCount(1);
  await expect(page.getByTestId("history-summary")).toContainText("1 order, totalling $22.90");

  await page.goto("/profile");
  await expect(page.getByTestId("total-purchase")).toHaveText("$22.90");
  await expect(page.getByTestId("order-count")).toHaveText("1");
  await expect(page.getByRole("link", { name: "account page" })).toHaveAttribute("href", "/account");
  // The profile's recent orders are links to their pages.
  await page
    .getByTestId("orders")
    .getByRole("link", { name: new RegExp(`^Order #${orderId} · `) })
    .click();
  await expect(page).toHaveURL(new RegExp(`/orders/${orderId}$`));
  await page.goto("/");
  await expect(
    page.getByRole("region", { name: "Your favorites" }).getByRole("link", { name: "Sakura House" }),
  ).toBeVisible();

  await page.goto(`/orders/${orderId}`);
  await page.getByRole("button", { name: "Order again" }).click();
  await expect(page).toHaveURL(new RegExp(`/cart(\\?reorder=${orderId})?$`));
  await expect(page.getByText("Everything is still available.")).toBeVisible();
  await expect(page.getByTestId("cart-line")).toHaveCount(2);
  // Shown once: the address forgets it, so a reload (or a change to the cart) does not repeat a stale note.
  await expect(page).toHaveURL(/\/cart$/);
  await page.reload();
  await expect(page.getByTestId("cart-line")).toHaveCount(2);
  await expect(page.getByText("Everything is still available.")).toHaveCount(0);

  // The second order is cancelled while still placed, after a confirmation: the profile total does not count it.
  await page.getByRole("button", { name: "Review order" }).click();
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/orders\/\d+$/);
  // By keyboard: the question takes focus on its safe answer, and keeping the order gives it back.
  await page.getByRole("button", { name: "Cancel order" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Cancel this order?")).toBeVisible();
  await expect(page.getByRole("button", { name: "Keep my order" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Yes, cancel it" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Cancel order" })).toBeFocused();
  // Escape is a "no" too, from either answer.
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Yes, cancel it" }).focus();
  await page.keyboard.press("Escape");
  await expect(page.getByText("Cancel this order?")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Cancel order" })).toBeFocused();
  await page.reload();
  await expect(page.getByTestId("order-status")).toContainText("placed");
  await page.getByRole("button", { name: "Cancel order" }).click();
  await page.getByRole("button", { name: "Yes, cancel it" }).click();
  await expect(page.getByTestId("order-status")).toContainText("cancelled");
  await expect(page.getByText("Cancelled by the customer")).toBeVisible();
  await expect(page).toHaveTitle(/^Order #\d+ · Platter$/);
  // The progress stops where it stopped: no steps "to come" that a cancelled order will never reach.
  await expect(page.getByRole("list", { name: "Order status" }).getByRole("listitem")).toHaveText([
    /^placed/i,
    /^cancelled/i,
  ]);
  await page.goto("/profile");
  await expect(page.getByTestId("total-purchase")).toHaveText("$22.90");

  // The history lists both orders and says which one counts, with or without a filter.
  await page.goto("/orders");
  await expect(page.getByTestId("history").getByRole("listitem")).toHaveCount(2);
  await expect(page.getByTestId("history-summary")).toHaveText(
    /^2 orders · 1 counted in your total of \$22\.90, 1 cancelled\. Shown here: \$/,
  );
  await expect(page.getByTestId("history-days")).toHaveText("Dates are whole days in UTC.");
  await page.goto("/orders?from=2000-01-01");
  await expect(page.getByTestId("history").getByRole("listitem")).toHaveCount(2);
  await expect(page.getByTestId("history-summary")).toHaveText(
    /^1 counted order matches these filters, totalling \$22\.90\..* Cancelled orders are listed too, but never counted\.$/,
  );
});

test("someone else's order is a 404", async ({ page, newCustomer }) => {
  await signInOverHttp(page.request, await newCustomer("nosy"));
  const own = await placeOrder(page, "taqueria-sol", ["Horchata"]);
  expect((await page.goto(`/orders/${own}`))?.status()).toBe(200);
  // The seeded orders come first and all belong to demo customers.
  for (const id of [1, 2, 3]) expect((await page.goto(`/orders/${id}`))?.status(), `order ${id}`).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  expect((await page.goto("/orders/99999999"))?.status()).toBe(404);
  expect((await page.goto("/orders/abc"))?.status()).toBe(404);
});

test("a cart changed in another tab: the stale tab's change says the line is gone and shows the cart as it is", async ({
  page,
  newCustomer,
}) => {
  await signInOverHttp(page.request, await newCustomer("twotabs"));
  await addToCart(page, "taqueria-sol", ["Horchata", "Agua de jamaica"]);
  await page.goto("/cart");
  const other = await page.context().newPage();
  await other.goto("/cart");
  await other.getByRole("button", { name: "Remove Horchata" }).click();
  await expect(other.getByTestId("cart-line")).toHaveCount(1);

  // Before, the stale tab said "That item is not in your cart." beside a line it still listed, in its subtotal.
  await page.getByLabel("Quantity of Horchata").fill("3");
  await page.getByRole("button", { name: "Update" }).first().click();
  await expect(page.getByTestId("kept-notice")).toHaveText(
    "Horchata: This item is no longer in your cart: it was changed in another tab or window. Your cart is shown as it is now.",
  );
  // Its button gone with its line, the focus is on the answer, not back at the top of the page.
  await expect(page.getByTestId("kept-notice")).toBeFocused();
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await expect(page.getByTestId("cart-line")).toContainText("Agua de jamaica");

  // The last line removed elsewhere: the notice stays above the empty cart.
  await other.getByRole("button", { name: "Remove Agua de jamaica" }).click();
  await expect(other.getByRole("heading", { level: 1, name: "Your cart is empty" })).toBeVisible();
  await page.getByRole("button", { name: "Remove Agua de jamaica" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Your cart is empty" })).toBeVisible();
  await expect(page.getByTestId("kept-notice")).toHaveText(
    "Agua de jamaica: This item is no longer in your cart: it was changed in another tab or window. Your cart is shown as it is now.",
  );
  await expect(page.getByTestId("kept-notice")).toBeFocused();
  await other.close();
});
