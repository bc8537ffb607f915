import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { countQueries } from "@/db/query-stats";
import {
  auditLog,
  carts,
  customerAddresses,
  favorites,
  MAX_CART_LINES,
  MAX_CHOICES_PER_GROUP,
  MAX_SAVED_ADDRESSES,
  menuCategories,
  menuItems,
  menuOptionChoices,
  passwordResetThrottles,
  passwordResetTokens,
  profiles,
  restaurantOwners,
  userSessions,
} from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed/accounts";
import { addAddress, deleteAddress, setDefaultAddress, updateAddress } from "@/lib/addresses/queries";
import {
  addRestaurantOwner,
  createRestaurant as adminCreateRestaurant,
  removeRestaurantOwner,
} from "@/lib/admin/restaurants";
import { changeUserRole, setUserDisabled } from "@/lib/admin/roles";
import { changePassword, signOutSessions } from "@/lib/auth/account";
import { endSession, sessionToken } from "@/lib/auth/callbacks";
import { createAccount, findActiveViewer, type Viewer } from "@/lib/auth/queries";
import { pruneResetThrottles } from "@/lib/auth/reset-throttle";
import { pruneResetTokens } from "@/lib/auth/reset-tokens";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { signUp } from "@/lib/auth/sign-up";
import { addToCartAction } from "@/lib/cart/actions";
import { CART_COOKIE, type CartHolder } from "@/lib/cart/cookie";
import { addToCart, adoptAnonymousCart, getCart, removeFromCart, setCartQuantity } from "@/lib/cart/queries";
import { setFavorite } from "@/lib/favorites/queries";
import { cancelOwnOrder } from "@/lib/orders/cancel";
import { placeOrder } from "@/lib/orders/checkout";
import { reorder } from "@/lib/orders/reorder";
import { saveHours } from "@/lib/owner/hours";
import type { HoursInput } from "@/lib/owner/hours-schema";
import {
  createCategory,
  createItem,
  deleteCategory,
  deleteItem,
  moveCategory,
  moveItem,
  renameCategory,
  setItemAvailability,
  updateItem,
} from "@/lib/owner/menu";
import { createOptionGroup, deleteOptionGroup, setChoiceAvailability, updateOptionGroup } from "@/lib/owner/options";
import { moveOrder, updateRestaurantDetails } from "@/lib/owner/queries";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createOrders, createOwner, createRestaurant, createUser } from "../fixtures/factory";
import { cookieJar } from "../fixtures/next-headers";
import { signInAs, submit } from "../fixtures/session";

