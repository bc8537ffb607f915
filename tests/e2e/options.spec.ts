import { expect, signInOverHttp, test } from "./fixtures";

// Tagliatelle al ragù at Trattoria Luce carries the demo options (db/seed/options.ts): Size (Regular, Large +2.00)
// and Extras (up to 3: Extra parmesan +0.75, Chili flakes, Burrata +3.50).
test("a customer picks options and a note, sees them in the cart, and the order shows them at the right total", async ({
  page,
  newCustomer,
}) => {
  await signInOverHttp(page.request, await newCustomer("opal"));
  await page.goto("/r/trattoria-luce");
  const form = page.getByRole("form", { name: "Options for Tagliatelle al ragù" });
  await expect(form.getByRole("radio", { name: "Regular" })).toBeChecked();
  await form.getByRole("radio", { name: /Large/ }).check();
  await form.getByRole("checkbox", { name: /Extra parmesan/ }).check();
  await form.getByLabel(/Special instructions/).fill("Extra hot plate");
  await form.getByRole("button", { name: "Add Tagliatelle al ragù to cart" }).click();
  await expect(form.getByText("Added Tagliatelle al ragù to your cart.")).toBeVisible();
  // The same dish plain is another line; items without options keep their one-click add.
  await form.getByRole("radio", { name: "Regular" }).check();
  await form.getByRole("checkbox", { name: /Extra parmesan/ }).uncheck();
  await form.getByLabel(/Special instructions/).fill("");
  await form.getByRole("button", { name: "Add Tagliatelle al ragù to cart" }).click();
  await expect(form.getByText("Added Tagliatelle al ragù to your cart.")).toBeVisible();
  await page.getByRole("button", { name: "Add Bruschetta to cart" }).click();
  await expect(page.getByText("Added Bruschetta to your cart.")).toBeVisible();

  await page.goto("/cart");
  const lines = page.getByTestId("cart-line");
  await expect(lines).toHaveCount(3);
  await expect(lines.nth(0)).toContainText("Size: Large (+$2.00) · Extras: Extra parmesan (+$0.75)");
  await expect(lines.nth(0)).toContainText("Note: Extra hot plate");
  await expect(lines.nth(0)).toContainText("$17.25 each");
  await expect(lines.nth(1)).toContainText("Size: Regular");
  await expect(page.getByText("$38.25")).toBeVisible(); // 17.25 + 14.50 + 6.50

  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/orders\/\d+$/);
  await expect(page.getByTestId("order-total")).toHaveText("$38.25");
  const options = page.getByTestId("line-options");
  await expect(options.nth(0)).toContainText("Size: Large (+$2.00) · Extras: Extra parmesan (+$0.75)");
  await expect(options.nth(0)).toContainText("Note: Extra hot plate");
  await expect(options.nth(1)).toContainText("Size: Regular");
});
