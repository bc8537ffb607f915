import type { Fulfilment } from "@/db/schema";

/**
 * How an order is handed over: pickup at the restaurant's address, or delivery to the address snapshotted on the
 * order, with the customer's note. Shared by the review page (before placing) and the order page (after).
 */
export function FulfilmentDetails({
  fulfilment,
  address,
  note,
  restaurantAddress,
}: {
  fulfilment: Fulfilment;
  address: string | null;
  note: string;
  restaurantAddress: string;
}) {
  return (
    <section aria-labelledby="fulfilment-heading" className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
      <h2 id="fulfilment-heading" className="mb-2 text-base font-semibold">
        {fulfilment === "delivery" ? "Delivery" : "Pickup"}
      </h2>
      {/* The address and the note are the customer's own words: a long one wraps anywhere, inside the card. */}
      <dl className="space-y-2 text-sm wrap-anywhere">
        <div>
          <dt className="font-medium text-stone-600">{fulfilment === "delivery" ? "Deliver to" : "Pick up at"}</dt>
          <dd className="whitespace-pre-line" data-testid="fulfilment-address">
            {fulfilment === "delivery" ? (address ?? "No address chosen yet") : restaurantAddress}
          </dd>
        </div>
        <div>
          <dt className="font-medium text-stone-600">Note</dt>
          <dd className="whitespace-pre-line" data-testid="order-note">
            {note === "" ? "No note" : note}
          </dd>
        </div>
      </dl>
    </section>
  );
}
