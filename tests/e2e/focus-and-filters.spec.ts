import { addToCart, expect, placeOrder, signInOverHttp, test } from "./fixtures";

test("removing a cart line by keyboard says so and keeps the focus in the cart, not on the page itself", async ({
  page,
  newCustomer,
}) => {
  await signInOverHttp(page.request, await newCustomer("unline"));
  await addToCart(page, "taqueria-sol", ["Horchata", "Agua de jamaica"]);
  await page.goto("/cart");
  await page.getByRole("button", { name: "Remove Horchata" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("cart-line")).toHaveCount(1);
  await expect(page.getByText("Removed from your cart.")).toBeVisible();
  expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);
});

test("'Add' answered by 'Start a new cart' keeps the keyboard's focus on the button that asks", async ({
  page,
  newCustomer,
}) => {
  await signInOverHttp(page.request, await newCustomer("newcart"));
  await addToCart(page, "taqueria-sol", ["Horchata"]);
  await page.goto("/r/sakura-house");
  await page.getByRole("button", { name: "Add Edamame to cart" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Start a new cart" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Start a new cart" })).toBeFocused();
});

test("'Order again' answered by 'Replace my cart' keeps the keyboard's focus on the button that asks", async ({
  page,
  newCustomer,
}) => {
  await signInOverHttp(page.request, await newCustomer("replacecart"));
  const id = await placeOrder(page, "taqueria-sol", ["Horchata"]);
  await addToCart(page, "sakura-house", ["Edamame"]);
  await page.goto(`/orders/${id}`);
  await page.getByRole("button", { name: "Order again" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Replace my cart" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Replace my cart" })).toBeFocused();
});

test.describe("an admin", () => {
  test.use({ signedInAs: "admin" });

  test("the orders filter shows the filter of the list under it after the nav's 'Orders' link", async ({ page }) => {
    await page.goto("/admin/orders");
    const filter = page.getByRole("search", { name: "Filter orders" });
    await filter.getByLabel("Status").selectOption("completed");
    await filter.getByRole("button", { name: "Search orders" }).click();
    await expect(page).toHaveURL(/status=completed/);
    // The whole list again, from the admin menu: the select still said "completed" above every status.
    await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Orders", exact: true }).click();
    await expect(page).toHaveURL(/\/admin\/orders$/);
    await expect(filter.getByLabel("Status")).toHaveValue("");
  });
});

test("the history's restaurant filter shows the list's filter after the header's 'Orders' link", async ({
  page,
  newCustomer,
}) => {
  await signInOverHttp(page.request, await newCustomer("histfilter"));
  await placeOrder(page, "taqueria-sol", ["Horchata"]);
  await page.goto("/orders");
  await page.getByLabel("Restaurant").selectOption({ label: "Taquería Sol" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/restaurant=\d+/);
  await page.getByRole("banner").getByRole("link", { name: "Orders", exact: true }).click();
  await expect(page).toHaveURL(/\/orders$/);
  await expect(page.getByLabel("Restaurant")).toHaveValue("");
});

test("an order completed or cancelled from the queue by keyboard is said above the queue, which takes the focus", async ({
  pageAs,
  newCustomer,
  newRestaurant,
}) => {
  const restaurant = await newRestaurant("finito", [{ name: "Finito soup", price: "6.00" }]);
  const customer = await pageAs(await newCustomer("fin"));
  const done = await placeOrder(customer, restaurant.slug, ["Finito soup"]);
  const cancelled = await placeOrder(customer, restaurant.slug, ["Finito soup"]);
  const page = await pageAs(restaurant.owner);
  await page.goto(`/owner/${restaurant.slug}/orders`);
  const card = (id: string) => page.getByRole("article", { name: `Order #${id}`, exact: true });
  for (const step of ["Mark preparing", "Mark ready"]) {
    await card(done).getByRole("button", { name: step }).focus();
    await page.keyboard.press("Enter");
    await expect(card(done).getByRole("button", { name: step })).toHaveCount(0);
  }
  // The card leaves the queue with its button: nothing was read out, and the focus fell to the page itself.
  await card(done).getByRole("button", { name: "Mark completed" }).focus();
  await page.keyboard.press("Enter");
  await expect(card(done)).toHaveCount(0);
  await expect(page.getByTestId("kept-notice")).toContainText(`Order #${done}`);
  await expect(page.getByTestId("kept-notice")).toContainText("completed");
  await expect(page.getByTestId("kept-notice")).toBeFocused();

  await card(cancelled).getByText("Cancel…").click();
  await card(cancelled).getByLabel("Reason for the customer").fill("Out of soup");
  await card(cancelled).getByRole("button", { name: "Cancel order" }).focus();
  await page.keyboard.press("Enter");
  await expect(card(cancelled)).toHaveCount(0);
  await expect(page.getByTestId("kept-notice")).toContainText(`Order #${cancelled}`);
  await expect(page.getByTestId("kept-notice")).toContainText("cancelled");
  await expect(page.getByTestId("kept-notice")).toBeFocused();
});

test("a dish deleted from the menu editor by keyboard is said above the menu, which takes the focus", async ({
  page,
  newRestaurant,
}) => {
  const restaurant = await newRestaurant("via", [
    { name: "Via bread", price: "3.00" },
    { name: "Via soup", price: "6.00" },
  ]);
  await signInOverHttp(page.request, restaurant.owner);
  await page.goto(`/owner/${restaurant.slug}/menu`);
  page.on("dialog", (dialog) => void dialog.accept());
  // Its row leaves with the button: nothing was read out, and the focus went to the page itself.
  await page.getByRole("button", { name: "Delete Via soup" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("menu-item")).toHaveCount(1);
  await expect(page.getByTestId("kept-notice")).toContainText("Via soup");
  await expect(page.getByTestId("kept-notice")).toContainText("deleted");
  await expect(page.getByTestId("kept-notice")).toBeFocused();
});
