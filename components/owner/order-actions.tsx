"use client";

import type { MouseEvent } from "react";

import type { OrderStatus } from "@/db/schema";
import { transitionOrderAction } from "@/lib/owner/actions";
import { ActionForm, ActionMessage } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Disclosure } from "@/components/ui/disclosure";
import { TextField } from "@/components/ui/text-field";

/**
 * The next step for an order (computed on the server from the transition table) and a cancel form behind a
 * "Cancel…" disclosure, which Escape closes again.
 */
export function OrderActions({
  orderId,
  status,
  next,
  canCancel,
}: {
  orderId: number;
  status: OrderStatus;
  next?: OrderStatus;
  canCancel: boolean;
}) {
  return (
    <div className="flex flex-wrap items-start gap-4">
      {next ? (
        // The last step takes the order, and this button, off the queue: its answer is said above the queue.
        <ActionForm
          action={transitionOrderAction}
          keptSuccess={next === "completed" ? `Order #${orderId}: ` : undefined}
          className="space-y-1"
        >
          {(state, pending) => (
            <>
              <input type="hidden" name="orderId" value={orderId} />
              <input type="hidden" name="from" value={status} />
              <input type="hidden" name="to" value={next} />
              <Button type="submit" disabled={pending} onClick={ignoreRepeatClicks}>
                {pending ? "Saving…" : `Mark ${next}`}
              </Button>
              {state.ok ? null : <ActionMessage state={state} />}
            </>
          )}
        </ActionForm>
      ) : null}
      {canCancel ? (
        <Disclosure className="text-sm">
          <summary className="cursor-pointer py-2 text-red-700">Cancel…</summary>
          <ActionForm
            action={transitionOrderAction}
            keptSuccess={`Order #${orderId}: `}
            className="mt-2 flex flex-wrap items-end gap-2"
          >
            {(state, pending) => (
              <>
                <input type="hidden" name="orderId" value={orderId} />
                <input type="hidden" name="from" value={status} />
                <input type="hidden" name="to" value="cancelled" />
                <div className="min-w-56">
                  <TextField
                    id={`order-${orderId}-reason`}
                    name="reason"
                    label="Reason for the customer"
                    maxLength={500}
                    required
                    errors={state.fieldErrors?.reason}
                  />
                </div>
                <Button type="submit" variant="secondary" disabled={pending} className="text-red-700">
                  {pending ? "Cancelling…" : "Cancel order"}
                </Button>
                {state.ok ? null : <ActionMessage state={state} className="w-full" />}
              </>
            )}
          </ActionForm>
        </Disclosure>
      ) : null}
    </div>
  );
}

/**
 * The second click of a double click does nothing on a step button. Once a step is saved the queue is drawn again
 * under the pointer: the order's next step takes the button's place (or, once the order leaves the queue, the next
 * order's step does), so a double click would otherwise move an order a step nobody chose. The browser counts the
 * clicks (`detail`); a key press counts none.
 */
function ignoreRepeatClicks(event: MouseEvent<HTMLButtonElement>) {
  if (event.detail > 1) event.preventDefault();
}
