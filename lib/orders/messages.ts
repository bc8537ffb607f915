import { MAX_LINE_QUANTITY } from "@/db/schema";
import { formatCents } from "@/lib/money";
import { formatOpening, zoneNote } from "@/lib/restaurants/hours-format";
import { counted } from "@/lib/words";

import type { CancelResult } from "./cancel";
import type { CheckoutFailure } from "./checkout-failure";
import type { ReorderFailure } from "./reorder";

/** The orders domain's words, in one place: what its actions say for each refusal of checkout, cancel and reorder. */
export function checkoutRefusal(failure: CheckoutFailure): string {
  switch (failure.reason) {
    case "invalid:empty-cart":
      // Said over the empty cart the review then shows, which alone read like an order placed.
      return "Nothing was ordered: your cart is empty now (emptied in another tab?).";
    case "unavailable:closed":
      return `${failure.restaurantName} is closed right now. Your cart is saved.`;
    case "unavailable:outside-hours": {
      // The message knows no viewer: it always names the restaurant's zone.
      const opens = failure.opensAt
        ? `It opens ${formatOpening(failure.opensAt, failure.timeZone, { relative: false })}${zoneNote(failure.timeZone, null)}.`
        : "It has no opening hours in the next two weeks.";
      return `${failure.restaurantName} is outside its opening hours. ${opens} Your cart is saved.`;
    }
    case "conflict:foreign-item":
      return `${failure.itemName} is not on ${failure.restaurantName}'s menu. Remove it to continue.`;
    case "unavailable:items": {
      const them = failure.itemNames.length === 1 ? "it" : "them";
      return `No longer available: ${failure.itemNames.join(", ")}. Remove ${them} to continue.`;
    }
    case "unavailable:choices":
      return failure.choiceNames.length > 0
        ? `Not available now for ${failure.itemName}: ${failure.choiceNames.join(", ")}. ` +
            "Remove the line and add it again with other options."
        : `The options of ${failure.itemName} changed. Remove the line and add it again.`;
    case "conflict:options-changed":
      return `The options of ${failure.itemName} changed (${failure.groupName}). Remove the line and add it again with new choices.`;
    case "conflict:cart-changed":
      return "Your cart changed since you reviewed it (in another tab?). Here it is as it is now: check it and place the order again.";
    case "conflict:price-changed":
      // A price, an option or the delivery fee: whichever moved, the customer sees the new total before paying it.
      return (
        `The total changed since you reviewed your order: it is now ${formatCents(failure.totalCents)}. ` +
        "Please review it and place the order again."
      );
    case "unavailable:fulfilment":
      return `${failure.restaurantName} does not offer ${failure.fulfilment} right now. Go back to your cart and choose another way.`;
    case "invalid:below-minimum":
      return (
        `${formatCents(failure.minOrderCents)} is the minimum order here (fees not included): ` +
        `your items come to ${formatCents(failure.subtotalCents)}. ` +
        addMoreToOrder(failure.minOrderCents - failure.subtotalCents)
      );
    case "invalid:address-required":
      return "Choose a delivery address, or add one on your account page.";
    case "invalid:too-large":
      return (
        `An order can come to at most ${formatCents(failure.maxTotalCents)}: ` +
        `this one comes to ${formatCents(failure.totalCents)}. Remove some items to order.`
      );
    case "not-found:address":
      return "That delivery address is no longer saved. Choose another one.";
  }
}

export const orderMessages = {
  cancelled: "Your order is cancelled.",
};

export function cancelRefusal(failure: Extract<CancelResult, { ok: false }>): string {
  if (failure.reason === "not-found") return "Order not found.";
  return failure.status === "cancelled"
    ? "This order is already cancelled."
    : "This order can no longer be cancelled: the restaurant has started on it.";
}

export function reorderRefusal(failure: ReorderFailure, orderId: number): string {
  switch (failure.reason) {
    case "not-found":
      return "Order not found.";
    case "unavailable:closed":
      return `${failure.restaurantName} is closed right now.`;
    case "unavailable:items":
      return `None of the items of order #${orderId} can be ordered now: ${failure.itemNames.join(", ")}.`;
    case "conflict:cart-not-empty": {
      const lines = counted(failure.cartLines, "item", "items");
      const them = failure.cartLines === 1 ? "it" : "them";
      return `Your cart has ${lines} from ${failure.cartRestaurantName}. Ordering #${orderId} again replaces ${them}.`;
    }
  }
}

/**
 * The note on a cart just rebuilt from order `orderId`: the lines and the options that did not make it, and the
 * lines that hold fewer than the order had (`capped`, at the most one line holds). "Everything is still available"
 * only when nothing at all was left out: before a list of dropped options it contradicted it.
 */
export function reorderNote(
  orderId: number,
  cart: { leftOut: string[]; droppedChoices: string[]; capped: string[] },
): string {
  const lines =
    cart.leftOut.length > 0
      ? ` Left out, no longer available: ${cart.leftOut.join(", ")}.`
      : cart.droppedChoices.length > 0
        ? ""
        : " Everything is still available.";
  const options =
    cart.droppedChoices.length > 0 ? ` Options not available now, left out: ${cart.droppedChoices.join(", ")}.` : "";
  const capped =
    cart.capped.length > 0 ? ` Up to ${MAX_LINE_QUANTITY}, the most one line can hold: ${cart.capped.join(", ")}.` : "";
  return `Your cart was rebuilt from order #${orderId} with today's prices.${lines}${options}${capped}`;
}

/**
 * Why a cart's restaurant takes no order right now, in checkout's own words (the cart and the review say it before
 * the customer tries); null while it is open. Checkout asks the same in its transaction.
 */
export function closedRefusal(cart: {
  restaurant: { name: string; isOpen: boolean; timeZone: string };
  withinHours: boolean;
  opensAt: Date | null;
}): string | null {
  const { restaurant } = cart;
  if (!restaurant.isOpen) return checkoutRefusal({ reason: "unavailable:closed", restaurantName: restaurant.name });
  if (!cart.withinHours) {
    return checkoutRefusal({
      reason: "unavailable:outside-hours",
      restaurantName: restaurant.name,
      opensAt: cart.opensAt,
      timeZone: restaurant.timeZone,
    });
  }
  return null;
}

/** What a cart under the restaurant's minimum lacks, as the cart and the review both say it. */
export const addMoreToOrder = (missingCents: number) => `Add ${formatCents(missingCents)} more to order.`;
