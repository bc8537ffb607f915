import { addToCart, expect, signInOverHttp, test } from "./fixtures";

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

  // The review shows the choices and the note once more before anyone pays (pickup: no fee).
  await page.getByRole("button", { name: "Review order" }).click();
  await expect(page).toHaveURL(/\/cart\/review/);
  await expect(page.getByTestId("line-options").first()).toContainText(
    "Size: Large (+$2.00) · Extras: Extra parmesan (+$0.75)",
  );
  await expect(page.getByTestId("order-total")).toHaveText("$38.25");
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/orders\/\d+$/);
  await expect(page.getByTestId("order-total")).toHaveText("$38.25");
  const options = page.getByTestId("line-options");
  await expect(options.nth(0)).toContainText("Size: Large (+$2.00) · Extras: Extra parmesan (+$0.75)");
  await expect(options.nth(0)).toContainText("Note: Extra hot plate");
  await expect(options.nth(1)).toContainText("Size: Regular");

  // The history row says it in a few words.
  await page.goto("/orders");
  await expect(page.getByTestId("history").getByRole("listitem").first()).toContainText(
    "1 × Tagliatelle al ragù (Large, Extra parmesan; note: Extra hot plate)",
  );
});

test("several choices of one group name the group once: in the cart, the review, the order and the kitchen ticket", async ({
  page,
  newCustomer,
  pageAs,
}) => {
  await signInOverHttp(page.request, await newCustomer("gus"));
  await page.goto("/r/trattoria-luce");
  const form = page.getByRole("form", { name: "Options for Tagliatelle al ragù" });
  await form.getByRole("radio", { name: /Large/ }).check();
  await form.getByRole("checkbox", { name: /Extra parmesan/ }).check();
  await form.getByRole("checkbox", { name: /Burrata/ }).check();
  await form.getByRole("button", { name: "Add Tagliatelle al ragù to cart" }).click();
  await expect(form.getByText("Added Tagliatelle al ragù to your cart.")).toBeVisible();
  const shown = "Size: Large (+$2.00) · Extras: Extra parmesan (+$0.75), Burrata (+$3.50)";

  await page.goto("/cart");
  await expect(page.getByTestId("line-options")).toHaveText(shown);
  await expect(page.getByTestId("cart-line")).toContainText("$20.75 each"); // 14.50 + 2.00 + 0.75 + 3.50
  await page.getByRole("button", { name: "Review order" }).click();
  await expect(page.getByTestId("line-options")).toHaveText(shown);
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/orders\/\d+$/);
  await expect(page.getByTestId("line-options")).toHaveText(shown);
  await expect(page.getByTestId("order-total")).toHaveText("$20.75");

  const orderId = page.url().split("/").pop();
  const owner = await pageAs("owner");
  await owner.goto(`/owner/trattoria-luce/orders/${orderId}/ticket`);
  await expect(owner.getByTestId("kitchen-ticket").getByTestId("line-options")).toHaveText(shown);
});

