import { calendarDay, formatDateTime } from "@/lib/dates";

import { expect, placeOrder, test } from "./fixtures";

/*
 * Olivia, the demo owner of Trattoria Luce, with her queue open while a new customer orders: the alert names the
 * order, the tab's title counts it, the chime plays once she has switched the sound on, and a system notification
 * appears once she has allowed them. Then the order's kitchen ticket, printed, and her past orders, searched.
 * Browser features the test cannot observe directly are recorded by stand-ins installed before the page's scripts:
 * Notification (permission "default" until asked), AudioContext (counts the chime's notes) and window.print.
 */

type Recorded = { notifications: string[]; notes: number; prints: number };

test.use({ signedInAs: "owner" });

test("an owner sees a new order announced, counted in the tab title, chimed and notified, until marked as seen", async ({
  page,
  pageAs,
  newCustomer,
}) => {
  await page.addInitScript(() => {
    const recorded: Recorded = { notifications: [], notes: 0, prints: 0 };
    (window as unknown as { recorded: Recorded }).recorded = recorded;
    // Granted stays granted across the tab's pages, as in a browser.
    class RecordedNotification {
      static get permission(): NotificationPermission {
        return sessionStorage.getItem("test:notification-permission") === "granted" ? "granted" : "default";
      }
      static async requestPermission() {
        sessionStorage.setItem("test:notification-permission", "granted");
        return "granted" as const;
      }
      constructor(title: string, options?: NotificationOptions) {
        recorded.notifications.push(`${title} | ${options?.body ?? ""}`);
      }
    }
    Object.defineProperty(window, "Notification", { value: RecordedNotification, configurable: true });
    const Context = window.AudioContext;
    class CountingContext extends Context {
      override createOscillator() {
        recorded.notes++;
        return super.createOscillator();
      }
    }
    Object.defineProperty(window, "AudioContext", { value: CountingContext, configurable: true });
  });
  const recorded = () => page.evaluate(() => (window as unknown as { recorded: Recorded }).recorded);

  await page.goto("/owner/trattoria-luce/orders");
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-mode", "live");
  await expect(page).toHaveTitle("Order queue · Trattoria Luce · Platter");
  const alert = page.getByTestId("new-order-alert");
  await expect(alert).toHaveAttribute("role", "status");
  await expect(alert).toHaveText("");

  // The sound is off until she switches it on, and stays on across visits (localStorage).
  const sound = page.getByRole("button", { name: /^Sound for new orders/ });
  await expect(sound).toHaveAttribute("aria-pressed", "false");
  await sound.click();
  await expect(sound).toHaveAttribute("aria-pressed", "true");
  await expect(sound).toHaveText("Sound for new orders: on");
  await page.reload();
  await expect(sound).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-mode", "live");
  // The next morning, in a new tab nobody has clicked yet, a browser holds sound back (headless Chromium here does
  // not, so a stand-in keeps the context suspended until the page resumes it): the page says so, and the first
  // click anywhere resumes it.
  const morning = await page.context().newPage();
  await morning.addInitScript(() => {
    class HeldContext extends window.AudioContext {
      #held = true;
      override get state(): AudioContextState {
        return this.#held ? "suspended" : super.state;
      }
      override async resume() {
        this.#held = false;
        this.dispatchEvent(new Event("statechange"));
        return super.resume();
      }
    }
    Object.defineProperty(window, "AudioContext", { value: HeldContext, configurable: true });
  });
  await morning.goto("/owner/trattoria-luce/orders");
  const blocked = morning.getByTestId("sound-blocked");
  await expect(blocked).toHaveText("Your browser plays the sound only once you click or press a key on this page.");
  await morning.getByRole("heading", { level: 1 }).click();
  await expect(blocked).toHaveCount(0);
  await morning.close();
  // Back on the first tab, as she would be: a tab left in the background is throttled by the browser.
  await page.bringToFront();

  // Nothing is asked on load; the button asks.
  expect((await recorded()).notifications).toEqual([]);
  await page.getByRole("button", { name: "Allow desktop notifications" }).click();
  await expect(page.getByText("Desktop notifications are on.")).toBeVisible();

  const account = await newCustomer("alerts");
  const customer = await pageAs(account);
  const orderId = await placeOrder(customer, "trattoria-luce", ["Bruschetta"]);

  await expect(page.getByTestId("new-order-alert")).toContainText(`#${orderId} from ${account.name}`, {
    timeout: 5_000,
  });
  await expect(alert).toHaveAttribute("aria-live", "polite");
  await expect(page).toHaveTitle(/^\(\d+\) Order queue · Trattoria Luce · Platter$/);
  await expect
    .poll(async () => (await recorded()).notifications)
    .toContain(`New order #${orderId} | ${account.name} · Trattoria Luce`);
  await expect.poll(async () => (await recorded()).notes).toBeGreaterThan(0);
  await expect(page.getByRole("article", { name: `Order #${orderId}`, exact: true })).toBeVisible();

  // Coming back to the tab counts as looking: the title loses its count, the alert stays until marked as seen.
  const setVisibility = (state: DocumentVisibilityState) =>
    page.evaluate((value) => {
      Object.defineProperty(document, "visibilityState", { value, configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
    }, state);
  await setVisibility("hidden");
  await setVisibility("visible");
  await expect(page).toHaveTitle("Order queue · Trattoria Luce · Platter");
  await expect(alert).toContainText(`#${orderId} from ${account.name}`);

  // The next order while she is away counts again.
  await setVisibility("hidden");
  const next = await placeOrder(customer, "trattoria-luce", ["Tiramisù"]);
  await expect(alert).toContainText(`#${next} from ${account.name}`, { timeout: 5_000 });
  await expect(page).toHaveTitle(/^\(\d+\) Order queue · Trattoria Luce · Platter$/);

  // Seen: the count leaves the title, the alert empties. By keyboard, the focus goes on to the next control, not
  // back to the top of the page with the button it was on.
  await page.getByRole("button", { name: "Mark as seen" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: /^Sound for new orders/ })).toBeFocused();
  await expect(page).toHaveTitle("Order queue · Trattoria Luce · Platter");
  await expect(page.getByTestId("new-order-alert")).toHaveText("");

  // An order that arrives while she is on another page of the tab (a kitchen ticket) is new when she comes back,
  // and announced then, once: a reload shows it still unseen but does not notify again.
  await page.goto(`/owner/trattoria-luce/orders/${next}/ticket`);
  const third = await placeOrder(customer, "trattoria-luce", ["Bruschetta"]);
  await page.goto("/owner/trattoria-luce/orders");
  await expect(alert).toHaveText(`New order: #${third} from ${account.name}.`);
  await expect
    .poll(async () => (await recorded()).notifications)
    .toEqual([`New order #${third} | ${account.name} · Trattoria Luce`]);
  await page.reload();
  await expect(alert).toHaveText(`New order: #${third} from ${account.name}.`);
  expect((await recorded()).notifications).toEqual([]);
  await page.getByRole("button", { name: "Mark as seen" }).click();
  await expect(alert).toHaveText("");
  await page.reload();
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-mode", "live");
  await expect(alert).toHaveText("");
});

test("an owner opens an order's kitchen ticket and prints it; on paper only the ticket shows", async ({
  page,
  pageAs,
  newCustomer,
}) => {
  await page.addInitScript(() => {
    (window as unknown as { prints: number }).prints = 0;
    window.print = () => {
      (window as unknown as { prints: number }).prints++;
    };
  });
  const account = await newCustomer("ticket");
  const orderId = await placeOrder(await pageAs(account), "trattoria-luce", ["Bruschetta", "Bruschetta", "Tiramisù"]);

  await page.goto("/owner/trattoria-luce/orders");
  const card = page.getByRole("article", { name: `Order #${orderId}`, exact: true });
  await card.getByRole("link", { name: `Kitchen ticket for order #${orderId}` }).click();
  await expect(page).toHaveURL(new RegExp(`/owner/trattoria-luce/orders/${orderId}/ticket$`));
  const ticket = page.getByRole("article", { name: `Order #${orderId}` });
  await expect(ticket.getByRole("heading", { level: 1 })).toHaveText(`Order #${orderId}`);
  await expect(ticket).toContainText(account.name);
  await expect(ticket).toContainText("Status: placed");
  await expect(ticket.getByTestId("ticket-fulfilment")).toHaveText("PICKUP");
  await expect(ticket.getByRole("row", { name: /Bruschetta/ })).toContainText("2×");
  await expect(ticket.getByRole("row", { name: /Tiramisù/ })).toContainText("1×");
  await expect(ticket.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}T/);
  await expect(page.getByTestId("query-stats")).toHaveText(/^2 queries · /);

  await page.getByRole("button", { name: "Print ticket" }).click();
  expect(await page.evaluate(() => (window as unknown as { prints: number }).prints)).toBe(1);

  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("banner")).toBeHidden();
  await expect(page.getByRole("button", { name: "Print ticket" })).toBeHidden();
  await expect(ticket).toBeVisible();
  // Black on white, and no wider than an 80 mm roll's printable width (72 mm at 96 px per inch: 272 px).
  expect(await ticket.evaluate((el) => getComputedStyle(el).color)).toBe("rgb(0, 0, 0)");
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(255, 255, 255)");
  expect((await ticket.boundingBox())!.width).toBeLessThanOrEqual(273);
  await page.emulateMedia({ media: "screen" });
});

