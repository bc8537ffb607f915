import { MAX_CART_LINES, MAX_LINE_QUANTITY } from "@/db/schema";

import type { SelectionFailure } from "./options";
import type { AddToCartFailure, CartProblem } from "./queries";

/** The cart's words, in one place: what its actions say for each result of lib/cart/queries.ts. */
export const cartMessages = {
  added: (itemName: string) => `Added ${itemName} to your cart.`,
  /** Fewer were added than asked: the line stopped at the most it can hold. */
  addedUpToLimit: (itemName: string) =>
    `Added ${itemName} to your cart, up to ${MAX_LINE_QUANTITY}: the most one line can hold.`,
  quantityUpdated: "Quantity updated.",
  removed: "Removed from your cart.",
  /** A line changed in another tab or window (removed, ordered): the page is drawn again as the cart now is. */
  notInCart:
    "This item is no longer in your cart: it was changed in another tab or window. Your cart is shown as it is now.",
};

/** Why a line of the cart cannot be ordered: beside the line in the cart, and named in the review. */
export const cartProblemText: Record<CartProblem, string> = {
  unavailable: "Not available right now",
  removed: "No longer on the menu",
  "other-restaurant": "Not on this restaurant's menu",
  options: "Options changed",
};

export function addToCartRefusal(failure: AddToCartFailure): string {
  switch (failure.reason) {
    case "not-found":
      return "This item is no longer on the menu.";
    case "unavailable:item":
      return `${failure.itemName} is not available right now.`;
    case "unavailable:closed":
      return `${failure.restaurantName} is closed right now.`;
    case "conflict:stale-cart":
      return "Your cart has changed. Reload the page and try again.";
    case "conflict:other-restaurant":
      return `Your cart has items from ${failure.cartRestaurantName}. Start a new cart from ${failure.restaurantName}?`;
    case "invalid:cart-full":
      return `A cart holds at most ${MAX_CART_LINES} different items.`;
    case "invalid:line-full":
      return `Your cart already has ${MAX_LINE_QUANTITY} × ${failure.itemName}, the most one line can hold.`;
    default:
      return selectionRefusal(failure);
  }
}

/** Why a set of choices does not fit the item's options (adding to the cart, and the cart's own lines). */
export function selectionRefusal(failure: SelectionFailure): string {
  switch (failure.reason) {
    case "not-found:choice":
      return "Those options are not offered for this item. Reload the page and choose again.";
    case "unavailable:choices":
      return `Not available now: ${failure.choiceNames.join(", ")}. Choose again.`;
    case "invalid:too-few-choices":
      return failure.minChoices === 1
        ? `Choose an option for ${failure.groupName}.`
        : `Choose at least ${failure.minChoices} options for ${failure.groupName}.`;
    case "invalid:too-many-choices":
      return failure.maxChoices === 1
        ? `Choose only one option for ${failure.groupName}.`
        : `Choose at most ${failure.maxChoices} options for ${failure.groupName}.`;
  }
}
