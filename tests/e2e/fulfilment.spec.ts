import type { Page } from "@playwright/test";

import { addToCart, expect, signInOverHttp, test } from "./fixtures";

test("a customer saves an address, orders a delivery with a note from the review, and tracks it live with its fee", async ({
  page,
  newCustomer,
  pageAs,
}) => {
  await signInOverHttp(page.request, await newCustomer("dora"));

  await page.goto("/account");
  await page.getByLabel("Label").fill("Home");
  await page.getByRole("textbox", { name: "Delivery address" }).fill("42 Harbour Road, Old Town");
  await page.getByRole("button", { name: "Save address" }).click();
  await expect(page.getByText("Address saved.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Delivery addresses" })).toContainText("42 Harbour Road, Old Town");
  // Starting the next address takes the answer away: it was about the one before, not this one.
  await page.getByRole("form", { name: "Add an address" }).getByLabel("Label").fill("Work");
  await expect(page.getByText("Address saved.")).toHaveCount(0);
  // The profile lists it (in its one statement) and points back to where addresses are edited.
  await page.goto("/profile");
  const onProfile = page.getByRole("region", { name: "Delivery addresses" });
  await expect(onProfile).toContainText("Home");
  await expect(onProfile).toContainText("42 Harbour Road, Old Town");
  await expect(onProfile.getByRole("link", { name: "Add or edit addresses" })).toHaveAttribute(
    "href",
    "/account#addresses",
  );

  // Trattoria Luce delivers for $2.99 (demo data): a Bruschetta (6.50) and a Tagliatelle al ragù (14.50) made Large
  // (+2.00) with Extra parmesan (+0.75): 23.75 of items.
  await addToCart(page, "trattoria-luce", ["Bruschetta"]);
  const options = page.getByRole("form", { name: "Options for Tagliatelle al ragù" });
  await options.getByRole("radio", { name: /Large/ }).check();
  await options.getByRole("checkbox", { name: /Extra parmesan/ }).check();
  await options.getByRole("button", { name: "Add Tagliatelle al ragù to cart" }).click();
  await expect(options.getByText("Added Tagliatelle al ragù to your cart.")).toBeVisible();
  await page.goto("/cart");
  await page.getByRole("radio", { name: /Delivery/ }).check();
  await expect(page.getByRole("combobox", { name: "Delivery address" })).toHaveValue(/^\d+$/);
  await page.getByLabel("Note for the restaurant (optional)").fill("Ring twice, please");
  await page.getByRole("button", { name: "Review order" }).click();

  await expect(page).toHaveURL(/\/cart\/review\?/);
  await expect(page.getByRole("heading", { level: 1, name: "Review your order" })).toBeVisible();
  await expect(page.getByTestId("line-options")).toContainText(
    "Size: Large (+$2.00) · Extras: Extra parmesan (+$0.75)",
  );
  await expect(page.getByTestId("order-subtotal")).toHaveText("$23.75");
  await expect(page.getByTestId("order-delivery-fee")).toHaveText("$2.99");
  await expect(page.getByTestId("order-total")).toHaveText("$26.74");
  await expect(page.getByTestId("fulfilment-address")).toHaveText("42 Harbour Road, Old Town");
  await expect(page.getByTestId("order-note")).toHaveText("Ring twice, please");
  await page.getByRole("button", { name: "Place order" }).dblclick();

  await expect(page).toHaveURL(/\/orders\/\d+$/);
  const orderId = page.url().split("/").pop();
  await expect(page.getByRole("heading", { level: 1, name: `Order #${orderId}` })).toBeVisible();
  await expect(page.getByTestId("order-status")).toContainText("placed");
  await expect(page.getByTestId("line-options")).toContainText(
    "Size: Large (+$2.00) · Extras: Extra parmesan (+$0.75)",
  );
  await expect(page.getByTestId("order-subtotal")).toHaveText("$23.75");
  await expect(page.getByTestId("order-delivery-fee")).toHaveText("$2.99");
  await expect(page.getByTestId("order-total")).toHaveText("$26.74");
  await expect(page.getByRole("heading", { name: "Delivery" })).toBeVisible();
  await expect(page.getByTestId("fulfilment-address")).toHaveText("42 Harbour Road, Old Town");
  await expect(page.getByTestId("order-note")).toHaveText("Ring twice, please");

  // The owner's queue says where it goes and what the customer asked.
  const owner = await pageAs("owner");
  await owner.goto("/owner/trattoria-luce/orders");
  const card = owner.getByRole("article", { name: `Order #${orderId}`, exact: true });
  await expect(card.getByTestId("order-fulfilment")).toHaveText("Delivery to 42 Harbour Road, Old Town");
  await expect(card.getByText("Note: Ring twice, please")).toBeVisible();
  // Its lines and the fee add up to the total the card shows.
  await expect(card.getByTestId("delivery-fee")).toHaveText(/^Delivery fee\s*\$2\.99$/);
  await expect(card).toContainText("$26.74");
  // The customer's tracking page, still open, follows the kitchen without a reload.
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-mode", "live");
  await card.getByRole("button", { name: "Mark preparing" }).click();
  await expect(page.getByTestId("order-status")).toContainText("preparing", { timeout: 3_000 });
  await expect(page.getByTestId("order-total")).toHaveText("$26.74");
  // So does its kitchen ticket.
  await owner.goto(`/owner/trattoria-luce/orders/${orderId}/ticket`);
  await expect(owner.getByTestId("ticket-delivery-fee")).toHaveText(/^Delivery fee\s*\$2\.99$/);
  await expect(owner.getByTestId("kitchen-ticket")).toContainText("$26.74");

  // One order despite the double click, and the total purchase includes the fee.
  await page.goto("/orders");
  await expect(page.getByTestId("history").getByRole("listitem")).toHaveCount(1);
  await page.goto("/profile");
  await expect(page.getByTestId("total-purchase")).toHaveText("$26.74");
  await expect(page.getByText("Total purchase includes delivery fees.")).toBeVisible();

  // A new flat number: the address is edited in place, and the order placed keeps the text it went to.
  await page.goto("/account");
  await page.getByText("Edit address Home").click();
  const edit = page.getByRole("form", { name: "Edit address Home" });
  await edit.getByRole("textbox", { name: "Delivery address" }).fill("42 Harbour Road, Flat 3, Old Town");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByText("Address updated.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Delivery addresses" })).toContainText(
    "42 Harbour Road, Flat 3, Old Town",
  );
  await page.goto(`/orders/${orderId}`);
  await expect(page.getByTestId("fulfilment-address")).toHaveText("42 Harbour Road, Old Town");

  // Sakura House's minimum is $15.00 of items: the review says what is missing and offers no order.
  await addToCart(page, "sakura-house", ["Edamame"]);
  await page.goto("/cart");
  // The cart says what is missing already, as the review does.
  await expect(
    page.getByText("Minimum order: $15.00 of items (fees not included). Add $10.50 more to order."),
  ).toBeVisible();
  await page.getByRole("button", { name: "Review order" }).click();
  await expect(
    page.getByText(
      "$15.00 is the minimum order here (fees not included): your items come to $4.50. Add $10.50 more to order.",
    ),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Place order" })).toBeDisabled();
});

