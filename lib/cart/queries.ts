import "server-only";

import { and, asc, count, eq, isNull, or, sql, type SQL } from "drizzle-orm";

import { getDb } from "@/db/client";
import { preparedPerDatabase } from "@/db/prepared";
import {
  cartItems,
  carts,
  linesTotalCents,
  MAX_CART_LINES,
  MAX_LINE_QUANTITY,
  menuItems,
  profiles,
  restaurants,
} from "@/db/schema";
import type { Database, Executor } from "@/db/types";
import { uniqueViolation } from "@/lib/db-errors";
import { NOT_FOUND, type Result } from "@/lib/errors";
import { instantFromDb, nextOpening, ofRestaurant, withinHours } from "@/lib/restaurants/hours";

import type { CartHolder } from "./cookie";
import {
  checkSelection,
  chosenChoicesSql,
  fromJson,
  intArray,
  lineOption,
  liveGroupsSql,
  replacesByName,
  sameOptionName,
  type ChosenChoice,
  type LiveGroup,
  type SelectionFailure,
} from "./options";

export const holderWhere = (holder: CartHolder) =>
  "profileId" in holder
    ? eq(carts.profileId, holder.profileId)
    : and(eq(carts.id, holder.anonymousId), isNull(carts.profileId));

export type CartProblem = "unavailable" | "removed" | "other-restaurant" | "options";

export type AddToCartFailure =
  /** No such item, or deleted from the menu. */
  | { reason: "not-found" }
  | { reason: "unavailable:item"; itemName: string }
  | { reason: "unavailable:closed"; restaurantName: string }
  /** The anonymous id names a cart an account has adopted: not this visitor's; the action issues a new id. */
  | { reason: "conflict:stale-cart" }
  /**
   * The cart holds another restaurant's items (`cartRestaurantId`'s): the visitor must confirm replacing them,
   * naming that restaurant back (`replacing`).
   */
  | {
      reason: "conflict:other-restaurant";
      cartRestaurantId: number;
      cartRestaurantName: string;
      restaurantName: string;
    }
  | { reason: "invalid:cart-full" }
  /** The same line already holds MAX_LINE_QUANTITY: nothing more can be added to it. */
  | { reason: "invalid:line-full"; itemName: string }
  /** The choices do not fit the item's current options (lib/cart/options.ts). */
  | SelectionFailure;
/** `capped`: the line reached MAX_LINE_QUANTITY with fewer than were asked for (`quantity` is the line's now). */
export type AddToCartResult = Result<{ itemName: string; quantity: number; capped: boolean }, AddToCartFailure>;
/** Changing or removing a line: "not-found" when the line is not in the holder's cart. */
export type CartLineResult = Result<object, { reason: "not-found" }>;

/**
 * What a cart rebuilt from a past order left out, and whether that order is the viewer's at all (an id in the address
 * may be anyone's, or no order); null columns and false for any other cart.
 */
type ReorderNotes = {
  isOwnOrder: SQL<boolean>;
  leftOut: SQL<string[] | null>;
  droppedChoices: SQL<string[] | null>;
  capped: SQL<string[] | null>;
};
const NO_REORDER: ReorderNotes = {
  isOwnOrder: sql`false`,
  leftOut: sql`null`,
  droppedChoices: sql`null`,
  capped: sql`null`,
};

