import { MAX_ORDER_NOTE_LENGTH } from "@/db/schema";
import type { SavedAddress } from "@/lib/addresses/queries";
import { addMoreToOrder } from "@/lib/orders/messages";
import { defaultFulfilment, offersFulfilment, type FulfilmentOffer } from "@/lib/orders/review";
import type { FulfilmentChoice } from "@/lib/orders/schema";
import { Money } from "@/components/ui/money";

import { SaveAddressLink } from "./save-address-link";

const submitClass =
  "w-full rounded-lg bg-brand-600 px-4 py-3 font-semibold text-white " +
  "hover:bg-brand-700 disabled:cursor-not-allowed disabled:bg-stone-400";

/**
 * The cart's way to the review: pickup or delivery (only what the restaurant offers), the delivery address among
 * the customer's saved ones, and a note. A plain GET form: the review page reads the choice from its URL, so the
 * back button and a reload keep it, and nothing is written until "Place order". `chosen` is the choice the review's
 * "Back to your cart" brings back: preselected where it still fits (a way still offered, an address still saved).
 */
export function FulfilmentChoiceForm({
  offer,
  addresses,
  chosen,
  itemsCents,
  disabled,
}: {
  offer: FulfilmentOffer;
  addresses: SavedAddress[];
  chosen?: FulfilmentChoice;
  /** The cart's items, fees left out, as the minimum is counted: what is missing is said here, not only on review. */
  itemsCents: number;
  disabled: boolean;
}) {
  const preselected =
    chosen && offersFulfilment(offer, chosen.fulfilment) ? chosen.fulfilment : defaultFulfilment(offer);
  const defaultAddress =
    addresses.find((a) => a.id === chosen?.addressId) ?? addresses.find((a) => a.isDefault) ?? addresses[0];
  return (
    <form
      method="get"
      action="/cart/review"
      className="space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200"
    >
      <fieldset className="space-y-2">
        <legend className="text-base font-semibold">How do you want your order?</legend>
        {offer.offersPickup ? (
          <label className="flex min-h-6 items-center gap-2 text-sm">
            <input type="radio" name="fulfilment" value="pickup" defaultChecked={preselected === "pickup"} />
            Pickup at the restaurant
          </label>
        ) : null}
        {offer.offersDelivery ? (
          <label className="flex min-h-6 items-center gap-2 text-sm">
            <input type="radio" name="fulfilment" value="delivery" defaultChecked={preselected === "delivery"} />
            <span>
              Delivery (fee <Money cents={offer.deliveryFeeCents} />)
            </span>
          </label>
        ) : null}
      </fieldset>
      {offer.offersDelivery ? (
        addresses.length > 0 ? (
          <div className="space-y-1">
            <label htmlFor="checkout-address" className="block text-sm font-medium text-stone-700">
              Delivery address
            </label>
            <select
              id="checkout-address"
              name="addressId"
              defaultValue={defaultAddress?.id}
              className="block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-stone-900"
            >
              {addresses.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.label}: {a.address}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <p className="text-sm text-stone-600">
            For delivery, first{" "}
            <SaveAddressLink className="font-medium text-brand-700 underline">
              save an address on your account page
            </SaveAddressLink>
            .
          </p>
        )
      ) : null}
      {offer.minOrderCents > 0 ? (
        <p className="text-sm text-stone-600">
          Minimum order: <Money cents={offer.minOrderCents} /> of items (fees not included).
          {itemsCents < offer.minOrderCents ? ` ${addMoreToOrder(offer.minOrderCents - itemsCents)}` : null}
        </p>
      ) : null}
      <div className="space-y-1">
        <label htmlFor="checkout-note" className="block text-sm font-medium text-stone-700">
          Note for the restaurant (optional)
        </label>
        <textarea
          id="checkout-note"
          name="note"
          rows={2}
          maxLength={MAX_ORDER_NOTE_LENGTH}
          defaultValue={chosen?.note}
          className="block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-stone-900"
        />
      </div>
      <button type="submit" disabled={disabled} className={submitClass}>
        Review order
      </button>
    </form>
  );
}
