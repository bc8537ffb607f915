import "server-only";

import { and, eq } from "drizzle-orm";

import { getDb } from "@/db/client";
import {
  cartItems,
  carts,
  customerAddresses,
  linesTotalCents,
  menuItems,
  orderLineOptions,
  orderLines,
  orders,
  orderStatusEvents,
  restaurants,
  type Fulfilment,
} from "@/db/schema";
import type { Executor } from "@/db/types";
import type { Viewer } from "@/lib/auth/queries";
import {
  checkSelection,
  chosenChoicesSql,
  fromJson,
  lineOption,
  liveGroupsSql,
  type ChosenChoice,
  type LiveGroup,
} from "@/lib/cart/options";
import { uniqueViolation } from "@/lib/db-errors";
import type { Result } from "@/lib/errors";
import { instantFromDb, nextOpening, withinHours } from "@/lib/restaurants/hours";

import type { CheckoutFailure } from "./checkout-failure";
import { reviewAmounts } from "./review";
import { contentsDigest, reviewedCartParts, shownDigest } from "./reviewed-cart";

export type CheckoutResult = Result<{ orderId: number; replayed: boolean }, CheckoutFailure>;

/** The order an earlier submission with this key made, if any: a retry gets it back instead of a second order. */
async function existingOrder(db: Executor, profileId: number, idempotencyKey: string) {
  const [order] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.customerId, profileId), eq(orders.idempotencyKey, idempotencyKey)));
  return order?.id;
}

/** The customer's own saved address (their id in the WHERE: someone else's is as good as none). */
async function savedAddress(tx: Executor, profileId: number, addressId: number) {
  const [saved] = await tx
    .select({ address: customerAddresses.address })
    .from(customerAddresses)
    .where(and(eq(customerAddresses.id, addressId), eq(customerAddresses.profileId, profileId)));
  return saved?.address;
}

/**
 * Turns the customer's cart into an order, in one transaction:
 * - the cart row is locked first, so concurrent submissions of one customer run one after the other;
 * - then the idempotency key is looked up: a double click, a retry or a second tab finds the order the first
 *   submission made and gets it back, whatever the cart holds by then;
 * - prices, names and availability are re-read from the menu now; nothing about money comes from the browser
 *   (`expectedTotalCents` is what the customer saw, and only decides whether to ask them to look again);
 * - the restaurant's offer, delivery fee and minimum order are read in the same transaction, and a delivery's
 *   address is the customer's own saved one (customer_id in the WHERE): the form only names a choice;
 * - lines snapshot name and unit price, the order snapshots fulfilment, fee, address text and note; the stored
 *   total is the lines plus the fee (decision 0019); the cart is emptied;
 * - `reviewedCart`, the digest of the cart the review showed (the review form always sends it), must match the
 *   cart's lines now, as they are and as they read (names, unit prices, choices, fee, the delivery address text): a
 *   cart changed in another tab, a dish renamed in place, or the saved address rewritten since the review is shown
 *   again, never placed unseen.
 */