/** The cart statement for one holder, before it is run or prepared. */
function cartQuery(db: Database, where: SQL | undefined, reorder: ReorderNotes) {
  return db.query.carts.findFirst({
    where,
    columns: { id: true },
    extras: {
      isOwnOrder: reorder.isOwnOrder.as("is_own_order"),
      leftOut: reorder.leftOut.as("left_out"),
      droppedChoices: reorder.droppedChoices.as("dropped_choices"),
      capped: reorder.capped.as("capped"),
      withinHours: ofRestaurant(carts.restaurantId, withinHours()).as("within_hours"),
      opensAt: ofRestaurant(carts.restaurantId, nextOpening()).as("opens_at"),
    },
    with: {
      restaurant: {
        columns: {
          id: true,
          slug: true,
          name: true,
          isOpen: true,
          timeZone: true,
          address: true,
          offersPickup: true,
          offersDelivery: true,
          deliveryFeeCents: true,
          minOrderCents: true,
        },
      },
      items: {
        columns: { id: true, quantity: true, choiceIds: true, instructions: true },
        extras: (line) => ({
          chosen: chosenChoicesSql(line.choiceIds).as("chosen"),
          groups: liveGroupsSql(line.menuItemId).as("groups"),
        }),
        orderBy: [asc(cartItems.addedAt), asc(cartItems.id)],
        with: {
          menuItem: {
            columns: { id: true, name: true, priceCents: true, available: true, deletedAt: true, restaurantId: true },
          },
        },
      },
    },
  });
}

/**
 * The cart page's statement for a signed-in customer and for an anonymous visitor, each prepared once per database
 * (db/prepared.ts): a cart is one row and its lines, whoever holds it.
 */
const preparedCart = {
  profile: preparedPerDatabase((db) =>
    cartQuery(db, eq(carts.profileId, sql.placeholder("profileId")), NO_REORDER).prepare("cart_of_profile"),
  ),
  anonymous: preparedPerDatabase((db) =>
    cartQuery(db, and(eq(carts.id, sql.placeholder("anonymousId")), isNull(carts.profileId)), NO_REORDER).prepare(
      "cart_of_visitor",
    ),
  ),
};

/**
 * Whether the cart's choice `choiceId` stands for the past option `past` (an order_line_options alias): the same
 * id, or one of the same group and choice names, which reorder puts in place of a choice whose id is gone.
 */
const standsFor = (choiceId: SQL, past: SQL) => sql`(${choiceId} = ${past}.choice_id or exists (select 1
  from menu_option_choices ch join menu_option_groups g on g.id = ch.group_id where ch.id = ${choiceId}
    and ${sameOptionName(sql`g.name`, sql`${past}.group_name`)}
    and ${sameOptionName(sql`ch.name`, sql`${past}.choice_name`)}))`;

/**
 * Whether reorder puts the past option `past` back on a line of item `menuItemId`: a live choice of the item takes its
 * place, its own or one of its names once it is gone (lib/orders/reorder.ts, matchChoice).
 */
const putBack = (menuItemId: SQL, past: SQL) => sql`exists (select 1 from menu_option_choices ch
  join menu_option_groups g on g.id = ch.group_id
  where g.menu_item_id = ${menuItemId} and g.deleted_at is null and ch.deleted_at is null and ch.available
    and (ch.id = ${past}.choice_id or ${replacesByName(past)}))`;

/**
 * The notes on a cart just rebuilt from the customer's order `orderId`: its lines and options left out, and the cart
 * lines that hold fewer than the order had. A past line made it into the cart line `ci` of its item and note with the
 * very choices reorder rebuilds it with: only choices it had, and every one of its options still offered (found by
 * id or by name). A line left out is named as a line, and its options are not named again; a cart line of the same
 * item with fewer choices is not it (three pizzas with two extras, where one extra is allowed now, are not the pizza
 * with one). Of the lines that made it, the options no cart line of the item stands for are the ones the menu no
 * longer offers now. Past lines that became one cart line (an option gone made two alike) add up to more than the
 * line holds when reorder stopped it at MAX_LINE_QUANTITY: that line is named as `capped`.
 */
