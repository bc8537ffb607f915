"use client";

import { useActionState } from "react";

import { addToCartAction, type CartActionState } from "@/lib/cart/actions";
import { useReturnFocus } from "@/components/ui/action-form";

import { ReplaceCartConfirm } from "./replace-cart-confirm";

export function AddToCartButton({ menuItemId, name }: { menuItemId: number; name: string }) {
  const [state, action, pending] = useActionState<CartActionState, FormData>(addToCartAction, {});
  const returnFocus = useReturnFocus(pending);
  return (
    <form action={action} {...returnFocus} className="flex flex-col items-end gap-1">
      <input type="hidden" name="menuItemId" value={menuItemId} />
      {state.needsReplace ? (
        <>
          {/* The cart the question named: one another tab started since is asked about again, not emptied. */}
          {state.replacing !== undefined ? <input type="hidden" name="replacing" value={state.replacing} /> : null}
          <ReplaceCartConfirm message={state.message} label="Start a new cart" pending={pending} compact />
        </>
      ) : (
        <>
          <button
            type="submit"
            disabled={pending}
            aria-label={`Add ${name} to cart`}
            className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:bg-stone-400"
          >
            {pending ? "Adding…" : "Add"}
          </button>
          <p role="status" className={`text-xs ${state.ok ? "text-emerald-700" : "text-red-600"}`}>
            {state.message ?? ""}
          </p>
        </>
      )}
    </form>
  );
}
