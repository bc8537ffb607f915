import type { Page } from "@playwright/test";

import { expect, test } from "./fixtures";

async function expectWithinBudget(page: Page) {
  const stats = await page.getByTestId("query-stats").textContent();
  expect(Number(/^(\d+) quer/.exec(stats ?? "")?.[1])).toBeLessThanOrEqual(3);
}

const adminNav = (page: Page) => page.getByRole("navigation", { name: "Admin" });

test("an admin creates a restaurant, makes a new customer its owner, and the owner finds it in the owner tools", async ({
  pageAs,
  newCustomer,
}) => {
  const owner = await newCustomer("newowner");
  const name = `Maison ${Date.now().toString(36)} Été`;
  const slug = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-");

  // An admin in Tokyo: the new restaurant's zone starts as theirs.
  const admin = await pageAs("admin", { timezoneId: "Asia/Tokyo" });
  await admin.goto("/admin/restaurants");
  await expect(adminNav(admin).getByRole("link", { name: "Restaurants" })).toHaveAttribute("aria-current", "page");
  await expectWithinBudget(admin);
  await admin.getByRole("link", { name: "New restaurant" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "New restaurant" })).toBeVisible();
  await expectWithinBudget(admin);
  // Still the Restaurants tab below /admin/restaurants, and only that one.
  await expect(adminNav(admin).locator('[aria-current="page"]')).toHaveText("Restaurants");

  // A web address already taken is a message on its field, and the rest of the form stays as typed.
  const form = admin.getByRole("form", { name: "New restaurant" });
  await expect(form.getByLabel("Time zone")).toHaveValue("Asia/Tokyo");
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Web address (slug)").fill("trattoria-luce");
  // A cuisine of its own: the home page's cuisine filter test counts the demo's French restaurants.
  await form.getByLabel("Cuisine").fill("Breton");
  await form.getByLabel("Address", { exact: true }).fill("3 Rue du Test");
  await form.getByRole("button", { name: "Create restaurant" }).click();
  await expect(form.getByText("Another restaurant already uses this web address: choose another.")).toBeVisible();
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue(name);

  // Blank: made from the name. The form says what was made and that it starts closed, and clears for the next one.
  await form.getByLabel("Web address (slug)").fill("");
  await form.getByLabel("Time zone").selectOption("Europe/Paris");
  await form.getByRole("button", { name: "Create restaurant" }).click();
  await expect(form.getByRole("status")).toHaveText(
    `Created ${name}. It starts closed: customers cannot order until one of its owners opens it in the owner tools. ` +
      `Manage ${name} and assign its owners`,
  );
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue("");
  await expect(form.getByLabel("Time zone")).toHaveValue("Asia/Tokyo");
  await form.getByRole("link", { name: `Manage ${name} and assign its owners` }).click();
  await expect(admin).toHaveURL(new RegExp(`/admin/restaurants/${slug}$`));
  await expect(admin.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(admin.getByText("No owner yet")).toBeVisible();

  await admin.getByLabel("Find a user by name or email").fill(owner.email);
  await admin.getByRole("button", { name: "Find user" }).click();
  await expect(admin.getByTestId("candidate-row")).toHaveCount(1);
  await expectWithinBudget(admin);
  await admin.getByRole("button", { name: `Make ${owner.name} an owner` }).click();
  await expect(admin.getByTestId("owner-row")).toContainText(owner.email);

  // The new owner signs in (their role changed, so their sessions ended) and runs the restaurant.
  const ownerPage = await pageAs(owner);
  await ownerPage.goto("/owner");
  await expect(ownerPage.getByRole("heading", { level: 1, name: "Your restaurants" })).toBeVisible();
  await expect(ownerPage.getByRole("region", { name, exact: true })).toBeVisible();

  // The list shows the new restaurant first, with its owner.
  await admin.goto("/admin/restaurants");
  await expect(admin.getByTestId("restaurant-row").first()).toContainText(name);
  await expect(admin.getByTestId("restaurant-row").first()).toContainText(owner.name);

  // The audit log says what happened, in words, and filters by action and by who did it.
  await admin.goto("/admin/audit");
  await expect(adminNav(admin).getByRole("link", { name: "Audit log" })).toHaveAttribute("aria-current", "page");
  await admin.getByLabel("What").selectOption({ label: "Owner added" });
  await admin.getByLabel("Done by (name or email)").fill("admin@platter.test");
  await admin.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(admin).toHaveURL(/action=restaurant.owner_add/);
  const entry = admin.getByTestId("audit-entry").filter({ hasText: name }).first();
  await expect(entry).toContainText(`Made ${owner.name} an owner of ${name}.`);
  await expect(entry).toContainText("Role:customer → owner");
  await expect(entry).toContainText("Ada Admin");
  await expect(entry).not.toContainText("restaurantId");
  await expect(admin.getByTestId("audit-entry")).toHaveCount(
    await admin.locator('[data-action="restaurant.owner_add"]').count(),
  );
  await expectWithinBudget(admin);

  await admin.getByLabel("What").selectOption({ label: "Restaurant created" });
  await admin.getByRole("button", { name: "Filter", exact: true }).click();
  const created = admin.getByTestId("audit-entry").filter({ hasText: name }).first();
  await expect(created).toContainText(`Created the restaurant ${name}.`);
  await expect(created).toContainText("Time zone:Europe/Paris");

  // A reversed range is a message next to the field, not an error page.
  await admin.getByLabel("From").fill("2026-12-01");
  await admin.getByLabel("To").fill("2026-01-01");
  await admin.getByRole("button", { name: "Filter", exact: true }).click();
  await expect(admin.getByText("The start date must not be after the end date.")).toBeVisible();
});

