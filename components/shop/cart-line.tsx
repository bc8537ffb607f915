"use client";

import { useActionState } from "react";

import { removeFromCartAction, setQuantityAction, type CartActionState } from "@/lib/cart/actions";
import { cartProblemText } from "@/lib/cart/messages";
import type { Cart } from "@/lib/cart/queries";
import { LineOptions } from "@/components/orders/line-options";
import { submitKeepingFields, useReturnFocus } from "@/components/ui/action-form";
import { useKeptAction } from "@/components/ui/kept-notice";
import { Money } from "@/components/ui/money";

/** `optionsNote`: why the line's options no longer fit the menu (the page words it, lib/cart/messages.ts). */
export function CartLine({ line, optionsNote }: { line: Cart["lines"][number]; optionsNote?: string }) {
  // A line changed in another tab is gone from the refreshed page: its refusal is kept above the list, by name.
  const subject = `${line.name}: `;
  const [quantityState, updateQuantity, updating] = useActionState<CartActionState, FormData>(
    useKeptAction(setQuantityAction, subject),
    {},
  );
  const [removeState, remove, removing] = useActionState<CartActionState, FormData>(
    // Its success takes the line, this form and the focus with it: said (and focused) above the list instead.
    useKeptAction(removeFromCartAction, subject, { keptSuccess: subject }),
    {},
  );
  const updateFocus = useReturnFocus(updating);
  const inputId = `quantity-${line.lineId}`;
  const error =
    quantityState.fieldErrors?.quantity?.[0] ??
    (quantityState.ok ? undefined : quantityState.message) ??
    removeState.message;
  const note = error ?? (quantityState.ok ? quantityState.message : undefined);
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="cart-line">
      <div className="min-w-40 flex-1">
        <p className={`font-medium ${line.problem ? "text-stone-600 line-through" : ""}`}>{line.name}</p>
        <LineOptions options={line.options} instructions={line.instructions} />
        <p className="text-sm text-stone-500">
          <Money cents={line.unitPriceCents} /> each
          {line.problem ? <span className="ml-2 font-medium text-red-700">{cartProblemText[line.problem]}</span> : null}
        </p>
        {optionsNote ? <p className="text-sm text-red-700">{optionsNote}</p> : null}
      </div>
      {/* The server checks the quantity and answers in words: the browser's own check (min, step) refused 0 or
          1.5 with a bubble that is easy to miss, and left the last "Quantity updated." on screen. Submitted through
          submitKeepingFields so that a refused value stays in the field to be corrected, and so that it posts
          without JavaScript too. */}
      <form noValidate {...updateFocus} {...submitKeepingFields(updateQuantity)} className="flex items-center gap-2">
        <input type="hidden" name="lineId" value={line.lineId} />
        <label htmlFor={inputId} className="sr-only">
          Quantity of {line.name}
        </label>
        <input
          id={inputId}
          name="quantity"
          type="number"
          min={1}
          max={99}
          defaultValue={line.quantity}
          aria-describedby={`${inputId}-error`}
          aria-invalid={quantityState.fieldErrors?.quantity ? true : undefined}
          className="w-20 rounded-lg border border-stone-300 px-2 py-1"
        />
        <button
          type="submit"
          disabled={updating}
          className="rounded-lg px-2 py-1 text-sm font-medium text-brand-700 ring-1 ring-stone-300 hover:bg-stone-50"
        >
          Update
        </button>
      </form>
      <Money cents={line.quantity * line.unitPriceCents} className="w-24 text-right font-medium" />
      <form action={remove}>
        <input type="hidden" name="lineId" value={line.lineId} />
        <button
          type="submit"
          disabled={removing}
          aria-label={`Remove ${line.name}`}
          className="rounded-lg px-2 py-1 text-sm text-stone-600 hover:bg-stone-100"
        >
          Remove
        </button>
      </form>
      <p
        id={`${inputId}-error`}
        aria-live="polite"
        className={`basis-full text-sm ${error ? "text-red-600" : "text-emerald-700"}`}
      >
        {note ?? ""}
      </p>
    </li>
  );
}