test("an owner adds options; a sold-out choice greys out; a removed group stops the cart, and a reorder names it", async ({
  pageAs,
  newCustomer,
  newRestaurant,
}, testInfo) => {
  // A restaurant of the test's own: the demo menus stay as other specs read them.
  const restaurant = await newRestaurant("calzoneria", []);
  const itemName = `Calzone ${testInfo.project.name} ${Date.now()}`;
  const owner = await pageAs(restaurant.owner);
  await owner.goto(`/owner/${restaurant.slug}/menu`);
  const addForm = owner.getByRole("form", { name: "Add an item to Mains" });
  await addForm.getByLabel("Name").fill(itemName);
  await addForm.getByLabel("Price").fill("11.00");
  await addForm.getByRole("button", { name: "Add item" }).click();
  await expect(addForm.getByText(`Added ${itemName}.`)).toBeVisible();

  const row = owner.getByTestId("menu-item").filter({ hasText: itemName });
  await row.getByText(`Options of ${itemName} (none)`).click();
  const groupForm = owner.getByRole("form", { name: `Add an option group to ${itemName}` });
  await groupForm.getByLabel("Group name").fill("Filling");
  await groupForm.getByLabel("Pick at most").fill("3");
  await groupForm.getByLabel("Choices, one per line").fill("Ham\nSpinach +1.00");
  await groupForm.getByRole("button", { name: "Add group" }).click();
  // A rule that only the whole form can check is explained next to the field to change.
  await expect(
    groupForm.getByText("Customers cannot pick 3 of 2 choices: lower the largest number or add choices."),
  ).toBeVisible();
  await groupForm.getByLabel("Pick at most").fill("1");
  await groupForm.getByRole("button", { name: "Add group" }).click();
  await expect(groupForm.getByText("Added Filling.")).toBeVisible();

  const customer = await pageAs(await newCustomer("otto"));
  await customer.goto(`/r/${restaurant.slug}`);
  const form = customer.getByRole("form", { name: `Options for ${itemName}` });
  await form.getByRole("radio", { name: /Spinach/ }).check();
  await form.getByRole("button", { name: `Add ${itemName} to cart` }).click();
  await expect(form.getByText(`Added ${itemName} to your cart.`)).toBeVisible();
  await customer.goto("/cart");
  await expect(customer.getByTestId("cart-line")).toContainText("Filling: Spinach (+$1.00)");
  await expect(customer.getByTestId("cart-line")).toContainText("$12.00 each");

  // Ham sold out: still on the customer's menu, greyed out and not choosable; Spinach goes on.
  await owner.reload();
  await owner.getByTestId("menu-item").filter({ hasText: itemName }).getByText(`Options of ${itemName}`).click();
  // The button says what it does: a bare "Sold out" beside an available choice read as the choice's state.
  const soldOut = owner.getByRole("button", { name: `Mark sold out: Ham, Filling of ${itemName}` });
  await expect(soldOut).toHaveText("Mark sold out");
  await soldOut.click();
  await expect(owner.getByRole("button", { name: `Mark available: Ham, Filling of ${itemName}` })).toHaveText(
    "Mark available",
  );
  await customer.goto(`/r/${restaurant.slug}`);
  await expect(form.getByRole("radio", { name: /Ham/ })).toBeDisabled();
  await expect(form.getByText("(sold out)")).toBeVisible();
  await expect(form.getByRole("radio", { name: /Spinach/ })).toBeEnabled();

  // Otto orders his Spinach calzone while the group is there, and puts another in his cart.
  await customer.goto("/cart");
  await customer.getByRole("button", { name: "Review order" }).click();
  await customer.getByRole("button", { name: "Place order" }).click();
  await expect(customer).toHaveURL(/\/orders\/\d+$/);
  const orderId = customer.url().split("/").pop()!;
  await customer.goto(`/r/${restaurant.slug}`);
  await form.getByRole("radio", { name: /Spinach/ }).check();
  await form.getByRole("button", { name: `Add ${itemName} to cart` }).click();
  await expect(form.getByText(`Added ${itemName} to your cart.`)).toBeVisible();

  await owner.reload();
  await owner.getByTestId("menu-item").filter({ hasText: itemName }).getByText(`Options of ${itemName}`).click();
  owner.once("dialog", (dialog) => void dialog.accept());
  await owner.getByRole("button", { name: `Remove option group Filling of ${itemName}` }).click();
  // The group leaves the editor with its form (and the message of the button that removed it).
  await expect(owner.getByTestId("menu-item").filter({ hasText: itemName }).getByTestId("option-group")).toHaveCount(0);
  await expect(owner.getByText(`Options of ${itemName} (none)`)).toBeVisible();

  await customer.goto("/cart");
  await expect(customer.getByTestId("cart-line")).toContainText("Not available now: Spinach. Choose again.");
  await expect(customer.getByRole("button", { name: "Review order" })).toBeDisabled();

  // Ordering the placed one again: the calzone comes back without the option the menu no longer has, named.
  await customer.goto(`/orders/${orderId}`);
  await customer.getByRole("button", { name: "Order again" }).click();
  // The cart still holds the calzone: "Order again" asks before it replaces what is there.
  await expect(
    customer.getByRole("alert").filter({ hasText: `Ordering #${orderId} again replaces it.` }),
  ).toBeVisible();
  await customer.getByRole("button", { name: "Replace my cart" }).click();
  await expect(customer).toHaveURL(new RegExp(`/cart(\\?reorder=${orderId})?$`));
  await expect(customer.getByText(`Options not available now, left out: Spinach (${itemName}).`)).toBeVisible();
  await expect(customer.getByTestId("cart-line")).toHaveCount(1);
  await expect(customer.getByTestId("cart-line")).toContainText("$11.00 each");
  await expect(customer.getByRole("button", { name: "Review order" })).toBeEnabled();
});

test("an item without options takes a note too, and the noted one is its own line", async ({ page, newCustomer }) => {
  await signInOverHttp(page.request, await newCustomer("nora"));
  await addToCart(page, "trattoria-luce", ["Bruschetta"]);
  await page.getByText("Add with a note for Bruschetta").click();
  const note = page.getByRole("form", { name: "Note for Bruschetta" });
  await note.getByLabel(/Special instructions/).fill("No garlic, please");
  await note.getByRole("button", { name: "Add Bruschetta with this note" }).click();
  await expect(note.getByText("Added Bruschetta to your cart.")).toBeVisible();

  await page.goto("/cart");
  const lines = page.getByTestId("cart-line");
  await expect(lines).toHaveCount(2);
  await expect(lines.nth(1)).toContainText("Note: No garlic, please");
  await expect(lines.nth(0)).not.toContainText("Note:");
});