function reorderNotes(orderId: number, profileId: number): ReorderNotes {
  const rebuiltInto = sql`ci.menu_item_id = ol.menu_item_id and ci.instructions = ol.instructions
    and not exists (select 1 from unnest(ci.choice_ids) held(id) where not exists (select 1
      from order_line_options past where past.order_line_id = ol.id and ${standsFor(sql`held.id`, sql`past`)}))
    and not exists (select 1 from order_line_options past where past.order_line_id = ol.id
      and ${putBack(sql`ci.menu_item_id`, sql`past`)}
      and not exists (select 1 from unnest(ci.choice_ids) held(id) where ${standsFor(sql`held.id`, sql`past`)}))`;
  const madeIt = sql`exists (select 1 from cart_items ci where ci.cart_id = ${carts.id} and ${rebuiltInto})`;
  return {
    // The customer's order, and the cart is still of its restaurant (not filled elsewhere since).
    isOwnOrder: sql<boolean>`exists (select 1 from orders o where o.id = ${orderId} and o.customer_id = ${profileId}
      and o.restaurant_id = ${carts.restaurantId})`,
    // Each dish once, in the order's order: two lines of one pizza left out are one "Pizza", not "Pizza, Pizza".
    leftOut: sql<string[] | null>`(
          select json_agg(name order by first_line) from (
            select ol.name, min(ol.id) as first_line from order_lines ol join orders o on o.id = ol.order_id
            where o.id = ${orderId} and o.customer_id = ${profileId} and not ${madeIt}
            group by ol.name) left_out)`,
    // Each option of a dish once, in the order's order: Olives gone from two pizzas is one "Olives (Pizza)".
    droppedChoices: sql<string[] | null>`(
          select json_agg(dropped order by first_option) from (
            select olo.choice_name || ' (' || ol.name || ')' as dropped, min(olo.id) as first_option
            from order_line_options olo join order_lines ol on ol.id = olo.order_line_id
              join orders o on o.id = ol.order_id
            where o.id = ${orderId} and o.customer_id = ${profileId} and ${madeIt}
              and not exists (select 1 from cart_items ci cross join unnest(ci.choice_ids) held(id)
                where ci.cart_id = ${carts.id} and ci.menu_item_id = ol.menu_item_id
                  and ${standsFor(sql`held.id`, sql`olo`)})
            group by dropped) dropped_choices)`,
    // Each dish once, in the cart's order, as the cart names it now.
    capped: sql<string[] | null>`(
          select json_agg(name order by first_added) from (
            select mi.name, min(ci.added_at) as first_added from cart_items ci join menu_items mi on mi.id = ci.menu_item_id
            where ci.cart_id = ${carts.id} and ci.quantity < (select sum(ol.quantity) from order_lines ol
              join orders o on o.id = ol.order_id
              where o.id = ${orderId} and o.customer_id = ${profileId} and ${rebuiltInto})
            group by mi.name) capped)`,
  };
}

/**
 * The cart as it would be charged now: current names and prices from the menu, each line marked with what would
 * stop it from being ordered. One statement; with `reorderOf`, it also tells whether that is a past order of the
 * customer's own (`rebuiltFrom`: its id, else undefined), and names its lines that did not make it into the cart.
 */
export async function getCart({ holder, reorderOf }: { holder: CartHolder; reorderOf?: number }) {
  const db = await getDb();
  const cart =
    "profileId" in holder
      ? reorderOf !== undefined
        ? await cartQuery(db, holderWhere(holder), reorderNotes(reorderOf, holder.profileId))
        : await preparedCart.profile(db).execute({ profileId: holder.profileId })
      : await preparedCart.anonymous(db).execute({ anonymousId: holder.anonymousId });
  if (!cart) return null;
  const lines = cart.items.map((line) => {
    const { menuItem } = line;
    const chosen = fromJson<ChosenChoice[]>(line.chosen);
    const selection = checkSelection({
      menuItemId: menuItem.id,
      requested: line.choiceIds,
      chosen,
      groups: fromJson<LiveGroup[]>(line.groups),
    });
    const problem: CartProblem | undefined = menuItem.deletedAt
      ? "removed"
      : menuItem.restaurantId !== cart.restaurant.id
        ? "other-restaurant"
        : !menuItem.available
          ? "unavailable"
          : !selection.ok
            ? "options"
            : undefined;
    return {
      lineId: line.id,
      menuItemId: menuItem.id,
      choiceIds: line.choiceIds,
      name: menuItem.name,
      // Today's prices: the item's own plus each chosen choice's, as checkout will charge them.
      unitPriceCents: menuItem.priceCents + chosen.filter((c) => c.live).reduce((sum, c) => sum + c.priceDeltaCents, 0),
      quantity: line.quantity,
      options: chosen.map(lineOption),
      instructions: line.instructions,
      problem,
      optionsProblem: selection.ok ? undefined : selection,
    };
  });
  const totalCents = linesTotalCents(lines.filter((l) => !l.problem));
  return {
    id: cart.id,
    restaurant: cart.restaurant,
    /** Within the opening hours now (the switch is `restaurant.isOpen`); checkout asks both in its transaction. */
    withinHours: Boolean(cart.withinHours),
    opensAt: instantFromDb(cart.opensAt),
    lines,
    totalCents,
    /** The order the cart was rebuilt from, when `reorderOf` is the customer's own order: the cart page notes it. */
    rebuiltFrom: cart.isOwnOrder ? reorderOf : undefined,
    leftOut: cart.leftOut ?? [],
    droppedChoices: cart.droppedChoices ?? [],
    /** Lines rebuilt from the order that hold fewer than it had: MAX_LINE_QUANTITY, the most a line holds. */
    capped: cart.capped ?? [],
  };
}

