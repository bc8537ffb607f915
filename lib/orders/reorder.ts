import "server-only";

import { and, eq, isNull, sql } from "drizzle-orm";

import { getDb } from "@/db/client";
import { cartItems, carts, MAX_LINE_QUANTITY, menuItems, orderLines, orders, restaurants } from "@/db/schema";
import type { Viewer } from "@/lib/auth/queries";
import {
  checkSelection,
  choiceKey,
  choicesSql,
  chosenChoicesSql,
  fromJson,
  liveGroupsSql,
  replacesByName,
  type ChosenChoice,
  type LiveGroup,
} from "@/lib/cart/options";
import { NOT_FOUND, type Result } from "@/lib/errors";

export type ReorderFailure =
  /** No such order of the viewer's. */
  | { reason: "not-found" }
  | { reason: "unavailable:closed"; restaurantName: string }
  /**
   * No line could be rebuilt: each one's item was deleted, is unavailable or moved to another restaurant, or its
   * remaining options no longer fit. `itemNames`: those lines' names as ordered, each once.
   */
  | { reason: "unavailable:items"; itemNames: string[] }
  /** The cart holds lines, which a reorder replaces: asked first (`replace`), as an add from elsewhere is. */
  | { reason: "conflict:cart-not-empty"; cartRestaurantName: string; cartLines: number };
/** `droppedChoices`: options of the past order the menu no longer offers ("Extra cheese (Pizza)"), left out. */
export type ReorderResult = Result<{ added: number; droppedChoices: string[] }, ReorderFailure>;

/** A choice as the order line snapshotted it; `byName`: the item's choices today of its names, once its id is gone. */
type PastChoice = { choiceId: number | null; choiceName: string; byName: ChosenChoice[] };

/**
 * Today's choice for a past one: the same id while the menu offers it. Once that id is gone (deleted, or its group
 * deleted and made again under the same names), the one current choice of the item with the same group and choice
 * names; none when two share them, since a guess could put another choice on the line. Undefined when the match
 * is not live (sold out, say): the caller names it.
 */
function matchChoice(past: PastChoice, chosen: readonly ChosenChoice[], menuItemId: number) {
  const byId = chosen.find((c) => c.id === past.choiceId && c.menuItemId === menuItemId);
  if (byId?.live) return byId;
  const [byName, ...more] = past.byName;
  return byName?.live && more.length === 0 ? byName : undefined;
}

/**
 * Rebuilds the customer's cart from one of their past orders, with today's menu: lines whose item was deleted,
 * is unavailable or moved to another restaurant are left out (the cart page names them). Prices are not copied:
 * a cart holds ids and quantities, and is always priced from the menu. Each line's options are re-applied where
 * the choice still exists, by id or else by its group and choice names (`matchChoice`), and named in
 * `droppedChoices` where it does not; a line whose remaining choices no longer fit the item's options (a required
 * size gone) is left out like a removed item. Instructions are the customer's own words and come along.
 */
export async function reorder({
  viewer,
  orderId,
  replace = false,
}: {
  viewer: Viewer;
  orderId: number;
  /** The customer confirmed that the lines in their cart may go. */
  replace?: boolean;
}): Promise<ReorderResult> {
  // A cart filled after the first statement read it empty (a first add in another tab, committed while this
  // waited for the cart row): the attempt is rolled back and made again, and the next one reads the lines and asks.
  // Each new attempt needs another write of this customer's committed meanwhile, so this does not spin.
  for (;;) {
    try {
      return await reorderOnce({ viewer, orderId, replace });
    } catch (error) {
      if (!(error instanceof CartFilledMeanwhile)) throw error;
    }
  }
}

class CartFilledMeanwhile extends Error {}

