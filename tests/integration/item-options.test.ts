import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";

import { countQueries } from "@/db/query-stats";
import { repairRollups } from "@/db/rollups";
import { menuOptionChoices, menuOptionGroups, orderLineOptions, orderLines, orders } from "@/db/schema";
import { reconcileTotals } from "@/lib/admin/reconciliation";
import { findActiveViewer, type Viewer } from "@/lib/auth/queries";
import { addToCartAction } from "@/lib/cart/actions";
import { addToCart, getCart } from "@/lib/cart/queries";
import { addToCartSchema } from "@/lib/cart/schema";
import { placeOrder } from "@/lib/orders/checkout";
import { checkoutRefusal, reorderNote, reorderRefusal } from "@/lib/orders/messages";
import { getOrderForViewer } from "@/lib/orders/queries";
import { reorder } from "@/lib/orders/reorder";
import { digestOfCartView } from "@/lib/orders/reviewed-cart";
import { deleteItem, getMenuForOwner } from "@/lib/owner/menu";
import {
  createOptionGroupAction,
  deleteOptionGroupAction,
  setChoiceAvailabilityAction,
  updateOptionGroupAction,
} from "@/lib/owner/menu-actions";
import { createOptionGroup, deleteOptionGroup, updateOptionGroup } from "@/lib/owner/options";
import { getOrderQueue } from "@/lib/owner/queries";
import { createOptionGroupSchema } from "@/lib/owner/schema";
import { getKitchenTicket } from "@/lib/owner/ticket";
import { getRestaurantPage } from "@/lib/restaurants/queries";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createOwner, createRestaurant, createUser } from "../fixtures/factory";
import { heldTransaction, untilWaitingOnLocks } from "../fixtures/locks";
import { signInAs, submit } from "../fixtures/session";