test("an admin searches every order by customer, status and number, and opens one", async ({ pageAs }) => {
  const admin = await pageAs("admin");
  await admin.goto("/admin");
  await expect(adminNav(admin).getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
  await adminNav(admin).getByRole("link", { name: "Orders" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Orders" })).toBeVisible();
  await expect(adminNav(admin).locator('[aria-current="page"]')).toHaveText("Orders");
  await expect(admin.getByTestId("admin-order-row")).toHaveCount(50);
  await expectWithinBudget(admin);

  await admin.getByLabel("Customer (name or email)").fill("carla@platter.test");
  await admin.getByLabel("Status").selectOption("completed");
  await admin.getByRole("button", { name: "Search orders" }).click();
  await expect(admin).toHaveURL(/customer=carla%40platter.test/);
  const rows = admin.getByTestId("admin-order-row");
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) {
    await expect(row).toContainText("carla@platter.test");
    await expect(row).toContainText(/completed/i);
  }
  await expectWithinBudget(admin);

  const id = (await rows.first().getAttribute("data-order-id"))!;

  // Older pages continue where the last one stopped: no order twice. Every order, so that there is an older page.
  await admin.goto("/admin/orders");
  const firstIds = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-order-id")));
  await admin.getByRole("link", { name: "Older →" }).click();
  await expect(admin).toHaveURL(/[?&]before=/);
  await expect(admin.getByRole("link", { name: "← Newest" })).toBeVisible();
  const next = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-order-id")));
  expect(next.length).toBeGreaterThan(0);
  expect(next.filter((orderId) => firstIds.includes(orderId))).toEqual([]);

  await admin.goto(`/admin/orders?number=${id}`);
  await expect(admin.getByTestId("admin-order-row")).toHaveCount(1);
  await admin.getByRole("link", { name: `#${id}` }).click();
  await expect(admin).toHaveURL(new RegExp(`/orders/${id}$`));

  // Bad filters answer with messages next to their fields.
  // Digits no order id can hold are "no such order"; only other text is told it is not digits.
  await admin.goto(`/admin/orders?number=${"9".repeat(25)}&from=2026-02-30`);
  await expect(admin.getByText("No order has that number.")).toBeVisible();
  await expect(admin.getByText("That date does not exist.")).toBeVisible();
  await expect(admin.getByTestId("admin-order-row")).toHaveCount(0);
  // A restaurant id that names none (an edited link) is said under its field, not shown as "All restaurants".
  await admin.goto("/admin/orders?restaurant=999999");
  const restaurant = admin.getByRole("combobox", { name: "Restaurant" });
  await expect(restaurant).toHaveAttribute("aria-invalid", "true");
  await expect(restaurant).toHaveAccessibleDescription("Choose a restaurant from the list.");
  await expect(admin.getByTestId("admin-order-row")).toHaveCount(0);
});

test("an orders export over a reversed or impossible range is refused on its form, and a good one downloads", async ({
  pageAs,
}) => {
  const admin = await pageAs("admin");
  await admin.goto("/admin/revenue");
  const form = admin.getByRole("form", { name: "Export orders" });
  await form.getByLabel("From").fill("2026-05-01");
  await form.getByLabel("To").fill("2026-04-01");
  await form.getByRole("button", { name: "Download orders CSV" }).click();
  // Back on the form, not a blank page with one line: the dates as typed, the message next to the wrong one.
  await expect(admin).toHaveURL(/\/admin\/revenue\?from=2026-05-01&to=2026-04-01#orders-export$/);
  await expect(form.getByRole("alert")).toHaveText("Nothing was exported: correct the highlighted dates.");
  await expect(form.getByText("The start date must not be after the end date.")).toBeVisible();
  await expect(form.getByLabel("To")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("From")).toHaveValue("2026-05-01");
  await expectWithinBudget(admin);

  // An address opened by hand answers the same way; a script still gets its 400.
  expect((await admin.goto("/admin/export/orders?from=garbage"))?.status()).toBe(200);
  await expect(form.getByText("Use a date like 2026-01-31.")).toBeVisible();
  expect((await admin.request.get("/admin/export/orders?from=garbage")).status()).toBe(400);

  await form.getByLabel("From").fill("2026-01-01");
  await form.getByLabel("To").fill("2026-01-31");
  const download = admin.waitForEvent("download");
  await form.getByRole("button", { name: "Download orders CSV" }).click();
  expect((await download).suggestedFilename()).toMatch(/^platter-orders-.*\.csv$/);
});

test("anonymous visitors, customers and owners get the admin pages' 404 on the new pages", async ({
  request,
  pageAs,
}) => {
  const paths = [
    "/admin/restaurants",
    "/admin/restaurants/new",
    "/admin/restaurants/trattoria-luce?user=carla",
    "/admin/orders?customer=carla",
    "/admin/audit?action=user.role_change",
  ];
  for (const path of paths)
    expect((await request.get(path, { maxRedirects: 0 })).status(), `anonymous ${path}`).toBe(404);
  for (const who of ["customer", "owner"] as const) {
    const page = await pageAs(who);
    for (const path of paths) {
      const response = await page.goto(path);
      expect(response?.status(), `${who} ${path}`).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
      await expect(page.getByRole("navigation", { name: "Admin" })).toHaveCount(0);
    }
  }
});

test("an owner removed in another tab is gone from the list, and the second removal says why above it", async ({
  pageAs,
  newRestaurant,
}) => {
  const restaurant = await newRestaurant("twotabs", [{ name: "Tab soup", price: "6.00" }]);
  const first = await pageAs("admin");
  const second = await first.context().newPage();
  for (const tab of [first, second]) {
    tab.on("dialog", (dialog) => void dialog.accept());
    await tab.goto(`/admin/restaurants/${restaurant.slug}`);
    await expect(tab.getByTestId("owner-row")).toContainText(restaurant.owner.email);
  }
  const remove = `Remove ${restaurant.owner.name}`;
  await first.getByRole("button", { name: remove }).click();
  await expect(first.getByText("No owner yet")).toBeVisible();
  // The second tab, drawn before, still offers the button: its row goes, and the answer stays above the list.
  await second.getByRole("button", { name: remove }).click();
  await expect(second.getByTestId("kept-notice")).toHaveText(
    "That user was no longer an owner: removed in another tab or by another admin. The list is up to date.",
  );
  await expect(second.getByTestId("owner-row")).toHaveCount(0);
  await expect(second.getByText("No owner yet")).toBeVisible();
});
