import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { menuItems, menuOptionChoices, restaurants } from "@/db/schema";
import { findActiveViewer, type Viewer } from "@/lib/auth/queries";
import { CART_COOKIE } from "@/lib/cart/cookie";
import { addToCart } from "@/lib/cart/queries";
import { createOptionGroup } from "@/lib/owner/options";
import { OrderReceipt } from "@/components/orders/order-receipt";
import { ItemOptionsForm } from "@/components/shop/item-options-form";
import { PlaceOrderForm } from "@/components/shop/place-order-form";
import { RestaurantCard } from "@/components/shop/restaurant-card";
import { UnorderableLines } from "@/components/shop/unorderable-lines";
import CartPage from "@/app/(shop)/cart/page";
import ReviewPage from "@/app/(shop)/cart/review/page";
import RestaurantPage from "@/app/(shop)/r/[slug]/page";
import HomePage from "@/app/page";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createOrders, createOwner, createRestaurant, createUser } from "../fixtures/factory";
import { cookieJar } from "../fixtures/next-headers";
import { elementsOf, linkHref, textOf } from "../fixtures/page-tree";

// The pages read the signed-in user from the Auth.js cookie and the anonymous cart from its own: the test chooses both.
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/session", () => ({
  getViewer: async () => session.viewer,
  requireUser: async () => session.viewer ?? expect.unreachable("the test signs in first"),
}));
vi.mock("next/headers", async () => (await import("../fixtures/next-headers")).nextHeadersMock);

