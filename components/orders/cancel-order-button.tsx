"use client";

import { useRef, useState } from "react";

import type { ActionState } from "@/lib/action";
import { ActionForm, ActionMessage } from "@/components/ui/action-form";

type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

/**
 * Cancelling cannot be undone, so it takes two steps: "Cancel order" asks, and only "Yes, cancel it" sends. The
 * question is part of the page (not window.confirm), so it is styled, announced and testable like the rest. The
 * button that was pressed goes away, so focus moves with the question: to "Keep my order" (the safe answer, read
 * out with the question that labels its group), and back to "Cancel order" when kept. Escape anywhere in the
 * question keeps the order too, as it dismisses any question a page asks.
 */
export function CancelOrderButton({ action, orderId }: { action: Action; orderId: number }) {
  const [asking, setAsking] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  const keep = () => {
    setAsking(false);
    // After React has put "Cancel order" back.
    requestAnimationFrame(() => cancel.current?.focus());
  };
  return (
    <ActionForm action={action} className="space-y-1">
      {(state, pending) => (
        <>
          <input type="hidden" name="orderId" value={orderId} />
          {asking ? (
            <div
              role="group"
              aria-labelledby={`cancel-${orderId}-question`}
              className="flex flex-wrap items-center gap-2"
              onKeyDown={(event) => {
                // Not while the answer is on its way: "Cancel order" would come back over a cancelled order.
                if (event.key !== "Escape" || pending) return;
                event.preventDefault();
                keep();
              }}
            >
              <p id={`cancel-${orderId}-question`} className="text-sm font-medium">
                Cancel this order?
              </p>
              <button
                type="submit"
                disabled={pending}
                className="rounded-lg bg-red-700 px-4 py-2 text-sm font-semibold text-white hover:bg-red-800"
              >
                Yes, cancel it
              </button>
              <button
                type="button"
                disabled={pending}
                autoFocus
                onClick={keep}
                className="rounded-lg bg-white px-4 py-2 text-sm font-semibold text-stone-800 ring-1 ring-stone-300 hover:bg-stone-50"
              >
                Keep my order
              </button>
            </div>
          ) : (
            <button
              ref={cancel}
              type="button"
              onClick={() => setAsking(true)}
              className="rounded-lg bg-white px-4 py-2 text-sm font-semibold text-red-700 ring-1 ring-red-200 hover:bg-red-50"
            >
              Cancel order
            </button>
          )}
          <ActionMessage state={state} />
        </>
      )}
    </ActionForm>
  );
}