export type Cart = NonNullable<Awaited<ReturnType<typeof getCart>>>;

async function lockCart(tx: Executor, holder: CartHolder) {
  // No join: under FOR UPDATE a row updated while this waited is rechecked with the joined rows of the old snapshot,
  // so a cart switched to another restaurant meanwhile failed `restaurants.id = carts.restaurant_id` and read as no
  // cart. A scalar subquery is evaluated again for the new row version.
  const [cart] = await tx
    .select({
      id: carts.id,
      restaurantId: carts.restaurantId,
      restaurantName: sql<string>`(select ${restaurants.name} from ${restaurants} where ${restaurants.id} = ${carts.restaurantId})`,
    })
    .from(carts)
    .where(holderWhere(holder))
    .for("update");
  return cart;
}

/**
 * The holder's cart, locked for this transaction, created (empty, for `restaurantId`) when there is none. The insert
 * is `ON CONFLICT DO NOTHING`: of concurrent first adds, one creates the cart and the others wait for it and then
 * lock that same row, instead of failing on carts_profile_id_unique. In READ COMMITTED each statement sees what
 * committed before it, so the lock finds the row the insert conflicted with; if that row was deleted meanwhile
 * (the last item removed, a checkout), the loop inserts again. undefined only for an anonymous id that names a
 * cart someone signed in has adopted: that id is taken, and the caller must pick a new one.
 */
async function getOrCreateCart(tx: Executor, holder: CartHolder, restaurantId: number) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await lockCart(tx, holder);
    if (existing) return existing;
    const insert = tx.insert(carts).values({
      restaurantId,
      ...("profileId" in holder ? { profileId: holder.profileId } : { id: holder.anonymousId }),
    });
    const created = await (
      "profileId" in holder
        ? insert.onConflictDoNothing({ target: carts.profileId })
        : insert.onConflictDoNothing({ target: carts.id })
    ).returning({
      id: carts.id,
    });
    if (created.length > 0 || "profileId" in holder) continue;
    const [taken] = await tx.select({ profileId: carts.profileId }).from(carts).where(eq(carts.id, holder.anonymousId));
    if (taken && taken.profileId !== null) return undefined;
  }
  throw new Error("could not create or lock the cart after 5 attempts");
}

