import "server-only";

import { createHash } from "node:crypto";

import type { Fulfilment } from "@/db/schema";
import type { LineOption } from "@/lib/cart/options";

import { chargedDeliveryFeeCents } from "./review";

/** A cart line as the customer reviewed it: which dish, with which choices and note, how many, named and priced how. */
export type ReviewedLine = {
  menuItemId: number;
  choiceIds: readonly number[];
  instructions: string | null;
  quantity: number;
  name: string;
  /** The dish's price with its choices', as the review showed it. */
  unitPriceCents: number;
  /** Each choice with its group's name and its own price, as the review lists them (components/orders/line-options). */
  options: readonly LineOption[];
};

export type ReviewedCart = {
  restaurantId: number;
  deliveryFeeCents: number;
  /** The address text a delivery goes to, as the review showed it; null for a pickup. */
  deliveryAddress: string | null;
  lines: readonly ReviewedLine[];
};

/** A cart as getCart (lib/cart/queries.ts) reads it for the review page. */
type CartView = {
  restaurant: { id: number; deliveryFeeCents: number };
  lines: readonly ReviewedLine[];
};

/**
 * What the review page showed, as a digest that travels with "Place order", in two parts checked at two moments
 * (lib/orders/checkout.ts):
 * - the *contents*: the restaurant and every line (dish, choices, note, quantity), in no particular order. The total
 *   alone did not bind the form to the cart: emptied and refilled in another tab with other dishes, from another
 *   restaurant, at the same total, the cart would have been placed from a review that never showed it. Checked
 *   first.
 * - what the customer *read*: each line's name, unit price and options (each choice's group, name and price), the
 *   delivery fee paid and the address text a delivery goes to. Checked once the total matched, so that a price change
 *   keeps its own refusal, which names the new total; this part catches what leaves the total alone: a dish renamed in
 *   place ("Chicken burger" to "Veggie burger", same id and price), two prices that moved by opposite amounts, an
 *   option group renamed in place, or the saved address rewritten in another tab (the form names it by id, and
 *   checkout copies the text it finds then onto the order).
 */
export function reviewedCartDigest(cart: ReviewedCart): string {
  return `${contentsDigest(cart.restaurantId, cart.lines)}.${shownDigest(cart)}`;
}

/**
 * The digest of a cart as getCart read it, reviewed for `fulfilment` to `deliveryAddress` (the text the review
 * showed): what the review page renders into its form. The fee and the address in it are the ones the order takes,
 * none for a pickup: a pickup reviewed before the restaurant changed its delivery fee was refused as "changed" over
 * an amount it never owed.
 */
export function digestOfCartView(
  cart: CartView,
  fulfilment: Fulfilment,
  deliveryAddress: string | null = null,
): string {
  return reviewedCartDigest({
    restaurantId: cart.restaurant.id,
    deliveryFeeCents: chargedDeliveryFeeCents(cart.restaurant, fulfilment),
    deliveryAddress: fulfilment === "delivery" ? deliveryAddress : null,
    lines: cart.lines,
  });
}

/** The two parts of a digest the form sent; the schema (lib/orders/schema.ts) checked its shape. */
export function reviewedCartParts(digest: string): { contents: string; shown: string } {
  const [contents = "", shown = ""] = digest.split(".");
  return { contents, shown };
}

type LineContents = Pick<ReviewedLine, "menuItemId" | "choiceIds" | "instructions" | "quantity">;

const lineKey = (l: LineContents) => [
  l.menuItemId,
  [...l.choiceIds].sort((a, b) => a - b),
  l.instructions ?? "",
  l.quantity,
];

export function contentsDigest(restaurantId: number, lines: readonly LineContents[]): string {
  return sha256([restaurantId, lines.map((l) => JSON.stringify(lineKey(l))).sort()]);
}

export function shownDigest({ deliveryFeeCents, deliveryAddress, lines }: Omit<ReviewedCart, "restaurantId">): string {
  // Each option as the review reads it, group and price included: a group renamed in place ("Extras" to "Remove"), or
  // two options of a line whose prices moved by opposite amounts, keep the names and the line's price, and were placed
  // unseen, the order and the kitchen's ticket reading otherwise than the review had.
  const options = (l: ReviewedLine) =>
    l.options.map((o) => JSON.stringify([o.groupName, o.choiceName, o.priceDeltaCents])).sort();
  const shown = lines.map((l) => JSON.stringify([...lineKey(l), l.name, l.unitPriceCents, options(l)]));
  return sha256([deliveryFeeCents, deliveryAddress, shown.sort()]);
}

const sha256 = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("base64url");