test("back from the review, the cart still has the delivery, the address and the note the customer chose", async ({
  page,
  newCustomer,
}) => {
  await signInOverHttp(page.request, await newCustomer("bea"));
  await page.goto("/account");
  // The form that adds an address says so in a heading, which also names it.
  const add = page.getByRole("form", { name: "Add an address" });
  await expect(add.getByRole("heading", { level: 3, name: "Add an address" })).toBeVisible();
  for (const [label, address] of [
    ["Home", "1 Quay Street"],
    ["Work", "9 Mill Lane, Floor 2"],
  ] as const) {
    await add.getByLabel("Label").fill(label);
    await add.getByRole("textbox", { name: "Delivery address" }).fill(address);
    await add.getByRole("button", { name: "Save address" }).click();
    await expect(page.getByRole("region", { name: "Delivery addresses" })).toContainText(address);
  }

  // Trattoria Luce offers pickup (what the cart preselects) and delivery; Home is the default address.
  await addToCart(page, "trattoria-luce", ["Bruschetta"]);
  await page.goto("/cart");
  await expect(page.getByRole("radio", { name: "Pickup at the restaurant" })).toBeChecked();
  await page.getByRole("radio", { name: /Delivery/ }).check();
  await page.getByRole("combobox", { name: "Delivery address" }).selectOption({ label: "Work: 9 Mill Lane, Floor 2" });
  const note = "Ring twice & leave it by the blue door #3";
  await page.getByLabel("Note for the restaurant (optional)").fill(note);
  await page.getByRole("button", { name: "Review order" }).click();
  await expect(page.getByTestId("fulfilment-address")).toHaveText("9 Mill Lane, Floor 2");

  await page.getByRole("link", { name: "← Back to your cart" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your cart" })).toBeVisible();
  await expect(page.getByRole("radio", { name: /Delivery/ })).toBeChecked();
  await expect(page.getByRole("radio", { name: "Pickup at the restaurant" })).not.toBeChecked();
  await expect(page.getByRole("combobox", { name: "Delivery address" }).locator("option:checked")).toHaveText(
    "Work: 9 Mill Lane, Floor 2",
  );
  await expect(page.getByLabel("Note for the restaurant (optional)")).toHaveValue(note);
  // Reviewed again as it stands, the order is the same one.
  await page.getByRole("button", { name: "Review order" }).click();
  await expect(page.getByTestId("fulfilment-address")).toHaveText("9 Mill Lane, Floor 2");
  await expect(page.getByTestId("order-note")).toHaveText(note);
  await expect(page.getByTestId("order-delivery-fee")).toHaveText("$2.99");

  // Work deleted in another tab before "Place order": the review says so (it was a 404 page), and nothing is placed.
  const other = await page.context().newPage();
  await other.goto("/account");
  other.once("dialog", (dialog) => void dialog.accept());
  await other.getByRole("button", { name: "Delete address Work" }).click();
  await expect(other.getByRole("region", { name: "Delivery addresses" })).not.toContainText("9 Mill Lane");
  await other.close();
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "That delivery address is no longer saved. Choose another one." }),
  ).toBeVisible();
  await page.getByRole("link", { name: "← Back to your cart" }).click();
  await expect(page.getByRole("radio", { name: /Delivery/ })).toBeChecked();
  await expect(page.getByRole("combobox", { name: "Delivery address" }).locator("option:checked")).toHaveText(
    "Home: 1 Quay Street",
  );
  await expect(page.getByLabel("Note for the restaurant (optional)")).toHaveValue(note);
});

