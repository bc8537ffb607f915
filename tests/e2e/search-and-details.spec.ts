import { expect, signInOverHttp, test } from "./fixtures";

/** Issue 11: search that finds food, and the rough edges a new customer hit. Demo data (db/seed/restaurants.ts). */

test("the home page's search finds restaurants by their dishes, with typos and without accents", async ({ page }) => {
  const search = async (q: string) => {
    await page.goto("/");
    await page.getByRole("searchbox", { name: "Search restaurants and dishes" }).fill(q);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("heading", { name: `Restaurants matching “${q}”` })).toBeVisible();
    return page.getByRole("region", { name: `Restaurants matching “${q}”` });
  };
  await expect((await search("sushi")).getByRole("link", { name: "Sakura House" })).toBeVisible();
  await expect((await search("pasta")).getByRole("link", { name: "Trattoria Luce" })).toBeVisible();
  await expect((await search("pho")).getByRole("link", { name: "Phở Sài Gòn" })).toBeVisible();
  await expect((await search("sushii")).getByRole("link", { name: "Sakura House" })).toBeVisible();

  const results = await search("tonkotsu");
  await expect(results.getByRole("listitem")).toHaveCount(1);
  await expect(results.getByTestId("matched-dish")).toHaveText("matches: Tonkotsu ramen");
  await expect(page.getByTestId("query-stats")).toHaveText(/^1 query · /);

  await expect((await search("zzqxv")).getByText("No restaurant matches your search.")).toBeVisible();
  await expect(page.getByTestId("search-suggestion")).toHaveCount(0);

  // Two letters swapped find nothing, and the page asks whether the swap was meant; the link searches for it.
  await search("suhsi");
  await expect(page.getByTestId("search-suggestion")).toHaveText("Did you mean sushi?");
  await page.getByTestId("search-suggestion").getByRole("link", { name: "sushi" }).click();
  await expect(page).toHaveURL(/\/\?q=sushi$/);
  const meant = page.getByRole("region", { name: "Restaurants matching “sushi”" });
  await expect(meant.getByRole("link", { name: "Sakura House" })).toBeVisible();
  await expect(page.getByTestId("search-suggestion")).toHaveCount(0);

  // One letter looks at restaurants only, and says how to search dishes; a second letter does.
  const letter = await search("s");
  await expect(letter.getByTestId("search-hint")).toHaveText(
    "One character searches restaurants only: type another to search their dishes too.",
  );
  await expect(letter.getByRole("link", { name: "Sakura House" })).toBeVisible();
  await expect(letter.getByTestId("matched-dish")).toHaveCount(0);
  await expect((await search("su")).getByTestId("search-hint")).toHaveCount(0);
});