test("an owner searches past orders by customer and number, filters by status, pages back, and gets bad dates explained", async ({
  page,
  pageAs,
  newCustomer,
}) => {
  const account = await newCustomer("history");
  const customer = await pageAs(account);
  const first = await placeOrder(customer, "trattoria-luce", ["Bruschetta"]);
  const second = await placeOrder(customer, "trattoria-luce", ["Tiramisù"]);

  await page.goto("/owner/trattoria-luce/past-orders");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Past orders");
  await expect(page.getByRole("link", { name: "Past orders" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("query-stats")).toHaveText(/^2 queries · /);
  await expect(page.getByTestId("past-orders-days")).toHaveText(
    "Newest first. Dates are whole days in the restaurant's time zone, Europe/Rome.",
  );

  const form = page.getByRole("form", { name: "Find past orders" });
  await form.getByLabel("Order number or customer").fill(account.name);
  await form.getByRole("button", { name: "Search" }).click();
  const rows = page.getByTestId("past-order");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText(`Order #${second}`);
  await expect(rows.nth(1)).toContainText(`Order #${first}`);
  for (const row of await rows.all()) await expect(row).toContainText(account.name);

  await form.getByLabel("Order number or customer").fill(`#${first}`);
  await form.getByRole("button", { name: "Search" }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Bruschetta");

  // Status filter: her orders are placed, not completed.
  await form.getByLabel("Order number or customer").fill(account.name);
  await form.getByLabel("Status").selectOption("completed");
  await form.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No orders match.")).toBeVisible();

  // Every demo order, a page at a time: no order on two pages.
  await page.goto("/owner/trattoria-luce/past-orders");
  const seen = new Set<string>();
  let pages = 0;
  while (pages++ < 3) {
    const headings = await rows.getByRole("heading", { level: 2 }).allTextContents();
    expect(headings.length).toBeGreaterThan(0);
    for (const heading of headings) {
      expect(seen.has(heading), `${heading} on two pages`).toBe(false);
      seen.add(heading);
    }
    const older = page.getByRole("link", { name: "Older orders →" });
    if ((await older.count()) === 0) break;
    await older.click();
    await expect(page.getByRole("link", { name: "← Newest orders" })).toBeVisible();
    // From the second page on, "← Newest orders" was there already: wait for the next page's own first order, or
    // the loop read the page it left again and found its orders "on two pages".
    await expect(rows.first().getByRole("heading", { level: 2 })).not.toHaveText(headings[0]!);
  }
  expect(pages, "the demo restaurant has more than one page of orders").toBeGreaterThan(1);

  // Reversed dates beside a name: explained next to the field, not a 500, and nothing listed meanwhile (every
  // order under the name still in its box read as that customer's).
  const bad = await page.goto("/owner/trattoria-luce/past-orders?q=Dan&from=2026-12-01&to=2026-11-01");
  expect(bad?.status()).toBe(200);
  await expect(page.getByText("The start date must not be after the end date.")).toBeVisible();
  await expect(form.getByLabel("To", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("alert").filter({ hasText: "Please correct the highlighted filters." })).toBeVisible();
  await expect(page.getByTestId("past-order")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Older orders →" })).toHaveCount(0);
});

test("an owner picks a sales date range; a reversed or too long one is explained", async ({ page }) => {
  await page.goto("/owner/trattoria-luce/sales?from=2026-01-01&to=2026-01-10");
  await expect(page.getByTestId("sales-summary")).toContainText("2026-01-01 to 2026-01-10 (Europe/Rome)");
  await expect(page.getByRole("table", { name: /Revenue and orders per day/ }).getByRole("row")).toHaveCount(12);
  await expect(page.getByTestId("query-stats")).toHaveText(/^2 queries · /);

  const form = page.getByRole("form", { name: "Sales dates" });
  await form.getByLabel("From").fill("2026-03-10");
  await form.getByLabel("To").fill("2026-03-01");
  await form.getByRole("button", { name: "Show" }).click();
  await expect(page.getByText("The start date must not be after the end date.")).toBeVisible();
  // Refused, not answered with other days: no report of the last 30 days under the fields' refusal.
  await expect(page.getByRole("alert").filter({ hasText: "Please correct the highlighted filters." })).toBeVisible();
  await expect(page.getByTestId("sales-summary")).toHaveCount(0);
  await expect(page.getByTestId("sales-chart")).toHaveCount(0);

  const long = await page.goto("/owner/trattoria-luce/sales?from=2020-01-01&to=2026-01-01");
  expect(long?.status()).toBe(200);
  await expect(page.getByText("Choose at most 366 days.")).toBeVisible();
});

test("tickets and past orders are for the restaurant's owners only", async ({
  page,
  pageAs,
  newContext,
  newCustomer,
}) => {
  const account = await newCustomer("matrix");
  const orderId = await placeOrder(await pageAs(account), "trattoria-luce", ["Bruschetta"]);
  const ticket = `/owner/trattoria-luce/orders/${orderId}/ticket`;
  expect((await page.goto(ticket))?.status()).toBe(200);
  // Olivia does not own Taqueria Sol: neither its past orders nor this order through its name.
  expect((await page.goto("/owner/taqueria-sol/past-orders"))?.status()).toBe(404);
  expect((await page.goto(`/owner/taqueria-sol/orders/${orderId}/ticket`))?.status()).toBe(404);
  expect((await page.goto("/owner/trattoria-luce/orders/2147483647/ticket"))?.status()).toBe(404);

  // The customer who placed it, another customer, an admin who owns nothing: 404.
  for (const who of [account, "customer", "admin"] as const) {
    const other = await pageAs(who);
    expect((await other.goto(ticket))?.status(), `${typeof who === "string" ? who : "the order's customer"}`).toBe(404);
    expect((await other.goto("/owner/trattoria-luce/past-orders"))?.status()).toBe(404);
  }

  // Anonymous visitors are sent to sign in, and back.
  // (An empty storageState: the runner would otherwise give the new context the test's signed-in owner.)
  const anonymous = await (await newContext({ storageState: { cookies: [], origins: [] } })).newPage();
  await anonymous.goto(ticket);
  await expect(anonymous).toHaveURL(/\/sign-in\?callbackUrl=/);
  expect(decodeURIComponent(new URL(anonymous.url()).searchParams.get("callbackUrl")!)).toBe(ticket);
});

test.describe("with her browser in New York", () => {
  test.use({ timezoneId: "America/New_York" });

  test("an owner sees a Tokyo restaurant's order times in Tokyo's time: queue, ticket and past orders", async ({
    page,
    pageAs,
    newCustomer,
  }) => {
    const account = await newCustomer("tokyo-time");
    const orderId = await placeOrder(await pageAs(account), "sakura-house", ["Tonkotsu ramen", "Tonkotsu ramen"]);

    await page.goto("/owner/sakura-house/orders");
    const placed = page.getByRole("article", { name: `Order #${orderId}`, exact: true }).locator("time");
    // Sakura House is in Asia/Tokyo (GMT+9 all year); New York is GMT-5 or GMT-4, never +9.
    await expect(placed).toContainText("GMT+9");
    const at = new Date((await placed.getAttribute("datetime"))!);
    const tokyoTime = formatDateTime(at, "Asia/Tokyo");
    await expect(placed).toHaveText(tokyoTime);
    // The server knew the viewer was in New York (the zone cookie, decision 0013) and still said Tokyo's time.
    const cookie = (await page.context().cookies()).find((c) => c.name === "platter_tz");
    expect(decodeURIComponent(cookie?.value ?? "")).toBe("America/New_York");
    await expect(page.getByTestId("query-stats")).toHaveText(/^2 queries · /);

    // The kitchen ticket, printed in New York for a kitchen in Tokyo.
    await page.getByRole("link", { name: `Kitchen ticket for order #${orderId}` }).click();
    await expect(page.getByRole("article", { name: `Order #${orderId}` }).locator("time")).toHaveText(tokyoTime);
    await expect(page.getByTestId("query-stats")).toHaveText(/^2 queries · /);

    // Past orders filtered by the order's Tokyo day list it under that day's date.
    const day = calendarDay(at, "Asia/Tokyo");
    const filter = new URLSearchParams({ q: account.name, from: day, to: day });
    await page.goto(`/owner/sakura-house/past-orders?${filter}`);
    await expect(page.getByTestId("past-orders-days")).toHaveText(
      "Newest first. Dates are whole days in the restaurant's time zone, Asia/Tokyo.",
    );
    const rows = page.getByTestId("past-order");
    await expect(rows).toHaveCount(1);
    await expect(rows.first().getByRole("heading", { level: 2 })).toHaveText(`Order #${orderId}`);
    await expect(rows.first().locator("time")).toHaveText(tokyoTime);
  });
});