async function reorderOnce({
  viewer,
  orderId,
  replace,
}: {
  viewer: Viewer;
  orderId: number;
  replace: boolean;
}): Promise<ReorderResult> {
  const { profileId } = viewer;
  const db = await getDb();
  return db.transaction(async (tx): Promise<ReorderResult> => {
    const [order] = await tx
      .select({
        restaurantId: orders.restaurantId,
        isOpen: restaurants.isOpen,
        restaurantName: restaurants.name,
        // What the cart holds now, read in the same statement: "Order again" silently emptied a cart being filled.
        cartLines: sql<number>`(select count(*)::int from cart_items ci where ci.cart_id = ${carts.id})`,
        cartRestaurantName: sql<string | null>`(select r.name from restaurants r where r.id = ${carts.restaurantId})`,
      })
      .from(orders)
      .innerJoin(restaurants, eq(restaurants.id, orders.restaurantId))
      .leftJoin(carts, eq(carts.profileId, profileId))
      .where(and(eq(orders.id, orderId), eq(orders.customerId, profileId)));
    if (!order) return NOT_FOUND;
    if (!order.isOpen) return { ok: false, reason: "unavailable:closed", restaurantName: order.restaurantName };
    if (order.cartLines > 0 && !replace) {
      const { cartLines, cartRestaurantName } = order;
      return { ok: false, reason: "conflict:cart-not-empty", cartLines, cartRestaurantName: cartRestaurantName ?? "" };
    }

    const pastChoiceIds = sql`coalesce((select array_agg(olo.choice_id) from order_line_options olo
      where olo.order_line_id = ${orderLines.id} and olo.choice_id is not null), '{}'::int[])`;
    // For a past choice the menu no longer has (its group deleted and made again, say): the item's choices today
    // under the snapshot's group and choice names, sold-out ones included so that two of one name count as two.
    const byName = choicesSql(sql`g.menu_item_id = ${menuItems.id} and g.deleted_at is null and ch.deleted_at is null
      and ${replacesByName(sql`olo`)}`);
    // Every line of the order; `menuItemId` is null for one whose item cannot be ordered today.
    const lines = await tx
      .select({
        pastName: orderLines.name,
        menuItemId: menuItems.id,
        name: menuItems.name,
        quantity: orderLines.quantity,
        instructions: orderLines.instructions,
        pastChoices: sql<PastChoice[] | string>`(
          select coalesce(json_agg(json_build_object('choiceId', olo.choice_id, 'choiceName', olo.choice_name,
            'byName', ${byName}) order by olo.id), '[]'::json)
          from order_line_options olo where olo.order_line_id = ${orderLines.id})`,
        chosen: chosenChoicesSql(pastChoiceIds),
        groups: liveGroupsSql(menuItems.id),
      })
      .from(orderLines)
      .leftJoin(
        menuItems,
        and(
          eq(menuItems.id, orderLines.menuItemId),
          eq(menuItems.restaurantId, order.restaurantId),
          eq(menuItems.available, true),
          isNull(menuItems.deletedAt),
        ),
      )
      .where(eq(orderLines.orderId, orderId))
      .orderBy(orderLines.id);

    // Each option of a dish once: Olives gone from two pizzas is one "Olives (Pizza)", as the cart's note says it.
    const droppedChoices = new Set<string>();
    const leftOut = new Set<string>();
    const merged = new Map<
      string,
      { menuItemId: number; quantity: number; choiceIds: number[]; instructions: string }
    >();
    for (const line of lines) {
      if (line.menuItemId === null || line.name === null) {
        leftOut.add(line.pastName);
        continue;
      }
      const chosen = fromJson<ChosenChoice[]>(line.chosen);
      const still = new Map<number, ChosenChoice>();
      for (const past of fromJson<PastChoice[]>(line.pastChoices)) {
        const today = matchChoice(past, chosen, line.menuItemId);
        if (today) still.set(today.id, today);
        else droppedChoices.add(`${past.choiceName} (${line.name})`);
      }
      const choiceIds = choiceKey([...still.keys()]);
      const fits = checkSelection({
        menuItemId: line.menuItemId,
        requested: choiceIds,
        chosen: [...still.values()],
        groups: fromJson<LiveGroup[]>(line.groups),
      });
      if (!fits.ok) {
        leftOut.add(line.pastName);
        continue;
      }
      const key = `${line.menuItemId}|${choiceIds.join(",")}|${line.instructions}`;
      const same = merged.get(key);
      if (same) same.quantity = Math.min(same.quantity + line.quantity, MAX_LINE_QUANTITY);
      else
        merged.set(key, {
          menuItemId: line.menuItemId,
          quantity: line.quantity,
          choiceIds,
          instructions: line.instructions,
        });
    }
    if (merged.size === 0) return { ok: false, reason: "unavailable:items", itemNames: [...leftOut] };

    // The customer's one cart, emptied and pointed at this restaurant. An upsert rather than delete-and-insert: a
    // second reorder at the same time (a double click) waits on the row, where two inserts after two deletes met
    // the one-cart-per-customer unique key; then it replaces what the first wrote if told to (`replace`), or else
    // finds those lines below and asks.
    const [cart] = await tx
      .insert(carts)
      .values({ profileId, restaurantId: order.restaurantId })
      .onConflictDoUpdate({ target: carts.profileId, set: { restaurantId: order.restaurantId, updatedAt: new Date() } })
      .returning({ id: carts.id });
    // After the upsert, which waited for anyone holding the cart: this statement sees what they committed. Without
    // `replace`, lines here were added since the first statement found none, and are not ours to drop unasked. With
    // it, the customer agreed to lose what the cart holds, which includes what another tab added after they did.
    const dropped = await tx.delete(cartItems).where(eq(cartItems.cartId, cart!.id)).returning({ id: cartItems.id });
    if (dropped.length > 0 && !replace) throw new CartFilledMeanwhile();
    await tx.insert(cartItems).values([...merged.values()].map((line) => ({ cartId: cart!.id, ...line })));
    return { ok: true, added: merged.size, droppedChoices: [...droppedChoices] };
  });
}