test("a delivery reviewed without a saved address says so, and the address book leads back with the note kept", async ({
  page,
  newCustomer,
}) => {
  await signInOverHttp(page.request, await newCustomer("nadia"));
  await addToCart(page, "trattoria-luce", ["Bruschetta"]);
  await page.goto("/cart/review?fulfilment=delivery&note=Gate+code+1234");
  const alert = page.getByRole("alert").filter({ hasText: "delivery address" });
  await expect(alert).toContainText("Choose a delivery address, or add one on your account page.");
  await expect(alert.getByRole("link", { name: "Add an address" })).toHaveAttribute(
    "href",
    "/account?fulfilment=delivery&note=Gate+code+1234#addresses",
  );
  // "Deliver to" with nothing under it read as a page that failed to load part of itself.
  await expect(page.getByTestId("fulfilment-address")).toHaveText("No address chosen yet");
  await expect(page.getByRole("button", { name: "Place order" })).toBeDisabled();

  // From the cart too: the note typed so far goes along to the account page, and comes back with its link.
  await page.goto("/cart");
  const note = page.getByLabel("Note for the restaurant (optional)");
  await note.fill("Gate code 1234, second floor");
  await page.getByRole("link", { name: "save an address on your account page" }).click();
  await expect(page).toHaveURL(/\/account\?.*#addresses$/);
  await page.getByLabel("Label").fill("Home");
  await page.getByRole("textbox", { name: "Delivery address" }).fill("7 Quay Street");
  await page.getByRole("button", { name: "Save address" }).click();
  await expect(page.getByText("Address saved.")).toBeVisible();
  await page.getByRole("link", { name: "← Back to your cart" }).click();
  await expect(page.getByRole("radio", { name: /Delivery/ })).toBeChecked();
  await expect(page.getByRole("combobox", { name: "Delivery address" })).toContainText("Home: 7 Quay Street");
  await expect(note).toHaveValue("Gate code 1234, second floor");

  // Opened any other way, the account page has no way back to a cart.
  await page.goto("/account");
  await expect(page.getByRole("region", { name: "Delivery addresses" })).toContainText("7 Quay Street");
  await expect(page.getByRole("link", { name: "← Back to your cart" })).toHaveCount(0);
});

test("an owner sets what the restaurant offers, its delivery fee and its minimum order", async ({
  pageAs,
  newRestaurant,
}) => {
  // A restaurant of the test's own: the demo ones keep the offers other specs order under.
  const restaurant = await newRestaurant("bistro", [{ name: "Bistro plate", price: "9.00" }]);
  const page = await pageAs(restaurant.owner);
  await page.goto("/owner");
  const region = page.getByRole("region", { name: restaurant.name, exact: true });
  const form = page.getByRole("form", { name: `Details of ${restaurant.name}` });
  await region.getByText("Edit details").click();
  await form.getByLabel("Delivered").check();
  await form.getByLabel("Delivery fee ($)").fill("3.5");
  await form.getByLabel("Minimum order ($, items only)").fill("12");
  await form.getByRole("button", { name: "Save details" }).click();
  await expect(form.getByText("Saved.")).toBeVisible();
  await page.reload();
  await region.getByText("Edit details").click();
  await expect(form.getByLabel("Delivered")).toBeChecked();
  await expect(form.getByLabel("Delivery fee ($)")).toHaveValue("3.50");
  await expect(form.getByLabel("Minimum order ($, items only)")).toHaveValue("12.00");

  // Offering nothing is refused next to the checkboxes, and nothing is saved.
  await form.getByLabel("Picked up").uncheck();
  await form.getByLabel("Delivered").uncheck();
  await form.getByRole("button", { name: "Save details" }).click();
  await expect(form.getByText("Offer pickup, delivery or both.")).toBeVisible();
  await page.reload();
  await region.getByText("Edit details").click();
  await expect(form.getByLabel("Picked up")).toBeChecked();
});

test("a restaurant that closes or raises its minimum between the review and Place order is refused once, with the note kept", async ({
  page,
  newCustomer,
  pageAs,
  newRestaurant,
}) => {
  const restaurant = await newRestaurant("closer", [{ name: "Closer stew", price: "8.00" }]);
  await signInOverHttp(page.request, await newCustomer("cleo"));
  await page.goto(`/r/${restaurant.slug}`);
  await page.getByRole("button", { name: "Add Closer stew to cart" }).click();
  await expect(page.getByText("Added Closer stew to your cart.")).toBeVisible();
  await page.goto("/cart");
  await page.getByLabel("Note for the restaurant (optional)").fill("No cutlery");
  await page.getByRole("button", { name: "Review order" }).click();
  await expect(page.getByTestId("order-note")).toHaveText("No cutlery");

  // The owner raises the minimum, then closes, while the review is open. Each change from a fresh page: the
  // "Saved." of the one before would otherwise pass for the next one's.
  const owner = await pageAs(restaurant.owner);
  const details = owner.getByRole("form", { name: `Details of ${restaurant.name}` });
  const saveDetails = async (change: () => Promise<void>) => {
    await owner.goto("/owner");
    await owner.getByRole("region", { name: restaurant.name, exact: true }).getByText("Edit details").click();
    await change();
    await details.getByRole("button", { name: "Save details" }).click();
    await expect(details.getByText("Saved.")).toBeVisible();
  };
  await saveDetails(() => details.getByLabel("Minimum order ($, items only)").fill("10"));

  const minimum =
    "$10.00 is the minimum order here (fees not included): your items come to $8.00. Add $2.00 more to order.";
  await page.getByRole("button", { name: "Place order" }).click();
  // Said once, by the refreshed review: the form's answer no longer repeats it underneath.
  await expect(page.getByRole("alert").filter({ hasText: minimum })).toBeVisible();
  await expect(page.getByText(minimum)).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Place order" })).toBeDisabled();

  await saveDetails(() => details.getByLabel("Minimum order ($, items only)").fill("0"));
  await page.reload();
  await expect(page.getByRole("button", { name: "Place order" })).toBeEnabled();
  await saveDetails(() => details.getByLabel("Open for orders").uncheck());
  await page.getByRole("button", { name: "Place order" }).click();
  const closed = `${restaurant.name} is closed right now. Your cart is saved.`;
  await expect(page.getByRole("alert").filter({ hasText: closed })).toBeVisible();
  await expect(page.getByText(closed)).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Place order" })).toBeDisabled();
  await expect(page.getByTestId("order-note")).toHaveText("No cutlery");
});

test("the address book answers where the focus is, and an edit of an address deleted in another tab says it was not kept", async ({
  page,
  newCustomer,
}) => {
  await signInOverHttp(page.request, await newCustomer("kim"));
  await page.goto("/account");
  const add = page.getByRole("form", { name: "Add an address" });
  for (const [label, address] of [
    ["Home", "3 Birch Road"],
    ["Work", "8 Kiln Yard"],
  ] as const) {
    await add.getByLabel("Label").fill(label);
    await add.getByRole("textbox", { name: "Delivery address" }).fill(address);
    await add.getByRole("button", { name: "Save address" }).click();
    await expect(page.getByRole("region", { name: "Delivery addresses" })).toContainText(address);
  }

  // With the keyboard: the pressed button leaves the page with the refresh, and the focus lands on the answer.
  await page.getByRole("button", { name: "Make Work the default address" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Default address changed." })).toBeFocused();
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Delete address Work" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Address deleted." })).toBeFocused();
  await expect(page.getByRole("region", { name: "Delivery addresses" })).not.toContainText("8 Kiln Yard");

  // Home deleted in another tab while this one edits it: the row goes, and the answer says the edit was not kept.
  await page.getByText("Edit address Home").click();
  const edit = page.getByRole("form", { name: "Edit address Home" });
  await edit.getByRole("textbox", { name: "Delivery address" }).fill("3 Birch Road, Flat 9");
  const other = await page.context().newPage();
  await other.goto("/account");
  other.once("dialog", (dialog) => void dialog.accept());
  await other.getByRole("button", { name: "Delete address Home" }).click();
  await expect(other.getByRole("region", { name: "Delivery addresses" })).not.toContainText("3 Birch Road");
  await other.close();
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByTestId("kept-notice")).toHaveText(
    "That address is no longer saved (deleted in another tab?), so your changes were not kept. Add it again below.",
  );
  await expect(page.getByRole("region", { name: "Delivery addresses" })).not.toContainText("3 Birch Road");
});

