import { and, asc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { countQueries } from "@/db/query-stats";
import {
  MAX_PRICE_CENTS,
  menuCategories,
  menuItems,
  menuOptionGroups,
  orderLines,
  orders,
  restaurantOwners,
} from "@/db/schema";
import { findActiveViewer, type Viewer } from "@/lib/auth/queries";
import { getMenuForOwner } from "@/lib/owner/menu";
import {
  createCategoryAction,
  createItemAction,
  deleteCategoryAction,
  deleteItemAction,
  moveCategoryAction,
  moveItemAction,
  renameCategoryAction,
  setItemAvailabilityAction,
  updateItemAction,
} from "@/lib/owner/menu-actions";
import { getProfileForViewer } from "@/lib/profile/queries";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createOrders, createOwner, createRestaurant, createUser } from "../fixtures/factory";
import { untilWaitingOnLocks } from "../fixtures/locks";
import { signInAs, submit } from "../fixtures/session";

vi.mock("@/lib/auth/session", async () => (await import("../fixtures/session")).sessionMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const NOT_FOUND = /NEXT_HTTP_ERROR_FALLBACK;404/;

describe.each(DRIVERS)("owner menu management on %s", (driver) => {
  const db = freshDatabase(driver);

  async function viewerOf(userId: string): Promise<Viewer> {
    const viewer = await findActiveViewer(userId);
    if (!viewer) throw new Error("viewer should be active");
    return viewer;
  }

  /** Owner A with one restaurant, owner B with another, both with a category and two items. */
  async function twoOwners() {
    const a = await createRestaurant(db(), [
      { name: "Soup", priceCents: 500 },
      { name: "Bread", priceCents: 300 },
    ]);
    const b = await createRestaurant(db(), [
      { name: "Taco", priceCents: 400 },
      { name: "Burrito", priceCents: 900 },
    ]);
    const ownerA = await createOwner(db(), [a.restaurant.id]);
    const ownerB = await createOwner(db(), [b.restaurant.id]);
    return { a, b, ownerA: await viewerOf(ownerA.user.id), ownerB: await viewerOf(ownerB.user.id) };
  }

  const menuRows = async (restaurantId: number) => ({
    categories: await db()
      .select()
      .from(menuCategories)
      .where(eq(menuCategories.restaurantId, restaurantId))
      .orderBy(asc(menuCategories.id)),
    items: await db()
      .select()
      .from(menuItems)
      .where(eq(menuItems.restaurantId, restaurantId))
      .orderBy(asc(menuItems.id)),
  });
  const item = async (id: number) => (await db().select().from(menuItems).where(eq(menuItems.id, id)))[0]!;
  const categoryOrder = async (restaurantId: number) =>
    (await menuRows(restaurantId)).categories.sort((x, y) => x.position - y.position || x.id - y.id).map((c) => c.name);

  beforeEach(() => signInAs(null));

  it("lets an owner build their menu: categories, items, prices, availability, order and deletes", async () => {
    const { a, ownerA } = await twoOwners();
    signInAs(ownerA);

    expect(await submit(createCategoryAction, { restaurantId: a.restaurant.id, name: "  Desserts " })).toMatchObject({
      ok: true,
    });
    expect(await categoryOrder(a.restaurant.id)).toEqual(["Mains", "Desserts"]);
    const desserts = (await menuRows(a.restaurant.id)).categories.find((c) => c.name === "Desserts")!;

    expect(await submit(renameCategoryAction, { categoryId: desserts.id, name: "Sweets" })).toMatchObject({ ok: true });
    expect(await submit(moveCategoryAction, { categoryId: desserts.id, direction: "up" })).toMatchObject({ ok: true });
    expect(await categoryOrder(a.restaurant.id)).toEqual(["Sweets", "Mains"]);
    expect(await submit(moveCategoryAction, { categoryId: desserts.id, direction: "up" })).toEqual({
      message: "It is already at that end of the list.",
    });

    const created = await submit(createItemAction, {
      categoryId: desserts.id,
      name: "Tiramisù",
      description: "Espresso",
      price: "12.50",
      available: "on",
    });
    expect(created).toMatchObject({ ok: true });
    const tiramisu = (await menuRows(a.restaurant.id)).items.find((i) => i.name === "Tiramisù")!;
    expect(tiramisu).toMatchObject({
      priceCents: 1250,
      available: true,
      categoryId: desserts.id,
      deletedAt: null,
      position: 0,
    });

    // An unchecked checkbox sends nothing: the item becomes unavailable.
    expect(
      await submit(updateItemAction, { itemId: tiramisu.id, name: "Tiramisù", description: "", price: "13.25" }),
    ).toMatchObject({ ok: true });
    expect(await item(tiramisu.id)).toMatchObject({ priceCents: 1325, available: false, description: "" });
    expect(await submit(setItemAvailabilityAction, { itemId: tiramisu.id, available: "on" })).toMatchObject({
      ok: true,
    });
    expect((await item(tiramisu.id)).available).toBe(true);

    const [soup, bread] = a.items;
    expect(await submit(moveItemAction, { itemId: bread!.id, direction: "up" })).toMatchObject({ ok: true });
    const menu = await getMenuForOwner({ viewer: ownerA, slug: a.restaurant.slug });
    expect(menu?.categories.map((c) => [c.name, c.items.map((i) => i.name)])).toEqual([
      ["Sweets", ["Tiramisù"]],
      ["Mains", ["Bread", "Soup"]],
    ]);
    expect(await submit(moveItemAction, { itemId: soup!.id, direction: "down" })).toEqual({
      message: "It is already at that end of the list.",
    });

    expect(await submit(deleteCategoryAction, { categoryId: desserts.id })).toEqual({
      message: "This category still has 1 item. Delete them first; only empty categories can be deleted.",
    });
    expect(await submit(deleteItemAction, { itemId: tiramisu.id })).toMatchObject({ ok: true });
    expect((await item(tiramisu.id)).deletedAt).toBeInstanceOf(Date);
    // A deleted item is history: it leaves the editor and can no longer be edited.
    expect((await getMenuForOwner({ viewer: ownerA, slug: a.restaurant.slug }))?.categories[0]?.items).toEqual([]);
    expect(await submit(updateItemAction, { itemId: tiramisu.id, name: "Back", price: "1" })).toEqual({
      message: "Item not found.",
    });
    expect(await submit(deleteCategoryAction, { categoryId: desserts.id })).toMatchObject({ ok: true });
    expect(await categoryOrder(a.restaurant.id)).toEqual(["Mains"]);
  });

  it("does not save an item over a change made since its form was drawn, and saves once the form shows it", async () => {
    const { a, ownerA } = await twoOwners();
    signInAs(ownerA);
    const soup = a.items[0]!;
    const drawn = async () =>
      (await getMenuForOwner({ viewer: ownerA, slug: a.restaurant.slug }))!.categories[0]!.items.find(
        (i) => i.id === soup.id,
      )!;
    // The edit form as it was drawn: Soup at $5.00, available.
    const form = { itemId: soup.id, version: (await drawn()).version, name: "Soup", price: "5.00", available: "on" };
    // Another tab (or a co-owner) marks the soup sold out for tonight and raises its price.
    expect(await submit(setItemAvailabilityAction, { itemId: soup.id })).toMatchObject({ ok: true });
    expect(
      await submit(updateItemAction, {
        ...form,
        version: (await drawn()).version,
        price: "6.00",
        available: undefined,
      }),
    ).toMatchObject({ ok: true });
    // The first form, still showing $5.00 and "Available", fixes the description.
    expect(await submit(updateItemAction, { ...form, description: "Tomato, basil" })).toEqual({
      stale: true,
      message:
        "Nothing was saved: this item was changed in another tab or by another owner since you opened this page. " +
        "The form now shows it as it is: make your changes again.",
    });
    // Before, that save put the soup back on sale at its old price.
    expect(await item(soup.id)).toMatchObject({ priceCents: 600, available: false, description: "" });
    // Drawn again, the form saves; moving a neighbour (which rewrites every position) leaves it current.
    const fresh = (await drawn()).version;
    expect(fresh).not.toBe(form.version);
    expect(await submit(moveItemAction, { itemId: a.items[1]!.id, direction: "up" })).toMatchObject({ ok: true });
    expect(
      await submit(updateItemAction, {
        ...form,
        version: fresh,
        price: "6.00",
        available: undefined,
        description: "Tomato, basil",
      }),
    ).toMatchObject({ ok: true });
    expect(await item(soup.id)).toMatchObject({ priceCents: 600, available: false, description: "Tomato, basil" });
    // Another owner's item is still not found, version or not.
    expect(await submit(updateItemAction, { ...form, itemId: 999_999 })).toEqual({ message: "Item not found." });
  });

  it("refuses every action on another owner's restaurant, category and items, and changes nothing", async () => {
    const { a, b, ownerA } = await twoOwners();
    const before = await menuRows(b.restaurant.id);
    signInAs(ownerA);
    const category = b.category.id;
    const itemId = b.items[0]!.id;
    const attempts: [string, Promise<unknown>][] = [
      ["createCategory", submit(createCategoryAction, { restaurantId: b.restaurant.id, name: "Mine now" })],
      ["renameCategory", submit(renameCategoryAction, { categoryId: category, name: "Mine now" })],
      ["moveCategory", submit(moveCategoryAction, { categoryId: category, direction: "down" })],
      ["deleteCategory", submit(deleteCategoryAction, { categoryId: category })],
      ["createItem", submit(createItemAction, { categoryId: category, name: "Mine now", price: "1" })],
      ["updateItem", submit(updateItemAction, { itemId, name: "Mine now", price: "0", available: "on" })],
      ["availability", submit(setItemAvailabilityAction, { itemId })],
      ["moveItem", submit(moveItemAction, { itemId, direction: "down" })],
      ["deleteItem", submit(deleteItemAction, { itemId })],
    ];
    for (const [name, attempt] of attempts) {
      expect((await attempt) as object, name).toEqual({
        message: expect.stringMatching(/^(Restaurant|Category|Item) not found\.$/),
      });
    }
    expect(await menuRows(b.restaurant.id)).toEqual(before);
    expect(await getMenuForOwner({ viewer: ownerA, slug: b.restaurant.slug })).toBeUndefined();
    // Their own restaurant still works with the same session.
    expect(await submit(renameCategoryAction, { categoryId: a.category.id, name: "Still mine" })).toMatchObject({
      ok: true,
    });
  });

  it("refuses a second category of one name, ignoring case, whether added, renamed or added twice at once", async () => {
    const { a, b, ownerA } = await twoOwners();
    signInAs(ownerA);
    const taken = { message: 'This menu already has a category named "mains": give this one another name.' };
    expect(await submit(createCategoryAction, { restaurantId: a.restaurant.id, name: "mains" })).toEqual(taken);
    expect(await submit(createCategoryAction, { restaurantId: a.restaurant.id, name: "Drinks" })).toMatchObject({
      ok: true,
    });
    const drinks = (await menuRows(a.restaurant.id)).categories.find((c) => c.name === "Drinks")!;
    expect(await submit(renameCategoryAction, { categoryId: drinks.id, name: "mains" })).toEqual(taken);
    // Its own name in another case is no clash; another restaurant's "Mains" neither.
    expect(await submit(renameCategoryAction, { categoryId: drinks.id, name: "DRINKS" })).toMatchObject({ ok: true });
    expect(await categoryOrder(a.restaurant.id)).toEqual(["Mains", "DRINKS"]);
    expect(await categoryOrder(b.restaurant.id)).toEqual(["Mains"]);

    // Two adds of one name at once: neither sees the other's row before it writes; the index refuses the second.
    const { createCategory } = await import("@/lib/owner/menu");
    const both = await Promise.all(
      ["Specials", "SPECIALS"].map((name) => createCategory({ viewer: ownerA, restaurantId: a.restaurant.id, name })),
    );
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(both.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(["invalid:name-taken"]);
    expect((await categoryOrder(a.restaurant.id)).filter((n) => n.toLowerCase() === "specials")).toHaveLength(1);
  });

  it("gives categories and items added at the same time distinct positions", async () => {
    const { a, ownerA } = await twoOwners();
    const { createCategory, createItem } = await import("@/lib/owner/menu");
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        createCategory({ viewer: ownerA, restaurantId: a.restaurant.id, name: `Cat ${i}` }),
      ),
    );
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        createItem({
          viewer: ownerA,
          categoryId: a.category.id,
          fields: { name: `Dish ${i}`, description: "", priceCents: 100, available: true },
        }),
      ),
    );
    const { categories, items } = await menuRows(a.restaurant.id);
    expect(new Set(categories.map((c) => c.position)).size).toBe(6);
    expect(new Set(items.map((i) => i.position)).size).toBe(7);
  });

  it("treats an admin like any owner: only restaurants they own through restaurant_owners, nothing else", async () => {
    const { a, b } = await twoOwners();
    const admin = await createUser(db(), { role: "admin" });
    await db().insert(restaurantOwners).values({ profileId: admin.profile.id, restaurantId: a.restaurant.id });
    const before = await menuRows(b.restaurant.id);
    signInAs(await viewerOf(admin.user.id));
    // No audit entry would record an admin's edit of a restaurant they do not run: refused, unchanged.
    for (const attempt of [
      submit(updateItemAction, { itemId: b.items[0]!.id, name: "Taco", price: "4.50", available: "on" }),
      submit(deleteItemAction, { itemId: b.items[1]!.id }),
      submit(deleteCategoryAction, { categoryId: b.category.id }),
      submit(createCategoryAction, { restaurantId: b.restaurant.id, name: "Admin's" }),
      submit(moveItemAction, { itemId: b.items[1]!.id, direction: "up" }),
    ]) {
      expect(await attempt).toEqual({ message: expect.stringMatching(/^(Restaurant|Category|Item) not found\.$/) });
    }
    expect(await menuRows(b.restaurant.id)).toEqual(before);
    expect(await getMenuForOwner({ viewer: await viewerOf(admin.user.id), slug: b.restaurant.slug })).toBeUndefined();
    // The restaurant they were made an owner of works like any owner's.
    expect(
      await submit(updateItemAction, { itemId: a.items[0]!.id, name: "Soup", price: "4.50", available: "on" }),
    ).toMatchObject({ ok: true });
    expect((await item(a.items[0]!.id)).priceCents).toBe(450);
  });

  it("keeps customers and signed-out visitors out of every menu action", async () => {
    const { a } = await twoOwners();
    const before = await menuRows(a.restaurant.id);
    const customer = await createUser(db());
    const calls = () => [
      submit(createCategoryAction, { restaurantId: a.restaurant.id, name: "X" }),
      submit(renameCategoryAction, { categoryId: a.category.id, name: "X" }),
      submit(moveCategoryAction, { categoryId: a.category.id, direction: "up" }),
      submit(deleteCategoryAction, { categoryId: a.category.id }),
      submit(createItemAction, { categoryId: a.category.id, name: "X", price: "1" }),
      submit(updateItemAction, { itemId: a.items[0]!.id, name: "X", price: "1" }),
      submit(setItemAvailabilityAction, { itemId: a.items[0]!.id }),
      submit(moveItemAction, { itemId: a.items[1]!.id, direction: "up" }),
      submit(deleteItemAction, { itemId: a.items[0]!.id }),
    ];
    signInAs(await viewerOf(customer.user.id));
    for (const call of calls()) await expect(call).rejects.toThrow(NOT_FOUND);
    signInAs(null);
    for (const call of calls())
      expect(await call).toEqual({ message: "Your session has ended. Please sign in again." });
    expect(await menuRows(a.restaurant.id)).toEqual(before);
  });

  it.each([
    ["12.50", 1250],
    ["12", 1200],
    ["12.5", 1250],
    ["0", 0],
    [" 7.05 ", 705],
    ["100000.00", MAX_PRICE_CENTS],
  ])("accepts the price %j as %i cents", async (price, cents) => {
    const { a, ownerA } = await twoOwners();
    signInAs(ownerA);
    expect(await submit(createItemAction, { categoryId: a.category.id, name: "Priced", price })).toMatchObject({
      ok: true,
    });
    const [row] = await db()
      .select()
      .from(menuItems)
      .where(and(eq(menuItems.name, "Priced"), eq(menuItems.categoryId, a.category.id)));
    expect(row?.priceCents).toBe(cents);
  });

  it.each([
    ["-1", "A price cannot be negative."],
    ["12.345", "Use at most two decimals, like 12.50."],
    ["abc", "Enter a price in dollars and cents, like 12.50."],
    ["1e3", "Enter a price in dollars and cents, like 12.50."],
    ["12,50", "Enter a price in dollars and cents, like 12.50."],
    ["", "Enter a price."],
    ["   ", "Enter a price."],
    ["100000.01", "The highest price is $100,000.00."],
    ["99999999999", "The highest price is $100,000.00."],
  ])("refuses the price %j with a message next to the field", async (price, message) => {
    const { a, ownerA } = await twoOwners();
    signInAs(ownerA);
    const before = await menuRows(a.restaurant.id);
    for (const result of [
      await submit(createItemAction, { categoryId: a.category.id, name: "Bad price", price }),
      await submit(updateItemAction, { itemId: a.items[0]!.id, name: "Bad price", price }),
    ]) {
      expect(result.ok).toBeUndefined();
      expect(result.message).toBe("Please correct the highlighted fields.");
      expect(result.fieldErrors).toEqual({ price: [message] });
    }
    expect(await menuRows(a.restaurant.id)).toEqual(before);
  });

  it("explains missing names and over-long text next to the fields", async () => {
    const { a, ownerA } = await twoOwners();
    signInAs(ownerA);
    const result = await submit(createItemAction, {
      categoryId: a.category.id,
      name: "  ",
      description: "x".repeat(1001),
      price: "1",
    });
    expect(result.fieldErrors).toEqual({ name: ["Enter a name."], description: ["Use at most 1000 characters."] });
    expect((await submit(createCategoryAction, { restaurantId: a.restaurant.id, name: "" })).fieldErrors).toEqual({
      name: ["Enter a category name."],
    });
    // Invisible names showed as a blank dish and a blank heading on the menu.
    const before = await menuRows(a.restaurant.id);
    const blank = await submit(createItemAction, { categoryId: a.category.id, name: "\u200B", price: "1.00" });
    expect(blank.fieldErrors).toEqual({ name: ["Enter a name."] });
    const blankCategory = await submit(createCategoryAction, { restaurantId: a.restaurant.id, name: "\u2060\u200C" });
    expect(blankCategory.fieldErrors).toEqual({ name: ["Enter a category name."] });
    expect(await menuRows(a.restaurant.id)).toEqual(before);
  });

  it("changes prices for new orders only: past order totals and the customer's total stay put", async () => {
    const { a, ownerA } = await twoOwners();
    const customer = await createUser(db());
    const soup = a.items[0]!;
    const [orderId] = await createOrders(db(), {
      customerId: customer.profile.id,
      restaurantId: a.restaurant.id,
      count: 1,
      lines: [{ menuItemId: soup.id, name: soup.name, unitPriceCents: soup.priceCents, quantity: 3 }],
    });
    const customerViewer = await viewerOf(customer.user.id);
    expect((await getProfileForViewer({ viewer: customerViewer }))?.totalPurchaseCents).toBe(1500);

    signInAs(ownerA);
    expect(
      await submit(updateItemAction, { itemId: soup.id, name: "Soup", price: "99.99", available: "on" }),
    ).toMatchObject({ ok: true });
    expect(await submit(deleteItemAction, { itemId: soup.id })).toMatchObject({ ok: true });

    const [order] = await db().select().from(orders).where(eq(orders.id, orderId!));
    expect(order?.totalCents).toBe(1500);
    const lines = await db().select().from(orderLines).where(eq(orderLines.orderId, orderId!));
    // Soft delete: the line still points at the item, with its original snapshot.
    expect(lines).toMatchObject([{ menuItemId: soup.id, name: "Soup", unitPriceCents: 500, quantity: 3 }]);
    expect((await item(soup.id)).deletedAt).not.toBeNull();
    expect((await getProfileForViewer({ viewer: customerViewer }))?.totalPurchaseCents).toBe(1500);

    // The emptied category goes; its deleted dishes stay, out of it, so no order line that named them is rewritten.
    for (const other of a.items.slice(1)) await submit(deleteItemAction, { itemId: other.id });
    expect(await submit(deleteCategoryAction, { categoryId: a.category.id })).toMatchObject({ ok: true });
    expect(await db().select().from(orderLines).where(eq(orderLines.orderId, orderId!))).toEqual(lines);
    expect(await item(soup.id)).toMatchObject({ categoryId: null, name: "Soup" });
    expect((await getProfileForViewer({ viewer: customerViewer }))?.totalPurchaseCents).toBe(1500);
  });

  it.each([2, 40])("reads the menu editor in 2 statements, session check included, with %i items", async (count) => {
    const items = Array.from({ length: count }, (_, i) => ({ name: `Dish ${i}`, priceCents: 100 + i }));
    const { restaurant, category } = await createRestaurant(db(), items);
    for (let i = 0; i < 3; i++)
      await db()
        .insert(menuCategories)
        .values({ restaurantId: restaurant.id, name: `Extra ${i}`, position: i + 1 });
    const owner = await createOwner(db(), [restaurant.id]);
    const { result, count: statements } = await countQueries(async () => {
      const viewer = await findActiveViewer(owner.user.id);
      return getMenuForOwner({ viewer: viewer!, slug: restaurant.slug });
    });
    expect(statements).toBe(2);
    expect(result?.categories).toHaveLength(4);
    expect(result?.categories[0]).toMatchObject({ id: category.id, name: "Mains" });
    expect(result?.categories[0]?.items.map((i) => i.priceCents)).toEqual(items.map((i) => i.priceCents));
  });

  /**
   * Runs `moves` at once. On PostgreSQL a third transaction first locks the siblings, so that both moves have read
   * and are waiting before either can write: the interleaving that lost a move when siblings were read with
   * ORDER BY ... FOR UPDATE. PGlite has one session, so there the moves simply run one after the other.
   */
  async function concurrently<T>(lockSiblings: SQL, moves: () => Promise<T>[]): Promise<T[]> {
    if (driver === "pglite") return Promise.all(moves());
    let locked!: () => void;
    let release!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    const blocker = db().transaction(async (tx) => {
      await tx.execute(lockSiblings);
      locked();
      await released;
    });
    await isLocked;
    const started = moves();
    const running = Promise.all(started);
    await untilWaitingOnLocks(db(), started.length);
    release();
    await blocker;
    return running;
  }

  it("applies two reorders of the same categories made at once, one after the other (none undone)", async () => {
    const { a, ownerA } = await twoOwners();
    const { moveCategory } = await import("@/lib/owner/menu");
    await db()
      .insert(menuCategories)
      .values([
        { restaurantId: a.restaurant.id, name: "Sides", position: 1 },
        { restaurantId: a.restaurant.id, name: "Drinks", position: 2 },
      ]);
    const [mains, , drinks] = (await menuRows(a.restaurant.id)).categories;
    const results = await concurrently(
      sql`select id from menu_categories where restaurant_id = ${a.restaurant.id} for update`,
      () => [
        moveCategory({ viewer: ownerA, categoryId: drinks!.id, direction: "up" }),
        moveCategory({ viewer: ownerA, categoryId: mains!.id, direction: "down" }),
      ],
    );
    expect(results).toEqual([{ ok: true }, { ok: true }]);
    // Drinks up then Mains down, or the other way round; a lost move would leave Drinks last or Mains first.
    expect([
      ["Drinks", "Mains", "Sides"],
      ["Sides", "Drinks", "Mains"],
    ]).toContainEqual(await categoryOrder(a.restaurant.id));
  });

  it("applies two reorders of the same items made at once, one after the other (none undone)", async () => {
    const { restaurant, category, items } = await createRestaurant(db(), [
      { name: "Soup", priceCents: 500 },
      { name: "Bread", priceCents: 300 },
      { name: "Salad", priceCents: 700 },
    ]);
    const owner = await viewerOf((await createOwner(db(), [restaurant.id])).user.id);
    const { moveItem } = await import("@/lib/owner/menu");
    const [soup, , salad] = items;
    const results = await concurrently(
      sql`select id from menu_items where category_id = ${category.id} for update`,
      () => [
        moveItem({ viewer: owner, itemId: salad!.id, direction: "up" }),
        moveItem({ viewer: owner, itemId: soup!.id, direction: "down" }),
      ],
    );
    expect(results).toEqual([{ ok: true }, { ok: true }]);
    const menu = await getMenuForOwner({ viewer: owner, slug: restaurant.slug });
    expect([
      ["Salad", "Soup", "Bread"],
      ["Bread", "Salad", "Soup"],
    ]).toContainEqual(menu?.categories[0]?.items.map((i) => i.name));
  });

  it("adds one 'Size' group when two adds of it arrive at once: the second is told the name is taken", async () => {
    const { restaurant, items } = await createRestaurant(db(), [{ name: "Pizza", priceCents: 1200 }]);
    const owner = await viewerOf((await createOwner(db(), [restaurant.id])).user.id);
    const { createOptionGroup } = await import("@/lib/owner/options");
    const size = {
      name: "Size",
      required: true,
      minChoices: 1,
      maxChoices: 1,
      choices: [
        { name: "Small", priceDeltaCents: 0 },
        { name: "Large", priceDeltaCents: 300 },
      ],
    };
    const itemId = items[0]!.id;
    const results = await concurrently(sql`select id from menu_items where id = ${itemId} for update`, () => [
      createOptionGroup({ viewer: owner, itemId, fields: size }),
      createOptionGroup({ viewer: owner, itemId, fields: { ...size, name: "size" } }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([
      { ok: false, reason: "invalid:name-taken", name: expect.any(String) },
    ]);
    const groups = await db()
      .select({ name: menuOptionGroups.name })
      .from(menuOptionGroups)
      .where(and(eq(menuOptionGroups.menuItemId, itemId), isNull(menuOptionGroups.deletedAt)));
    expect(groups).toHaveLength(1);
  });

  it("two groups renamed to one name at once: one save wins, the other is told the name is taken", async () => {
    const { restaurant, items } = await createRestaurant(db(), [{ name: "Pizza", priceCents: 1200 }]);
    const owner = await viewerOf((await createOwner(db(), [restaurant.id])).user.id);
    const { createOptionGroup, updateOptionGroup } = await import("@/lib/owner/options");
    const group = (name: string) => ({
      name,
      required: false,
      minChoices: 0,
      maxChoices: 1,
      choices: [{ name: "Yes", priceDeltaCents: 100 }],
    });
    const itemId = items[0]!.id;
    const ids: number[] = [];
    for (const name of ["Cheese", "Sauce"]) {
      ids.push(((await createOptionGroup({ viewer: owner, itemId, fields: group(name) })) as { id: number }).id);
    }
    // Both saves wait on their rows, then check the name against what they saw before the wait: only the unique
    // index can tell the second that the first took it.
    const results = await concurrently(
      sql`select id from menu_option_groups where menu_item_id = ${itemId} for update`,
      () => ids.map((groupId) => updateOptionGroup({ viewer: owner, groupId, fields: group("Extras") })),
    );
    expect(results).toContainEqual({ ok: true });
    expect(results).toContainEqual({ ok: false, reason: "invalid:name-taken", name: "Extras" });
    const names = await db()
      .select({ name: menuOptionGroups.name })
      .from(menuOptionGroups)
      .where(and(eq(menuOptionGroups.menuItemId, itemId), isNull(menuOptionGroups.deletedAt)));
    // The winner is called Extras; the other keeps its name.
    expect(names.map((g) => g.name).sort()).toEqual(results[0]!.ok ? ["Extras", "Sauce"] : ["Cheese", "Extras"]);
  });

  it("deleting a category while an item is added to it: the item and its category both stay, or neither was added", async () => {
    const { restaurant, category } = await createRestaurant(db(), [{ name: "Soup", priceCents: 500 }]);
    const owner = await viewerOf((await createOwner(db(), [restaurant.id])).user.id);
    const { createCategory, createItem, deleteCategory } = await import("@/lib/owner/menu");
    const added = await createCategory({ viewer: owner, restaurantId: restaurant.id, name: "Specials" });
    const categoryId = (added as { id: number }).id;
    expect(category.id).not.toBe(categoryId);
    const [add, remove] = await concurrently(
      sql`select id from menu_categories where id = ${categoryId} for update`,
      () => [
        createItem({
          viewer: owner,
          categoryId,
          fields: { name: "Daily soup", description: "", priceCents: 650, available: true },
        }),
        deleteCategory({ viewer: owner, categoryId }),
      ],
    );
    const left = await db().select().from(menuCategories).where(eq(menuCategories.id, categoryId));
    if (add!.ok) {
      // The add went first: the delete counted the new item and refused.
      expect(remove).toEqual({ ok: false, reason: "conflict:has-items", items: 1 });
      expect(left).toHaveLength(1);
    } else {
      expect(add).toEqual({ ok: false, reason: "not-found" });
      expect(remove).toEqual({ ok: true });
      expect(left).toHaveLength(0);
    }
  });

  it("adds and reorders categories and items while a customer's order for the restaurant is still being placed", async () => {
    const { a, ownerA } = await twoOwners();
    const customer = await createUser(db());
    const { createCategory, createItem, moveCategory } = await import("@/lib/owner/menu");
    const { insertOrders } = await import("@/db/seed/orders");
    await db().insert(menuCategories).values({ restaurantId: a.restaurant.id, name: "Sides", position: 1 });
    const edits = () =>
      Promise.all([
        createCategory({ viewer: ownerA, restaurantId: a.restaurant.id, name: "While ordering" }),
        createItem({
          viewer: ownerA,
          categoryId: a.category.id,
          fields: { name: "Special", description: "", priceCents: 100, available: true },
        }),
        moveCategory({ viewer: ownerA, categoryId: a.category.id, direction: "down" }),
      ]);
    if (driver === "pglite") {
      // One session: nothing can wait here; the edits still work.
      expect((await edits()).every((result) => result.ok)).toBe(true);
      return;
    }
    let release!: () => void;
    let inserted!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const isInserted = new Promise<void>((resolve) => (inserted = resolve));
    // The order's foreign-key checks hold FOR KEY SHARE on the restaurant row until checkout commits.
    const checkout = db().transaction(async (tx) => {
      await insertOrders(tx, [
        {
          customerId: customer.profile.id,
          restaurantId: a.restaurant.id,
          status: "placed",
          placedAt: new Date(),
          idempotencyKey: `fk-share-${a.restaurant.id}-${process.pid}`,
          lines: [{ menuItemId: a.items[0]!.id, name: "Soup", unitPriceCents: 500, quantity: 1 }],
        },
      ]);
      inserted();
      await released;
    });
    await isInserted;
    const outcome = await Promise.race([
      edits(),
      new Promise<"waited">((resolve) => setTimeout(() => resolve("waited"), 3000)),
    ]);
    release();
    await checkout;
    expect(outcome).not.toBe("waited");
    expect(outcome).toEqual([{ ok: true, id: expect.any(Number) }, { ok: true, id: expect.any(Number) }, { ok: true }]);
  });

  it("repairs tied positions when reordering", async () => {
    const { a, ownerA } = await twoOwners();
    await db().update(menuItems).set({ position: 0 }).where(eq(menuItems.categoryId, a.category.id));
    signInAs(ownerA);
    expect(await submit(moveItemAction, { itemId: a.items[0]!.id, direction: "down" })).toMatchObject({ ok: true });
    const rows = await db()
      .select({ name: menuItems.name, position: menuItems.position })
      .from(menuItems)
      .where(eq(menuItems.categoryId, a.category.id))
      .orderBy(asc(menuItems.position));
    expect(rows).toEqual([
      { name: "Bread", position: 0 },
      { name: "Soup", position: 1 },
    ]);
  });
});
