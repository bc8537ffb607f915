import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import {
  cartItems,
  carts,
  MAX_PRICE_CENTS,
  menuItems,
  orderLines,
  orders,
  orderStatusEvents,
  restaurants,
} from "@/db/schema";
import { findActiveViewer } from "@/lib/auth/queries";
import { addToCart, adoptAnonymousCart, getCart } from "@/lib/cart/queries";
import { addToCartSchema, setQuantitySchema } from "@/lib/cart/schema";
import { cancelOwnOrder } from "@/lib/orders/cancel";
import { placeOrder } from "@/lib/orders/checkout";
import { cancelRefusal, reorderRefusal } from "@/lib/orders/messages";
import { reorder, type ReorderFailure } from "@/lib/orders/reorder";
import { digestOfCartView, reviewedCartDigest } from "@/lib/orders/reviewed-cart";
import { checkoutSchema } from "@/lib/orders/schema";
import { getProfileForViewer } from "@/lib/profile/queries";
import { getRestaurantPage } from "@/lib/restaurants/queries";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createRestaurant, createUser } from "../fixtures/factory";
import { heldTransaction, untilWaitingOnLocks } from "../fixtures/locks";

describe.each(DRIVERS)("cart and checkout on %s", (driver) => {
  const db = freshDatabase(driver);

  async function shop() {
    const customer = await createUser(db());
    const { restaurant, items } = await createRestaurant(db(), [
      { name: "Ramen", priceCents: 1999 },
      { name: "Mint", priceCents: 1 },
      { name: "Gyoza", priceCents: 650 },
    ]);
    const viewer = (await findActiveViewer(customer.user.id))!;
    const holder = { profileId: customer.profile.id };
    return {
      customer,
      viewer,
      restaurant,
      items: items as [(typeof items)[0], (typeof items)[0], (typeof items)[0]],
      holder,
    };
  }
  type Shop = Awaited<ReturnType<typeof shop>>;
  const key = () => `key-${crypto.randomUUID()}`;
  const orderCount = async (profileId: number) => db().$count(orders, eq(orders.customerId, profileId));
  const totalOf = async (userId: string) =>
    (await getProfileForViewer({ viewer: (await findActiveViewer(userId))! }))!.totalPurchaseCents;

  it("places an order exact to the cent, snapshotting names and prices, and empties the cart", async () => {
    const { customer, viewer, items, holder } = await shop();
    await addToCart({ holder, menuItemId: items[0].id, quantity: 3 });
    await addToCart({ holder, menuItemId: items[1].id, quantity: 1 });
    const cart = await getCart({ holder });
    expect(cart?.totalCents).toBe(3 * 1999 + 1);

    const result = await placeOrder({
      viewer,
      idempotencyKey: key(),
      expectedTotalCents: 5998,
    });
    expect(result).toMatchObject({ ok: true, replayed: false });
    const orderId = (result as { orderId: number }).orderId;
    const [order] = await db().select().from(orders).where(eq(orders.id, orderId));
    expect(order).toMatchObject({ totalCents: 5998, status: "placed", customerId: customer.profile.id });
    const lines = await db().select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(orderLines.id);
    expect(lines.map((l) => [l.name, l.unitPriceCents, l.quantity])).toEqual([
      ["Ramen", 1999, 3],
      ["Mint", 1, 1],
    ]);
    expect(await db().$count(orderStatusEvents, eq(orderStatusEvents.orderId, orderId))).toBe(1);
    expect(await getCart({ holder })).toBeNull();
    expect(await totalOf(customer.user.id)).toBe(5998);
  });

  it("places only the cart the review showed: one changed in another tab at the same total is shown again, not placed", async () => {
    const { customer, viewer, items, holder } = await shop();
    const reviewOf = async () => {
      const cart = (await getCart({ holder }))!;
      return { totalCents: cart.totalCents, digest: digestOfCartView(cart, "pickup") };
    };
    // The review shows 2 x Gyoza ($13.00).
    await addToCart({ holder, menuItemId: items[2].id, quantity: 2 });
    const shown = await reviewOf();
    expect(shown.totalCents).toBe(1300);
    const place = () =>
      placeOrder({ viewer, idempotencyKey: key(), expectedTotalCents: 1300, reviewedCart: shown.digest });

    // Another tab: the same restaurant, other dishes, the same $13.00 (1 x Gyoza and 50 x Mint, now 13 cents).
    await db()
      .delete(cartItems)
      .where(eq(cartItems.cartId, (await getCart({ holder }))!.id));
    await addToCart({ holder, menuItemId: items[2].id, quantity: 1 });
    await addToCart({ holder, menuItemId: items[1].id, quantity: 50 });
    await db().update(menuItems).set({ priceCents: 13 }).where(eq(menuItems.id, items[1].id));
    expect((await getCart({ holder }))!.totalCents).toBe(1300);
    expect(await place()).toEqual({ ok: false, reason: "conflict:cart-changed" });

    // Another restaurant's $13.00 dish, replacing the cart.
    const other = await createRestaurant(db(), [{ name: "Lobster", priceCents: 1300 }]);
    await addToCart({ holder, menuItemId: other.items[0]!.id, quantity: 1, replace: true });
    expect(await place()).toEqual({ ok: false, reason: "conflict:cart-changed" });
    expect(await orderCount(customer.profile.id)).toBe(0);

    // The same lines again, added in another order: what was reviewed, so it is placed.
    await addToCart({ holder, menuItemId: items[2].id, quantity: 2, replace: true });
    expect((await reviewOf()).digest).toBe(shown.digest);
    expect(await place()).toMatchObject({ ok: true, replayed: false });
    expect(await totalOf(customer.user.id)).toBe(1300);
  });

  it("tells the same dish with other choices, another note, quantity, name or price apart in the review's digest", () => {
    const line = {
      menuItemId: 7,
      choiceIds: [3, 1],
      instructions: null,
      quantity: 2,
      name: "Ramen",
      unitPriceCents: 1450,
      options: [
        { groupName: "Heat", choiceName: "Spicy", priceDeltaCents: 0 },
        { groupName: "Toppings", choiceName: "Egg", priceDeltaCents: 150 },
      ],
    };
    const [spicy, egg] = line.options;
    const cart = { restaurantId: 1, deliveryFeeCents: 299, deliveryAddress: "7 Elm Row", lines: [line] };
    const digest = reviewedCartDigest(cart);
    expect(digest).toMatch(/^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/);
    expect(reviewedCartDigest({ ...cart, lines: [{ ...line, choiceIds: [1, 3], options: [egg!, spicy!] }] })).toBe(
      digest,
    );
    expect(reviewedCartDigest({ ...cart, lines: [{ ...line, instructions: "" }] })).toBe(digest);
    const [contents] = digest.split(".");
    const changedContents = [
      { ...cart, restaurantId: 2 },
      { ...cart, lines: [{ ...line, choiceIds: [1] }] },
      { ...cart, lines: [{ ...line, instructions: "no onions" }] },
      { ...cart, lines: [{ ...line, quantity: 3 }] },
      { ...cart, lines: [line, line] },
    ];
    for (const changed of changedContents) expect(reviewedCartDigest(changed).split(".")[0]).not.toBe(contents);
    // What the customer read, with the same contents: only the second part moves.
    for (const changed of [
      { ...cart, deliveryFeeCents: 399 },
      { ...cart, deliveryAddress: "7 Elm Row, Flat 2" },
      { ...cart, deliveryAddress: null },
      { ...cart, lines: [{ ...line, name: "Veggie ramen" }] },
      { ...cart, lines: [{ ...line, unitPriceCents: 1500 }] },
      { ...cart, lines: [{ ...line, options: [{ ...spicy!, choiceName: "Mild" }, egg!] }] },
      // A group renamed in place, and two options' prices moved by opposite amounts at the same unit price.
      { ...cart, lines: [{ ...line, options: [{ ...spicy!, groupName: "Leave out" }, egg!] }] },
      {
        ...cart,
        lines: [
          {
            ...line,
            options: [
              { ...spicy!, priceDeltaCents: 50 },
              { ...egg!, priceDeltaCents: 100 },
            ],
          },
        ],
      },
    ]) {
      const [sameContents, shown] = reviewedCartDigest(changed).split(".");
      expect(sameContents).toBe(contents);
      expect(shown).not.toBe(digest.split(".")[1]);
    }
  });

  it("places nothing unseen at the same total: a dish renamed in place, or prices that moved by opposite amounts", async () => {
    const { customer, viewer, items, holder } = await shop();
    await addToCart({ holder, menuItemId: items[2].id, quantity: 1 });
    await addToCart({ holder, menuItemId: items[1].id, quantity: 1 });
    const review = async () => {
      const cart = (await getCart({ holder }))!;
      return { totalCents: cart.totalCents, digest: digestOfCartView(cart, "pickup") };
    };
    const place = (shown: { totalCents: number; digest: string }) =>
      placeOrder({ viewer, idempotencyKey: key(), expectedTotalCents: shown.totalCents, reviewedCart: shown.digest });
    const setItem = (id: number, values: Partial<typeof menuItems.$inferInsert>) =>
      db().update(menuItems).set(values).where(eq(menuItems.id, id));

    const first = await review();
    await setItem(items[2].id, { name: "Pork gyoza" });
    expect(await place(first)).toEqual({ ok: false, reason: "conflict:cart-changed" });

    const second = await review();
    // Gyoza 50 cents cheaper, Mint 50 cents dearer: the same $6.51.
    await setItem(items[2].id, { priceCents: 600 });
    await setItem(items[1].id, { priceCents: 51 });
    expect((await review()).totalCents).toBe(second.totalCents);
    expect(await place(second)).toEqual({ ok: false, reason: "conflict:cart-changed" });
    expect(await orderCount(customer.profile.id)).toBe(0);

    // Reviewed again, as it now reads: placed.
    expect(await place(await review())).toMatchObject({ ok: true, replayed: false });
    expect(await orderCount(customer.profile.id)).toBe(1);
  });

  it("keeps the order and the profile total when the menu price changes afterwards", async () => {
    const { customer, viewer, items, holder } = await shop();
    await addToCart({ holder, menuItemId: items[2].id, quantity: 2 });
    await placeOrder({ viewer, idempotencyKey: key(), expectedTotalCents: 1300 });
    await db().update(menuItems).set({ priceCents: 9999 }).where(eq(menuItems.id, items[2].id));
    expect(await totalOf(customer.user.id)).toBe(1300);
    const [order] = await db().select().from(orders).where(eq(orders.customerId, customer.profile.id));
    expect(order?.totalCents).toBe(1300);
  });

  it("returns the same order for a repeated submission", async () => {
    const { customer, viewer, items, holder } = await shop();
    await addToCart({ holder, menuItemId: items[0].id, quantity: 1 });
    const idempotencyKey = key();
    const first = await placeOrder({ viewer, idempotencyKey, expectedTotalCents: 1999 });
    const again = await placeOrder({ viewer, idempotencyKey, expectedTotalCents: 1999 });
    expect(again).toEqual({ ...first, replayed: true });
    expect(await orderCount(customer.profile.id)).toBe(1);
  });

  it("makes exactly one order from 20 concurrent checkouts with one idempotency key", async () => {
    const { customer, viewer, items, holder } = await shop();
    await addToCart({ holder, menuItemId: items[0].id, quantity: 2 });
    const idempotencyKey = key();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => placeOrder({ viewer, idempotencyKey, expectedTotalCents: 3998 })),
    );
    const ids = new Set(results.map((r) => (r.ok ? r.orderId : r.reason)));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.ok && !r.replayed)).toHaveLength(1);
    expect(await orderCount(customer.profile.id)).toBe(1);
    expect(await db().$count(orderLines, eq(orderLines.orderId, [...ids][0] as number))).toBe(1);
  });

  // Each case arranges its whole cart: one Ramen at $19.99, then what makes the checkout refuse.
  const oneRamen = (s: Shop) => addToCart({ holder: s.holder, menuItemId: s.items[0].id, quantity: 1 });
  it.each([
    ["an empty cart", async () => {}, { reason: "invalid:empty-cart" }],
    [
      "an unavailable item",
      async (s: Shop) => {
        await oneRamen(s);
        await db().update(menuItems).set({ available: false }).where(eq(menuItems.id, s.items[0].id));
      },
      { reason: "unavailable:items", itemNames: ["Ramen"] },
    ],
    [
      "a deleted item",
      async (s: Shop) => {
        await oneRamen(s);
        await db().update(menuItems).set({ deletedAt: new Date() }).where(eq(menuItems.id, s.items[0].id));
      },
      { reason: "unavailable:items", itemNames: ["Ramen"] },
    ],
    [
      "another restaurant's item slipped into the cart",
      async (s: Shop) => {
        await oneRamen(s);
        const other = await createRestaurant(db(), [{ name: "Foreign", priceCents: 100 }]);
        const [cart] = await db().select().from(carts).where(eq(carts.profileId, s.holder.profileId));
        await db().insert(cartItems).values({ cartId: cart!.id, menuItemId: other.items[0]!.id, quantity: 1 });
      },
      { reason: "conflict:foreign-item", itemName: "Foreign" },
    ],
    [
      "a closed restaurant",
      async (s: Shop) => {
        await oneRamen(s);
        await db().update(restaurants).set({ isOpen: false }).where(eq(restaurants.id, s.restaurant.id));
      },
      { reason: "unavailable:closed" },
    ],
    [
      "a price that changed since the cart was shown",
      async (s: Shop) => {
        await oneRamen(s);
        await db().update(menuItems).set({ priceCents: 2500 }).where(eq(menuItems.id, s.items[0].id));
      },
      { reason: "conflict:price-changed", totalCents: 2500 },
    ],
  ])("refuses %s with its reason and writes nothing", async (_case, arrange, refusal) => {
    const s = await shop();
    await arrange(s);
    const result = await placeOrder({ viewer: s.viewer, idempotencyKey: key(), expectedTotalCents: 1999 });
    expect(result).toMatchObject({ ok: false, ...refusal });
    expect(await orderCount(s.customer.profile.id)).toBe(0);
  });

  it("never charges a total sent by the browser", async () => {
    const { customer, viewer, items, holder } = await shop();
    await addToCart({ holder, menuItemId: items[0].id, quantity: 1 });
    const tampered = await placeOrder({ viewer, idempotencyKey: key(), expectedTotalCents: 1 });
    expect(tampered.ok).toBe(false);
    expect(await orderCount(customer.profile.id)).toBe(0);
  });

  it.each([
    [{ menuItemId: "1", quantity: "-1" }, "quantity"],
    [{ menuItemId: "1", quantity: "0" }, "quantity"],
    [{ menuItemId: "1", quantity: "100" }, "quantity"],
    [{ menuItemId: "1", quantity: "1e9" }, "quantity"],
    [{ menuItemId: "1", quantity: "two" }, "quantity"],
    [{ menuItemId: "1", quantity: "1.5" }, "quantity"],
    [{ quantity: "1" }, "menuItemId"],
    [{ menuItemId: "abc", quantity: "1" }, "menuItemId"],
    [{ menuItemId: "99999999999", quantity: "1" }, "menuItemId"],
  ])("rejects tampered cart input %j", (input, field) => {
    // A cart line is named by its own id (lineId) since lines carry options; the same bad values apply to it.
    const { menuItemId, ...rest } = input as { menuItemId?: string; quantity: string };
    const result = setQuantitySchema.safeParse({
      ...rest,
      ...(menuItemId === undefined ? {} : { lineId: menuItemId }),
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field === "menuItemId" ? "lineId" : field]);
    expect(addToCartSchema.safeParse({ ...input, quantity: input.quantity }).success).toBe(false);
  });

  it("rejects a malformed checkout form", () => {
    expect(checkoutSchema.safeParse({}).success).toBe(false);
    expect(checkoutSchema.safeParse({ idempotencyKey: "short", expectedTotalCents: "10" }).success).toBe(false);
    expect(
      checkoutSchema.safeParse({ idempotencyKey: "x'; drop table orders;--", expectedTotalCents: "10" }).success,
    ).toBe(false);
    expect(checkoutSchema.safeParse({ idempotencyKey: crypto.randomUUID(), expectedTotalCents: "-1" }).success).toBe(
      false,
    );
    // The total the review rendered, as it rendered it: digits. Number() read "0x12209" as $742.49.
    const form = { idempotencyKey: crypto.randomUUID(), reviewedCart: `${"a".repeat(43)}.${"b".repeat(43)}` };
    expect(checkoutSchema.safeParse({ ...form, fulfilment: "pickup", expectedTotalCents: "74249" }).success).toBe(true);
    for (const written of ["0x12209", "1e3", "12.5", " 10", ""]) {
      const parsed = checkoutSchema.safeParse({ ...form, fulfilment: "pickup", expectedTotalCents: written });
      expect(
        parsed.error?.issues.map((i) => i.message),
        written,
      ).toEqual(["This checkout form has expired. Reload the page and try again."]);
    }
    // A form without its key (hand-made) says the same, not the validator's own words.
    expect(
      checkoutSchema
        .safeParse({ reviewedCart: form.reviewedCart, fulfilment: "pickup", expectedTotalCents: "100" })
        .error?.issues.map((i) => i.message),
    ).toEqual(["This checkout form has expired. Reload the page and try again."]);
  });

  it("asks before replacing a cart from another restaurant, and refuses unavailable items", async () => {
    const { restaurant, items, holder } = await shop();
    const other = await createRestaurant(db(), [
      { name: "Taco", priceCents: 300 },
      { name: "Gone", priceCents: 100 },
    ]);
    await addToCart({ holder, menuItemId: items[0].id, quantity: 1 });
    const asked = await addToCart({ holder, menuItemId: other.items[0]!.id, quantity: 1 });
    expect(asked).toMatchObject({
      ok: false,
      reason: "conflict:other-restaurant",
      cartRestaurantName: restaurant.name,
    });
    expect((await getCart({ holder }))?.lines.map((l) => l.name)).toEqual(["Ramen"]);
    await addToCart({ holder, menuItemId: other.items[0]!.id, quantity: 1, replace: true });
    expect((await getCart({ holder }))?.lines.map((l) => l.name)).toEqual(["Taco"]);
    // The other menus warn that adding there starts a new cart.
    const warning = async () => (await getRestaurantPage({ slug: restaurant.slug, cartHolder: holder }))?.cartElsewhere;
    expect(await warning()).toBe(other.restaurant.name);
    // A cart left with no lines (they went with a deleted menu category) is not asked about, nor warned of: there is
    // nothing to lose.
    await db()
      .delete(cartItems)
      .where(eq(cartItems.cartId, (await getCart({ holder }))!.id));
    expect(await warning()).toBeNull();
    expect(await addToCart({ holder, menuItemId: items[1].id, quantity: 1 })).toMatchObject({ ok: true });
    expect((await getCart({ holder }))?.lines.map((l) => l.name)).toEqual([items[1].name]);
    await db().update(menuItems).set({ available: false }).where(eq(menuItems.id, other.items[1]!.id));
    expect(await addToCart({ holder, menuItemId: other.items[1]!.id, quantity: 1 })).toEqual({
      ok: false,
      reason: "unavailable:item",
      itemName: "Gone",
    });
    expect(await addToCart({ holder, menuItemId: 2_000_000_000, quantity: 1 })).toEqual({
      ok: false,
      reason: "not-found",
    });
  });

  it("caps a line at 99 when the same item is added again, and says so instead of adding nothing", async () => {
    const { items, holder } = await shop();
    const add = () => addToCart({ holder, menuItemId: items[1].id, quantity: 60 });
    expect(await add()).toEqual({ ok: true, itemName: "Mint", quantity: 60, capped: false });
    expect(await add()).toEqual({ ok: true, itemName: "Mint", quantity: 99, capped: true });
    expect((await getCart({ holder }))?.lines[0]?.quantity).toBe(99);
    expect(await add()).toEqual({ ok: false, reason: "invalid:line-full", itemName: "Mint" });
    expect((await getCart({ holder }))?.lines[0]?.quantity).toBe(99);
  });

  it("lets a customer cancel their own placed order only", async () => {
    const { customer, viewer, items, holder } = await shop();
    const stranger = (await findActiveViewer((await createUser(db())).user.id))!;
    await addToCart({ holder, menuItemId: items[0].id, quantity: 1 });
    const placed = await placeOrder({
      viewer,
      idempotencyKey: key(),
      expectedTotalCents: 1999,
    });
    const orderId = (placed as { orderId: number }).orderId;
    expect(await cancelOwnOrder({ viewer: stranger, orderId })).toEqual({ ok: false, reason: "not-found" });
    expect((await db().select().from(orders).where(eq(orders.id, orderId)))[0]?.status).toBe("placed");
    expect(await cancelOwnOrder({ viewer, orderId })).toEqual({ ok: true });
    // A second tab's "Cancel order": already done, and it says so rather than blaming the kitchen.
    const again = await cancelOwnOrder({ viewer, orderId });
    expect(again).toEqual({ ok: false, reason: "conflict", status: "cancelled" });
    expect(cancelRefusal(again as Extract<typeof again, { ok: false }>)).toBe("This order is already cancelled.");
    expect(await totalOf(customer.user.id)).toBe(0);
  });

  it("reorders with today's menu, naming what was left out; another customer's order is not found", async () => {
    const { viewer, items, holder } = await shop();
    const stranger = (await findActiveViewer((await createUser(db())).user.id))!;
    await addToCart({ holder, menuItemId: items[0].id, quantity: 2 });
    await addToCart({ holder, menuItemId: items[2].id, quantity: 1 });
    const placed = await placeOrder({
      viewer,
      idempotencyKey: key(),
      expectedTotalCents: 2 * 1999 + 650,
    });
    const orderId = (placed as { orderId: number }).orderId;
    await db().update(menuItems).set({ available: false }).where(eq(menuItems.id, items[2].id));
    await db().update(menuItems).set({ priceCents: 2100 }).where(eq(menuItems.id, items[0].id));

    expect(await reorder({ viewer: stranger, orderId })).toEqual({ ok: false, reason: "not-found" });
    expect(await db().$count(carts, eq(carts.profileId, stranger.profileId))).toBe(0);

    expect(await reorder({ viewer, orderId, replace: true })).toEqual({ ok: true, added: 1, droppedChoices: [] });
    const cart = await getCart({ holder, reorderOf: orderId });
    expect(cart?.lines.map((l) => [l.name, l.unitPriceCents, l.quantity])).toEqual([["Ramen", 2100, 2]]);
    expect(cart?.leftOut).toEqual(["Gyoza"]);

    // Nothing left to order: the refusal names what cannot be, and the cart rebuilt above stays as it was.
    await db().update(menuItems).set({ deletedAt: new Date() }).where(eq(menuItems.id, items[0].id));
    expect(await reorder({ viewer, orderId, replace: true })).toEqual({
      ok: false,
      reason: "unavailable:items",
      itemNames: ["Ramen", "Gyoza"],
    });
    expect((await getCart({ holder }))?.lines.map((l) => [l.name, l.quantity])).toEqual([["Ramen", 2]]);
  });

  it("asks before 'Order again' replaces a cart being filled, and replaces it once told to", async () => {
    const { viewer, items, holder } = await shop();
    await addToCart({ holder, menuItemId: items[0].id, quantity: 2 });
    const placed = await placeOrder({ viewer, idempotencyKey: key(), expectedTotalCents: 2 * 1999 });
    const orderId = (placed as { orderId: number }).orderId;
    const other = await createRestaurant(db(), [{ name: "Taco", priceCents: 400 }]);
    await addToCart({ holder, menuItemId: other.items[0]!.id, quantity: 3 });

    // Before, the tacos were gone without a word.
    const asked = await reorder({ viewer, orderId });
    expect(asked).toEqual({
      ok: false,
      reason: "conflict:cart-not-empty",
      cartLines: 1,
      cartRestaurantName: other.restaurant.name,
    });
    expect(reorderRefusal(asked as ReorderFailure, orderId)).toBe(
      `Your cart has 1 item from ${other.restaurant.name}. Ordering #${orderId} again replaces it.`,
    );
    expect((await getCart({ holder }))?.lines.map((l) => [l.name, l.quantity])).toEqual([["Taco", 3]]);

    expect(await reorder({ viewer, orderId, replace: true })).toEqual({ ok: true, added: 1, droppedChoices: [] });
    expect((await getCart({ holder }))?.lines.map((l) => [l.name, l.quantity])).toEqual([["Ramen", 2]]);
  });

  // Concurrency needs connections of its own: PGlite has one session, so there is no race to lose there.
  if (driver === "postgres")
    it("asks, rather than empties the cart, when a first add commits while 'Order again' waits for the cart", async () => {
      const { viewer, items, holder } = await shop();
      await addToCart({ holder, menuItemId: items[0].id, quantity: 2 });
      const placed = await placeOrder({ viewer, idempotencyKey: key(), expectedTotalCents: 2 * 1999 });
      const orderId = (placed as { orderId: number }).orderId;
      const other = await createRestaurant(db(), [{ name: "Taco", priceCents: 400 }]);
      // A first add in another tab, as addToCart makes it: the cart created and filled, not yet committed.
      const add = heldTransaction(db(), async (tx) => {
        const [cart] = await tx
          .insert(carts)
          .values({ profileId: holder.profileId, restaurantId: other.restaurant.id })
          .returning({ id: carts.id });
        await tx.insert(cartItems).values({ cartId: cart!.id, menuItemId: other.items[0]!.id, quantity: 3 });
      });
      await add.held;
      const asked = reorder({ viewer, orderId });
      await untilWaitingOnLocks(db(), 1);
      add.release();
      await add.done;

      // Before, the reorder had read an empty cart, replaced the tacos and said it had.
      expect(await asked).toEqual({
        ok: false,
        reason: "conflict:cart-not-empty",
        cartLines: 1,
        cartRestaurantName: other.restaurant.name,
      });
      expect((await getCart({ holder }))?.lines.map((l) => [l.name, l.quantity])).toEqual([["Taco", 3]]);
    });

  if (driver === "postgres")
    it("survives a double-clicked 'Order again': one cart, the order's lines once", async () => {
      const { viewer, items, holder } = await shop();
      await addToCart({ holder, menuItemId: items[0].id, quantity: 2 });
      const placed = await placeOrder({ viewer, idempotencyKey: key(), expectedTotalCents: 2 * 1999 });
      const orderId = (placed as { orderId: number }).orderId;
      for (let round = 0; round < 10; round++) {
        const both = await Promise.all([
          reorder({ viewer, orderId, replace: true }),
          reorder({ viewer, orderId, replace: true }),
        ]);
        expect(both).toEqual([
          { ok: true, added: 1, droppedChoices: [] },
          { ok: true, added: 1, droppedChoices: [] },
        ]);
      }
      expect(await db().$count(carts, eq(carts.profileId, viewer.profileId))).toBe(1);
      expect((await getCart({ holder }))?.lines.map((l) => [l.name, l.quantity])).toEqual([["Ramen", 2]]);
    });

  it("refuses an order over $1,000,000.00 with the reason, writing nothing", async () => {
    const customer = await createUser(db());
    const { items } = await createRestaurant(db(), [{ name: "Caviar", priceCents: MAX_PRICE_CENTS }]);
    const viewer = (await findActiveViewer(customer.user.id))!;
    const holder = { profileId: customer.profile.id };
    // Three lines of one item (a note each) at the highest price: $29,700,000.00, past the int4 column too.
    for (const instructions of ["", "no salt", "extra blini"]) {
      expect((await addToCart({ holder, menuItemId: items[0]!.id, quantity: 99, instructions })).ok).toBe(true);
    }
    const totalCents = 3 * 99 * MAX_PRICE_CENTS;
    expect((await getCart({ holder }))?.totalCents).toBe(totalCents);
    expect(await placeOrder({ viewer, idempotencyKey: key(), expectedTotalCents: totalCents })).toEqual({
      ok: false,
      reason: "invalid:too-large",
      maxTotalCents: 100_000_000,
      totalCents,
    });
    expect(await orderCount(customer.profile.id)).toBe(0);
    expect(await getCart({ holder })).not.toBeNull();

    // At the bound itself the order goes through: 10 x $100,000.00 is exactly $1,000,000.00.
    await db().delete(carts).where(eq(carts.profileId, customer.profile.id));
    await addToCart({ holder, menuItemId: items[0]!.id, quantity: 10 });
    expect(await placeOrder({ viewer, idempotencyKey: key(), expectedTotalCents: 100_000_000 })).toMatchObject({
      ok: true,
    });
  });

  it("gives what an anonymous visitor picked to them when they sign in", async () => {
    const { customer, items } = await shop();
    const anonymousId = crypto.randomUUID();
    await addToCart({ holder: { anonymousId }, menuItemId: items[2].id, quantity: 4 });
    await adoptAnonymousCart({ userId: customer.user.id, anonymousId });
    const cart = await getCart({ holder: { profileId: customer.profile.id } });
    expect(cart?.lines.map((l) => [l.name, l.quantity])).toEqual([["Gyoza", 4]]);
    expect(await getCart({ holder: { anonymousId } })).toBeNull();
    expect(await db().$count(carts, and(eq(carts.id, anonymousId)))).toBe(1);
  });
});
