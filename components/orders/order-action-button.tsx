"use client";

import type { CartActionState } from "@/lib/cart/actions";
import { ReplaceCartConfirm } from "@/components/shop/replace-cart-confirm";
import { ActionForm, ActionMessage } from "@/components/ui/action-form";

type Action = (state: CartActionState, form: FormData) => Promise<CartActionState>;

/**
 * A one-button form acting on an order (reorder), with its outcome announced next to it. When the action asks
 * first (a cart whose lines it would replace), the button becomes the confirmation.
 */
export function OrderActionButton({ action, orderId, label }: { action: Action; orderId: number; label: string }) {
  return (
    <ActionForm action={action} className="space-y-1">
      {(state: CartActionState, pending) => (
        <>
          <input type="hidden" name="orderId" value={orderId} />
          {state.needsReplace ? (
            <ReplaceCartConfirm message={state.message} label="Replace my cart" pending={pending} />
          ) : (
            <>
              <button
                type="submit"
                disabled={pending}
                className="rounded-lg bg-white px-4 py-2 text-sm font-semibold text-stone-800 ring-1 ring-stone-300 hover:bg-stone-50"
              >
                {label}
              </button>
              <ActionMessage state={state} />
            </>
          )}
        </>
      )}
    </ActionForm>
  );
}
