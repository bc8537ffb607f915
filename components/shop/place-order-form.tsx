"use client";

import { useActionState } from "react";

import type { ActionState } from "@/lib/action";
import { checkoutAction } from "@/lib/orders/actions";
import type { FulfilmentChoice } from "@/lib/orders/schema";
import { useReturnFocus } from "@/components/ui/action-form";
import { FormMessage } from "@/components/ui/form-message";
import { useKeptAction } from "@/components/ui/kept-notice";

const submitClass =
  "w-full rounded-lg bg-brand-600 px-4 py-3 font-semibold text-white " +
  "hover:bg-brand-700 disabled:cursor-not-allowed disabled:bg-stone-400";

/**
 * The idempotency key is issued with the form (one per rendering of the review): a double click, a retry or a
 * second tab submitting the same form all name the same order. The button also locks while a submission runs.
 * The choice of fulfilment travels as it was reviewed; checkout re-reads everything it implies. The total and the
 * lines' digest are what the customer saw: checkout refuses, and the review shows the cart again, if either moved.
 */
export function PlaceOrderForm({
  idempotencyKey,
  totalCents,
  reviewedCart,
  disabled,
  choice,
  shownRefusals,
}: {
  idempotencyKey: string;
  totalCents: number;
  reviewedCart: string;
  disabled: boolean;
  choice: FulfilmentChoice;
  /** The refusals the review page shows itself (closed, the minimum…): an answer that is one of them is not repeated. */
  shownRefusals: string[];
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(useKeptAction(checkoutAction), {});
  // A refusal leaves the button here (a new total, a cart changed elsewhere): the keyboard's focus goes back to it.
  const returnFocus = useReturnFocus(pending);
  // Every field of this form is hidden, so "correct the highlighted fields" would point at nothing: its fields'
  // own messages ("This checkout form has expired…") are shown instead.
  const fieldMessages = Object.values(state.fieldErrors ?? {}).flatMap((errors) => errors ?? []);
  const answer = fieldMessages.length > 0 ? [...new Set(fieldMessages)].join(" ") : state.message;
  const message = answer !== undefined && shownRefusals.includes(answer) ? undefined : answer;
  return (
    <form action={action} {...returnFocus} className="space-y-3">
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <input type="hidden" name="expectedTotalCents" value={totalCents} />
      <input type="hidden" name="reviewedCart" value={reviewedCart} />
      <input type="hidden" name="fulfilment" value={choice.fulfilment} />
      <input type="hidden" name="addressId" value={choice.addressId ?? ""} />
      <input type="hidden" name="note" value={choice.note} />
      <FormMessage message={message} />
      <button type="submit" disabled={disabled || pending} className={submitClass}>
        {pending ? "Placing your order…" : "Place order"}
      </button>
    </form>
  );
}