export async function addToCart({
  holder,
  menuItemId,
  quantity,
  choiceIds = [],
  instructions = "",
  replace = false,
  replacing,
}: {
  holder: CartHolder;
  menuItemId: number;
  quantity: number;
  /** Ids of the chosen menu_option_choices, checked here against the item's current options. */
  choiceIds?: readonly number[];
  /** The customer's note for this line, already validated (lib/cart/schema.ts). */
  instructions?: string;
  replace?: boolean;
  /**
   * The restaurant whose cart `replace` agreed to lose, as the question named it. Another restaurant's cart found
   * here (started in another tab since the question was asked) is asked about again rather than emptied.
   */
  replacing?: number;
}): Promise<AddToCartResult> {
  const db = await getDb();
  return db.transaction(async (tx): Promise<AddToCartResult> => {
    const [item] = await tx
      .select({
        name: menuItems.name,
        available: menuItems.available,
        deletedAt: menuItems.deletedAt,
        restaurantId: menuItems.restaurantId,
        restaurantName: restaurants.name,
        isOpen: restaurants.isOpen,
        chosen: chosenChoicesSql(intArray(choiceIds)),
        groups: liveGroupsSql(menuItems.id),
      })
      .from(menuItems)
      .innerJoin(restaurants, eq(restaurants.id, menuItems.restaurantId))
      .where(eq(menuItems.id, menuItemId));
    if (!item || item.deletedAt) return NOT_FOUND;
    if (!item.available) return { ok: false, reason: "unavailable:item", itemName: item.name };
    if (!item.isOpen) return { ok: false, reason: "unavailable:closed", restaurantName: item.restaurantName };
    const selection = checkSelection({
      menuItemId,
      requested: choiceIds,
      chosen: fromJson<ChosenChoice[]>(item.chosen),
      groups: fromJson<LiveGroup[]>(item.groups),
    });
    if (!selection.ok) return selection;
    const key = intArray(selection.choiceIds);

    const found = await getOrCreateCart(tx, holder, item.restaurantId);
    if (!found) {
      // The cookie names a cart that is no longer anonymous (adopted at sign-in): not this visitor's.
      return { ok: false, reason: "conflict:stale-cart" };
    }
    const cartId = found.id;
    if (found.restaurantId !== item.restaurantId) {
      // A cart with no lines has nothing to replace. Read after the lock, in a statement of its own, so that a line
      // another tab has just added is seen.
      const [held] = await tx.select({ id: cartItems.id }).from(cartItems).where(eq(cartItems.cartId, cartId)).limit(1);
      const confirmed = replace && (replacing === undefined || replacing === found.restaurantId);
      if (!confirmed && held) {
        return {
          ok: false,
          reason: "conflict:other-restaurant",
          cartRestaurantId: found.restaurantId,
          cartRestaurantName: found.restaurantName,
          restaurantName: item.restaurantName,
        };
      }
      // The same cart row starts over for the new restaurant: deleting it and inserting another would race with
      // concurrent adds (two inserts for one holder), while this row is already locked.
      await tx.delete(cartItems).where(eq(cartItems.cartId, cartId));
      await tx.update(carts).set({ restaurantId: item.restaurantId }).where(eq(carts.id, cartId));
    }

    const [held] = await tx
      .select({
        lines: count(),
        // The quantity of the line this add joins, if the cart has it (null: a new line).
        same: sql<number | null>`max(${cartItems.quantity}) filter (where ${cartItems.menuItemId} = ${menuItemId}
          and ${cartItems.choiceIds} = ${key} and ${cartItems.instructions} = ${instructions})`.mapWith(
          (value: unknown) => (value === null ? null : Number(value)),
        ),
      })
      .from(cartItems)
      .where(eq(cartItems.cartId, cartId));
    const same = held?.same ?? null;
    if (held && held.lines >= MAX_CART_LINES && same === null) {
      return { ok: false, reason: "invalid:cart-full" };
    }
    if (same !== null && same >= MAX_LINE_QUANTITY)
      return { ok: false, reason: "invalid:line-full", itemName: item.name };
    await tx
      .insert(cartItems)
      .values({ cartId, menuItemId, quantity, choiceIds: selection.choiceIds, instructions })
      .onConflictDoUpdate({
        target: [cartItems.cartId, cartItems.menuItemId, cartItems.choiceIds, cartItems.instructions],
        set: { quantity: sql`least(${cartItems.quantity} + excluded.quantity, ${MAX_LINE_QUANTITY})` },
      });
    await tx.update(carts).set({ updatedAt: new Date() }).where(eq(carts.id, cartId));
    // The cart row is locked (getOrCreateCart), so the line held `same` until this upsert.
    const wanted = (same ?? 0) + quantity;
    return {
      ok: true,
      itemName: item.name,
      quantity: Math.min(wanted, MAX_LINE_QUANTITY),
      capped: wanted > MAX_LINE_QUANTITY,
    };
  });
}

