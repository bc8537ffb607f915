import { expect, test } from "./fixtures";

// A restaurant of the test's own (Asia/Tokyo), closed for three days: the demo restaurants stay open around the
// clock for the other specs, which order from them at any hour.
const ZONE = "Asia/Tokyo";
const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
const tokyoDay = (offsetDays: number) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: ZONE }).format(new Date(Date.now() + offsetDays * 86_400_000));

test("an owner sets hours and closed days; a customer sees when it opens and cannot check out before", async ({
  pageAs,
  newCustomer,
  newRestaurant,
}) => {
  // Dishes of its own name: the search spec counts the demo restaurants that serve, say, tonkotsu ramen.
  const restaurant = await newRestaurant("izakaya", [
    { name: "Izakaya plate", price: "6.00" },
    { name: "Izakaya bowl", price: "16.00" },
  ]);
  const page = await pageAs(restaurant.owner);
  await page.goto("/owner");
  await page.getByRole("region", { name: restaurant.name, exact: true }).getByRole("link", { name: "Hours" }).click();
  await expect(page).toHaveURL(new RegExp(`/owner/${restaurant.slug}/hours$`));
  await expect(page.getByTestId("query-stats")).toHaveText(/^2 queries · /);
  const form = page.getByRole("form", { name: `Opening hours of ${restaurant.name}` });
  const fillWeek = async (hours: string) => {
    for (const day of DAYS) await form.getByLabel(day[0]!.toUpperCase() + day.slice(1), { exact: true }).fill(hours);
  };

  // A mistake is explained next to its field and saves nothing.
  await form.getByLabel("Time zone").selectOption(ZONE);
  await fillWeek("09:00-17:00");
  await form.getByLabel("Monday").fill("09:00-09:00");
  await form.getByRole("button", { name: "Save hours" }).click();
  await expect(
    form.getByText("09:00-09:00 ends when it starts: give it some length (all day is 00:00-24:00)."),
  ).toBeVisible();
  await expect(form.getByLabel("Monday")).toHaveAttribute("aria-invalid", "true");

  // A closed day before today (Tokyo's, the zone chosen in this same form) is refused next to its field.
  await form.getByLabel("Monday").fill("09:00-17:00");
  const closedDays = form.getByLabel("Closed days");
  await closedDays.fill([-1, 0, 1].map(tokyoDay).join(", "));
  await form.getByRole("button", { name: "Save hours" }).click();
  await expect(
    form.getByText(`${tokyoDay(-1)} is in the past (today is ${tokyoDay(0)} in ${ZONE}): remove it.`),
  ).toBeVisible();
  await expect(closedDays).toHaveAttribute("aria-invalid", "true");

  // Nine to five, but closed today and tomorrow (Tokyo's days): it next opens the day after.
  await closedDays.fill([0, 1].map(tokyoDay).join(", "));
  await form.getByRole("button", { name: "Save hours" }).click();
  await expect(form.getByText("Opening hours saved.")).toBeVisible();
  await page.reload();
  await expect(closedDays).toHaveValue([0, 1].map(tokyoDay).join(", "));

  const weekday = (instant: Date) =>
    new Intl.DateTimeFormat("en-US", { weekday: "short", timeZone: ZONE }).format(instant);
  // The day after tomorrow: its weekday, on the 24-hour clock the hours are written in.
  const opensAt = `${weekday(new Date(`${tokyoDay(2)}T09:00:00+09:00`))} at 09:00`;
  // Read from another zone (the browser's is UTC), the restaurant's today is its weekday too, as "Opens" says it.
  const closedToday = `Closed ${weekday(new Date(`${tokyoDay(0)}T12:00:00+09:00`))}`;

  const customer = await pageAs(await newCustomer("hours"));
  await customer.goto(`/r/${restaurant.slug}`);
  await expect(customer.getByText("Closed", { exact: true })).toBeVisible();
  await expect(customer.getByTestId("opening-hours")).toHaveText(`${closedToday} · Opens ${opensAt} (${ZONE} time)`);
  await expect(customer.getByTestId("query-stats")).toHaveText(/^2 queries · /);
  for (const item of ["Izakaya plate", "Izakaya bowl"]) {
    await customer.getByRole("button", { name: `Add ${item} to cart` }).click();
    await expect(customer.getByText(`Added ${item} to your cart.`)).toBeVisible();
  }
  // The cart says so in checkout's words before anyone tries (checkout refuses too: opening-hours.test.ts).
  await customer.goto("/cart");
  await expect(
    customer.getByText(
      `${restaurant.name} is outside its opening hours. It opens ${opensAt} (${ZONE} time). Your cart is saved.`,
    ),
  ).toBeVisible();
  await expect(customer.getByRole("button", { name: "Review order" })).toBeDisabled();
  await customer.goto("/orders");
  await expect(customer.getByText(restaurant.name)).toHaveCount(0);

  // The home page's card says the same, and "open now" leaves it out.
  await customer.goto(`/?q=${encodeURIComponent(restaurant.name)}`);
  await expect(
    customer.getByRole("listitem").filter({ hasText: restaurant.name }).getByTestId("opening-hours"),
  ).toHaveText(`${closedToday} · Opens ${opensAt} (${ZONE} time)`);

  // Open around the clock until tomorrow's closed day: while open, the line says when it closes, on its own day.
  await fillWeek("00:00-24:00");
  await closedDays.fill(tokyoDay(1));
  await form.getByRole("button", { name: "Save hours" }).click();
  await expect(form.getByText("Opening hours saved.")).toBeVisible();
  const today = weekday(new Date(`${tokyoDay(0)}T12:00:00+09:00`));
  await customer.goto(`/r/${restaurant.slug}`);
  await expect(customer.getByText("Open now", { exact: true })).toBeVisible();
  await expect(customer.getByTestId("opening-hours")).toHaveText(
    `Open until ${today} at 24:00 · Open 24 hours ${today} (${ZONE} time)`,
  );
});
