"use client";

import { createContext, useContext, type ReactNode } from "react";

import type { ActionState } from "@/lib/action";

import { useAnswerRegion } from "./focus";
import { tapAnswers, useHydrated } from "./use-hydrated";

const Keep = createContext<((message: string, ok?: boolean) => void) | null>(null);

/**
 * Where a refusal goes when the form that asked is no longer on the page. An action from a stale tab (on a cart
 * line removed in another tab, an order another tab of the queue has completed) refreshes the page, and the page
 * it draws has no line or order left whose form could show the answer: the line just vanished, unexplained. This
 * region, above the list, says why, and is read out as it changes; the focus, lost with the button, goes to it.
 */
export function KeptNotice({ children, className = "" }: { children: ReactNode; className?: string }) {
  // Red for a refusal; green for a success whose form left the page with it (a cart line removed).
  const { region, text, ok, say } = useAnswerRegion();
  return (
    <Keep.Provider value={say}>
      <p
        ref={region}
        tabIndex={-1}
        role="status"
        aria-live="polite"
        data-testid="kept-notice"
        className={`text-sm font-medium ${ok ? "text-emerald-700" : "text-red-700"} not-empty:mb-4 ${className}`}
      >
        {text}
      </p>
      {children}
    </Keep.Provider>
  );
}

/**
 * `action`, handing its message to the nearest KeptNotice when it says the form's subject is `gone`. Done as the
 * answer arrives, not by the form: the refreshed page unmounts the form in the same render that would show it.
 * `subject` names what is gone, for a message read away from it ("Horchata: ").
 * `keptSuccess`: for a form whose success takes it off the page (Remove on a cart line, a delete, an order's last
 * step), its success is said there too, after that subject ("Order #12: ").
 * Wrapped only once hydrated (useHydrated): without JavaScript the form posts the server action itself.
 */
export function useKeptAction<S extends ActionState, F>(
  action: (state: Awaited<S>, form: F) => Promise<S>,
  subject = "",
  { keptSuccess }: { keptSuccess?: string } = {},
): (state: Awaited<S>, form: F) => Promise<S> {
  const keep = useContext(Keep);
  const hydrated = useHydrated();
  if (!keep) return action;
  return tapAnswers(action, hydrated, (answer) => {
    if (answer.gone && answer.message) keep(`${subject}${answer.message}`);
    else if (keptSuccess !== undefined && answer.ok && answer.message) keep(`${keptSuccess}${answer.message}`, true);
  });
}
