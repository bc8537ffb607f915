"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/action";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

/** A one-button form acting on an order (cancel, reorder), with its outcome announced next to it. */
export function OrderActionButton({ action, orderId, label, variant = "secondary" }: { action: Action; orderId: number; label: string; variant?: "secondary" | "danger" }) {
  const [state, submit, pending] = useActionState<ActionState, FormData>(action, {});
  const style = variant === "danger" ? "text-red-700 ring-red-200 hover:bg-red-50" : "text-stone-800 ring-stone-300 hover:bg-stone-50";
  return (
    <form action={submit} className="space-y-1">
      <input type="hidden" name="orderId" value={orderId} />
      <button type="submit" disabled={pending} className={`rounded-lg bg-white px-4 py-2 text-sm font-semibold ring-1 ${style}`}>
        {label}
      </button>
      <p role="status" className={`text-sm ${state.ok ? "text-emerald-700" : "text-red-700"}`}>{state.message ?? ""}</p>
    </form>
  );
}