test("the list filters by a card's cuisine and by open now, and each filter can be removed", async ({ page }) => {
  await page.goto("/");
  const list = (heading: string) => page.getByRole("region", { name: heading });
  await list("Restaurants").getByRole("link", { name: "French (show only this cuisine)" }).click();
  await expect(page).toHaveURL(/[?&]cuisine=French/);
  const french = list("Restaurants · French cuisine");
  await expect(french.getByRole("listitem")).toHaveCount(1);
  await expect(french.getByRole("link", { name: "Le Petit Four" })).toBeVisible();

  // Le Petit Four is closed in the demo data: open now leaves nothing, and says why.
  await page.getByRole("button", { name: "Open now", pressed: false }).click();
  await expect(page.getByRole("button", { name: "Open now", pressed: true })).toBeVisible();
  await expect(
    list("Restaurants · French cuisine, open now").getByText("No restaurant matches your search and filters."),
  ).toBeVisible();

  // Removing the cuisine keeps open now: every restaurant listed is open.
  await page.getByRole("link", { name: "French (remove this cuisine filter)" }).click();
  const open = list("Restaurants · open now");
  await expect(open.getByRole("listitem").first()).toBeVisible();
  await expect(open.getByText("Closed", { exact: true })).toHaveCount(0);
  await expect(page.getByTestId("query-stats")).toHaveText(/^1 query · /);

  // A search made while open now is on keeps it on.
  await page.getByRole("searchbox", { name: "Search restaurants and dishes" }).fill("ramen");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/[?&]open=1/);
  await expect(page.getByRole("button", { name: "Open now", pressed: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Restaurants matching “ramen” · open now" })).toBeVisible();
});

test("a restaurant's tab is titled with its name, from the page's own statement", async ({ page }) => {
  await page.goto("/r/sakura-house");
  await expect(page).toHaveTitle("Sakura House · Platter");
  await expect(page.getByTestId("query-stats")).toHaveText(/^1 query · /);
  await signInOverHttp(page.request, "customer");
  await page.goto("/profile");
  await page.goto("/r/trattoria-luce");
  await expect(page).toHaveTitle("Trattoria Luce · Platter");
  // The session (with the header's cart count), then the restaurant: the metadata shares the page's read.
  await expect(page.getByTestId("query-stats")).toHaveText(/^2 queries · /);
});

test("an owner page's tab names the restaurant for its owner, and nothing in a stranger's 404", async ({ page }) => {
  await signInOverHttp(page.request, "owner");
  await page.goto("/profile");
  await page.goto("/owner/trattoria-luce/menu");
  await expect(page).toHaveTitle("Menu editor · Trattoria Luce · Platter");
  await expect(page.getByTestId("query-stats")).toHaveText(/^2 queries · /);
  await page.getByRole("button", { name: "Sign out" }).click();
  await signInOverHttp(page.request, "customer");
  await page.goto("/profile");
  expect((await page.goto("/owner/trattoria-luce/menu"))?.status()).toBe(404);
  await expect(page).not.toHaveTitle(/Trattoria/);
});

test("the header counts the cart's items; a refused quantity says why and clears the last success", async ({
  page,
}) => {
  await page.goto("/r/taqueria-sol");
  await expect(page.getByTestId("cart-count")).toHaveCount(0);
  await page.getByRole("button", { name: "Add Horchata to cart" }).click();
  await expect(page.getByTestId("cart-count")).toHaveText("1 item");

  await page.goto("/cart");
  const quantity = page.getByLabel("Quantity of Horchata");
  await quantity.fill("3");
  await page.getByRole("button", { name: "Update" }).click();
  await expect(page.getByText("Quantity updated.")).toBeVisible();
  await expect(page.getByTestId("cart-count")).toHaveText("3 items");

  await quantity.fill("0");
  await page.getByRole("button", { name: "Update" }).click();
  await expect(page.getByText("Enter a quantity from 1 to 99.")).toBeVisible();
  await expect(page.getByText("Quantity updated.")).toHaveCount(0);
  await expect(quantity).toHaveAttribute("aria-invalid", "true");
  await expect(quantity).toHaveValue("0");

  await quantity.fill("1.5");
  await page.getByRole("button", { name: "Update" }).click();
  await expect(page.getByText("Enter a whole quantity from 1 to 99.")).toBeVisible();
  await expect(page.getByTestId("cart-count")).toHaveText("3 items");
});

test.describe("in Tokyo", () => {
  test.use({ timezoneId: "Asia/Tokyo" });

  test("times are shown in the browser's time zone, rendered by the server, never painted in UTC first", async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    // Every text any <time> of this tab ever holds, as it is parsed, kept across reloads: one list per element. The
    // parser may insert a <time> before its text arrives in the next chunk, so an element's texts that are a prefix
    // of its last one are its text still arriving; any other text was painted and then replaced.
    await page.addInitScript(() => {
      const ids = new WeakMap<Element, number>();
      const seen = (element: Element) => {
        const texts = JSON.parse(sessionStorage.getItem("times") ?? "[]") as string[][];
        let id = ids.get(element);
        if (id === undefined) {
          id = texts.push([]) - 1;
          ids.set(element, id);
        }
        const text = element.textContent ?? "";
        const list = (texts[id] ??= []);
        if (list.at(-1) !== text) list.push(text);
        sessionStorage.setItem("times", JSON.stringify(texts));
      };
      new MutationObserver((mutations) => {
        for (const mutation of mutations) {
          const nodes =
            mutation.type === "characterData" ? [mutation.target] : [mutation.target, ...mutation.addedNodes];
          for (const node of nodes) {
            const element = node instanceof Element ? node : node.parentElement;
            const time = element?.closest("time");
            if (time) seen(time);
            if (node instanceof Element) node.querySelectorAll("time").forEach(seen);
          }
        }
      }).observe(document, { childList: true, characterData: true, subtree: true });
    });
    await signInOverHttp(page.request, "customer");
    // The browser's first page: the server does not know its zone yet (no header carries it), so the page's head
    // stores it in a cookie (platter_tz, lib/time-zone.ts) and loads the address again before the body is parsed.
    await page.goto("/orders");
    const first = page.getByTestId("history").getByRole("listitem").first().locator("time");
    await expect(first).toContainText("GMT+9");
    const iso = await first.getAttribute("datetime");
    const tokyo = new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Tokyo", hour: "numeric", minute: "2-digit" });
    await expect(first).toContainText(tokyo.format(new Date(iso!)));
    const times = await page.evaluate(() => JSON.parse(sessionStorage.getItem("times") ?? "[]") as string[][]);
    expect(times.length).toBeGreaterThan(0);
    const painted = times.flatMap((texts) =>
      texts.filter((text, i) => i === texts.length - 1 || !texts.at(-1)!.startsWith(text)),
    );
    expect(painted.filter((text) => !text.includes("GMT+9"))).toEqual([]);
    expect(decodeURIComponent((await page.context().cookies()).find((c) => c.name === "platter_tz")?.value ?? "")).toBe(
      "Asia/Tokyo",
    );
    // A fresh load is already in Tokyo time, straight from the server.
    const html = await (await page.request.get("/orders")).text();
    expect(html).toContain("GMT+9");
    expect(errors.filter((e) => /hydrat/i.test(e))).toEqual([]);

    // The date filter means Tokyo's days too: the newest order's Tokyo date finds it, and the counts agree.
    await expect(page.getByTestId("history-days")).toHaveText("Dates are whole days in Asia/Tokyo.");
    const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date(iso!));
    await page.goto(`/orders?from=${day}&to=${day}`);
    await expect(page.getByTestId("history").locator(`time[datetime="${iso}"]`)).toHaveCount(1);
    await expect(page.getByRole("link", { name: "Older orders →" })).toHaveCount(0); // the whole day is listed
    const rows = page.getByTestId("history").getByRole("listitem");
    const listed = await rows.count();
    const cancelled = await rows.filter({ has: page.locator(".badge-cancelled") }).count();
    await expect(page.getByTestId("history-summary")).toContainText(
      listed - cancelled === 1 ? "1 counted order matches" : `${listed - cancelled} counted orders match`,
    );
  });
});