test("choices and a note picked while the cart holds another restaurant's items are what 'Start a new cart' adds", async ({
  page,
  newCustomer,
}) => {
  await signInOverHttp(page.request, await newCustomer("rhea"));
  await addToCart(page, "sakura-house", ["Edamame"]);

  await page.goto("/r/trattoria-luce");
  const form = page.getByRole("form", { name: "Options for Tagliatelle al ragù" });
  await form.getByRole("radio", { name: /Large/ }).check();
  await form.getByRole("checkbox", { name: /Extra parmesan/ }).check();
  await form.getByLabel(/Special instructions/).fill("No salt");
  await form.getByRole("button", { name: "Add Tagliatelle al ragù to cart" }).click();
  await expect(form.getByText("Your cart has items from Sakura House.")).toBeVisible();
  // Still as the customer left them while they are asked.
  await expect(form.getByRole("radio", { name: /Large/ })).toBeChecked();
  await expect(form.getByLabel(/Special instructions/)).toHaveValue("No salt");
  await form.getByRole("button", { name: "Start a new cart" }).click();
  await expect(form.getByText("Added Tagliatelle al ragù to your cart.")).toBeVisible();

  await page.goto("/cart");
  const lines = page.getByTestId("cart-line");
  await expect(lines).toHaveCount(1);
  await expect(lines.first()).toContainText("Size: Large (+$2.00) · Extras: Extra parmesan (+$0.75)");
  await expect(lines.first()).toContainText("Note: No salt");
  await expect(lines.first()).toContainText("$17.25 each");
});

test("a group's unticked boxes are disabled once its largest number is ticked, and free again after the add", async ({
  pageAs,
  newCustomer,
  newRestaurant,
}, testInfo) => {
  const restaurant = await newRestaurant("toppings", []);
  const itemName = `Focaccia ${testInfo.project.name} ${Date.now()}`;
  const owner = await pageAs(restaurant.owner);
  await owner.goto(`/owner/${restaurant.slug}/menu`);
  const addForm = owner.getByRole("form", { name: "Add an item to Mains" });
  await addForm.getByLabel("Name").fill(itemName);
  await addForm.getByLabel("Price").fill("8.00");
  await addForm.getByRole("button", { name: "Add item" }).click();
  await expect(addForm.getByText(`Added ${itemName}.`)).toBeVisible();
  await owner.getByTestId("menu-item").filter({ hasText: itemName }).getByText(`Options of ${itemName} (none)`).click();
  const groupForm = owner.getByRole("form", { name: `Add an option group to ${itemName}` });
  await groupForm.getByLabel("Group name").fill("Toppings");
  await groupForm.getByLabel("Pick at least").fill("0");
  await groupForm.getByLabel("Pick at most").fill("2");
  await groupForm.getByLabel("Required").uncheck();
  await groupForm.getByLabel("Choices, one per line").fill("Olives\nRosemary\nOnion +0.50");
  await groupForm.getByRole("button", { name: "Add group" }).click();
  await expect(groupForm.getByText("Added Toppings.")).toBeVisible();

  const customer = await pageAs(await newCustomer("tess"));
  await customer.goto(`/r/${restaurant.slug}`);
  const form = customer.getByRole("form", { name: `Options for ${itemName}` });
  await expect(form.getByText("(choose up to 2)")).toBeVisible();
  await form.getByRole("checkbox", { name: "Olives" }).check();
  await form.getByRole("checkbox", { name: "Rosemary" }).check();
  // A third tick was allowed, and only the server's "Choose at most 2" after "Add" said it was one too many.
  await expect(form.getByRole("checkbox", { name: /Onion/ })).toBeDisabled();
  await form.getByRole("checkbox", { name: "Olives" }).uncheck();
  await expect(form.getByRole("checkbox", { name: /Onion/ })).toBeEnabled();
  await form.getByRole("checkbox", { name: /Onion/ }).check();
  await expect(form.getByRole("checkbox", { name: "Olives" })).toBeDisabled();
  await form.getByRole("button", { name: `Add ${itemName} to cart` }).click();
  await expect(form.getByText(`Added ${itemName} to your cart.`)).toBeVisible();
  // The form clears after the add, every box with it.
  for (const choice of ["Olives", "Rosemary", /Onion/]) {
    await expect(form.getByRole("checkbox", { name: choice })).not.toBeChecked();
    await expect(form.getByRole("checkbox", { name: choice })).toBeEnabled();
  }
  await customer.goto("/cart");
  await expect(customer.getByTestId("cart-line")).toContainText("Toppings: Rosemary, Onion (+$0.50)");
  await expect(customer.getByTestId("cart-line")).toContainText("$8.50 each");
});
