import { expect, placeOrder, signInOverHttp, test } from "./fixtures";

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
