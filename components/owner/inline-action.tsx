"use client";

import type { ActionState } from "@/lib/action";
import { ActionForm, ActionMessage } from "@/components/ui/action-form";

type Props = {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  fields: Record<string, string | number>;
  label: string;
  pendingLabel?: string;
  /** The accessible name when the visible label is a symbol (↑, ↓). */
  ariaLabel?: string;
  tone?: "neutral" | "danger";
  confirmMessage?: string;
  /** A delete, whose success takes its row and this button away: said in the page's KeptNotice ("Soup: Item deleted."). */
  keptSuccess?: string;
};

/** One button that posts a few hidden fields (an id, a direction) and shows the answer beside it. */
export function InlineAction({
  action,
  fields,
  label,
  pendingLabel,
  ariaLabel,
  tone = "neutral",
  confirmMessage,
  keptSuccess,
}: Props) {
  const tones = {
    neutral: "text-stone-700 ring-stone-300 hover:bg-stone-100",
    danger: "text-red-700 ring-red-200 hover:bg-red-50",
  };
  return (
    <ActionForm
      action={action}
      confirmMessage={confirmMessage}
      keptSuccess={keptSuccess}
      className="inline-flex items-center gap-2"
    >
      {(state, pending) => (
        <>
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <button
            type="submit"
            disabled={pending}
            aria-label={ariaLabel}
            className={`rounded-md px-2 py-1 text-xs font-medium ring-1 disabled:opacity-50 ${tones[tone]}`}
          >
            {pending ? (pendingLabel ?? "…") : label}
          </button>
          {state.ok ? null : <ActionMessage state={state} className="text-xs" />}
        </>
      )}
    </ActionForm>
  );
}