vi.mock("@/lib/auth/session", async () => (await import("../fixtures/session")).sessionMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock("next/headers", async () => (await import("../fixtures/next-headers")).nextHeadersMock);

const NOT_FOUND = /NEXT_HTTP_ERROR_FALLBACK;404/;

/** Item options, from the owner's editor through the cart and checkout to the order, reorder and reconciliation. */
describe.each(DRIVERS)("item options on %s", (driver) => {
  const db = freshDatabase(driver);
  const viewerOf = async (userId: string) => (await findActiveViewer(userId)) as Viewer;
  const key = () => `key-${crypto.randomUUID()}`;

  const SIZE = { name: "Size", required: true, minChoices: 1, maxChoices: 1 };
  /** The pizza's sizes, Large at this price above Regular. */
  const sizeFields = (largeCents: number) => ({
    ...SIZE,
    choices: [
      { name: "Regular", priceDeltaCents: 0 },
      { name: "Large", priceDeltaCents: largeCents },
    ],
  });
  const EXTRAS = { name: "Extras", required: false, minChoices: 0, maxChoices: 2 };
  /** The pizzeria's extras as it opens with them. */
  const EXTRAS_CHOICES = [
    { name: "Cheese", priceDeltaCents: 75 },
    { name: "Olives", priceDeltaCents: 50 },
    { name: "Basil", priceDeltaCents: 0 },
  ];

  /**
   * A pizza at $10.00 with Size (Regular +0, Large +2.00; pick 1) and Extras (Cheese +0.75, Olives +0.50,
   * Basil +0; up to 2), set up through the owner's own domain functions; a salad without options; a customer.
   */
  async function pizzeria() {
    const { restaurant, items } = await createRestaurant(db(), [
      { name: "Pizza", priceCents: 1000 },
      { name: "Salad", priceCents: 650 },
    ]);
    const owner = await createOwner(db(), [restaurant.id]);
    const ownerViewer = await viewerOf(owner.user.id);
    const pizza = items[0]!;
    const size = await createOptionGroup({
      viewer: ownerViewer,
      itemId: pizza.id,
      fields: sizeFields(200),
    });
    const extras = await createOptionGroup({
      viewer: ownerViewer,
      itemId: pizza.id,
      fields: {
        ...EXTRAS,
        choices: EXTRAS_CHOICES,
      },
    });
    if (!size.ok || !extras.ok) throw new Error("the groups should be created");
    const choices = await db()
      .select({ id: menuOptionChoices.id, name: menuOptionChoices.name })
      .from(menuOptionChoices)
      .where(sql`${menuOptionChoices.groupId} in (${size.id}, ${extras.id})`);
    const choice = Object.fromEntries(choices.map((c) => [c.name, c.id])) as Record<
      "Regular" | "Large" | "Cheese" | "Olives" | "Basil",
      number
    >;
    const customer = await createUser(db());
    const viewer = await viewerOf(customer.user.id);
    return {
      restaurant,
      pizza,
      salad: items[1]!,
      owner,
      ownerViewer,
      groups: { size: size.id, extras: extras.id },
      choice,
      customer,
      viewer,
      holder: { profileId: customer.profile.id },
    };
  }
  type Pizzeria = Awaited<ReturnType<typeof pizzeria>>;

  /** The customer adds a pizza with these choices (by name). */
  const addPizza = (p: Pizzeria, choices: (keyof Pizzeria["choice"])[], quantity = 1) =>
    addToCart({ holder: p.holder, menuItemId: p.pizza.id, quantity, choiceIds: choices.map((name) => p.choice[name]) });

  const pizzaFields = (choices: { name: string; priceDeltaCents: number }[]) => ({ ...EXTRAS, choices });

  async function placeCart(p: Pizzeria) {
    const cart = await getCart({ holder: p.holder });
    const placed = await placeOrder({ viewer: p.viewer, idempotencyKey: key(), expectedTotalCents: cart!.totalCents });
    if (!placed.ok) throw new Error(`checkout refused: ${placed.reason}`);
    return placed.orderId;
  }

  it("prices a line as the item plus its choices, in cents, and snapshots them onto the order", async () => {
    const p = await pizzeria();
    const added = await addToCart({
      holder: p.holder,
      menuItemId: p.pizza.id,
      quantity: 2,
      choiceIds: [p.choice.Cheese, p.choice.Large, p.choice.Basil],
      instructions: "Well done",
    });
    expect(added).toEqual({ ok: true, itemName: "Pizza", quantity: 2, capped: false });
    const cart = await getCart({ holder: p.holder });
    expect(cart!.lines).toHaveLength(1);
    expect(cart!.lines[0]).toMatchObject({
      unitPriceCents: 1000 + 200 + 75,
      quantity: 2,
      instructions: "Well done",
      options: [
        { groupName: "Size", choiceName: "Large", priceDeltaCents: 200 },
        { groupName: "Extras", choiceName: "Cheese", priceDeltaCents: 75 },
        { groupName: "Extras", choiceName: "Basil", priceDeltaCents: 0 },
      ],
    });
    expect(cart!.totalCents).toBe(2550);

    const orderId = await placeCart(p);
    const [order] = await db().select().from(orders).where(eq(orders.id, orderId));
    expect(order!.totalCents).toBe(2550);
    const [line] = await db().select().from(orderLines).where(eq(orderLines.orderId, orderId));
    expect(line).toMatchObject({ basePriceCents: 1000, unitPriceCents: 1275, quantity: 2, instructions: "Well done" });
    // The owner's queue shows the same snapshot and note.
    const queue = await getOrderQueue({ viewer: p.ownerViewer, slug: p.restaurant.slug });
    expect(queue!.orders[0]!.lines[0]).toMatchObject({
      instructions: "Well done",
      options: [
        { groupName: "Size", choiceName: "Large", priceDeltaCents: 200 },
        { groupName: "Extras", choiceName: "Cheese", priceDeltaCents: 75 },
        { groupName: "Extras", choiceName: "Basil", priceDeltaCents: 0 },
      ],
    });
    // So does the kitchen ticket, with how the order leaves.
    const ticket = await getKitchenTicket({ viewer: p.ownerViewer, slug: p.restaurant.slug, orderId });
    expect(ticket).toMatchObject({ fulfilment: "pickup", deliveryAddress: null });
    expect(ticket!.lines[0]).toMatchObject({ instructions: "Well done", quantity: 2, unitPriceCents: 1275 });
    expect(ticket!.lines[0]!.options.map((o) => o.choiceName)).toEqual(["Large", "Cheese", "Basil"]);
    const page = await getOrderForViewer({ viewer: p.viewer, orderId });
    expect(page!.lines[0]!.options).toEqual([
      { groupName: "Size", choiceName: "Large", priceDeltaCents: 200 },
      { groupName: "Extras", choiceName: "Cheese", priceDeltaCents: 75 },
      { groupName: "Extras", choiceName: "Basil", priceDeltaCents: 0 },
    ]);
  });

  it("merges the same item with the same choices and note, and keeps other choices or notes apart", async () => {
    const p = await pizzeria();
    const add = (choiceIds: number[], instructions = "", quantity = 1) =>
      addToCart({ holder: p.holder, menuItemId: p.pizza.id, quantity, choiceIds, instructions });
    await add([p.choice.Large, p.choice.Cheese]);
    await add([p.choice.Cheese, p.choice.Large], "", 2); // the same set, ticked in another order
    await add([p.choice.Regular, p.choice.Cheese]);
    await add([p.choice.Large, p.choice.Cheese], "No basil");
    await addToCart({ holder: p.holder, menuItemId: p.salad.id, quantity: 1 });
    await addToCart({ holder: p.holder, menuItemId: p.salad.id, quantity: 1 });
    const cart = await getCart({ holder: p.holder });
    expect(
      cart!.lines.map((l) => [l.name, l.options.map((o) => o.choiceName).join("+"), l.instructions, l.quantity]),
    ).toEqual([
      ["Pizza", "Large+Cheese", "", 3],
      ["Pizza", "Regular+Cheese", "", 1],
      ["Pizza", "Large+Cheese", "No basil", 1],
      ["Salad", "", "", 2],
    ]);
    expect(cart!.totalCents).toBe(3 * 1275 + 1075 + 1275 + 2 * 650);
  });

  it("merges concurrent adds of the same item, choices and note into one line", async () => {
    const p = await pizzeria();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        addToCart({
          holder: p.holder,
          menuItemId: p.pizza.id,
          quantity: 1,
          // Half tick the boxes in another order: the same set all the same.
          choiceIds: i % 2 ? [p.choice.Olives, p.choice.Large] : [p.choice.Large, p.choice.Olives],
          instructions: "Crispy",
        }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const cart = await getCart({ holder: p.holder });
    expect(cart!.lines.map((l) => [l.quantity, l.unitPriceCents])).toEqual([[10, 1250]]);
  });

  it("enforces required, min and max choices, and refuses a choice of another item or restaurant", async () => {
    const p = await pizzeria();
    const other = await pizzeria();
    const add = (choiceIds: number[]) =>
      addToCart({ holder: p.holder, menuItemId: p.pizza.id, quantity: 1, choiceIds });
    expect(await add([])).toEqual({ ok: false, reason: "invalid:too-few-choices", groupName: "Size", minChoices: 1 });
    expect(await add([p.choice.Regular, p.choice.Large])).toEqual({
      ok: false,
      reason: "invalid:too-many-choices",
      groupName: "Size",
      maxChoices: 1,
    });
    expect(await add([p.choice.Regular, p.choice.Cheese, p.choice.Olives, p.choice.Basil])).toMatchObject({
      reason: "invalid:too-many-choices",
      groupName: "Extras",
    });
    // Another restaurant's pizza has choices of the same names: its ids are not this pizza's.
    expect(await add([other.choice.Regular])).toEqual({ ok: false, reason: "not-found:choice" });
    expect(await add([p.choice.Regular, 2_000_000_000])).toEqual({ ok: false, reason: "not-found:choice" });
    // A choice of this pizza on the salad.
    expect(
      await addToCart({ holder: p.holder, menuItemId: p.salad.id, quantity: 1, choiceIds: [p.choice.Cheese] }),
    ).toEqual({ ok: false, reason: "not-found:choice" });
    expect(await getCart({ holder: p.holder })).toBeNull();

    // Through the action, as the browser sends it: a radio per group, boxes, a note.
    signInAs(p.viewer);
    const form = {
      menuItemId: p.pizza.id,
      [`choice.${p.groups.size}`]: p.choice.Large,
      instructions: "Cut in 8",
    };
    expect(await submit(addToCartAction, form)).toMatchObject({ ok: true, message: "Added Pizza to your cart." });
    expect(await submit(addToCartAction, { menuItemId: p.pizza.id })).toMatchObject({
      ok: false,
      message: "Choose an option for Size.",
    });
    const nul = await submit(addToCartAction, { ...form, instructions: "a\u0000b" });
    expect(nul.fieldErrors?.instructions).toEqual(["Remove control or invisible formatting characters."]);
    const long = await submit(addToCartAction, { ...form, instructions: "x".repeat(201) });
    expect(long.fieldErrors?.instructions).toEqual(["Use at most 200 characters."]);
    // The same note with its words further apart is the same note: two lines that read alike were two lines.
    expect(await submit(addToCartAction, { ...form, instructions: " Cut  in\u00a0 8 " })).toMatchObject({ ok: true });
    signInAs(null);
    expect(
      (await getCart({ holder: p.holder }))!.lines.map((l) => [l.unitPriceCents, l.instructions, l.quantity]),
    ).toEqual([[1200, "Cut in 8", 2]]);
    expect(addToCartSchema.safeParse({ menuItemId: "1", choiceId: ["1", "abc"] }).success).toBe(false);
  });

  it("refuses checkout naming a choice removed since it was added, and asks again for a new required group", async () => {
    const p = await pizzeria();
    await addPizza(p, ["Regular", "Olives"]);
    await updateOptionGroup({
      viewer: p.ownerViewer,
      groupId: p.groups.extras,
      fields: pizzaFields([
        { name: "Cheese", priceDeltaCents: 75 },
        { name: "Basil", priceDeltaCents: 0 },
      ]),
    });
    const cart = await getCart({ holder: p.holder });
    expect(cart!.lines[0]!.problem).toBe("options");
    const refused = await placeOrder({ viewer: p.viewer, idempotencyKey: key(), expectedTotalCents: 1050 });
    expect(refused).toEqual({ ok: false, reason: "unavailable:choices", itemName: "Pizza", choiceNames: ["Olives"] });
    expect(checkoutRefusal(refused as Extract<typeof refused, { ok: false }>)).toContain("Olives");

    // A fresh line, then the owner adds a required group: the line no longer fits.
    await db()
      .delete(orderLines)
      .where(sql`false`);
    const q = await pizzeria();
    await addToCart({ holder: q.holder, menuItemId: q.pizza.id, quantity: 1, choiceIds: [q.choice.Regular] });
    await createOptionGroup({
      viewer: q.ownerViewer,
      itemId: q.pizza.id,
      fields: {
        name: "Crust",
        required: true,
        minChoices: 1,
        maxChoices: 1,
        choices: [{ name: "Thin", priceDeltaCents: 0 }],
      },
    });
    expect(await placeOrder({ viewer: q.viewer, idempotencyKey: key(), expectedTotalCents: 1000 })).toEqual({
      ok: false,
      reason: "conflict:options-changed",
      itemName: "Pizza",
      groupName: "Crust",
    });
    expect(await db().$count(orders, eq(orders.customerId, q.customer.profile.id))).toBe(0);
  });

  it("charges today's option prices at checkout, and never changes a past order after menu edits and deletes", async () => {
    const p = await pizzeria();
    await addPizza(p, ["Large"]);
    // The owner raises Large to +3.00 after the customer opened the cart at $12.00.
    await updateOptionGroup({
      viewer: p.ownerViewer,
      groupId: p.groups.size,
      fields: sizeFields(300),
    });
    expect(await placeOrder({ viewer: p.viewer, idempotencyKey: key(), expectedTotalCents: 1200 })).toEqual({
      ok: false,
      reason: "conflict:price-changed",
      totalCents: 1300,
    });
    const orderId = await placeCart(p);
    const before = await getOrderForViewer({ viewer: p.viewer, orderId });

    await updateOptionGroup({
      viewer: p.ownerViewer,
      groupId: p.groups.size,
      fields: { ...SIZE, choices: [{ name: "Regular", priceDeltaCents: 0 }] },
    });
    await deleteOptionGroup({ viewer: p.ownerViewer, groupId: p.groups.size });
    await deleteItem({ viewer: p.ownerViewer, itemId: p.pizza.id });
    const after = await getOrderForViewer({ viewer: p.viewer, orderId });
    expect(after!.totalCents).toBe(1300);
    expect(after!.lines).toEqual(before!.lines);
    expect(after!.lines[0]!.options).toEqual([{ groupName: "Size", choiceName: "Large", priceDeltaCents: 300 }]);
  });

  it("places nothing unseen at the same prices: a group renamed in place, or two choices' prices moved by opposite amounts", async () => {
    const p = await pizzeria();
    await addPizza(p, ["Large", "Cheese"]);
    const review = async () => {
      const cart = (await getCart({ holder: p.holder }))!;
      return { totalCents: cart.totalCents, digest: digestOfCartView(cart, "pickup"), lines: cart.lines };
    };
    const place = (shown: { totalCents: number; digest: string }) =>
      placeOrder({
        viewer: p.viewer,
        idempotencyKey: key(),
        expectedTotalCents: shown.totalCents,
        reviewedCart: shown.digest,
      });

    // The review reads "Size: Large (+$2.00) · Extras: Cheese (+$0.75)". The owner renames Extras to "Remove" in
    // place: the same group, choices, ids and prices, and the kitchen would read "Remove: Cheese".
    const first = await review();
    await updateOptionGroup({
      viewer: p.ownerViewer,
      groupId: p.groups.extras,
      fields: {
        ...pizzaFields(EXTRAS_CHOICES),
        name: "Remove",
      },
    });
    expect((await review()).totalCents).toBe(first.totalCents);
    expect(await place(first)).toEqual({ ok: false, reason: "conflict:cart-changed" });

    // Large 75 cents cheaper and Cheese 75 cents dearer: the same $12.75 for the line, each option priced otherwise
    // than the review showed it.
    const second = await review();
    expect(second.lines[0]!.options).toEqual([
      { groupName: "Size", choiceName: "Large", priceDeltaCents: 200 },
      { groupName: "Remove", choiceName: "Cheese", priceDeltaCents: 75 },
    ]);
    await updateOptionGroup({
      viewer: p.ownerViewer,
      groupId: p.groups.size,
      fields: sizeFields(125),
    });
    await updateOptionGroup({
      viewer: p.ownerViewer,
      groupId: p.groups.extras,
      fields: { ...pizzaFields([{ name: "Cheese", priceDeltaCents: 150 }]), name: "Remove", maxChoices: 1 },
    });
    expect((await review()).totalCents).toBe(second.totalCents);
    expect(await place(second)).toEqual({ ok: false, reason: "conflict:cart-changed" });
    expect(await db().$count(orders, eq(orders.customerId, p.customer.profile.id))).toBe(0);

    // Reviewed again, as it now reads: placed, with the options as the review showed them.
    const third = await review();
    const placed = await place(third);
    if (!placed.ok) throw new Error(`checkout refused: ${placed.reason}`);
    expect((await getOrderForViewer({ viewer: p.viewer, orderId: placed.orderId }))!.lines[0]!.options).toEqual(
      third.lines[0]!.options,
    );
  });

  it("reorders with the choices that still exist, names the ones that do not, and prices them today", async () => {
    const p = await pizzeria();
    await addToCart({
      holder: p.holder,
      menuItemId: p.pizza.id,
      quantity: 2,
      choiceIds: [p.choice.Large, p.choice.Olives],
      instructions: "Crispy",
    });
    const orderId = await placeCart(p);
    await updateOptionGroup({
      viewer: p.ownerViewer,
      groupId: p.groups.extras,
      fields: pizzaFields([{ name: "Cheese", priceDeltaCents: 75 }]),
    });
    await updateOptionGroup({
      viewer: p.ownerViewer,
      groupId: p.groups.size,
      fields: sizeFields(250),
    });
    expect(await reorder({ viewer: p.viewer, orderId, replace: true })).toEqual({
      ok: true,
      added: 1,
      droppedChoices: ["Olives (Pizza)"],
    });
    const cart = await getCart({ holder: p.holder, reorderOf: orderId });
    expect(
      cart!.lines.map((l) => [l.options.map((o) => o.choiceName), l.unitPriceCents, l.quantity, l.instructions]),
    ).toEqual([[["Large"], 1250, 2, "Crispy"]]);
    expect(cart!.droppedChoices).toEqual(["Olives (Pizza)"]);

    // Size itself gone: the line cannot be rebuilt without a size, so it is left out with the item named.
    await deleteOptionGroup({ viewer: p.ownerViewer, groupId: p.groups.size });
    await createOptionGroup({
      viewer: p.ownerViewer,
      itemId: p.pizza.id,
      fields: { ...SIZE, name: "Size (new)", choices: [{ name: "Medium", priceDeltaCents: 100 }] },
    });
    expect(await reorder({ viewer: p.viewer, orderId, replace: true })).toEqual({
      ok: false,
      reason: "unavailable:items",
      itemNames: ["Pizza"],
    });
  });

  it("names a reordered line left out beside one of the same item that made it, and a gone item once", async () => {
    const p = await pizzeria();
    await addPizza(p, ["Regular"]);
    const largeWithCheese = [p.choice.Large, p.choice.Cheese];
    await addToCart({ holder: p.holder, menuItemId: p.pizza.id, quantity: 1, choiceIds: largeWithCheese });
    await addToCart({ holder: p.holder, menuItemId: p.salad.id, quantity: 1 });
    await addPizza(p, ["Large"]);
    const orderId = await placeCart(p);
    // Large goes (Size is required, so those lines cannot be rebuilt); the salad leaves the menu.
    await updateOptionGroup({
      viewer: p.ownerViewer,
      groupId: p.groups.size,
      fields: { ...SIZE, choices: [{ name: "Regular", priceDeltaCents: 0 }] },
    });
    await deleteItem({ viewer: p.ownerViewer, itemId: p.salad.id });
    expect(await reorder({ viewer: p.viewer, orderId, replace: true })).toMatchObject({ ok: true, added: 1 });
    const cart = await getCart({ holder: p.holder, reorderOf: orderId });
    expect(cart!.lines.map((l) => [l.name, l.options.map((o) => o.choiceName)])).toEqual([["Pizza", ["Regular"]]]);
    // The Large pizzas are named once (their cheese was not refused), and the salad once, not its options too.
    expect(cart!.leftOut).toEqual(["Pizza", "Salad"]);
    expect(cart!.droppedChoices).toEqual([]);
  });

  it("names a reordered line whose choices no longer fit beside one of the same item with fewer of them", async () => {
    const p = await pizzeria();
    await addPizza(p, ["Regular", "Cheese", "Olives"], 3);
    await addPizza(p, ["Regular", "Cheese"]);
    const orderId = await placeCart(p);
    // Every choice is still offered, but one extra at most now: the three pizzas with two extras cannot be rebuilt.
    await updateOptionGroup({
      viewer: p.ownerViewer,
      groupId: p.groups.extras,
      fields: {
        ...pizzaFields(EXTRAS_CHOICES),
        maxChoices: 1,
      },
    });
    expect(await reorder({ viewer: p.viewer, orderId, replace: true })).toEqual({
      ok: true,
      added: 1,
      droppedChoices: [],
    });
    const cart = await getCart({ holder: p.holder, reorderOf: orderId });
    expect(cart!.lines.map((l) => [l.quantity, l.options.map((o) => o.choiceName)])).toEqual([
      [1, ["Regular", "Cheese"]],
    ]);
    // Before, the cheese pizza's line counted as theirs: the note said only that Olives was left out, of a line that
    // was not in the cart at all, and three pizzas went without a word.
    expect(cart!.leftOut).toEqual(["Pizza"]);
    expect(cart!.droppedChoices).toEqual([]);
  });

  it("names an option gone from two reordered lines of one dish once, as it names a dish left out once", async () => {
    const p = await pizzeria();
    await addPizza(p, ["Regular", "Olives"]);
    await addPizza(p, ["Large", "Olives"]);
    const orderId = await placeCart(p);
    // Olives leaves the menu: both pizzas come back without it, each on its own line.
    await updateOptionGroup({
      viewer: p.ownerViewer,
      groupId: p.groups.extras,
      fields: pizzaFields([{ name: "Cheese", priceDeltaCents: 75 }]),
    });
    expect(await reorder({ viewer: p.viewer, orderId, replace: true })).toEqual({
      ok: true,
      added: 2,
      droppedChoices: ["Olives (Pizza)"],
    });
    const cart = await getCart({ holder: p.holder, reorderOf: orderId });
    expect(cart!.lines.map((l) => l.options.map((o) => o.choiceName))).toEqual([["Regular"], ["Large"]]);
    // Before, the note said "left out: Olives (Pizza), Olives (Pizza).", as if two different things were missing.
    expect(reorderNote(orderId, cart!)).toBe(
      `Your cart was rebuilt from order #${orderId} with today's prices. ` +
        "Options not available now, left out: Olives (Pizza).",
    );
  });

  it("says so when two past lines become one line of the same choices with more than 99 between them", async () => {
    const p = await pizzeria();
    await addPizza(p, ["Regular", "Cheese"], 60);
    await addPizza(p, ["Regular"], 60);
    const orderId = await placeCart(p);
    // Cheese goes: both lines are now a Regular pizza, one line of the cart, which holds 99 at most.
    await updateOptionGroup({
      viewer: p.ownerViewer,
      groupId: p.groups.extras,
      fields: pizzaFields([{ name: "Olives", priceDeltaCents: 50 }]),
    });
    await reorder({ viewer: p.viewer, orderId, replace: true });
    const cart = await getCart({ holder: p.holder, reorderOf: orderId });
    expect(cart!.lines.map((l) => [l.quantity, l.options.map((o) => o.choiceName)])).toEqual([[99, ["Regular"]]]);
    // Before, 21 pizzas went without a word: the note named only the cheese.
    expect(reorderNote(orderId, cart!)).toBe(
      `Your cart was rebuilt from order #${orderId} with today's prices. ` +
        "Options not available now, left out: Cheese (Pizza). Up to 99, the most one line can hold: Pizza.",
    );
    // A line of the cart that holds what its past lines add up to is not named.
    const other = await pizzeria();
    await addToCart({
      holder: other.holder,
      menuItemId: other.pizza.id,
      quantity: 99,
      choiceIds: [other.choice.Regular],
    });
    const single = await placeCart(other);
    await reorder({ viewer: other.viewer, orderId: single, replace: true });
    expect((await getCart({ holder: other.holder, reorderOf: single }))!.capped).toEqual([]);
  });

  it("reorders a choice whose group was deleted and made again under the same names, at today's price", async () => {
    const p = await pizzeria();
    const choiceIds = [p.choice.Large, p.choice.Olives];
    await addToCart({ holder: p.holder, menuItemId: p.pizza.id, quantity: 2, choiceIds, instructions: "Crispy" });
    const orderId = await placeCart(p);
    const byId = (await countQueries(() => reorder({ viewer: p.viewer, orderId, replace: true }))).count;
    // The owner deletes both groups and makes them again: Size as it was but Large at +3.00, Extras typed in
    // another case with Olives at +0.60. Every choice has a new id; to the customer, each is the same.
    await deleteOptionGroup({ viewer: p.ownerViewer, groupId: p.groups.size });
    await deleteOptionGroup({ viewer: p.ownerViewer, groupId: p.groups.extras });
    const sizes = [
      { name: "Regular", priceDeltaCents: 0 },
      { name: "Large", priceDeltaCents: 300 },
    ];
    await createOptionGroup({ viewer: p.ownerViewer, itemId: p.pizza.id, fields: { ...SIZE, choices: sizes } });
    const extras = [
      { name: "cheese", priceDeltaCents: 75 },
      { name: "olives", priceDeltaCents: 60 },
    ];
    await createOptionGroup({
      viewer: p.ownerViewer,
      itemId: p.pizza.id,
      fields: { ...EXTRAS, name: "extras", choices: extras },
    });

    const { result, count: byName } = await countQueries(() => reorder({ viewer: p.viewer, orderId, replace: true }));
    expect(result).toEqual({ ok: true, added: 1, droppedChoices: [] });
    // Matching by name reads nothing more: the order, its lines (options and matches in that one statement), and
    // the cart's upsert, emptying and lines, as when matching by id.
    expect([byId, byName]).toEqual([5, 5]);
    const cart = await getCart({ holder: p.holder, reorderOf: orderId });
    expect(
      cart!.lines.map((l) => [
        l.options.map((o) => [o.groupName, o.choiceName, o.priceDeltaCents]),
        l.unitPriceCents,
        l.quantity,
        l.instructions,
        l.problem,
      ]),
    ).toEqual([
      [
        [
          ["Size", "Large", 300],
          ["extras", "olives", 60],
        ],
        1360,
        2,
        "Crispy",
        undefined,
      ],
    ]);
    expect(reorderNote(orderId, cart!)).toBe(
      `Your cart was rebuilt from order #${orderId} with today's prices. Everything is still available.`,
    );
    // Checkout charges today's prices, as the cart showed them.
    const again = await placeCart(p);
    expect((await getOrderForViewer({ viewer: p.viewer, orderId: again }))!.totalCents).toBe(2 * 1360);
  });

  it("names a choice the group made again lacks or has twice, and leaves out a line missing a required one", async () => {
    const p = await pizzeria();
    const choiceIds = [p.choice.Large, p.choice.Olives];
    await addToCart({ holder: p.holder, menuItemId: p.pizza.id, quantity: 1, choiceIds });
    const orderId = await placeCart(p);
    const rebuilt = async () => {
      const cart = await getCart({ holder: p.holder, reorderOf: orderId });
      return {
        lines: cart!.lines.map((l) => [l.options.map((o) => `${o.groupName}: ${o.choiceName}`), l.unitPriceCents]),
        note: reorderNote(orderId, cart!),
      };
    };
    const droppedOlives = {
      lines: [[["Size: Large"], 1200]],
      note:
        `Your cart was rebuilt from order #${orderId} with today's prices. ` +
        "Options not available now, left out: Olives (Pizza).",
    };

    // Extras made again without Olives: Large (kept by id) comes along, Olives is named.
    await deleteOptionGroup({ viewer: p.ownerViewer, groupId: p.groups.extras });
    const extras = (choices: string[]) =>
      createOptionGroup({
        viewer: p.ownerViewer,
        itemId: p.pizza.id,
        fields: pizzaFields(choices.map((name) => ({ name, priceDeltaCents: 50 }))),
      });
    expect(await extras(["Cheese", "Basil"])).toMatchObject({ ok: true });
    expect(await reorder({ viewer: p.viewer, orderId, replace: true })).toEqual({
      ok: true,
      added: 1,
      droppedChoices: ["Olives (Pizza)"],
    });
    expect(await rebuilt()).toEqual(droppedOlives);

    // A second live group named Extras cannot exist: the owner's tools refuse it, and so does the database
    // (menu_option_groups_item_name_key, migration 0022), where two saves at once would both pass the check.
    expect(await extras(["Anchovies", "Olives"])).toMatchObject({ ok: false, reason: "invalid:name-taken" });
    await expect(
      db()
        .insert(menuOptionGroups)
        .values({ menuItemId: p.pizza.id, ...EXTRAS, name: "EXTRAS", maxChoices: 2 }),
    ).rejects.toMatchObject({ cause: { code: "23505" } });

    // Size made again without Large: it is required, so the line cannot be rebuilt and the pizza is named instead.
    await deleteOptionGroup({ viewer: p.ownerViewer, groupId: p.groups.size });
    await createOptionGroup({
      viewer: p.ownerViewer,
      itemId: p.pizza.id,
      fields: { ...SIZE, choices: [{ name: "Regular", priceDeltaCents: 0 }] },
    });
    const refused = await reorder({ viewer: p.viewer, orderId, replace: true });
    expect(refused).toEqual({ ok: false, reason: "unavailable:items", itemNames: ["Pizza"] });
    expect(reorderRefusal(refused as Extract<typeof refused, { ok: false }>, orderId)).toBe(
      `None of the items of order #${orderId} can be ordered now: Pizza.`,
    );
  });

  it("reconciles to zero with options, and catches a line whose option price was tampered with", async () => {
    const p = await pizzeria();
    await addPizza(p, ["Large"], 3);
    const orderId = await placeCart(p);
    const admin = await viewerOf((await createUser(db(), { role: "admin" })).user.id);
    const clean = await reconcileTotals({ viewer: admin });
    expect([clean.orderMismatchCount, clean.userMismatchCount, clean.linePriceMismatchCount]).toEqual([0, 0, 0]);
    expect(clean.rollupDriftCounts.every((d) => d.rows === 0)).toBe(true);

    const [line] = await db().select({ id: orderLines.id }).from(orderLines).where(eq(orderLines.orderId, orderId));
    // The order's total still equals its lines (quantity x unit price): only the option's recorded price moved.
    await db().update(orderLineOptions).set({ priceDeltaCents: 150 }).where(eq(orderLineOptions.orderLineId, line!.id));
    const tampered = await reconcileTotals({ viewer: admin });
    expect(tampered.orderMismatchCount).toBe(0);
    expect(tampered.linePriceMismatchCount).toBe(1);
    expect(tampered.linePriceMismatches).toEqual([
      { orderId, lineId: line!.id, name: "Pizza", unitCents: 1200, expectedCents: 1150 },
    ]);
    expect((await repairRollups(db(), { dryRun: true })).linePrices).toBe(1);
    await db().update(orderLineOptions).set({ priceDeltaCents: 200 }).where(eq(orderLineOptions.orderLineId, line!.id));
    expect((await reconcileTotals({ viewer: admin })).linePriceMismatchCount).toBe(0);
  });

  it("a choice marked sold out stays on the menu but cannot be added, checked out or reordered until it is back", async () => {
    const p = await pizzeria();
    const pizzaLine = { holder: p.holder, menuItemId: p.pizza.id, choiceIds: [p.choice.Regular, p.choice.Cheese] };
    await addToCart({ ...pizzaLine, quantity: 1 });
    const pastOrderId = await placeCart(p);
    await addToCart({ ...pizzaLine, quantity: 2 });

    signInAs(p.ownerViewer);
    expect(await submit(setChoiceAvailabilityAction, { choiceId: p.choice.Cheese })).toEqual({
      ok: true,
      message: "Marked sold out.",
    });
    signInAs(null);
    const owned = await getMenuForOwner({ viewer: p.ownerViewer, slug: p.restaurant.slug });
    const ownedExtras = owned!.categories[0]!.items[0]!.optionGroups.find((g) => g.name === "Extras")!;
    expect(ownedExtras.choices.map((c) => [c.name, c.available])).toEqual([
      ["Cheese", false],
      ["Olives", true],
      ["Basil", true],
    ]);
    // The customer's menu still lists it, as not available.
    const page = await getRestaurantPage({ slug: p.restaurant.slug, viewer: p.viewer });
    const pizza = page!.categories[0]!.items.find((i) => i.id === p.pizza.id)!;
    expect(pizza.optionGroups.find((g) => g.name === "Extras")!.choices.find((c) => c.name === "Cheese")).toMatchObject(
      { available: false },
    );

    // Not added, not checked out (the cart names it), not reordered: nothing ordered meanwhile.
    expect(await addToCart({ ...pizzaLine, quantity: 1 })).toEqual({
      ok: false,
      reason: "unavailable:choices",
      choiceNames: ["Cheese"],
    });
    expect((await getCart({ holder: p.holder }))!.lines[0]!.problem).toBe("options");
    const refused = await placeOrder({ viewer: p.viewer, idempotencyKey: key(), expectedTotalCents: 2150 });
    expect(refused).toEqual({ ok: false, reason: "unavailable:choices", itemName: "Pizza", choiceNames: ["Cheese"] });
    expect(checkoutRefusal(refused as Extract<typeof refused, { ok: false }>)).toBe(
      "Not available now for Pizza: Cheese. Remove the line and add it again with other options.",
    );
    expect(await db().$count(orders, eq(orders.customerId, p.customer.profile.id))).toBe(1);
    expect(await reorder({ viewer: p.viewer, orderId: pastOrderId, replace: true })).toEqual({
      ok: true,
      added: 1,
      droppedChoices: ["Cheese (Pizza)"],
    });
    const rebuilt = await getCart({ holder: p.holder, reorderOf: pastOrderId });
    expect(rebuilt!.lines.map((l) => [l.options.map((o) => o.choiceName), l.unitPriceCents])).toEqual([
      [["Regular"], 1000],
    ]);

    // Back on: ordered at today's price, and the past order never changed.
    signInAs(p.ownerViewer);
    expect(await submit(setChoiceAvailabilityAction, { choiceId: p.choice.Cheese, available: "on" })).toEqual({
      ok: true,
      message: "Available again.",
    });
    signInAs(null);
    await addToCart({ ...pizzaLine, quantity: 1 });
    const orderId = await placeCart(p);
    const placed = await getOrderForViewer({ viewer: p.viewer, orderId });
    expect(placed!.totalCents).toBe(1075 + 1000);
    expect((await getOrderForViewer({ viewer: p.viewer, orderId: pastOrderId }))!.totalCents).toBe(1075);
  });

  it("lets only the restaurant's owners edit its options (role matrix), with clear messages", async () => {
    const p = await pizzeria();
    const stranger = await createOwner(db(), [(await createRestaurant(db())).restaurant.id]);
    const admin = await createUser(db(), { role: "admin" });
    const groupsBefore = await db().select().from(menuOptionGroups).orderBy(asc(menuOptionGroups.id));
    const choicesBefore = await db().select().from(menuOptionChoices).orderBy(asc(menuOptionChoices.id));
    const fields = {
      name: "Sauce",
      required: "on",
      minChoices: 1,
      maxChoices: 1,
      choices: "Tomato\nWhite +1.00",
    };
    const attempts = [
      () => submit(createOptionGroupAction, { itemId: p.pizza.id, ...fields }),
      () => submit(updateOptionGroupAction, { groupId: p.groups.size, ...fields }),
      () => submit(deleteOptionGroupAction, { groupId: p.groups.size }),
      () => submit(setChoiceAvailabilityAction, { choiceId: p.choice.Large }),
    ];
    // Another restaurant's owner, and an admin who does not own it: "not found", nothing written.
    for (const who of [stranger.user.id, admin.user.id]) {
      signInAs(await viewerOf(who));
      const answers = [];
      for (const attempt of attempts) answers.push((await attempt()).message);
      expect(answers).toEqual([
        "Item not found.",
        "Option group not found.",
        "Option group not found.",
        "Choice not found.",
      ]);
    }
    // A customer: the action answers 404, as if it did not exist.
    signInAs(p.viewer);
    for (const attempt of attempts) await expect(attempt()).rejects.toThrow(NOT_FOUND);
    signInAs(null);
    expect((await attempts[0]!()).message).toBe("Your session has ended. Please sign in again.");
    expect(await db().select().from(menuOptionGroups).orderBy(asc(menuOptionGroups.id))).toEqual(groupsBefore);
    expect(await db().select().from(menuOptionChoices).orderBy(asc(menuOptionChoices.id))).toEqual(choicesBefore);

    // The owner: added, edited (a choice renamed keeps its id; one removed is soft-deleted), removed.
    signInAs(p.ownerViewer);
    expect(await submit(createOptionGroupAction, { itemId: p.pizza.id, ...fields })).toMatchObject({
      ok: true,
      message: "Added Sauce.",
    });
    const regular = p.choice.Regular;
    expect(
      await submit(updateOptionGroupAction, {
        groupId: p.groups.size,
        ...fields,
        name: "Size",
        choices: "regular\nHuge +4.00",
      }),
    ).toMatchObject({ ok: true, message: "Saved." });
    const size = await db()
      .select({ id: menuOptionChoices.id, name: menuOptionChoices.name, deleted: sql<boolean>`deleted_at is not null` })
      .from(menuOptionChoices)
      .where(eq(menuOptionChoices.groupId, p.groups.size))
      .orderBy(asc(menuOptionChoices.id));
    expect(size).toEqual([
      { id: regular, name: "regular", deleted: false },
      { id: p.choice.Large, name: "Large", deleted: true },
      { id: expect.any(Number), name: "Huge", deleted: false },
    ]);
    // Two groups of one item with one name (in any case) could not be told apart on the menu.
    const taken = (name: string) => `This item already has a group named "${name}": give this one another name.`;
    expect(await submit(createOptionGroupAction, { itemId: p.pizza.id, ...fields, name: "sauce" })).toEqual({
      message: taken("sauce"),
    });
    expect(await submit(updateOptionGroupAction, { groupId: p.groups.size, ...fields, name: "EXTRAS" })).toEqual({
      message: taken("EXTRAS"),
    });
    expect(
      (
        await db()
          .select({ name: menuOptionGroups.name })
          .from(menuOptionGroups)
          .where(eq(menuOptionGroups.id, p.groups.size))
      )[0],
    ).toEqual({ name: "Size" });
    expect(await submit(deleteOptionGroupAction, { groupId: p.groups.size })).toMatchObject({
      ok: true,
      message: "Option group removed.",
    });
    const menu = await getMenuForOwner({ viewer: p.ownerViewer, slug: p.restaurant.slug });
    expect(menu!.categories[0]!.items[0]!.optionGroups.map((g) => g.name)).toEqual(["Extras", "Sauce"]);
    signInAs(null);
  });

  it("does not save a group over a change made since its form was drawn, and saves once the form shows it", async () => {
    const p = await pizzeria();
    signInAs(p.ownerViewer);
    const drawn = async () =>
      (await getMenuForOwner({ viewer: p.ownerViewer, slug: p.restaurant.slug }))!.categories[0]!.items.find(
        (i) => i.id === p.pizza.id,
      )!.optionGroups.find((g) => g.id === p.groups.extras)!;
    // The Extras form as it was drawn.
    const form = {
      groupId: p.groups.extras,
      version: (await drawn()).version,
      name: "Extras",
      minChoices: 0,
      maxChoices: 2,
      choices: "Cheese +0.75\nOlives +0.50\nBasil",
    };
    // Another tab (or a co-owner) raises Cheese and adds Mushrooms, which a customer puts in their cart.
    expect(
      await submit(updateOptionGroupAction, {
        ...form,
        version: (await drawn()).version,
        choices: "Cheese +1.00\nOlives +0.50\nBasil\nMushrooms +1.00",
      }),
    ).toMatchObject({ ok: true });
    // The first form, still showing the old list, allows a third extra.
    expect(await submit(updateOptionGroupAction, { ...form, maxChoices: 3 })).toEqual({
      stale: true,
      message:
        "Nothing was saved: this option group was changed in another tab or by another owner since you opened this " +
        "page. The form now shows it as it is: make your changes again.",
    });
    // Before, that save took Mushrooms off the menu (carts holding it were refused) and put Cheese back to +0.75.
    const live = async () =>
      (
        await db()
          .select({ name: menuOptionChoices.name, cents: menuOptionChoices.priceDeltaCents })
          .from(menuOptionChoices)
          .where(and(eq(menuOptionChoices.groupId, p.groups.extras), isNull(menuOptionChoices.deletedAt)))
          .orderBy(asc(menuOptionChoices.position))
      ).map(({ name, cents }) => `${name} ${cents}`);
    expect(await live()).toEqual(["Cheese 100", "Olives 50", "Basil 0", "Mushrooms 100"]);
    // A sold-out switch is not part of the form: it leaves the form current. Drawn again, the form saves.
    expect(await submit(setChoiceAvailabilityAction, { choiceId: p.choice.Olives })).toMatchObject({ ok: true });
    expect(
      await submit(updateOptionGroupAction, {
        ...form,
        version: (await drawn()).version,
        maxChoices: 3,
        choices: "Cheese +1.00\nOlives +0.50\nBasil\nMushrooms +1.00",
      }),
    ).toMatchObject({ ok: true, message: "Saved." });
    expect((await drawn()).maxChoices).toBe(3);
    // A name taken is still said as such, and a group not the viewer's is still not found.
    expect(await submit(updateOptionGroupAction, { ...form, version: (await drawn()).version, name: "size" })).toEqual({
      message: `This item already has a group named "size": give this one another name.`,
    });
    expect(await submit(updateOptionGroupAction, { ...form, groupId: 999_999 })).toEqual({
      message: "Option group not found.",
    });
    signInAs(null);
  });

  if (driver === "postgres")
    it("refuses a stale group save that waited for another save of the group to commit", async () => {
      const p = await pizzeria();
      const { version } = (await getMenuForOwner({
        viewer: p.ownerViewer,
        slug: p.restaurant.slug,
      }))!.categories[0]!.items[0]!.optionGroups.find((g) => g.id === p.groups.extras)!;
      // Another save of Extras under way, as updateOptionGroup makes it: the group's row written (so locked), a
      // choice added, not yet committed.
      const other = heldTransaction(db(), async (tx) => {
        await tx.update(menuOptionGroups).set({ maxChoices: 2 }).where(eq(menuOptionGroups.id, p.groups.extras));
        await tx.insert(menuOptionChoices).values({ groupId: p.groups.extras, name: "Mushrooms", position: 3 });
      });
      await other.held;
      const stale = updateOptionGroup({
        viewer: p.ownerViewer,
        groupId: p.groups.extras,
        version,
        fields: { ...EXTRAS, maxChoices: 3, choices: EXTRAS_CHOICES },
      });
      await untilWaitingOnLocks(db(), 1);
      other.release();
      await other.done;
      // A save that compared once it got the lock, in the snapshot from before its wait, still found the old list.
      expect(await stale).toEqual({ ok: false, reason: "conflict" });
      const mushrooms = await db()
        .select({ deletedAt: menuOptionChoices.deletedAt })
        .from(menuOptionChoices)
        .where(and(eq(menuOptionChoices.groupId, p.groups.extras), eq(menuOptionChoices.name, "Mushrooms")));
      expect(mushrooms).toEqual([{ deletedAt: null }]);
    });

  it("validates a group's form with a message on the field to change", async () => {
    const errors = (input: Record<string, string>) => {
      const parsed = createOptionGroupSchema.safeParse({ itemId: "1", name: "Size", ...input });
      return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join("."), i.message]));
    };
    expect(errors({ required: "on", minChoices: "2", maxChoices: "1", choices: "A\nB" })).toEqual({
      minChoices: "The smallest number of choices cannot be above the largest.",
    });
    expect(errors({ minChoices: "0", maxChoices: "3", choices: "A\nB" })).toEqual({
      maxChoices: "Customers cannot pick 3 of 2 choices: lower the largest number or add choices.",
    });
    expect(errors({ required: "on", minChoices: "0", maxChoices: "1", choices: "A" })).toEqual({
      minChoices: "A required group needs a smallest number of at least 1.",
    });
    // Optional, yet customers would have to pick one: the menu would say "(choose 1)" under an unticked Required.
    expect(errors({ minChoices: "1", maxChoices: "1", choices: "A" })).toEqual({
      minChoices: "An optional group's smallest number is 0: set it to 0, or tick Required.",
    });
    // A cheaper choice is not a name: "Small -1.00" was saved as a choice called that, at no difference.
    expect(errors({ minChoices: "0", maxChoices: "1", choices: "Regular\nSmall -1.00" })).toEqual({
      choices:
        'Line 2 ("Small -1.00"): a choice can only add to the item\'s price ("Large +2.00"). ' +
        "For a cheaper choice, lower the item's price and add the difference to the others.",
    });
    expect(errors({ minChoices: "0", maxChoices: "1", choices: "\u200B +1.00" })).toEqual({
      choices: 'Line 1 ("\u200B +1.00"): give the choice a name, like "Large +2.00".',
    });
    // However the minus and the amount are spelled (autocorrect makes a "−").
    for (const discount of [
      "Small - 1.00",
      "Small -.50",
      "Small \u22121.00",
      "Small -1,50",
      "Small -$1",
      "Small \u2013 $2",
    ]) {
      expect(errors({ minChoices: "0", maxChoices: "1", choices: discount }).choices).toMatch(/can only add/);
    }
    // A price written inside the name would be saved as part of it, at +0.00.
    for (const line of [
      "Large+2.00",
      "Large+2",
      "Huge +2.00 extra",
      "Huge +2 extra",
      "Big (+2.00)",
      "Big (+2)",
      "Mega $2.00",
      "Mega €2",
      "Giant (+$2)",
      "Tall +.50 cup",
    ]) {
      expect(errors({ minChoices: "0", maxChoices: "1", choices: line }).choices, line).toBe(
        `Line 1 ("${line}"): put the extra price at the end, after a space and a plus, like "Large +2.00".`,
      );
    }
    // A dash or a plus in a name is not a price.
    expect(
      createOptionGroupSchema.parse({
        itemId: "1",
        name: "Portion",
        minChoices: "0",
        maxChoices: "1",
        choices: "Wings - 6\nKids 3 - 5\nCoke - 330\nWings -6\nSalt + Pepper\n2+1 deal\nAges 3+\nLarge + 2.50",
      }).choices,
    ).toEqual([
      { name: "Wings - 6", priceDeltaCents: 0 },
      { name: "Kids 3 - 5", priceDeltaCents: 0 },
      { name: "Coke - 330", priceDeltaCents: 0 },
      { name: "Wings -6", priceDeltaCents: 0 },
      { name: "Salt + Pepper", priceDeltaCents: 0 },
      { name: "2+1 deal", priceDeltaCents: 0 },
      { name: "Ages 3+", priceDeltaCents: 0 },
      { name: "Large", priceDeltaCents: 250 },
    ]);
    expect(errors({ minChoices: "0", maxChoices: "1", choices: "A\na" })).toEqual({
      choices: "Give each choice a different name.",
    });
    expect(errors({ minChoices: "0", maxChoices: "1", choices: "Large +2.999" })).toEqual({
      choices: 'Line 1 ("Large +2.999"): write the extra price like "Large +2.00", at most +1000.00.',
    });
    expect(
      errors({ minChoices: "0", maxChoices: "1", choices: Array.from({ length: 21 }, (_, i) => `C${i}`).join("\n") }),
    ).toEqual({ choices: "A group has at most 20 choices." });
    expect(errors({ minChoices: "0", maxChoices: "1", choices: "Cheese\u0000" })).toEqual({
      choices: "Remove control or invisible formatting characters.",
    });
    const ok = createOptionGroupSchema.parse({
      itemId: "1",
      name: "Size",
      minChoices: "1",
      maxChoices: "1",
      required: "on",
      choices: " Regular \r\n\nLarge + $2.50\n",
    });
    expect(ok.choices).toEqual([
      { name: "Regular", priceDeltaCents: 0 },
      { name: "Large", priceDeltaCents: 250 },
    ]);
  });

  it("refuses a choice name with a tab in it, as every one-line name is refused one, and writes nothing", async () => {
    const p = await pizzeria();
    const groupsBefore = await db().select().from(menuOptionGroups).orderBy(asc(menuOptionGroups.id));
    const choicesBefore = await db().select().from(menuOptionChoices).orderBy(asc(menuOptionChoices.id));
    signInAs(p.ownerViewer);
    // The choices box is a textarea, so the whole text may hold tabs and line breaks; each line is a name, though,
    // shown on one line on the menu, in the cart, on the order and on the kitchen's ticket. A group's name, an
    // item's or a category's with a tab is "Remove control or invisible formatting characters."; a choice's was saved.
    const fields = { name: "Crust", minChoices: "0", maxChoices: "1" };
    for (const choices of ["Thin\tcrust +1.00\nRegular", "Regular\nDeep\t\tdish"]) {
      const created = await submit(createOptionGroupAction, { itemId: p.salad.id, ...fields, choices });
      expect(created.ok, JSON.stringify(choices)).toBeUndefined();
      expect(created.fieldErrors?.choices?.[0], JSON.stringify(choices)).toMatch(
        /Remove control or invisible formatting characters\.$/,
      );
      const updated = await submit(updateOptionGroupAction, { groupId: p.groups.extras, ...fields, choices });
      expect(updated.ok, JSON.stringify(choices)).toBeUndefined();
      expect(updated.fieldErrors?.choices?.[0], JSON.stringify(choices)).toMatch(
        /Remove control or invisible formatting characters\.$/,
      );
    }
    signInAs(null);
    expect(await db().select().from(menuOptionGroups).orderBy(asc(menuOptionGroups.id))).toEqual(groupsBefore);
    expect(await db().select().from(menuOptionChoices).orderBy(asc(menuOptionChoices.id))).toEqual(choicesBefore);
  });

  it("counts a choice name's 60 characters as the database does: in characters, not UTF-16 units", async () => {
    const p = await pizzeria();
    signInAs(p.ownerViewer);
    // 31 characters, each one emoji (two UTF-16 units): menu_option_choices_name_length (char_length <= 60) holds
    // it, as plainText counts every other name (lib/validation.ts codePoints). It was refused as "at most 60
    // characters".
    const pizzas = "\u{1F355}".repeat(31);
    const created = await submit(createOptionGroupAction, {
      itemId: p.salad.id,
      name: "Topping",
      minChoices: "0",
      maxChoices: "1",
      choices: `${pizzas} +1.00\nPlain`,
    });
    signInAs(null);
    expect(created).toEqual({ ok: true, message: "Added Topping." });
    const names = await db()
      .select({ name: menuOptionChoices.name })
      .from(menuOptionChoices)
      .innerJoin(menuOptionGroups, eq(menuOptionGroups.id, menuOptionChoices.groupId))
      .where(eq(menuOptionGroups.menuItemId, p.salad.id))
      .orderBy(asc(menuOptionChoices.position));
    expect(names).toEqual([{ name: pizzas }, { name: "Plain" }]);
    // 61 characters are still too many, said as before.
    expect(
      createOptionGroupSchema.safeParse({
        itemId: "1",
        name: "Topping",
        minChoices: "0",
        maxChoices: "1",
        choices: "\u{1F355}".repeat(61),
      }).error?.issues[0]?.message,
    ).toMatch(/: a choice name has at most 60 characters\.$/);
  });

  it("bounds an item to 10 option groups", async () => {
    const p = await pizzeria();
    const add = (n: number) =>
      createOptionGroup({
        viewer: p.ownerViewer,
        itemId: p.salad.id,
        fields: { ...EXTRAS, name: `Extras ${n}`, maxChoices: 1, choices: [{ name: "A", priceDeltaCents: 0 }] },
      });
    for (let i = 0; i < 10; i++) expect((await add(i)).ok).toBe(true);
    expect(await add(10)).toEqual({ ok: false, reason: "invalid:too-many-groups", max: 10 });
  });

  it("keeps the menu, cart and owner menu reads at one statement however many options there are", async () => {
    const p = await pizzeria();
    const reads = async () => [
      (await countQueries(() => getRestaurantPage({ slug: p.restaurant.slug, cartHolder: p.holder }))).count,
      (await countQueries(() => getCart({ holder: p.holder }))).count,
      (await countQueries(() => getMenuForOwner({ viewer: p.ownerViewer, slug: p.restaurant.slug }))).count,
    ];
    await addPizza(p, ["Regular"]);
    const few = await reads();
    for (let i = 0; i < 5; i++) {
      await createOptionGroup({
        viewer: p.ownerViewer,
        itemId: p.salad.id,
        fields: { ...EXTRAS, choices: Array.from({ length: 6 }, (_, c) => ({ name: `C${c}`, priceDeltaCents: c })) },
      });
    }
    for (const extra of [p.choice.Cheese, p.choice.Olives]) {
      await addToCart({ holder: p.holder, menuItemId: p.pizza.id, quantity: 1, choiceIds: [p.choice.Large, extra] });
    }
    expect(await reads()).toEqual(few);
    expect(few).toEqual([1, 1, 1]);
    const page = await getRestaurantPage({ slug: p.restaurant.slug });
    expect(page!.categories[0]!.items[0]!.optionGroups.map((g) => [g.name, g.choices.length])).toEqual([
      ["Size", 2],
      ["Extras", 3],
    ]);
  });
});