// Only the cart action's own test goes through an action: it needs a cookie jar and no signed-in user.
vi.mock("next/headers", async () => (await import("../fixtures/next-headers")).nextHeadersMock);
vi.mock("@/lib/auth/session", async () => (await import("../fixtures/session")).sessionMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

type Weekday = HoursInput["week"][number]["weekday"];

/**
 * The statement budget of every server action's domain function that no other test pins: the exact count of a
 * normal call, the same count whether the data or the input is small or large (the house rule: a budget never grows
 * with the data), and refusals (not the viewer's, a wrong id, a stale state) that cost no more than the success.
 * Each size gets its own users and restaurants, so that only the size differs between the two measures.
 */
describe.each(DRIVERS)("server action statement budgets on %s", (driver) => {
  const db = freshDatabase(driver);

  const SMALL_LARGE = [1, 30];
  const menu = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `Dish ${i + 1}`, priceCents: 100 + i }));
  const line = [{ menuItemId: null, name: "Soup", unitPriceCents: 250, quantity: 2 }];

  /** What every size must cost: one budget per size measured (two sizes in every test here). */
  const both = <T>(budget: T) => [budget, budget];
  const statements = async (fn: () => Promise<unknown>) => (await countQueries(fn)).count;

  async function viewerOf(userId: string): Promise<Viewer> {
    const viewer = await findActiveViewer(userId);
    if (!viewer) throw new Error("viewer should be active");
    return viewer;
  }
  async function customer() {
    const { user, profile } = await createUser(db());
    return { user, profile, viewer: await viewerOf(user.id) };
  }
  /** A restaurant with `items` dishes in one category, and its owner. */
  async function ownedRestaurant(items = 1) {
    const made = await createRestaurant(db(), menu(items));
    const owner = await createOwner(db(), [made.restaurant.id]);
    return { ...made, owner: await viewerOf(owner.user.id) };
  }
  /** `n` open sessions of one user, in one insert. */
  async function openSessions(userId: string, n: number) {
    const ids = Array.from({ length: n }, () => crypto.randomUUID());
    await db()
      .insert(userSessions)
      .values(ids.map((id) => ({ id, userId })));
    return ids;
  }
  const lineIds = async (holder: CartHolder) => (await getCart({ holder }))!.lines.map((l) => l.lineId);
  /** `n` restaurants, each with the factory's one dish. */
  const restaurantIds = async (n: number) => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) ids.push((await createRestaurant(db())).restaurant.id);
    return ids;
  };
  const choicesOf = async (groupId: number) =>
    (
      await db()
        .select({ id: menuOptionChoices.id })
        .from(menuOptionChoices)
        .where(eq(menuOptionChoices.groupId, groupId))
        .orderBy(menuOptionChoices.position)
    ).map((c) => c.id);

  beforeEach(() => {
    signInAs(null);
    cookieJar.clear();
  });

  describe("orders", () => {
    it("cancel: 2 statements for a customer with 2 orders or 200; an order not theirs or no longer placed, 2", async () => {
      const counts: number[] = [];
      const refused: number[] = [];
      for (const size of [2, 200]) {
        const { profile, viewer } = await customer();
        const other = await customer();
        const { restaurant } = await createRestaurant(db());
        const mine = await createOrders(db(), {
          customerId: profile.id,
          restaurantId: restaurant.id,
          count: size,
          lines: line,
          status: "placed",
        });
        const { result, count } = await countQueries(() => cancelOwnOrder({ viewer, orderId: mine[0]! }));
        expect(result).toEqual({ ok: true });
        counts.push(count);
        for (const [who, orderId, answer] of [
          [other.viewer, mine[1]!, { reason: "not-found" }],
          [viewer, mine[0]!, { reason: "conflict", status: "cancelled" }],
          [viewer, 2_000_000_000, { reason: "not-found" }],
        ] as const) {
          const no = await countQueries(() => cancelOwnOrder({ viewer: who, orderId }));
          expect(no.result).toEqual({ ok: false, ...answer });
          refused.push(no.count);
        }
      }
      expect(counts).toEqual([2, 2]);
      // The refused update, then the read that says why.
      expect(refused).toEqual([2, 2, 2, 2, 2, 2]);
    });

    it("owner's status change: 2 statements with 1 open order or 200; refusals no more", async () => {
      const counts: number[] = [];
      const refused: number[] = [];
      for (const size of [1, 200]) {
        const { restaurant, owner } = await ownedRestaurant();
        const stranger = await ownedRestaurant();
        const { profile } = await customer();
        const ids = await createOrders(db(), {
          customerId: profile.id,
          restaurantId: restaurant.id,
          count: size,
          lines: line,
          status: "placed",
        });
        const orderId = ids.at(-1)!;
        const move = (viewer: Viewer, from: "placed" | "preparing", to: "preparing" | "ready" | "completed") =>
          countQueries(() => moveOrder({ viewer, orderId, from, to }));
        const { result, count } = await move(owner, "placed", "preparing");
        expect(result).toEqual({ ok: true });
        counts.push(count);
        const conflict = await move(owner, "placed", "preparing");
        expect(conflict.result).toEqual({ ok: false, reason: "conflict", status: "preparing" });
        const foreign = await move(stranger.owner, "preparing", "ready");
        expect(foreign.result).toEqual({ ok: false, reason: "not-found" });
        const skipped = await move(owner, "preparing", "completed");
        expect(skipped.result).toEqual({ ok: false, reason: "invalid:transition" });
        refused.push(conflict.count, foreign.count, skipped.count);
      }
      expect(counts).toEqual([2, 2]);
      expect(refused).toEqual([2, 2, 1, 2, 2, 1]);
    });

    it("checkout (pinned exactly here; other tests bound it): the same count for 1 line or 40", async () => {
      const counts: number[] = [];
      const refused: number[] = [];
      for (const size of [1, 40]) {
        const { profile, viewer } = await customer();
        const { items } = await createRestaurant(db(), menu(size));
        const holder = { profileId: profile.id };
        for (const item of items) await addToCart({ holder, menuItemId: item.id, quantity: 1 });
        const total = (await getCart({ holder }))!.totalCents;
        const stale = await countQueries(() =>
          placeOrder({ viewer, idempotencyKey: crypto.randomUUID(), expectedTotalCents: total + 1 }),
        );
        expect(stale.result).toMatchObject({ ok: false });
        refused.push(stale.count);
        const placed = await countQueries(() =>
          placeOrder({ viewer, idempotencyKey: crypto.randomUUID(), expectedTotalCents: total }),
        );
        expect(placed.result).toMatchObject({ ok: true });
        counts.push(placed.count);
      }
      expect(counts).toEqual([8, 8]);
      expect(refused).toEqual([4, 4]);
    });

    it("reorder: 5 statements for an order of 1 line or 30 (other tests pin it for 1 line)", async () => {
      const counts: number[] = [];
      for (const size of SMALL_LARGE) {
        const { profile, viewer } = await customer();
        const { restaurant, items } = await createRestaurant(db(), menu(size));
        const [orderId] = await createOrders(db(), {
          customerId: profile.id,
          restaurantId: restaurant.id,
          count: 1,
          lines: items.map((item) => ({ menuItemId: item.id, name: item.name, unitPriceCents: 100, quantity: 1 })),
        });
        const { result, count } = await countQueries(() => reorder({ viewer, orderId: orderId! }));
        expect(result).toEqual({ ok: true, added: size, droppedChoices: [] });
        counts.push(count);
      }
      expect(counts).toEqual([5, 5]);
    });
  });

  describe("favorites and addresses", () => {
    it("favorite: add 2 statements, remove 1, whatever the number of favorites; an unknown restaurant 1", async () => {
      const counts: number[][] = [];
      for (const size of [1, 50]) {
        const { profile, viewer } = await customer();
        const others = [];
        for (let i = 0; i < size; i++) others.push((await createRestaurant(db())).restaurant.id);
        await db()
          .insert(favorites)
          .values(others.map((restaurantId) => ({ profileId: profile.id, restaurantId })));
        const { restaurant } = await createRestaurant(db());
        const set = (restaurantId: number, favorite: boolean) =>
          countQueries(() => setFavorite({ viewer, restaurantId, favorite }));
        const added = await set(restaurant.id, true);
        const again = await set(restaurant.id, true);
        const removed = await set(restaurant.id, false);
        const unknown = await set(2_000_000_000, true);
        expect([added.result, again.result, removed.result, unknown.result]).toEqual([
          { ok: true },
          { ok: true },
          { ok: true },
          { ok: false, reason: "not-found" },
        ]);
        counts.push([added.count, again.count, removed.count, unknown.count]);
      }
      expect(counts).toEqual(both([2, 2, 1, 1]));
    });

    it("addresses: add 3 (4 as the new default), edit 3, make default 3, delete 2 (3 for the default), for 1 saved or 9", async () => {
      const counts: Record<string, number>[] = [];
      const refused: Record<string, number>[] = [];
      for (const size of [1, MAX_SAVED_ADDRESSES - 1]) {
        const { profile, viewer } = await customer();
        const stranger = await customer();
        const saved = await db()
          .insert(customerAddresses)
          .values(
            Array.from({ length: size }, (_, i) => ({
              profileId: profile.id,
              label: `A${i}`,
              address: `${i} Road`,
              isDefault: i === 0,
            })),
          )
          .returning({ id: customerAddresses.id });
        const theDefault = saved[0]!.id;
        const add = await countQueries(() =>
          addAddress({ viewer, label: "Work", address: "1 Quay", makeDefault: false }),
        );
        expect(add.result).toMatchObject({ ok: true });
        const added = (add.result as { addressId: number }).addressId;
        const edit = await countQueries(() =>
          updateAddress({ viewer, addressId: added, label: "Office", address: "2 Quay" }),
        );
        const makeDefault = await countQueries(() => setDefaultAddress({ viewer, addressId: added }));
        const deleteOld = await countQueries(() => deleteAddress({ viewer, addressId: theDefault }));
        const deleteDefault = await countQueries(() => deleteAddress({ viewer, addressId: added }));
        const addDefault = await countQueries(() =>
          addAddress({ viewer, label: "Home", address: "3 Quay", makeDefault: true }),
        );
        for (const done of [edit, makeDefault, deleteOld, deleteDefault, addDefault]) {
          expect(done.result).toMatchObject({ ok: true });
        }
        counts.push({
          add: add.count,
          addDefault: addDefault.count,
          edit: edit.count,
          makeDefault: makeDefault.count,
          deleteOld: deleteOld.count,
          deleteDefault: deleteDefault.count,
        });

        // Someone else's address id, and a full address book.
        const theirs = { viewer: stranger.viewer, addressId: (addDefault.result as { addressId: number }).addressId };
        const no = {
          edit: await countQueries(() => updateAddress({ ...theirs, label: "x", address: "y" })),
          makeDefault: await countQueries(() => setDefaultAddress(theirs)),
          delete: await countQueries(() => deleteAddress(theirs)),
        };
        for (const n of Object.values(no)) expect(n.result).toEqual({ ok: false, reason: "not-found" });
        await db()
          .insert(customerAddresses)
          .values(
            Array.from({ length: MAX_SAVED_ADDRESSES - size }, (_, i) => ({
              profileId: profile.id,
              label: `B${i}`,
              address: `${i} Lane`,
            })),
          );
        const full = await countQueries(() =>
          addAddress({ viewer, label: "One more", address: "9", makeDefault: false }),
        );
        expect(full.result).toEqual({ ok: false, reason: "invalid:too-many" });
        refused.push({
          edit: no.edit.count,
          makeDefault: no.makeDefault.count,
          delete: no.delete.count,
          full: full.count,
        });
      }
      const budget = { add: 3, addDefault: 4, edit: 3, makeDefault: 3, deleteOld: 2, deleteDefault: 3 };
      expect(counts).toEqual(both(budget));
      const refusals = { edit: 2, makeDefault: 3, delete: 2, full: 2 };
      expect(refused).toEqual(both(refusals));
    });
  });

  describe("cart", () => {
    it("add 5 statements, set quantity 1, remove 3, for a cart of 1 line or 30, a profile's or an anonymous one", async () => {
      const counts: number[][] = [];
      for (const size of SMALL_LARGE) {
        for (const anonymous of [false, true]) {
          const { items } = await createRestaurant(db(), menu(size + 1));
          const holder: CartHolder = anonymous
            ? { anonymousId: crypto.randomUUID() }
            : { profileId: (await customer()).profile.id };
          for (const item of items.slice(0, size)) await addToCart({ holder, menuItemId: item.id, quantity: 1 });
          const newLine = await countQueries(() => addToCart({ holder, menuItemId: items.at(-1)!.id, quantity: 2 }));
          const sameLine = await countQueries(() => addToCart({ holder, menuItemId: items[0]!.id, quantity: 1 }));
          expect([newLine.result, sameLine.result]).toMatchObject([{ ok: true }, { ok: true }]);
          const [first, ...rest] = await lineIds(holder);
          expect(rest).toHaveLength(size);
          const quantity = await countQueries(() => setCartQuantity({ holder, lineId: first!, quantity: 5 }));
          const removed = await countQueries(() => removeFromCart({ holder, lineId: first! }));
          expect([quantity.result, removed.result]).toEqual([{ ok: true }, { ok: true }]);
          counts.push([newLine.count, sameLine.count, quantity.count, removed.count]);
        }
      }
      expect(counts).toEqual(Array.from({ length: 4 }, () => [5, 5, 1, 3]));
    });

    it("the first add (the cart is created) is 7 statements; replacing a cart of 1 line or 30 by another restaurant's, 8", async () => {
      const counts: number[][] = [];
      for (const size of SMALL_LARGE) {
        const { profile } = await customer();
        const holder = { profileId: profile.id };
        const first = await createRestaurant(db(), menu(size));
        const second = await createRestaurant(db(), menu(1));
        const created = await countQueries(() => addToCart({ holder, menuItemId: first.items[0]!.id, quantity: 1 }));
        expect(created.result).toMatchObject({ ok: true });
        for (const item of first.items.slice(1)) await addToCart({ holder, menuItemId: item.id, quantity: 1 });
        const replaced = await countQueries(() =>
          addToCart({ holder, menuItemId: second.items[0]!.id, quantity: 1, replace: true }),
        );
        expect(replaced.result).toMatchObject({ ok: true });
        expect(await lineIds(holder)).toHaveLength(1);
        counts.push([created.count, replaced.count]);
      }
      // Replacing: one more, to see whether the cart still holds a line (an empty one is switched without asking).
      expect(counts).toEqual(both([7, 8]));
    });

    it("an item with a group of 2 choices or 20: add 5 statements, like any other", async () => {
      const counts: number[] = [];
      for (const size of [2, MAX_CHOICES_PER_GROUP]) {
        const { items, owner } = await ownedRestaurant(1);
        const group = await createOptionGroup({
          viewer: owner,
          itemId: items[0]!.id,
          fields: {
            name: "Size",
            required: true,
            minChoices: 1,
            maxChoices: 1,
            choices: Array.from({ length: size }, (_, i) => ({ name: `Choice ${i}`, priceDeltaCents: i * 10 })),
          },
        });
        expect(group).toMatchObject({ ok: true });
        const { profile } = await customer();
        const holder = { profileId: profile.id };
        const choiceIds = await choicesOf((group as { id: number }).id);
        expect(choiceIds).toHaveLength(size);
        await addToCart({ holder, menuItemId: items[0]!.id, quantity: 1, choiceIds: [choiceIds[0]!] });
        const { result, count } = await countQueries(() =>
          addToCart({ holder, menuItemId: items[0]!.id, quantity: 1, choiceIds: [choiceIds.at(-1)!] }),
        );
        expect(result).toMatchObject({ ok: true });
        counts.push(count);
      }
      expect(counts).toEqual([5, 5]);
    });

    it("refusals cost no more than an add: another restaurant's item 3, an unavailable one 1, a full cart 3, a wrong line", async () => {
      const { profile } = await customer();
      const holder = { profileId: profile.id };
      const full = await createRestaurant(db(), menu(MAX_CART_LINES + 1));
      const other = await createRestaurant(db(), menu(1));
      for (const item of full.items.slice(0, MAX_CART_LINES)) {
        await addToCart({ holder, menuItemId: item.id, quantity: 1 });
      }
      await db().update(menuItems).set({ available: false }).where(eq(menuItems.id, other.items[0]!.id));
      const elsewhere = await createRestaurant(db(), menu(1));
      const refusals = {
        otherRestaurant: await countQueries(() =>
          addToCart({ holder, menuItemId: elsewhere.items[0]!.id, quantity: 1 }),
        ),
        unavailable: await countQueries(() => addToCart({ holder, menuItemId: other.items[0]!.id, quantity: 1 })),
        cartFull: await countQueries(() => addToCart({ holder, menuItemId: full.items.at(-1)!.id, quantity: 1 })),
        quantity: await countQueries(() => setCartQuantity({ holder, lineId: 2_000_000_000, quantity: 2 })),
        remove: await countQueries(() => removeFromCart({ holder, lineId: 2_000_000_000 })),
        noCart: await countQueries(() => removeFromCart({ holder: { anonymousId: crypto.randomUUID() }, lineId: 1 })),
      };
      expect(Object.values(refusals).map((r) => r.result)).toMatchObject([
        { ok: false, reason: "conflict:other-restaurant" },
        { ok: false, reason: "unavailable:item" },
        { ok: false, reason: "invalid:cart-full" },
        { ok: false, reason: "not-found" },
        { ok: false, reason: "not-found" },
        { ok: false, reason: "not-found" },
      ]);
      expect(Object.fromEntries(Object.entries(refusals).map(([k, r]) => [k, r.count]))).toEqual({
        otherRestaurant: 3,
        unavailable: 1,
        cartFull: 3,
        quantity: 1,
        remove: 3,
        noCart: 1,
      });
    });

    it("the add action itself: a cookie naming an adopted cart of 1 line or 30 costs the refused add and a new cart's, 11", async () => {
      const counts: number[] = [];
      for (const size of SMALL_LARGE) {
        const { user, profile } = await customer();
        const { items } = await createRestaurant(db(), menu(size));
        const anonymousId = crypto.randomUUID();
        for (const item of items) await addToCart({ holder: { anonymousId }, menuItemId: item.id, quantity: 1 });
        await adoptAnonymousCart({ userId: user.id, anonymousId });
        cookieJar.set(CART_COOKIE, anonymousId);
        const { result, count } = await countQueries(() =>
          submit(addToCartAction, { menuItemId: items[0]!.id, quantity: 1 }),
        );
        expect(result).toMatchObject({ ok: true });
        expect(cookieJar.get(CART_COOKIE)).not.toBe(anonymousId);
        expect(await lineIds({ profileId: profile.id })).toHaveLength(size);
        counts.push(count);
      }
      expect(counts).toEqual([11, 11]);
    });
  });

  describe("owner menu, options, hours and details", () => {
    /** One restaurant with `size` items in Mains and `size` more categories, and a stranger owning another. */
    async function menuOf(size: number) {
      const made = await ownedRestaurant(size);
      await db()
        .insert(menuCategories)
        .values(
          Array.from({ length: size }, (_, i) => ({
            restaurantId: made.restaurant.id,
            name: `C${i}`,
            position: i + 1,
          })),
        );
      const stranger = await ownedRestaurant();
      return { ...made, stranger: stranger.owner };
    }
    const fields = { name: "New dish", description: "", priceCents: 900, available: true };

    it("menu writes: the same count for 1 item and category or 50; another owner's ids 1 statement each", async () => {
      const counts: Record<string, number>[] = [];
      const refused: Record<string, number>[] = [];
      for (const size of [1, 50]) {
        const { restaurant, category, items, owner, stranger } = await menuOf(size);
        const made = await countQueries(() =>
          createCategory({ viewer: owner, restaurantId: restaurant.id, name: "Drinks" }),
        );
        expect(made.result).toMatchObject({ ok: true });
        const categoryId = (made.result as { id: number }).id;
        const item = await countQueries(() => createItem({ viewer: owner, categoryId: category.id, fields }));
        expect(item.result).toMatchObject({ ok: true });
        const itemId = (item.result as { id: number }).id;
        const writes = {
          createCategory: made,
          renameCategory: await countQueries(() => renameCategory({ viewer: owner, categoryId, name: "Cold drinks" })),
          moveCategory: await countQueries(() => moveCategory({ viewer: owner, categoryId, direction: "up" })),
          createItem: item,
          updateItem: await countQueries(() =>
            updateItem({ viewer: owner, itemId, fields: { ...fields, priceCents: 950 } }),
          ),
          setItemAvailability: await countQueries(() =>
            setItemAvailability({ viewer: owner, itemId, available: false }),
          ),
          moveItem: await countQueries(() => moveItem({ viewer: owner, itemId, direction: "up" })),
          deleteItem: await countQueries(() => deleteItem({ viewer: owner, itemId })),
          deleteCategory: await countQueries(() => deleteCategory({ viewer: owner, categoryId })),
        };
        for (const w of Object.values(writes)) expect(w.result).toMatchObject({ ok: true });
        counts.push(Object.fromEntries(Object.entries(writes).map(([k, w]) => [k, w.count])));

        const other = { viewer: stranger };
        const liveItem = items[0]!.id;
        const no = {
          createCategory: await countQueries(() =>
            createCategory({ ...other, restaurantId: restaurant.id, name: "X" }),
          ),
          renameCategory: await countQueries(() => renameCategory({ ...other, categoryId: category.id, name: "X" })),
          moveCategory: await countQueries(() =>
            moveCategory({ ...other, categoryId: category.id, direction: "down" }),
          ),
          createItem: await countQueries(() => createItem({ ...other, categoryId: category.id, fields })),
          updateItem: await countQueries(() => updateItem({ ...other, itemId: liveItem, fields })),
          setItemAvailability: await countQueries(() =>
            setItemAvailability({ ...other, itemId: liveItem, available: false }),
          ),
          moveItem: await countQueries(() => moveItem({ ...other, itemId: liveItem, direction: "down" })),
          deleteItem: await countQueries(() => deleteItem({ ...other, itemId: liveItem })),
          deleteCategory: await countQueries(() => deleteCategory({ ...other, categoryId: category.id })),
          // The owner's own category that still holds live items.
          deleteFullCategory: await countQueries(() => deleteCategory({ viewer: owner, categoryId: category.id })),
        };
        for (const [name, n] of Object.entries(no)) {
          expect(n.result, name).toMatchObject({ ok: false });
        }
        refused.push(Object.fromEntries(Object.entries(no).map(([k, w]) => [k, w.count])));
      }
      const budget = {
        createCategory: 2,
        renameCategory: 1,
        moveCategory: 3,
        createItem: 2,
        updateItem: 1,
        setItemAvailability: 1,
        moveItem: 3,
        deleteItem: 1,
        // The lock, then the count of live items (read after the lock, so that an add that held it is counted).
        deleteCategory: 4,
      };
      expect(counts).toEqual(both(budget));
      const refusals = { ...Object.fromEntries(Object.keys(budget).map((k) => [k, 1])), deleteFullCategory: 2 };
      expect(refused).toEqual(both(refusals));
    });

    it("deleting a category that holds 1 soft-deleted item or 50 is 4 statements", async () => {
      const counts: number[] = [];
      for (const size of [1, 50]) {
        const { category, items, owner } = await ownedRestaurant(size);
        for (const item of items) await deleteItem({ viewer: owner, itemId: item.id });
        const { result, count } = await countQueries(() => deleteCategory({ viewer: owner, categoryId: category.id }));
        expect(result).toEqual({ ok: true });
        counts.push(count);
      }
      expect(counts).toEqual([4, 4]);
    });

    it("option groups: create 4 statements for 2 choices or 20, save 5, delete 1, a choice sold out 1; refused 1 (a save 2)", async () => {
      const counts: number[][] = [];
      const refused: number[][] = [];
      for (const size of [2, MAX_CHOICES_PER_GROUP]) {
        const { items, owner } = await ownedRestaurant(1);
        const stranger = (await ownedRestaurant()).owner;
        const groupFields = {
          name: "Extras",
          required: false,
          minChoices: 0,
          maxChoices: size,
          choices: Array.from({ length: size }, (_, i) => ({ name: `Extra ${i}`, priceDeltaCents: 50 })),
        };
        const itemId = items[0]!.id;
        const created = await countQueries(() => createOptionGroup({ viewer: owner, itemId, fields: groupFields }));
        expect(created.result).toMatchObject({ ok: true });
        const groupId = (created.result as { id: number }).id;
        // Saved again with every choice repriced, the list reversed and the first renamed (a removal and an addition).
        const edited = {
          ...groupFields,
          choices: groupFields.choices
            .map((c, i) => ({ name: i === 0 ? "Renamed" : c.name, priceDeltaCents: c.priceDeltaCents + i }))
            .reverse(),
        };
        const saved = await countQueries(() => updateOptionGroup({ viewer: owner, groupId, fields: edited }));
        expect(saved.result).toEqual({ ok: true });
        const live = await db()
          .select({
            id: menuOptionChoices.id,
            name: menuOptionChoices.name,
            priceDeltaCents: menuOptionChoices.priceDeltaCents,
          })
          .from(menuOptionChoices)
          .where(sql`${menuOptionChoices.groupId} = ${groupId} and ${menuOptionChoices.deletedAt} is null`)
          .orderBy(menuOptionChoices.position);
        expect(live.map(({ name, priceDeltaCents }) => ({ name, priceDeltaCents }))).toEqual(edited.choices);
        const choiceId = live[0]!.id;
        const soldOut = await countQueries(() =>
          setChoiceAvailability({ viewer: owner, choiceId: choiceId!, available: false }),
        );
        const no = [
          await countQueries(() => createOptionGroup({ viewer: stranger, itemId, fields: groupFields })),
          await countQueries(() => setChoiceAvailability({ viewer: stranger, choiceId: choiceId!, available: true })),
          await countQueries(() => deleteOptionGroup({ viewer: stranger, groupId })),
          await countQueries(() => updateOptionGroup({ viewer: stranger, groupId, fields: edited })),
        ];
        const deleted = await countQueries(() => deleteOptionGroup({ viewer: owner, groupId }));
        expect([soldOut.result, deleted.result]).toEqual([{ ok: true }, { ok: true }]);
        for (const n of no) expect(n.result).toEqual({ ok: false, reason: "not-found" });
        counts.push([created.count, saved.count, soldOut.count, deleted.count]);
        refused.push(no.map((n) => n.count));
      }
      // Create: the item's lock, then the figures read after it, the group, its choices.
      expect(counts).toEqual(both([4, 5, 1, 1]));
      // A refused save costs one more statement than the others, to tell "not yours" from "name taken".
      expect(refused).toEqual(both([1, 1, 1, 2]));
    });

    it("hours: 6 statements for 1 interval and closed day or 42 and 100; an empty week 4; refusals 1", async () => {
      const counts: number[] = [];
      for (const size of [1, 42]) {
        const { restaurant, owner } = await ownedRestaurant();
        // Up to 6 two-hour intervals a day, 3 hours apart.
        const input = (n: number, days: number): HoursInput => ({
          restaurantId: restaurant.id,
          timeZone: "Europe/Paris",
          week: Array.from({ length: n }, (_, i) => ({
            weekday: (i % 7) as Weekday,
            opens: 180 * Math.floor(i / 7),
            closes: 180 * Math.floor(i / 7) + 120,
          })),
          closedDays: Array.from({ length: days }, (_, i) =>
            new Date(Date.UTC(2030, 0, 1 + i)).toISOString().slice(0, 10),
          ),
        });
        // Twice: the second save replaces what the first wrote.
        await saveHours({ viewer: owner, input: input(size, size === 1 ? 1 : 100) });
        const { result, count } = await countQueries(() =>
          saveHours({ viewer: owner, input: input(size, size === 1 ? 1 : 100) }),
        );
        expect(result).toEqual({ ok: true });
        counts.push(count);
      }
      expect(counts).toEqual([6, 6]);

      const { restaurant, owner } = await ownedRestaurant();
      const stranger = (await ownedRestaurant()).owner;
      const empty: HoursInput = { restaurantId: restaurant.id, timeZone: "UTC", week: [], closedDays: [] };
      const none = await countQueries(() => saveHours({ viewer: owner, input: empty }));
      const foreign = await countQueries(() => saveHours({ viewer: stranger, input: empty }));
      const badZone = await countQueries(() =>
        saveHours({ viewer: owner, input: { ...empty, timeZone: "Mars/Olympus" } }),
      );
      expect([none.result, foreign.result, badZone.result]).toEqual([
        { ok: true },
        { ok: false, reason: "not-found" },
        { ok: false, reason: "invalid:time-zone" },
      ]);
      expect([none.count, foreign.count, badZone.count]).toEqual([4, 1, 1]);
    });

    it("restaurant details: 1 statement for an owner of 1 restaurant or 20; another's restaurant 1", async () => {
      const counts: number[] = [];
      for (const size of [1, 20]) {
        const restaurants = await restaurantIds(size);
        const owner = await viewerOf((await createOwner(db(), restaurants)).user.id);
        const details = {
          name: "Renamed",
          description: "",
          cuisine: "Thai",
          address: "2 Street",
          isOpen: true,
          offersPickup: true,
          offersDelivery: false,
          deliveryFeeCents: 0,
          minOrderCents: 0,
        };
        const { result, count } = await countQueries(() =>
          updateRestaurantDetails({ viewer: owner, restaurantId: restaurants.at(-1)!, details }),
        );
        expect(result).toEqual({ ok: true });
        counts.push(count);
        const foreign = (await createRestaurant(db())).restaurant.id;
        const no = await countQueries(() => updateRestaurantDetails({ viewer: owner, restaurantId: foreign, details }));
        expect(no.result).toEqual({ ok: false, reason: "not-found" });
        counts.push(no.count);
      }
      expect(counts).toEqual([1, 1, 1, 1]);
    });
  });

  describe("admin", () => {
    async function admin() {
      return (await userWithRole("admin")).viewer;
    }
    async function userWithRole(role: "customer" | "owner" | "admin") {
      const { user, profile } = await createUser(db(), { role });
      return { user, profile, viewer: await viewerOf(user.id) };
    }

    it("role change: 7 statements to make an owner of 1 restaurant or 20 (with 1 session or 20), 6 back to customer", async () => {
      const counts: number[][] = [];
      for (const size of [1, 20]) {
        const viewer = await admin();
        const target = await userWithRole("customer");
        await openSessions(target.user.id, size);
        const ids = await restaurantIds(size);
        const change = (role: "owner" | "customer", restaurantIds: number[] = []) =>
          countQueries(() => changeUserRole({ viewer, profileId: target.profile.id, role, restaurantIds }));
        const promoted = await change("owner", ids);
        const unchanged = await change("owner", ids);
        const demoted = await change("customer");
        expect([promoted.result, unchanged.result, demoted.result]).toEqual([
          { ok: true, changed: true },
          { ok: true, changed: false },
          { ok: true, changed: true },
        ]);
        counts.push([promoted.count, unchanged.count, demoted.count]);
      }
      expect(counts).toEqual(both([7, 3, 6]));
    });

    it("role change refusals: themselves 0, no such user 1, an unknown restaurant 2", async () => {
      const viewer = await admin();
      const target = await userWithRole("customer");
      const self = await countQueries(() => changeUserRole({ viewer, profileId: viewer.profileId, role: "customer" }));
      const nobody = await countQueries(() => changeUserRole({ viewer, profileId: 2_000_000_000, role: "customer" }));
      const unknown = await countQueries(() =>
        changeUserRole({ viewer, profileId: target.profile.id, role: "owner", restaurantIds: [2_000_000_000] }),
      );
      expect([self.result, nobody.result, unknown.result]).toEqual([
        { ok: false, reason: "forbidden:self" },
        { ok: false, reason: "not-found" },
        { ok: false, reason: "invalid:unknown-restaurant" },
      ]);
      expect([self.count, nobody.count, unknown.count]).toEqual([0, 1, 2]);
    });

    it("disable: 5 statements for a user with 1 session or 20 (6 for an admin), enable 4; refusals 1", async () => {
      const counts: number[][] = [];
      for (const size of [1, 20]) {
        const viewer = await admin();
        const target = await userWithRole("customer");
        const otherAdmin = await userWithRole("admin");
        await openSessions(target.user.id, size);
        await openSessions(otherAdmin.user.id, size);
        const set = (profileId: number, disabled: boolean) =>
          countQueries(() => setUserDisabled({ viewer, profileId, disabled }));
        const disabled = await set(target.profile.id, true);
        const again = await set(target.profile.id, true);
        const enabled = await set(target.profile.id, false);
        const disabledAdmin = await set(otherAdmin.profile.id, true);
        const nobody = await set(2_000_000_000, true);
        expect([disabled, again, enabled, disabledAdmin, nobody].map((r) => r.result)).toEqual([
          { ok: true, changed: true },
          { ok: true, changed: false },
          { ok: true, changed: true },
          { ok: true, changed: true },
          { ok: false, reason: "not-found" },
        ]);
        counts.push([disabled, again, enabled, disabledAdmin, nobody].map((r) => r.count));
      }
      // Disable: the locks, the flag, the sessions ended, the reset link voided, the audit entry. Enable: the same
      // without the sessions.
      expect(counts).toEqual(both([5, 1, 4, 6, 1]));
    });

    it("new restaurant: 3 statements among 1 or 50 (caller and zone checked under a lock); a slug in use 2, a zone refused 1", async () => {
      const counts: number[] = [];
      for (const size of [1, 50]) {
        await restaurantIds(size);
        const viewer = await admin();
        const slug = `new-place-${driver}-${size}`;
        const restaurant = {
          name: "New place",
          slug,
          cuisine: "Thai",
          address: "1 Road",
          description: "",
          timeZone: "Asia/Bangkok",
        };
        const made = await countQueries(() => adminCreateRestaurant({ viewer, restaurant }));
        expect(made.result).toMatchObject({ ok: true, slug });
        const taken = await countQueries(() => adminCreateRestaurant({ viewer, restaurant }));
        expect(taken.result).toEqual({ ok: false, reason: "conflict:slug-taken" });
        const zone = await countQueries(() =>
          adminCreateRestaurant({ viewer, restaurant: { ...restaurant, slug: `${slug}-cet`, timeZone: "CET" } }),
        );
        expect(zone.result).toEqual({ ok: false, reason: "invalid:time-zone" });
        counts.push(made.count, taken.count, zone.count);
      }
      expect(counts).toEqual([3, 2, 1, 3, 2, 1]);
    });

    it("owners: add 4 (6 when it makes a customer an owner), remove 4 (6 for the last one), for 1 restaurant owned or 20", async () => {
      const counts: Record<string, number>[] = [];
      for (const size of [1, 20]) {
        const viewer = await admin();
        const owned = await restaurantIds(size);
        const owner = await createOwner(db(), owned);
        await openSessions(owner.user.id, size);
        const [extra] = await restaurantIds(1);
        const newcomer = await userWithRole("customer");
        await openSessions(newcomer.user.id, size);
        const change = (fn: typeof addRestaurantOwner, profileId: number, restaurantId: number) =>
          countQueries(() => fn({ viewer, profileId, restaurantId }));
        const added = await change(addRestaurantOwner, owner.profile.id, extra!);
        const promoted = await change(addRestaurantOwner, newcomer.profile.id, extra!);
        const already = await change(addRestaurantOwner, owner.profile.id, extra!);
        const removed = await change(removeRestaurantOwner, owner.profile.id, extra!);
        const demoted = await change(removeRestaurantOwner, newcomer.profile.id, extra!);
        for (const done of [added, promoted, removed, demoted])
          expect(done.result).toEqual({ ok: true, changed: true });
        expect(already.result).toEqual({ ok: true, changed: false });
        counts.push({
          added: added.count,
          promoted: promoted.count,
          already: already.count,
          removed: removed.count,
          demoted: demoted.count,
        });
      }
      const budget = { added: 4, promoted: 6, already: 3, removed: 4, demoted: 6 };
      expect(counts).toEqual(both(budget));
    });

    it("owner refusals: an unknown restaurant 2, a disabled user 1, no such user 1, not an owner of it 2", async () => {
      const viewer = await admin();
      const target = await userWithRole("customer");
      const disabled = await userWithRole("customer");
      await setUserDisabled({ viewer, profileId: disabled.profile.id, disabled: true });
      const [restaurantId] = await restaurantIds(1);
      const refusals = [
        await countQueries(() =>
          addRestaurantOwner({ viewer, profileId: target.profile.id, restaurantId: 2_000_000_000 }),
        ),
        await countQueries(() =>
          addRestaurantOwner({ viewer, profileId: disabled.profile.id, restaurantId: restaurantId! }),
        ),
        await countQueries(() => addRestaurantOwner({ viewer, profileId: 2_000_000_000, restaurantId: restaurantId! })),
        await countQueries(() =>
          removeRestaurantOwner({ viewer, profileId: target.profile.id, restaurantId: restaurantId! }),
        ),
      ];
      expect(refusals.map((r) => r.result)).toEqual([
        { ok: false, reason: "invalid:unknown-restaurant" },
        { ok: false, reason: "invalid:disabled-user" },
        { ok: false, reason: "not-found" },
        { ok: true, changed: false },
      ]);
      expect(refusals.map((r) => r.count)).toEqual([2, 1, 1, 2]);
      expect(await db().$count(restaurantOwners, eq(restaurantOwners.profileId, target.profile.id))).toBe(0);
    });
  });

  describe("accounts and sessions", () => {
    it("sign-up: 2 statements; 4 when the name's profile address is taken by 1 profile or 20; an email in use 1", async () => {
      const base = `newcomer-${driver}`;
      const fresh = await countQueries(() =>
        createAccount({ name: `Fresh ${driver}`, email: `fresh-${driver}@example.test`, password: DEMO_PASSWORD }),
      );
      expect(fresh.result).toEqual({ ok: true });
      const taken: number[] = [];
      for (const size of [1, 20]) {
        for (let i = 0; i < size; i++) {
          const { profile } = await createUser(db());
          const slug = i === 0 ? `${base}-${size}` : `${base}-${size}-${i}`;
          await db().update(profiles).set({ slug }).where(eq(profiles.id, profile.id));
        }
        const signUp = await countQueries(() =>
          createAccount({
            name: `Newcomer ${driver} ${size}`,
            email: `n-${driver}-${size}@example.test`,
            password: "pw",
          }),
        );
        expect(signUp.result).toEqual({ ok: true });
        taken.push(signUp.count);
      }
      const { user } = await createUser(db());
      const inUse = await countQueries(() =>
        createAccount({ name: "Again", email: user.email, password: DEMO_PASSWORD }),
      );
      expect(inUse.result).toEqual({ ok: false, reason: "email-taken" });
      expect([fresh.count, ...taken, inUse.count]).toEqual([2, 4, 4, 1]);
    });

    // Counted first as a sign-in is (a burst must not pass a check that nothing has counted yet), and given back once
    // the account exists.
    it("sign-up through its throttle: 5 statements; an email in use 3 (a counted, audited failure); while locked 3", async () => {
      const random = vi.spyOn(Math, "random").mockReturnValue(0.5); // no occasional pruning in the counts
      try {
        const address = "192.0.2.77";
        const input = (email: string) => ({ name: "Signing Up", email, password: "a long passphrase" });
        const fresh = await countQueries(() => signUp({ input: input(`up-${driver}@example.test`), address }));
        expect(fresh.result).toEqual({ ok: true });
        const { user } = await createUser(db());
        const taken: number[] = [];
        for (let i = 0; i < 5; i++) {
          const attempt = await countQueries(() => signUp({ input: input(user.email), address }));
          expect(attempt.result).toEqual({ ok: false, reason: "email-taken" });
          taken.push(attempt.count);
        }
        const locked = await countQueries(() => signUp({ input: input(user.email), address }));
        expect(locked.result).toMatchObject({ ok: false, reason: "throttled" });
        expect([fresh.count, ...taken, locked.count]).toEqual([5, 3, 3, 3, 3, 3, 3]);
      } finally {
        random.mockRestore();
      }
    });

    it("sign-in (its session row included): 5 statements after 0 failures or 3, a wrong password 3, a locked account 3", async () => {
      const random = vi.spyOn(Math, "random").mockReturnValue(0.5); // no occasional pruning in the counts
      try {
        const counts: number[][] = [];
        for (const failures of [0, 3]) {
          const { user } = await createUser(db());
          const address = `192.0.2.${failures + 10}`;
          for (let i = 0; i < failures; i++) await attemptSignIn({ email: user.email, password: "wrong", address });
          const wrong = await countQueries(() => attemptSignIn({ email: user.email, password: "nope", address }));
          expect(wrong.result).toEqual({ ok: false, reason: "invalid" });
          const ok = await countQueries(() => attemptSignIn({ email: user.email, password: DEMO_PASSWORD, address }));
          expect(ok.result).toMatchObject({ ok: true });
          counts.push([ok.count, wrong.count]);
        }
        expect(counts).toEqual(both([5, 3]));
        const { user } = await createUser(db());
        for (let i = 0; i < 5; i++) await attemptSignIn({ email: user.email, password: "wrong", address: null });
        const locked = await countQueries(() =>
          attemptSignIn({ email: user.email, password: DEMO_PASSWORD, address: null }),
        );
        expect(locked.result).toMatchObject({ ok: false, reason: "throttled" });
        expect(locked.count).toBe(3);
      } finally {
        random.mockRestore();
      }
    });

    it("sign-in's token no statement, and its cart hand-over 4, whatever the sessions and cart lines", async () => {
      // Auth.js' jwt callback at sign-in puts the session authorize opened into the token, whatever the number open.
      const opened: number[] = [];
      for (const size of [1, 20]) {
        const { user } = await createUser(db());
        await openSessions(user.id, size);
        const signedIn = await attemptSignIn({ email: user.email, password: DEMO_PASSWORD, address: null });
        if (!signedIn.ok) throw new Error("sign-in refused");
        const { result, count } = await countQueries(() =>
          sessionToken({ token: {}, user: signedIn.user, trigger: "signIn" }),
        );
        expect(result).toMatchObject({ sub: user.id, sid: signedIn.user.sid });
        opened.push(count);
      }
      expect(opened).toEqual([0, 0]);

      // Auth.js' signIn event: the anonymous cart replaces the saved one.
      const adopted: number[] = [];
      for (const size of SMALL_LARGE) {
        const { user, profile } = await createUser(db());
        const { items } = await createRestaurant(db(), menu(size));
        const anonymousId = crypto.randomUUID();
        for (const item of items) {
          await addToCart({ holder: { anonymousId }, menuItemId: item.id, quantity: 1 });
          await addToCart({ holder: { profileId: profile.id }, menuItemId: item.id, quantity: 3 });
        }
        adopted.push(await statements(() => adoptAnonymousCart({ userId: user.id, anonymousId })));
        expect(await db().$count(carts, eq(carts.profileId, profile.id))).toBe(1);
        expect(await lineIds({ profileId: profile.id })).toHaveLength(size);
      }
      const { user } = await createUser(db());
      const nothing = await statements(() => adoptAnonymousCart({ userId: user.id, anonymousId: crypto.randomUUID() }));
      expect([...adopted, nothing]).toEqual([4, 4, 2]);
    });

    /** The user's own audit entries of one action: written in the statements counted, never in one more. */
    const audited = (userId: string, action: string) =>
      db().$count(
        auditLog,
        sql`${auditLog.action} = ${action}
          and ${auditLog.actorProfileId} = (select ${profiles.id} from ${profiles} where ${profiles.userId} = ${userId})`,
      );

    it("password change: 6 statements with 1 other session or 20 (links voided, audited by the revocation); a wrong one 3", async () => {
      const counts: number[][] = [];
      for (const size of [1, 20]) {
        const { user } = await createUser(db());
        const [current] = await openSessions(user.id, size + 1);
        const viewer = { ...(await viewerOf(user.id)), sessionId: current! };
        const wrong = await countQueries(() =>
          changePassword({ viewer, input: { currentPassword: "not it", newPassword: "a brand new secret" } }),
        );
        expect(wrong.result).toEqual({ ok: false, reason: "wrong-password" });
        const changed = await countQueries(() =>
          changePassword({ viewer, input: { currentPassword: DEMO_PASSWORD, newPassword: "a brand new secret" } }),
        );
        expect(changed.result).toEqual({ ok: true, signedOut: size });
        expect(await audited(user.id, "auth.password_change")).toBe(1);
        counts.push([changed.count, wrong.count]);
      }
      expect(counts).toEqual(both([6, 3]));
    });

    it("signing out: elsewhere, everywhere (each audited) and this session are 1 statement each, for 1 session or 20", async () => {
      const counts: number[][] = [];
      for (const size of [1, 20]) {
        const { user } = await createUser(db());
        const [current] = await openSessions(user.id, size + 1);
        const viewer = { ...(await viewerOf(user.id)), sessionId: current! };
        const elsewhere = await countQueries(() => signOutSessions({ viewer, keepCurrent: true }));
        expect(elsewhere.result).toBe(size);
        const [another] = await openSessions(user.id, size);
        const thisOne = await countQueries(() => endSession({ token: { sub: user.id, sid: another! } }));
        const everywhere = await countQueries(() => signOutSessions({ viewer, keepCurrent: false }));
        expect(everywhere.result).toBe(size);
        const live = await db().$count(userSessions, sql`${userSessions.userId} = ${user.id} and revoked_at is null`);
        expect(live).toBe(0);
        expect(await audited(user.id, "auth.sign_out_everywhere")).toBe(2);
        counts.push([elsewhere.count, thisOne.count, everywhere.count]);
      }
      expect(counts).toEqual(both([1, 1, 1]));
      // A token without a session id ends nothing and asks nothing.
      expect(await statements(() => endSession({ token: { sub: "someone" } }))).toBe(0);
    });

    it("the reset request's after-response pruning: 1 statement each, with 1 old row or 50", async () => {
      const counts: number[][] = [];
      for (const size of [1, 50]) {
        const { user } = await createUser(db());
        await db()
          .insert(passwordResetThrottles)
          .values(
            Array.from({ length: size }, (_, i) => ({
              kind: "email",
              key: `old-${driver}-${size}-${i}@example.test`,
              requests: 1,
              windowStartedAt: new Date(Date.now() - 2 * 86_400_000),
            })),
          );
        const long = new Date(Date.now() - 3 * 86_400_000);
        const hex = () => crypto.randomUUID().replaceAll("-", "");
        await db()
          .insert(passwordResetTokens)
          .values(
            Array.from({ length: size }, () => ({
              userId: user.id,
              tokenHash: hex() + hex(),
              createdAt: new Date(long.getTime() - 30 * 60_000),
              expiresAt: long,
              usedAt: long,
            })),
          );
        counts.push([await statements(pruneResetThrottles), await statements(pruneResetTokens)]);
        expect(await db().$count(passwordResetTokens, eq(passwordResetTokens.userId, user.id))).toBe(0);
      }
      expect(counts).toEqual(both([1, 1]));
    });
  });
});
