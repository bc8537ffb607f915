import "server-only";

import { createHash } from "node:crypto";

/** A cart line as the customer reviewed it: which dish, with which choices and note, how many. */
export type ReviewedLine = {
  menuItemId: number;
  choiceIds: readonly number[];
  instructions: string | null;
  quantity: number;
};

/**
 * What the review page showed, as a digest that travels with "Place order": the restaurant and every line, in no
 * particular order. The total alone did not bind the form to the cart: emptied and refilled in another tab with
 * other dishes, from another restaurant, at the same total, the cart would have been placed from a review that
 * never showed it. Prices are left out on purpose: a price change has its own refusal, which names the new total.
 */
export function reviewedCartDigest(restaurantId: number, lines: readonly ReviewedLine[]): string {
  const canonical = lines
    .map((l) =>
      JSON.stringify([l.menuItemId, [...l.choiceIds].sort((a, b) => a - b), l.instructions ?? "", l.quantity]),
    )
    .sort();
  return createHash("sha256")
    .update(JSON.stringify([restaurantId, canonical]))
    .digest("base64url");
}
