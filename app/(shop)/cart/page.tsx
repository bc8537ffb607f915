import type { Metadata } from "next";
import Link from "next/link";

import { listAddresses } from "@/lib/addresses/queries";
import { getViewer } from "@/lib/auth/session";
import { currentCartHolder } from "@/lib/cart/holder";
import { selectionRefusal } from "@/lib/cart/messages";
import { getCart } from "@/lib/cart/queries";
import { closedRefusal, reorderNote } from "@/lib/orders/messages";
import { fulfilmentSchema } from "@/lib/orders/schema";
import { recordId } from "@/lib/validation";
import { QueryStats } from "@/components/layout/query-stats";
import { CartLine } from "@/components/shop/cart-line";
import { EmptyCart } from "@/components/shop/empty-cart";
import { ForgetReorder } from "@/components/shop/forget-reorder";
import { FulfilmentChoiceForm } from "@/components/shop/fulfilment-choice-form";
import { KeptNotice } from "@/components/ui/kept-notice";
import { Money } from "@/components/ui/money";

export const metadata: Metadata = { title: "Your cart" };

export default async function CartPage({ searchParams }: PageProps<"/cart">) {
  // Only a note about a reorder: an id that is not one (or not the viewer's order: getCart's rebuiltFrom) just leaves
  // the note out.
  const params = await searchParams;
  const reorder = recordId().safeParse(params.reorder);
  const reorderOf = reorder.success ? reorder.data : undefined;
  // The choice the review's "Back to your cart" carries, checked as the review checks it; one that is not valid (or
  // absent, as on a first visit) leaves the form at its defaults.
  const choice = fulfilmentSchema.safeParse(params);
  const viewer = await getViewer();
  const holder = await currentCartHolder();
  // The cart and the viewer's saved addresses (for delivery) side by side: budget 3 with the session check.
  const [cart, addresses] = await Promise.all([
    holder ? getCart({ holder, reorderOf }) : null,
    viewer ? listAddresses({ viewer }) : [],
  ]);

  if (!cart || cart.lines.length === 0) {
    // A KeptNotice at the root of both answers, so that what it holds stays when the last line goes.
    return (
      <KeptNotice className="mx-auto max-w-3xl">
        <EmptyCart signedIn={viewer !== null} />
        <QueryStats />
      </KeptNotice>
    );
  }
  const closed = closedRefusal(cart);
  const blocked = cart.lines.some((l) => l.problem) || closed !== null;

  return (
    <KeptNotice className="mx-auto max-w-3xl">
      <div className="mx-auto max-w-3xl space-y-6">
        <h1 className="text-3xl font-bold tracking-tight">Your cart</h1>
        {cart.rebuiltFrom !== undefined ? (
          <div role="status" className="rounded-lg bg-sky-50 px-4 py-3 text-sm text-sky-900 ring-1 ring-sky-200">
            {reorderNote(cart.rebuiltFrom, cart)}
            <ForgetReorder />
          </div>
        ) : null}
        <section aria-labelledby="cart-restaurant" className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
          <h2 id="cart-restaurant" className="text-lg font-semibold">
            From{" "}
            <Link href={`/r/${cart.restaurant.slug}`} className="underline">
              {cart.restaurant.name}
            </Link>
          </h2>
          <ul className="divide-y divide-stone-100">
            {cart.lines.map((line) => (
              <CartLine
                key={line.lineId}
                line={line}
                optionsNote={line.optionsProblem ? selectionRefusal(line.optionsProblem) : undefined}
              />
            ))}
          </ul>
          <div className="mt-3 flex justify-between border-t border-stone-200 pt-3 text-lg font-semibold">
            <span>Subtotal</span>
            <Money cents={cart.totalCents} />
          </div>
        </section>
        {closed ? <p className="text-sm text-red-700">{closed}</p> : null}
        {blocked && !closed ? (
          <p className="text-sm text-red-700">Remove the items marked above to place your order.</p>
        ) : null}
        {viewer ? (
          <FulfilmentChoiceForm
            offer={cart.restaurant}
            addresses={addresses}
            chosen={choice.success ? choice.data : undefined}
            itemsCents={cart.totalCents}
            disabled={blocked}
          />
        ) : (
          <Link
            href="/sign-in?callbackUrl=%2Fcart"
            className="block w-full rounded-lg bg-brand-600 px-4 py-3 text-center font-semibold text-white hover:bg-brand-700"
          >
            Sign in to place your order
          </Link>
        )}
        <QueryStats />
      </div>
    </KeptNotice>
  );
}
