"use client";

import type { ActionState } from "@/lib/action";
import { ActionForm, ActionMessage } from "@/components/ui/action-form";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

/** A one-button form acting on an order (reorder), with its outcome announced next to it. */
export function OrderActionButton({ action, orderId, label }: { action: Action; orderId: number; label: string }) {
  return (
    <ActionForm action={action} className="space-y-1">
      {(state, pending) => (
        <>
          <input type="hidden" name="orderId" value={orderId} />
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
    </ActionForm>
  );
}
