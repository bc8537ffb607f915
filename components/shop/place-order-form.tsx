"use client";

import { useActionState } from "react";

import type { ActionState } from "@/lib/action";
import { checkoutAction } from "@/lib/orders/actions";
import { FormMessage } from "@/components/ui/form-message";

/**
 * The idempotency key is issued with the form (one per rendering of the cart): a double click, a retry or a
 * second tab submitting the same form all name the same order. The button also locks while a submission runs.
 */
export function PlaceOrderForm({
  idempotencyKey,
  totalCents,
  disabled,
}: {
  idempotencyKey: string;
  totalCents: number;
  disabled: boolean;
}) {
  const [state, action, pending] = useActionState<ActionState, FormData>(checkoutAction, {});
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <input type="hidden" name="expectedTotalCents" value={totalCents} />
      <FormMessage message={state.message} />
      <button
        type="submit"
        disabled={disabled || pending}
        className="w-full rounded-lg bg-brand-600 px-4 py-3 font-semibold text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:bg-stone-400"
      >
        {pending ? "Placing your order…" : "Place order"}
      </button>
    </form>
  );
}