/** The shop's pages as Next.js calls them, for what they decide to show: notes, warnings, page links. */
describe.each(DRIVERS)("shop pages on %s", (driver) => {
  const db = freshDatabase(driver);
  beforeEach(() => {
    session.viewer = null;
    cookieJar.clear();
  });

  const search = (params: Record<string, string>) => ({ searchParams: Promise.resolve(params) }) as never;
  const customer = async () => {
    const { user, profile } = await createUser(db());
    return { profile, viewer: (await findActiveViewer(user.id))! };
  };

  it("pages on after a restaurant with the longest name of multi-byte characters, keeping the filter", async () => {
    // 120 characters, the database's limit: 3 bytes each in UTF-8 (JSON keeps them as they are), 4 for the emoji.
    for (const name of ["寿司".repeat(60), "🍣".repeat(120)]) {
      // The same name for all, so that each page's last card has it; a cuisine of their own, so that only they show.
      const cuisine = `Kaiseki ${crypto.randomUUID().slice(0, 8)}`;
      const ids: number[] = [];
      for (let i = 0; i < 13; i++) {
        const { restaurant } = await createRestaurant(db());
        await db().update(restaurants).set({ name, cuisine }).where(eq(restaurants.id, restaurant.id));
        ids.push(restaurant.id);
      }
      const cards = (page: unknown) =>
        [...elementsOf(page as never)].filter((e) => e.type === RestaurantCard).map((e) => e.props.restaurant);

      const first = await HomePage(search({ cuisine }));
      expect(cards(first)).toMatchObject(ids.slice(0, 12).map((id) => ({ id, name })));
      const more = linkHref(first, "More restaurants →");
      expect(more).toBeDefined();
      const next = new URL(more!, "http://test").searchParams;
      expect(next.get("cuisine")).toBe(cuisine);

      const second = await HomePage(search(Object.fromEntries(next)));
      expect(textOf(second)).not.toContain("That page link is not valid");
      expect(cards(second)).toMatchObject([{ id: ids[12], name }]);
      expect(linkHref(second, "More restaurants →")).toBeUndefined();
    }
  });

  it("keeps the search and filters when the page link is not valid, and says so", async () => {
    const cuisine = `Izakaya ${crypto.randomUUID().slice(0, 8)}`;
    const { restaurant } = await createRestaurant(db());
    await db().update(restaurants).set({ cuisine }).where(eq(restaurants.id, restaurant.id));
    for (const after of ["A".repeat(5_000), "not-a-cursor"]) {
      const page = await HomePage(search({ cuisine, after }));
      expect(textOf(page)).toContain("That page link is not valid");
      expect([...elementsOf(page)].filter((e) => e.type === RestaurantCard).map((e) => e.props.restaurant)).toEqual([
        expect.objectContaining({ id: restaurant.id, cuisine }),
      ]);
    }
  });

  it("asks whether a search that found nothing meant two letters swapped, linking to it with the filters kept", async () => {
    const { restaurant } = await createRestaurant(db(), [{ name: "Gyoza", priceCents: 700 }]);
    const cuisine = `Gyozaya ${crypto.randomUUID().slice(0, 8)}`;
    await db().update(restaurants).set({ cuisine }).where(eq(restaurants.id, restaurant.id));
    const page = await HomePage(search({ q: "gyoaz", cuisine, open: "1" }));
    expect(textOf(page)).toContain("No restaurant matches your search and filters. Did you mean gyoza?");
    expect(linkHref(page, "gyoza")).toBe(`/?${new URLSearchParams({ q: "gyoza", cuisine, open: "1" })}`);
    // Nothing to ask when the search finds something, or when no swap would.
    expect(textOf(await HomePage(search({ q: "gyoza", cuisine })))).not.toContain("Did you mean");
    expect(textOf(await HomePage(search({ q: "zzqxv" })))).not.toContain("Did you mean");
  });

  it("notes a cart rebuilt from an order only when that order is the viewer's", async () => {
    const me = await customer();
    const someoneElse = await customer();
    const { restaurant, items } = await createRestaurant(db(), [{ name: "Ramen", priceCents: 1200 }]);
    const line = [{ menuItemId: items[0]!.id, name: "Ramen", unitPriceCents: 1200, quantity: 1 }];
    const [mine] = await createOrders(db(), {
      customerId: me.profile.id,
      restaurantId: restaurant.id,
      count: 1,
      lines: line,
    });
    const [theirs] = await createOrders(db(), {
      customerId: someoneElse.profile.id,
      restaurantId: restaurant.id,
      count: 1,
      lines: line,
    });
    await addToCart({ holder: { profileId: me.profile.id }, menuItemId: items[0]!.id, quantity: 1 });
    const anonymousId = crypto.randomUUID();
    await addToCart({ holder: { anonymousId }, menuItemId: items[0]!.id, quantity: 1 });
    const note = async (reorder: number) => {
      const page = await CartPage(search({ reorder: String(reorder) }));
      expect(textOf(page)).toContain("Subtotal");
      return textOf(page).includes("Your cart was rebuilt from order");
    };

    session.viewer = me.viewer;
    expect(await note(mine!)).toBe(true);
    expect(textOf(await CartPage(search({ reorder: String(mine!) })))).toContain(
      `Your cart was rebuilt from order #${mine} with today's prices. Everything is still available.`,
    );
    expect(await note(theirs!)).toBe(false);
    expect(await note(2_000_000_000)).toBe(false);
    // A visitor who is not signed in has no orders, whatever the address says.
    session.viewer = null;
    cookieJar.set(CART_COOKIE, anonymousId);
    expect(await note(mine!)).toBe(false);
    // Nor is it a note on a cart filled from another restaurant since.
    session.viewer = me.viewer;
    const elsewhere = await createRestaurant(db(), [{ name: "Taco", priceCents: 400 }]);
    await addToCart({
      holder: { profileId: me.profile.id },
      menuItemId: elsewhere.items[0]!.id,
      quantity: 1,
      replace: true,
    });
    expect(await note(mine!)).toBe(false);
  });

  it("warns of a cart from another restaurant of the same name, and not of one from this restaurant", async () => {
    const here = await createRestaurant(db(), [{ name: "Pho", priceCents: 900 }]);
    const namesake = await createRestaurant(db(), [{ name: "Pho", priceCents: 950 }]);
    await db().update(restaurants).set({ name: "Pho Co" }).where(eq(restaurants.id, here.restaurant.id));
    await db().update(restaurants).set({ name: "Pho Co" }).where(eq(restaurants.id, namesake.restaurant.id));
    const me = await customer();
    const anonymousId = crypto.randomUUID();
    await addToCart({ holder: { profileId: me.profile.id }, menuItemId: here.items[0]!.id, quantity: 1 });
    await addToCart({ holder: { anonymousId }, menuItemId: here.items[0]!.id, quantity: 1 });
    const warns = async (slug: string) => {
      const page = await RestaurantPage({ params: Promise.resolve({ slug }) } as never);
      return textOf(page).includes("Your cart has items from Pho Co.");
    };

    for (const signedIn of [true, false]) {
      session.viewer = signedIn ? me.viewer : null;
      if (!signedIn) cookieJar.set(CART_COOKIE, anonymousId);
      expect(await warns(namesake.restaurant.slug)).toBe(true);
      expect(await warns(here.restaurant.slug)).toBe(false);
    }
  });
  it("offers no options form for a dish whose required choice is sold out in every option, and says it is sold out", async () => {
    const { restaurant, items } = await createRestaurant(db(), [
      { name: "Pizza", priceCents: 1000 },
      { name: "Calzone", priceCents: 1100 },
    ]);
    const [pizza, calzone] = items;
    const owner = await createOwner(db(), [restaurant.id]);
    const ownerViewer = (await findActiveViewer(owner.user.id))!;
    const sizes = [
      { name: "Regular", priceDeltaCents: 0 },
      { name: "Large", priceDeltaCents: 200 },
    ];
    const size = { name: "Size", required: true, minChoices: 1, maxChoices: 1, choices: sizes };
    for (const item of [pizza!, calzone!]) {
      expect(await createOptionGroup({ viewer: ownerViewer, itemId: item.id, fields: size })).toMatchObject({
        ok: true,
      });
    }
    // Every size of the pizza sold out for today; only the calzone's Large.
    const choices = await db().select().from(menuOptionChoices);
    const pizzaGroup = await db().query.menuOptionGroups.findFirst({
      where: (g, { eq }) => eq(g.menuItemId, pizza!.id),
    });
    const calzoneGroup = await db().query.menuOptionGroups.findFirst({
      where: (g, { eq }) => eq(g.menuItemId, calzone!.id),
    });
    await db().update(menuOptionChoices).set({ available: false }).where(eq(menuOptionChoices.groupId, pizzaGroup!.id));
    const calzoneLarge = choices.find((c) => c.groupId === calzoneGroup!.id && c.name === "Large")!;
    await db().update(menuOptionChoices).set({ available: false }).where(eq(menuOptionChoices.id, calzoneLarge.id));
    // No pizza can be added: without a size it is refused for want of one, with any size as sold out.
    const me = await customer();
    expect(await addToCart({ holder: { profileId: me.profile.id }, menuItemId: pizza!.id, quantity: 1 })).toEqual({
      ok: false,
      reason: "invalid:too-few-choices",
      groupName: "Size",
      minChoices: 1,
    });

    session.viewer = me.viewer;
    const page = await RestaurantPage({ params: Promise.resolve({ slug: restaurant.slug }) } as never);
    const elements = [...elementsOf(page)];
    // Before, the pizza had its "Add" with every size greyed out, and the only answer was "Choose an option for Size."
    const forms = elements.filter((e) => e.type === ItemOptionsForm).map((e) => e.props.menuItemId);
    expect(forms).toEqual([calzone!.id]);
    const row = (id: number) => textOf(elements.find((e) => e.type === "li" && e.key === String(id)));
    expect(row(pizza!.id)).toContain("Sold out");
    expect(row(calzone!.id)).not.toContain("Sold out");
  });

  it("names in the review each item that can no longer be ordered, and why, with a total of the rest", async () => {
    const { items } = await createRestaurant(db(), [
      { name: "Ramen", priceCents: 1250 },
      { name: "Gyoza", priceCents: 600 },
      { name: "Karaage", priceCents: 800 },
    ]);
    const [ramen, gyoza, karaage] = items;
    const me = await customer();
    session.viewer = me.viewer;
    for (const item of items) {
      await addToCart({ holder: { profileId: me.profile.id }, menuItemId: item!.id, quantity: 2 });
    }
    const review = () => ReviewPage(search({ fulfilment: "pickup", note: "" }));
    // The list as the page would render it (a plain component, called here), or "" when the page has none.
    const rendered = (page: Awaited<ReturnType<typeof review>>) => {
      const list = [...elementsOf(page)].find((e) => e.type === UnorderableLines);
      return list ? UnorderableLines(list.props as never) : null;
    };
    const unorderable = async () => textOf(rendered(await review()));
    expect(await unorderable()).toBe("");

    await db().update(menuItems).set({ available: false }).where(eq(menuItems.id, gyoza!.id));
    expect(await unorderable()).toBe(
      "This item can no longer be ordered, so the total above leaves it out:" +
        "Gyoza: Not available right now" +
        "Remove it in your cart to order the rest.",
    );
    await db().update(menuItems).set({ deletedAt: new Date() }).where(eq(menuItems.id, karaage!.id));
    const page = await review();
    expect(await unorderable()).toBe(
      "These items can no longer be ordered, so the total above leaves them out:" +
        "Gyoza: Not available right nowKaraage: No longer on the menu" +
        "Remove them in your cart to order the rest.",
    );
    expect(linkHref(rendered(page), "your cart")).toBe("/cart?fulfilment=pickup&note=");
    const elements = [...elementsOf(page)];
    const receipt = elements.find((e) => e.type === OrderReceipt)!.props;
    expect(receipt.totalCents).toBe(2 * ramen!.priceCents);
    expect((receipt.lines as { name: string }[]).map((l) => l.name)).toEqual(["Ramen"]);
    expect(elements.find((e) => e.type === PlaceOrderForm)!.props.disabled).toBe(true);
  });
});