export async function placeOrder({
  viewer,
  idempotencyKey,
  expectedTotalCents,
  fulfilment = "pickup",
  addressId,
  note = "",
  reviewedCart,
}: {
  viewer: Viewer;
  idempotencyKey: string;
  expectedTotalCents: number;
  reviewedCart?: string;
  fulfilment?: Fulfilment;
  addressId?: number;
  note?: string;
}): Promise<CheckoutResult> {
  const { profileId } = viewer;
  const db = await getDb();
  try {
    return await db.transaction(async (tx): Promise<CheckoutResult> => {
      // The cart row alone is locked: with the restaurant joined, a cart switched to another restaurant while this
      // waited (an add with replace, a reorder) failed the join's recheck and read as no cart ("Your cart is empty").
      const [locked] = await tx
        .select({ id: carts.id })
        .from(carts)
        .where(eq(carts.profileId, profileId))
        .for("update");
      const [cart] = !locked
        ? []
        : await tx
            .select({
              id: carts.id,
              restaurantId: carts.restaurantId,
              restaurantName: restaurants.name,
              isOpen: restaurants.isOpen,
              offersPickup: restaurants.offersPickup,
              offersDelivery: restaurants.offersDelivery,
              deliveryFeeCents: restaurants.deliveryFeeCents,
              minOrderCents: restaurants.minOrderCents,
              // Opening hours against the database clock (now(): this transaction's start), by the one rule.
              withinHours: withinHours(),
              opensAt: nextOpening(),
              timeZone: restaurants.timeZone,
            })
            .from(carts)
            .innerJoin(restaurants, eq(restaurants.id, carts.restaurantId))
            .where(eq(carts.id, locked.id));

      const replayed = await existingOrder(tx, profileId, idempotencyKey);
      if (replayed !== undefined) return { ok: true, orderId: replayed, replayed: true };
      if (!cart) return { ok: false, reason: "invalid:empty-cart" };

      const items = await tx
        .select({
          menuItemId: menuItems.id,
          name: menuItems.name,
          unitPriceCents: menuItems.priceCents,
          quantity: cartItems.quantity,
          available: menuItems.available,
          deletedAt: menuItems.deletedAt,
          restaurantId: menuItems.restaurantId,
          choiceIds: cartItems.choiceIds,
          instructions: cartItems.instructions,
          // The options as the menu has them now: names and prices are re-read here, never taken from the cart.
          chosen: chosenChoicesSql(cartItems.choiceIds),
          groups: liveGroupsSql(menuItems.id),
        })
        .from(cartItems)
        .innerJoin(menuItems, eq(menuItems.id, cartItems.menuItemId))
        .where(eq(cartItems.cartId, cart.id))
        .orderBy(cartItems.addedAt, cartItems.id);

      if (items.length === 0) return { ok: false, reason: "invalid:empty-cart" };
      const reviewed = reviewedCart === undefined ? undefined : reviewedCartParts(reviewedCart);
      if (reviewed && reviewed.contents !== contentsDigest(cart.restaurantId, items)) {
        return { ok: false, reason: "conflict:cart-changed" };
      }
      if (!cart.isOpen) return { ok: false, reason: "unavailable:closed", restaurantName: cart.restaurantName };
      if (!cart.withinHours) {
        const { restaurantName, timeZone } = cart;
        return {
          ok: false,
          reason: "unavailable:outside-hours",
          restaurantName,
          opensAt: instantFromDb(cart.opensAt),
          timeZone,
        };
      }
      const foreign = items.find((i) => i.restaurantId !== cart.restaurantId);
      if (foreign) {
        return {
          ok: false,
          reason: "conflict:foreign-item",
          itemName: foreign.name,
          restaurantName: cart.restaurantName,
        };
      }
      const gone = items.filter((i) => i.deletedAt || !i.available);
      if (gone.length) return { ok: false, reason: "unavailable:items", itemNames: gone.map((i) => i.name) };
      const priced = [];
      for (const item of items) {
        const selection = checkSelection({
          menuItemId: item.menuItemId,
          requested: item.choiceIds,
          chosen: fromJson<ChosenChoice[]>(item.chosen),
          groups: fromJson<LiveGroup[]>(item.groups),
        });
        if (!selection.ok) {
          switch (selection.reason) {
            case "unavailable:choices":
              return { ok: false, reason: selection.reason, itemName: item.name, choiceNames: selection.choiceNames };
            case "not-found:choice":
              // A choice moved to another item: as good as removed for this line.
              return { ok: false, reason: "unavailable:choices", itemName: item.name, choiceNames: [] };
            default:
              return {
                ok: false,
                reason: "conflict:options-changed",
                itemName: item.name,
                groupName: selection.groupName,
              };
          }
        }
        priced.push({
          ...item,
          basePriceCents: item.unitPriceCents,
          unitPriceCents: item.unitPriceCents + selection.deltaCents,
          choices: selection.choices,
        });
      }
      // The review's rules on the row this transaction read: offered, minimum, an address for a delivery.
      const amounts = reviewAmounts({
        offer: { name: cart.restaurantName, ...cart },
        subtotalCents: linesTotalCents(priced),
        fulfilment,
        hasAddress: addressId !== undefined,
      });
      const [problem] = amounts.problems;
      if (problem) return { ok: false, ...problem };
      const address = fulfilment === "delivery" ? await savedAddress(tx, profileId, addressId!) : null;
      if (address === undefined) return { ok: false, reason: "not-found:address" };
      const { totalCents, deliveryFeeCents } = amounts;
      if (totalCents !== expectedTotalCents) return { ok: false, reason: "conflict:price-changed", totalCents };
      const shown = priced.map((i) => ({ ...i, options: i.choices.map(lineOption) }));
      if (reviewed && reviewed.shown !== shownDigest({ deliveryFeeCents, deliveryAddress: address, lines: shown })) {
        return { ok: false, reason: "conflict:cart-changed" };
      }

      const [order] = await tx
        .insert(orders)
        .values({
          customerId: profileId,
          restaurantId: cart.restaurantId,
          totalCents,
          idempotencyKey,
          fulfilment,
          deliveryFeeCents,
          deliveryAddress: address,
          note,
        })
        .returning({ id: orders.id });
      const orderId = order!.id;
      const lineIds = await tx
        .insert(orderLines)
        .values(
          priced.map((i) => ({
            orderId,
            menuItemId: i.menuItemId,
            name: i.name,
            basePriceCents: i.basePriceCents,
            unitPriceCents: i.unitPriceCents,
            quantity: i.quantity,
            instructions: i.instructions,
          })),
        )
        .returning({ id: orderLines.id });
      // RETURNING gives the rows in VALUES order for a single multi-row insert, so line i owns options i.
      const options = priced.flatMap((line, i) =>
        line.choices.map((c) => ({ orderLineId: lineIds[i]!.id, choiceId: c.id, ...lineOption(c) })),
      );
      if (options.length > 0) await tx.insert(orderLineOptions).values(options);
      await tx
        .insert(orderStatusEvents)
        .values({ orderId, fromStatus: null, toStatus: "placed", actorProfileId: profileId });
      await tx.delete(carts).where(eq(carts.id, cart.id));
      return { ok: true, orderId, replayed: false };
    });
  } catch (error) {
    // Without a cart row there is nothing to lock: two submissions can then race to the insert. The loser's
    // unique violation means the winner's order exists; return it.
    if (uniqueViolation(error) !== "orders_customer_idempotency_key") throw error;
    // Read in a transaction, which goes to the primary: the winner committed a moment ago, and a replica that has
    // not replayed it yet would answer "no such order", and this refusal would become a 500.
    const orderId = await db.transaction((tx) => existingOrder(tx, profileId, idempotencyKey));
    if (orderId === undefined) throw error;
    return { ok: true, orderId, replayed: true };
  }
}