export async function setCartQuantity({
  holder,
  lineId,
  quantity,
}: {
  holder: CartHolder;
  lineId: number;
  quantity: number;
}): Promise<CartLineResult> {
  const db = await getDb();
  // The cart row is locked as checkout locks it, in this one statement: a change waits for a checkout in progress
  // and then finds the cart gone (not found), or goes first and is the quantity checkout orders. Without the lock
  // it updated a line checkout had already read, said "Quantity updated." and the order kept the old quantity.
  const updated = await db
    .update(cartItems)
    .set({ quantity })
    .where(
      and(
        eq(cartItems.id, lineId),
        sql`${cartItems.cartId} = (select ${carts.id} from ${carts} where ${holderWhere(holder)} for update)`,
      ),
    )
    .returning({ quantity: cartItems.quantity });
  return updated.length ? { ok: true } : NOT_FOUND;
}

export async function removeFromCart({
  holder,
  lineId,
}: {
  holder: CartHolder;
  lineId: number;
}): Promise<CartLineResult> {
  const db = await getDb();
  return db.transaction(async (tx): Promise<CartLineResult> => {
    const cart = await lockCart(tx, holder);
    if (!cart) return NOT_FOUND;
    const removed = await tx
      .delete(cartItems)
      .where(and(eq(cartItems.cartId, cart.id), eq(cartItems.id, lineId)))
      .returning({ id: cartItems.id });
    // An empty cart belongs to no restaurant: the next item may come from anywhere without asking.
    await tx
      .delete(carts)
      .where(and(eq(carts.id, cart.id), sql`not exists (select 1 from cart_items where cart_id = ${cart.id}::uuid)`));
    return removed.length ? { ok: true } : NOT_FOUND;
  });
}

/**
 * On sign-in, what the visitor picked while anonymous becomes their cart (it is their latest intent, so it
 * replaces an older saved cart). An anonymous cart with no lines is no intent: it is deleted and the saved cart
 * stays. Nothing happens when it is already adopted. It takes Auth.js' user id, not a viewer: it runs inside the
 * sign-in event, before any session exists to read one from.
 *
 * The customer's other session may give them a cart between this delete and the update (a first add: with no cart
 * yet, it has no row to wait on before it inserts one). The update then breaks carts_profile_id_unique, and adoption
 * runs once more, replacing that cart as it would have had it come a moment earlier. Like checkout's, the unique
 * violation is answered outside the transaction, which it has ended.
 */
export async function adoptAnonymousCart({ userId, anonymousId }: { userId: string; anonymousId: string }) {
  const db = await getDb();
  const adopt = () =>
    db.transaction(async (tx) => {
      const [profile] = await tx.select({ id: profiles.id }).from(profiles).where(eq(profiles.userId, userId));
      const anonymous = await lockCart(tx, { anonymousId });
      if (!profile || !anonymous) return;
      // Read after the lock, as addToCart does: a line another tab added just before it is seen. One statement either
      // way: with lines the saved cart goes (the anonymous one takes its place); without, the empty anonymous one.
      const hasLines = sql`exists (select 1 from cart_items where cart_id = ${anonymous.id}::uuid)`;
      const deleted = await tx
        .delete(carts)
        .where(
          or(and(eq(carts.profileId, profile.id), hasLines), and(eq(carts.id, anonymous.id), sql`not ${hasLines}`)),
        )
        .returning({ id: carts.id });
      if (deleted.some((cart) => cart.id === anonymous.id)) return;
      await tx.update(carts).set({ profileId: profile.id, updatedAt: new Date() }).where(eq(carts.id, anonymous.id));
    });
  try {
    await adopt();
  } catch (error) {
    if (uniqueViolation(error) !== "carts_profile_id_unique") throw error;
    await adopt();
  }
}