test("the order history's counts agree with its list", async ({ page }) => {
  await signInOverHttp(page.request, "customer");
  await page.goto("/profile");
  await page.goto("/orders");
  await expect(page.getByTestId("history-summary")).toContainText(
    /^[\d,]+ orders?(, totalling| · [\d,]+ counted in your total of)/,
  );
  // A restaurant the list does not have (a stale or edited link): the field it concerns says so.
  await page.goto("/orders?restaurant=zzz");
  await expect(page.getByRole("alert").filter({ hasText: "Please correct the highlighted filters." })).toBeVisible();
  const restaurant = page.getByRole("combobox", { name: "Restaurant" });
  await expect(restaurant).toHaveAttribute("aria-invalid", "true");
  await expect(restaurant).toHaveAccessibleDescription("Choose a restaurant from the list.");
});

test("every kind of control shows a 2 px focus ring when the keyboard reaches it", async ({ page }) => {
  await page.goto("/");
  const ringOf = () =>
    page.evaluate(() => {
      const focused = document.activeElement as HTMLElement;
      const style = getComputedStyle(focused);
      return { tag: focused.tagName.toLowerCase(), outline: `${style.outlineStyle} ${style.outlineWidth}` };
    });
  // Tab from the top: the skip link, the brand link, then the header's links and buttons, the search box, ...
  const seen = new Map<string, string>();
  for (let i = 0; i < 12 && seen.size < 3; i++) {
    await page.keyboard.press("Tab");
    const { tag, outline } = await ringOf();
    if (["a", "input", "button"].includes(tag) && !seen.has(tag)) seen.set(tag, outline);
  }
  expect(Object.fromEntries(seen)).toEqual({ a: "solid 2px", input: "solid 2px", button: "solid 2px" });
});