/** A pickup review of one Bruschetta open in `page`, and the same customer's cart in a second tab, returned. */
async function reviewBesideASecondTab(page: Page): Promise<Page> {
  await addToCart(page, "trattoria-luce", ["Bruschetta"]);
  await page.goto("/cart/review?fulfilment=pickup&note=");
  const other = await page.context().newPage();
  await other.goto("/cart");
  return other;
}

test("Place order on a cart emptied in another tab says that nothing was ordered, over the empty cart", async ({
  page,
  newCustomer,
}) => {
  await signInOverHttp(page.request, await newCustomer("emil"));
  const other = await reviewBesideASecondTab(page);
  await other.getByRole("button", { name: "Remove Bruschetta" }).click();
  await expect(other.getByRole("heading", { level: 1, name: "Your cart is empty" })).toBeVisible();
  await other.close();

  await page.getByRole("button", { name: "Place order" }).click();
  // The empty cart alone read like the order had gone through.
  await expect(page.getByRole("heading", { level: 1, name: "Your cart is empty" })).toBeVisible();
  await expect(page.getByTestId("kept-notice")).toHaveText(
    "Nothing was ordered: your cart is empty now (emptied in another tab?).",
  );
  await page.goto("/orders");
  await expect(page.getByTestId("history").getByRole("listitem")).toHaveCount(0);
});

test("Place order refused for a cart changed in another tab gives the keyboard's focus back to the button", async ({
  page,
  newCustomer,
}) => {
  await signInOverHttp(page.request, await newCustomer("fern"));
  const other = await reviewBesideASecondTab(page);
  await other.getByLabel("Quantity of Bruschetta").fill("2");
  await other.getByRole("button", { name: "Update" }).click();
  await expect(other.getByText("Quantity updated.")).toBeVisible();
  await other.close();

  const place = page.getByRole("button", { name: "Place order" });
  await place.focus();
  await page.keyboard.press("Enter");
  await expect(
    page.getByText("Your cart changed since you reviewed it (in another tab?).", { exact: false }),
  ).toBeVisible();
  await expect(page.getByTestId("order-total")).toHaveText("$13.00");
  // The button was disabled while the answer came: without this, the focus was left on the page itself.
  await expect(place).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/orders\/\d+$/);
});
