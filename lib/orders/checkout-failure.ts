import type { Fulfilment } from "@/db/schema";

/**
 * Why a checkout was refused: what placeOrder (checkout.ts) answers and what the review page (review.ts) finds
 * before it. Its own module because both use it and checkout.ts uses review.ts: a type in either would tie the two
 * in a cycle. The words for each reason are in messages.ts.
 */
export type CheckoutFailure =
  | { reason: "invalid:empty-cart" }
  | { reason: "unavailable:closed"; restaurantName: string }
  /** Switched on, but outside its opening hours at the transaction's now(); `opensAt` null: none in sight. */
  | { reason: "unavailable:outside-hours"; restaurantName: string; opensAt: Date | null; timeZone: string }
  /** An item of another restaurant in the cart (a menu item moved after it was added). */
  | { reason: "conflict:foreign-item"; itemName: string; restaurantName: string }
  /** Items deleted from the menu or marked unavailable since they were added. */
  | { reason: "unavailable:items"; itemNames: string[] }
  /** Chosen options deleted from the menu since they were picked, or sold out now (each named with its item). */
  | { reason: "unavailable:choices"; itemName: string; choiceNames: string[] }
  /** The item's options changed so that the line's choices no longer fit them (a new required group, a lower max). */
  | { reason: "conflict:options-changed"; itemName: string; groupName: string }
  /** The cart's lines are not the ones the review showed (changed in another tab since). */
  | { reason: "conflict:cart-changed" }
  /** The total now differs from the one the customer saw: they are shown the new one before anyone pays it. */
  | { reason: "conflict:price-changed"; totalCents: number }
  /** The restaurant does not offer this way of getting the order (it may have changed since the review). */
  | { reason: "unavailable:fulfilment"; fulfilment: Fulfilment; restaurantName: string }
  /** The lines' subtotal (fees excluded) is under the restaurant's minimum order. */
  | { reason: "invalid:below-minimum"; minOrderCents: number; subtotalCents: number }
  | { reason: "invalid:address-required" }
  /** Over MAX_ORDER_TOTAL_CENTS, fee included. */
  | { reason: "invalid:too-large"; maxTotalCents: number; totalCents: number }
  /** No such saved address of this customer (deleted meanwhile, or someone else's: the same answer). */
  | { reason: "not-found:address" };
