import type { Metadata } from "next";
import Link from "next/link";

import { findAddress } from "@/lib/addresses/queries";
import { requireUser } from "@/lib/auth/session";
import { getCart } from "@/lib/cart/queries";
import { checkoutRefusal, closedRefusal } from "@/lib/orders/messages";
import { reviewAmounts } from "@/lib/orders/review";
import { digestOfCartView } from "@/lib/orders/reviewed-cart";
import { fulfilmentChoiceQuery, fulfilmentSchema, type FulfilmentChoice } from "@/lib/orders/schema";
import { QueryStats } from "@/components/layout/query-stats";
import { FulfilmentDetails } from "@/components/orders/fulfilment-details";
import { OrderReceipt } from "@/components/orders/order-receipt";
import { EmptyCart } from "@/components/shop/empty-cart";
import { PlaceOrderForm } from "@/components/shop/place-order-form";
import { UnorderableLines, type UnorderableLine } from "@/components/shop/unorderable-lines";
import { KeptNotice } from "@/components/ui/kept-notice";

export const metadata: Metadata = { title: "Review your order" };

/** Back to the cart with the choice made there (none when it was not valid), so that it need not be made again. */
function BackToCart({ choice }: { choice?: FulfilmentChoice }) {
  return (
    <Link
      href={choice ? `/cart?${fulfilmentChoiceQuery(choice)}` : "/cart"}
      className="text-sm font-medium text-brand-700 underline"
    >
      ← Back to your cart
    </Link>
  );
}

/** The review of a choice it cannot show, saying why, with the way back to the cart (keeping `choice`, if any). */
function CannotReview({ messages, choice }: { messages: string[]; choice?: FulfilmentChoice }) {
  return (
    <div className="mx-auto max-w-xl space-y-4 py-12">
      <h1 className="text-2xl font-bold">Review your order</h1>
      <div role="alert">
        <ul className="list-disc pl-5 text-sm text-red-700">
          {messages.map((message, i) => (
            <li key={`${i}:${message}`}>{message}</li>
          ))}
        </ul>
      </div>
      <BackToCart choice={choice} />
      <QueryStats />
    </div>
  );
}

/**
 * The last look before paying: lines, subtotal, fee, total, pickup or delivery with the address, and the note,
 * as the cart chose them (in the URL). "Place order" is here. Three statements: the session check, the cart, the
 * address. Checkout re-reads all of it in its transaction; this page only tells the customer what it will find.
 */
export default async function ReviewPage({ searchParams }: PageProps<"/cart/review">) {
  const viewer = await requireUser("/cart");
  const choice = fulfilmentSchema.safeParse(await searchParams);
  if (!choice.success) {
    return <CannotReview messages={choice.error.issues.map((issue) => issue.message)} />;
  }
  const { fulfilment, addressId, note } = choice.data;
  const delivery = fulfilment === "delivery";
  const [cart, address] = await Promise.all([
    getCart({ holder: { profileId: viewer.profileId } }),
    delivery && addressId !== undefined ? findAddress({ viewer, addressId }) : undefined,
  ]);
  // Deleted (in another tab, as "Place order" finds when it re-renders this page), or never the viewer's: said the
  // same way, so that it tells nobody whether another customer's address exists.
  if (delivery && addressId !== undefined && !address) {
    return (
      <CannotReview
        messages={[checkoutRefusal({ reason: "not-found:address" })]}
        choice={{ ...choice.data, addressId: undefined }}
      />
    );
  }
  if (!cart || cart.lines.length === 0) {
    // A KeptNotice at the root of both answers: a cart emptied in another tab turns "Place order" into this page,
    // and the notice says that nothing was ordered.
    return (
      <KeptNotice className="mx-auto max-w-2xl">
        <EmptyCart signedIn />
        <QueryStats />
      </KeptNotice>
    );
  }
  const amounts = reviewAmounts({
    offer: cart.restaurant,
    subtotalCents: cart.totalCents,
    fulfilment,
    hasAddress: address !== undefined,
  });
  const closed = closedRefusal(cart);
  const unorderable = cart.lines.flatMap(({ lineId, name, problem }): UnorderableLine[] =>
    problem ? [{ lineId, name, problem }] : [],
  );
  const blocked = unorderable.length > 0 || closed !== null || amounts.problems.length > 0;
  // What this page already says: "Place order" refused for one of these re-renders the page with it, and the
  // form repeating it put the same sentence twice on the screen.
  const refusals = [...(closed ? [closed] : []), ...amounts.problems.map(checkoutRefusal)];
  const lines = cart.lines
    .filter((l) => !l.problem)
    .map((l) => ({
      id: l.lineId,
      name: l.name,
      unitPriceCents: l.unitPriceCents,
      quantity: l.quantity,
      options: l.options,
      instructions: l.instructions ?? undefined,
    }));

  return (
    <KeptNotice className="mx-auto max-w-2xl">
      <div className="mx-auto max-w-2xl space-y-6">
        <h1 className="text-3xl font-bold tracking-tight">Review your order</h1>
        <section aria-labelledby="review-lines" className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
          <h2 id="review-lines" className="mb-2 text-lg font-semibold">
            From {cart.restaurant.name}
          </h2>
          <OrderReceipt
            lines={lines}
            totalCents={amounts.totalCents}
            deliveryFeeCents={amounts.deliveryFeeCents}
            delivery={delivery}
          />
        </section>
        <FulfilmentDetails
          fulfilment={fulfilment}
          address={address?.address ?? null}
          note={note}
          restaurantAddress={cart.restaurant.address}
        />
        {amounts.problems.length > 0 ? (
          <div role="alert">
            <ul className="list-disc pl-5 text-sm text-red-700">
              {amounts.problems.map((problem) => (
                <li key={problem.reason}>
                  {checkoutRefusal(problem)}
                  {problem.reason === "invalid:address-required" ? (
                    <>
                      {" "}
                      <Link
                        href={`/account?${fulfilmentChoiceQuery(choice.data)}#addresses`}
                        className="font-medium underline"
                      >
                        Add an address
                      </Link>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {closed ? (
          <p role="alert" className="text-sm text-red-700">
            {closed}
          </p>
        ) : null}
        {unorderable.length > 0 ? <UnorderableLines lines={unorderable} choice={choice.data} /> : null}
        <PlaceOrderForm
          idempotencyKey={crypto.randomUUID()}
          totalCents={amounts.totalCents}
          reviewedCart={digestOfCartView(cart, fulfilment, address?.address ?? null)}
          disabled={blocked}
          choice={choice.data}
          shownRefusals={refusals}
        />
        <p>
          <BackToCart choice={choice.data} />
        </p>
        <QueryStats />
      </div>
    </KeptNotice>
  );
}
