"use client";

import type { ActionState } from "@/lib/action";
import { ActionForm, ActionMessage } from "@/components/ui/action-form";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

/** A one-button form acting on an order (cancel, reorder), with its outcome announced next to it. */
export function OrderActionButton({
  action,
  orderId,
  label,
  variant = "secondary",
}: {
  action: Action;
  orderId: number;
  label: string;
  variant?: "secondary" | "danger";
}) {
  const style =
    variant === "danger"
      ? "text-red-700 ring-red-200 hover:bg-red-50"
      : "text-stone-800 ring-stone-300 hover:bg-stone-50";
  return (
    <ActionForm action={action} className="space-y-1">
      {(state, pending) => (
        <>
          <input type="hidden" name="orderId" value={orderId} />
          <button
            type="submit"
            disabled={pending}
            className={`rounded-lg bg-white px-4 py-2 text-sm font-semibold ring-1 ${style}`}
          >
            {label}
          </button>
          <ActionMessage state={state} />
        </>
      )}
    </ActionForm>
  );
}
