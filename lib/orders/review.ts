import { MAX_ORDER_TOTAL_CENTS, type Fulfilment } from "@/db/schema";

import type { CheckoutFailure } from "./checkout-failure";

/** What the cart and the review need to know of the restaurant's offer. */
export type FulfilmentOffer = {
  name: string;
  offersPickup: boolean;
  offersDelivery: boolean;
  deliveryFeeCents: number;
  minOrderCents: number;
};

/** Whether the restaurant offers this way of getting the order. */
export const offersFulfilment = (
  offer: Pick<FulfilmentOffer, "offersPickup" | "offersDelivery">,
  fulfilment: Fulfilment,
) => (fulfilment === "delivery" ? offer.offersDelivery : offer.offersPickup);

/** The delivery fee an order pays: the restaurant's for a delivery, none for a pickup. */
export const chargedDeliveryFeeCents = (offer: { deliveryFeeCents: number }, fulfilment: Fulfilment) =>
  fulfilment === "delivery" ? offer.deliveryFeeCents : 0;

/**
 * The amounts and refusals of a fulfilment choice: the review shows them before "Place order", and checkout
 * applies the same function to the restaurant row and lines it read in its transaction (which stays the judge).
 * The fee counts only for a delivery; the minimum is on the lines' subtotal, fees excluded.
 */
export function reviewAmounts({
  offer,
  subtotalCents,
  fulfilment,
  hasAddress,
}: {
  offer: FulfilmentOffer;
  subtotalCents: number;
  fulfilment: Fulfilment;
  hasAddress: boolean;
}) {
  const deliveryFeeCents = chargedDeliveryFeeCents(offer, fulfilment);
  const problems: CheckoutFailure[] = [];
  if (!offersFulfilment(offer, fulfilment)) {
    problems.push({ reason: "unavailable:fulfilment", fulfilment, restaurantName: offer.name });
  }
  if (subtotalCents < offer.minOrderCents) {
    problems.push({ reason: "invalid:below-minimum", minOrderCents: offer.minOrderCents, subtotalCents });
  }
  if (fulfilment === "delivery" && !hasAddress) problems.push({ reason: "invalid:address-required" });
  const totalCents = subtotalCents + deliveryFeeCents;
  if (totalCents > MAX_ORDER_TOTAL_CENTS) {
    problems.push({ reason: "invalid:too-large", maxTotalCents: MAX_ORDER_TOTAL_CENTS, totalCents });
  }
  return { subtotalCents, deliveryFeeCents, totalCents, problems };
}

/** The way the cart preselects: pickup where offered, else delivery. */
export const defaultFulfilment = (offer: Pick<FulfilmentOffer, "offersPickup">): Fulfilment =>
  offer.offersPickup ? "pickup" : "delivery";
