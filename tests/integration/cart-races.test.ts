import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { cartItems, carts } from "@/db/schema";
import { findActiveViewer } from "@/lib/auth/queries";
import { addToCartAction, setQuantityAction } from "@/lib/cart/actions";
import { CART_COOKIE } from "@/lib/cart/cookie";
import { addToCart, adoptAnonymousCart, getCart } from "@/lib/cart/queries";
import { placeOrder } from "@/lib/orders/checkout";
import { digestOfCartView } from "@/lib/orders/reviewed-cart";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createRestaurant, createUser } from "../fixtures/factory";
import { heldTransaction, untilWaitingOnLocks } from "../fixtures/locks";
import { cookieJar } from "../fixtures/next-headers";
import { signInAs, submit } from "../fixtures/session";

vi.mock("@/lib/auth/session", async () => (await import("../fixtures/session")).sessionMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock("next/headers", async () => (await import("../fixtures/next-headers")).nextHeadersMock);

const ADDS = 100;

describe.each(DRIVERS)("carts under concurrent and stale requests on %s", (driver) => {
  const db = freshDatabase(driver);
  beforeEach(() => {
    cookieJar.clear();
    signInAs(null);
  });

  const cartsOf = (profileId: number) => db().select().from(carts).where(eq(carts.profileId, profileId));

  it("says how much of an add made it into a line that stops at 99, and refuses one into a full line", async () => {
    const { items } = await createRestaurant(db(), [{ name: "Bruschetta", priceCents: 850 }]);
    const add = () => submit(addToCartAction, { menuItemId: items[0]!.id, quantity: 60 });
    expect(await add()).toEqual({ ok: true, message: "Added Bruschetta to your cart." });
    expect(await add()).toEqual({
      ok: true,
      message: "Added Bruschetta to your cart, up to 99: the most one line can hold.",
    });
    expect(await add()).toEqual({
      ok: false,
      message: "Your cart already has 99 × Bruschetta, the most one line can hold.",
    });
    expect(await getCart({ holder: { anonymousId: cookieJar.get(CART_COOKIE)! } })).toMatchObject({
      lines: [{ name: "Bruschetta", quantity: 99 }],
    });
  });

  it("starts a new cart only over the cart the customer was asked about, not one another tab made since", async () => {
    const { user, profile } = await createUser(db());
    const a = await createRestaurant(db(), [{ name: "Pad thai", priceCents: 1200 }]);
    const b = await createRestaurant(db(), [{ name: "Ramen", priceCents: 1400 }]);
    const c = await createRestaurant(db(), [{ name: "Tacos", priceCents: 900 }]);
    signInAs(await findActiveViewer(user.id));
    await submit(addToCartAction, { menuItemId: a.items[0]!.id, quantity: 1 });
    // Tab 1, on B's page, is asked about A's cart and leaves the question on screen.
    const asked = await submit(addToCartAction, { menuItemId: b.items[0]!.id, quantity: 1 });
    expect(asked).toMatchObject({ ok: false, needsReplace: true, replacing: a.restaurant.id });
    // Tab 2 starts a cart at C, confirming there that A's cart may go.
    const elsewhere = await submit(addToCartAction, { menuItemId: c.items[0]!.id, quantity: 1 });
    expect(elsewhere).toMatchObject({ needsReplace: true, replacing: a.restaurant.id });
    await submit(addToCartAction, {
      menuItemId: c.items[0]!.id,
      quantity: 2,
      replace: "1",
      replacing: String(a.restaurant.id),
    });
    // Tab 1's "Start a new cart" was a yes to losing A's Pad thai, not C's Tacos: it asks again, naming C.
    const stale = await submit(addToCartAction, {
      menuItemId: b.items[0]!.id,
      quantity: 1,
      replace: "1",
      replacing: String(a.restaurant.id),
    });
    expect(stale).toMatchObject({ ok: false, needsReplace: true, replacing: c.restaurant.id });
    expect(stale.message).toContain(`Your cart has items from ${c.restaurant.name}.`);
    const cart = await getCart({ holder: { profileId: profile.id } });
    expect(cart?.lines.map((l) => [l.name, l.quantity])).toEqual([["Tacos", 2]]);
    // Asked again and confirmed, it replaces C's cart.
    const confirmed = await submit(addToCartAction, {
      menuItemId: b.items[0]!.id,
      quantity: 1,
      replace: "1",
      replacing: String(c.restaurant.id),
    });
    expect(confirmed).toMatchObject({ ok: true });
    expect((await getCart({ holder: { profileId: profile.id } }))?.lines.map((l) => l.name)).toEqual(["Ramen"]);
  });

  it("replaces a stale anonymous cookie, naming a cart adopted at sign-in, with a new cart instead of failing every add", async () => {
    const customer = await createUser(db());
    const { items } = await createRestaurant(db(), [
      { name: "Soup", priceCents: 500 },
      { name: "Bread", priceCents: 300 },
    ]);
    const staleId = crypto.randomUUID();
    await addToCart({ holder: { anonymousId: staleId }, menuItemId: items[0]!.id, quantity: 2 });
    await adoptAnonymousCart({ userId: customer.user.id, anonymousId: staleId });
    // Signed out again, the browser still holds the old cookie.
    cookieJar.set(CART_COOKIE, staleId);

    const first = await submit(addToCartAction, { menuItemId: items[1]!.id, quantity: 1 });
    expect(first).toMatchObject({ ok: true, message: "Added Bread to your cart." });
    const freshId = cookieJar.get(CART_COOKIE)!;
    expect(freshId).not.toBe(staleId);
    expect(await getCart({ holder: { anonymousId: freshId } })).toMatchObject({
      lines: [{ name: "Bread", quantity: 1 }],
    });
    // The adopted cart is untouched, still the customer's.
    const [adopted] = await db().select().from(carts).where(eq(carts.id, staleId));
    expect(adopted?.profileId).toBe(customer.profile.id);
    expect(await getCart({ holder: { profileId: customer.profile.id } })).toMatchObject({
      lines: [{ name: "Soup", quantity: 2 }],
    });

    // Later adds use the new cookie.
    expect(await submit(addToCartAction, { menuItemId: items[1]!.id, quantity: 2 })).toMatchObject({ ok: true });
    expect(await getCart({ holder: { anonymousId: freshId } })).toMatchObject({
      lines: [{ name: "Bread", quantity: 3 }],
    });
  });

  it("keeps the saved cart at sign-in when the anonymous cart has no lines left, and deletes that empty cart", async () => {
    const customer = await createUser(db());
    const { items } = await createRestaurant(db(), [
      { name: "Soup", priceCents: 500 },
      { name: "Bread", priceCents: 300 },
    ]);
    await addToCart({ holder: { profileId: customer.profile.id }, menuItemId: items[0]!.id, quantity: 2 });
    const anonymousId = crypto.randomUUID();
    await addToCart({ holder: { anonymousId }, menuItemId: items[1]!.id, quantity: 1 });
    // Its lines gone as a deleted menu category takes them (cart_items cascade), the cart row stays behind.
    await db().delete(cartItems).where(eq(cartItems.cartId, anonymousId));

    await adoptAnonymousCart({ userId: customer.user.id, anonymousId });
    expect(await getCart({ holder: { profileId: customer.profile.id } })).toMatchObject({
      lines: [{ name: "Soup", quantity: 2 }],
    });
    expect(await cartsOf(customer.profile.id)).toHaveLength(1);
    expect(await db().select().from(carts).where(eq(carts.id, anonymousId))).toEqual([]);
  });

  // PGlite runs one statement at a time and cannot show a race: these are defined for the real server only.
  if (driver === "postgres")
    it("adopts the anonymous cart when the customer's other session makes a new cart while adoption deletes the old", async () => {
      const customer = await createUser(db());
      const { restaurant, items } = await createRestaurant(db(), [
        { name: "Soup", priceCents: 500 },
        { name: "Bread", priceCents: 300 },
        { name: "Tea", priceCents: 250 },
      ]);
      const profileId = customer.profile.id;
      await addToCart({ holder: { profileId }, menuItemId: items[0]!.id, quantity: 1 });
      const anonymousId = crypto.randomUUID();
      await addToCart({ holder: { anonymousId }, menuItemId: items[1]!.id, quantity: 2 });

      // The other session, uncommitted: its saved cart emptied away (the last line removed) and a new one begun (a
      // first add). Adoption's delete waits for that transaction, and then no longer sees a saved cart to delete.
      let commit!: () => void;
      let isWritten!: () => void;
      const committed = new Promise<void>((resolve) => (commit = resolve));
      const writtenUncommitted = new Promise<void>((resolve) => (isWritten = resolve));
      const other = db().transaction(async (tx) => {
        await tx.delete(carts).where(eq(carts.profileId, profileId));
        const [fresh] = await tx
          .insert(carts)
          .values({ profileId, restaurantId: restaurant.id })
          .returning({ id: carts.id });
        await tx.insert(cartItems).values({ cartId: fresh!.id, menuItemId: items[2]!.id, quantity: 1 });
        isWritten();
        await committed;
      });
      await writtenUncommitted;
      let adopted = false;
      const adoption = adoptAnonymousCart({ userId: customer.user.id, anonymousId }).then(() => (adopted = true));
      const waitingOnLock = async () =>
        (
          await db()
            .select({ n: sql<number>`count(*)::int` })
            .from(sql`pg_stat_activity`)
            .where(sql`datname = current_database() and wait_event_type = 'Lock'`)
        )[0]!.n > 0;
      await expect.poll(async () => adopted || (await waitingOnLock())).toBe(true);
      commit();
      await other;
      // Before, the update broke carts_profile_id_unique and sign-in failed.
      await adoption;

      const [cart, ...more] = await cartsOf(profileId);
      expect(more).toHaveLength(0);
      expect(cart?.id).toBe(anonymousId);
      expect(await getCart({ holder: { profileId } })).toMatchObject({ lines: [{ name: "Bread", quantity: 2 }] });
    });

  if (driver === "postgres")
    it("makes a quantity change wait for a checkout that has read the cart, then says the line is gone", async () => {
      const customer = await createUser(db());
      const { items } = await createRestaurant(db(), [{ name: "Soup", priceCents: 500 }]);
      const profileId = customer.profile.id;
      await addToCart({ holder: { profileId }, menuItemId: items[0]!.id, quantity: 2 });
      const [line] = await db().select().from(cartItems);
      signInAs((await findActiveViewer(customer.user.id))!);

      // A checkout's first steps: the cart row locked, its lines read. It orders what it read.
      const checkout = heldTransaction(
        db(),
        async (tx) => {
          const [cart] = await tx.select().from(carts).where(eq(carts.profileId, profileId)).for("update");
          const [item] = await tx.select().from(cartItems).where(eq(cartItems.cartId, cart!.id));
          return { cartId: cart!.id, quantity: item!.quantity };
        },
        (tx, { cartId }) => tx.delete(carts).where(eq(carts.id, cartId)),
      );
      const ordered = (await checkout.held).quantity;

      let answered = false;
      const change = submit(setQuantityAction, { lineId: line!.id, quantity: 7 }).finally(() => (answered = true));
      await untilWaitingOnLocks(db(), 1);
      // Before, the change went through here and said "Quantity updated." while the order kept 2.
      expect(answered).toBe(false);
      checkout.release();
      await checkout.done;
      expect(await change).toEqual({
        ok: false,
        gone: true,
        message:
          "This item is no longer in your cart: it was changed in another tab or window. Your cart is shown as it is now.",
      });
      expect(ordered).toBe(2);
      expect(await cartsOf(profileId)).toHaveLength(0);
    });

  if (driver === "postgres")
    describe("a cart switched to another restaurant while a request waits for it", () => {
      /**
       * Runs `waiter` while another transaction holds the cart row and then starts it over for restaurant B, as an
       * add with replace does, committing once `waiter` waits for the row. A lock taken with the restaurant joined
       * rechecked the new cart row against the old restaurant row, and found no cart at all.
       */
      async function switchedWhile<T>(
        cartId: string,
        to: { restaurantId: number; itemId: number },
        waiter: () => Promise<T>,
      ) {
        const other = heldTransaction(
          db(),
          (tx) => tx.select().from(carts).where(eq(carts.id, cartId)).for("update"),
          async (tx) => {
            await tx.delete(cartItems).where(eq(cartItems.cartId, cartId));
            await tx.update(carts).set({ restaurantId: to.restaurantId }).where(eq(carts.id, cartId));
            await tx.insert(cartItems).values({ cartId, menuItemId: to.itemId, quantity: 1 });
          },
        );
        await other.held;
        const running = waiter();
        await untilWaitingOnLocks(db(), 1);
        other.release();
        await other.done;
        return running;
      }

      async function twoRestaurants() {
        const a = await createRestaurant(db(), [{ name: "Ramen", priceCents: 1000 }]);
        const b = await createRestaurant(db(), [{ name: "Pizza", priceCents: 1200 }]);
        return { a, b, toB: { restaurantId: b.restaurant.id, itemId: b.items[0]!.id } };
      }

      it("checkout says the cart changed, not that it is empty", async () => {
        const customer = await createUser(db());
        const viewer = (await findActiveViewer(customer.user.id))!;
        const { a, toB } = await twoRestaurants();
        const holder = { profileId: customer.profile.id };
        await addToCart({ holder, menuItemId: a.items[0]!.id, quantity: 1 });
        const reviewed = (await getCart({ holder }))!;
        const result = await switchedWhile(reviewed.id, toB, () =>
          placeOrder({
            viewer,
            idempotencyKey: crypto.randomUUID(),
            expectedTotalCents: 1000,
            reviewedCart: digestOfCartView(reviewed, "pickup"),
          }),
        );
        expect(result).toEqual({ ok: false, reason: "conflict:cart-changed" });
        expect(await getCart({ holder })).toMatchObject({ lines: [{ name: "Pizza", quantity: 1 }] });
      });

      it("sign-in adopts the visitor's cart as it now is", async () => {
        const customer = await createUser(db());
        const { a, toB } = await twoRestaurants();
        const anonymousId = crypto.randomUUID();
        await addToCart({ holder: { anonymousId }, menuItemId: a.items[0]!.id, quantity: 1 });
        await switchedWhile(anonymousId, toB, () => adoptAnonymousCart({ userId: customer.user.id, anonymousId }));
        const [cart] = await cartsOf(customer.profile.id);
        expect(cart?.id).toBe(anonymousId);
        expect(await getCart({ holder: { profileId: customer.profile.id } })).toMatchObject({
          lines: [{ name: "Pizza", quantity: 1 }],
        });
      });
    });

  if (driver === "postgres")
    describe("100 concurrent adds", () => {
      async function customerAndMenu() {
        const customer = await createUser(db());
        const viewer = (await findActiveViewer(customer.user.id))!;
        const a = await createRestaurant(db(), [
          { name: "Soup", priceCents: 500 },
          { name: "Bread", priceCents: 300 },
          { name: "Tea", priceCents: 250 },
          { name: "Cake", priceCents: 450 },
        ]);
        const b = await createRestaurant(db(), [
          { name: "Taco", priceCents: 400 },
          { name: "Burrito", priceCents: 900 },
        ]);
        return { customer, viewer, a, b };
      }

      it("for a customer without a cart: every add succeeds, into one cart, each quantity the number of adds", async () => {
        const { customer, viewer, a } = await customerAndMenu();
        signInAs(viewer);
        const itemFor = (i: number) => a.items[i % a.items.length]!;
        const results = await Promise.all(
          Array.from({ length: ADDS }, (_, i) => submit(addToCartAction, { menuItemId: itemFor(i).id, quantity: 1 })),
        );
        expect(results.filter((r) => !r.ok)).toEqual([]);
        const [cart, ...more] = await cartsOf(customer.profile.id);
        expect(more).toHaveLength(0);
        const lines = await db().select().from(cartItems).where(eq(cartItems.cartId, cart!.id));
        const expected = new Map(
          a.items.map((item, i) => [
            item.id,
            Array.from({ length: ADDS }, (_, n) => n).filter((n) => n % a.items.length === i).length,
          ]),
        );
        expect(new Map(lines.map((l) => [l.menuItemId, l.quantity]))).toEqual(expected);
      });

      it("with replace, from two restaurants at once: every add succeeds and the one cart holds one restaurant's items only", async () => {
        const { customer, viewer, a, b } = await customerAndMenu();
        signInAs(viewer);
        const results = await Promise.all(
          Array.from({ length: ADDS }, (_, i) => {
            const item = i % 2 === 0 ? a.items[i % a.items.length]! : b.items[i % b.items.length]!;
            return submit(addToCartAction, { menuItemId: item.id, quantity: 1, replace: "1" });
          }),
        );
        expect(results.filter((r) => !r.ok)).toEqual([]);
        const found = await cartsOf(customer.profile.id);
        expect(found).toHaveLength(1);
        const cart = await getCart({ holder: { profileId: customer.profile.id } });
        expect(cart!.lines.length).toBeGreaterThan(0);
        expect(cart!.lines.every((l) => l.problem === undefined)).toBe(true);
        const menu = cart!.restaurant.id === a.restaurant.id ? a.items : b.items;
        expect(cart!.lines.every((l) => menu.some((item) => item.id === l.menuItemId))).toBe(true);
        expect(cart!.lines.every((l) => l.quantity >= 1 && l.quantity <= ADDS)).toBe(true);
      });

      it("with replace, from one restaurant: every add succeeds and every add is counted", async () => {
        const { customer, viewer, a } = await customerAndMenu();
        signInAs(viewer);
        const results = await Promise.all(
          Array.from({ length: ADDS }, (_, i) =>
            submit(addToCartAction, { menuItemId: a.items[i % 4]!.id, quantity: 1, replace: "1" }),
          ),
        );
        expect(results.filter((r) => !r.ok)).toEqual([]);
        expect(await cartsOf(customer.profile.id)).toHaveLength(1);
        const cart = await getCart({ holder: { profileId: customer.profile.id } });
        expect(cart!.lines.map((l) => l.quantity)).toEqual([ADDS / 4, ADDS / 4, ADDS / 4, ADDS / 4]);
      });
    });
});
