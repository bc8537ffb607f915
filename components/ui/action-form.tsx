"use client";

import Link from "next/link";
import {
  startTransition,
  useActionState,
  useEffect,
  useRef,
  useState,
  type FormEvent,
  type FormHTMLAttributes,
  type ReactNode,
} from "react";

import type { ActionState } from "@/lib/action";

import { focusIsLost } from "./focus";
import { useKeptAction } from "./kept-notice";

/**
 * `S`: the action's state, an ActionState that may carry more (the cart's `needsReplace`). Awaited<S> is S for any
 * object; useActionState speaks of it so.
 */
type Props<S extends ActionState> = Omit<FormHTMLAttributes<HTMLFormElement>, "action" | "children" | "onSubmit"> & {
  action: (state: Awaited<S>, form: FormData) => Promise<S>;
  resetOnSuccess?: boolean;
  /** Asked before submitting (deletes); declining sends nothing, and so does a click before hydration. */
  confirmMessage?: string;
  /**
   * For a form that leaves the page when it succeeds (an order completed from the queue, a delete): its success is
   * said in the nearest KeptNotice, after this subject ("Order #12: "), as a refusal about something gone is.
   */
  keptSuccess?: string;
  children: (state: Awaited<S>, pending: boolean) => ReactNode;
};

/**
 * A form bound to a server action through useActionState. Once hydrated it submits through a transition instead of
 * React's form `action`, because that one resets every field afterwards, and a person correcting a price should not
 * have to retype the rest. Create forms opt back into clearing on success.
 */
export function ActionForm<S extends ActionState = ActionState>({
  action,
  resetOnSuccess = false,
  confirmMessage,
  keptSuccess,
  children,
  ...props
}: Props<S>) {
  // Every field of an ActionState is optional, so "nothing yet" is an empty one whatever S adds.
  const [state, dispatch, pending] = useActionState(useKeptAction(action, "", { keptSuccess }), {} as Awaited<S>);
  const form = useRef<HTMLFormElement>(null);
  const returnFocus = useReturnFocus(pending);
  // The success that was followed by an edit: "Address saved." under the next address being typed claimed that one
  // saved too. A failure's messages stay, since they say what to fix, until the next submit answers them.
  const [editedAfter, setEditedAfter] = useState<Awaited<S> | null>(null);
  const shown = state.ok && editedAfter === state ? ({} as Awaited<S>) : state;
  useEffect(() => {
    // Stale: the fields' defaults are the fresh values by now (the refreshed page came with the answer).
    if ((resetOnSuccess && state.ok) || state.stale) form.current?.reset();
  }, [state, resetOnSuccess]);
  return (
    <form
      ref={form}
      noValidate
      {...props}
      {...returnFocus}
      {...submitKeepingFields(dispatch, { confirmMessage })}
      onInput={() => {
        if (state.ok && editedAfter !== state) setEditedAfter(state);
      }}
    >
      {children(shown, pending)}
    </form>
  );
}

/**
 * A form's submit that keeps its fields, for ActionForm and any form bound to useActionState by hand. Without
 * JavaScript the browser posts the form to the action (React writes its fields into the page), so the form still
 * works before hydration or with scripts off. With JavaScript, onSubmit prevents that post and dispatches itself:
 * React runs no form action for a prevented submit, and so resets no field.
 * A form that asks first (`confirmMessage`: deletes) gets no action: without JavaScript nothing can ask, and a click
 * before hydration deleted unasked. Its method "dialog" makes such a click do nothing (a form outside a dialog
 * submits nowhere), rather than load the page again with its fields in the address.
 * `optimistic` runs in the same transition as the action, before it: a useOptimistic update (the favorite heart).
 */
export function submitKeepingFields(
  dispatch: (data: FormData) => void,
  { confirmMessage, optimistic }: { confirmMessage?: string; optimistic?: (data: FormData) => void } = {},
) {
  return {
    action: confirmMessage ? undefined : dispatch,
    method: confirmMessage ? "dialog" : undefined,
    onSubmit(event: FormEvent<HTMLFormElement>) {
      event.preventDefault();
      if (confirmMessage && !window.confirm(confirmMessage)) return;
      const data = new FormData(event.currentTarget);
      startTransition(() => {
        optimistic?.(data);
        dispatch(data);
      });
    },
  };
}

/**
 * Gives the focus back to the button that submitted a form once the action is done, for keyboard users: the
 * buttons are disabled while pending (no double submit), and a browser moves the focus of a disabled element to
 * the page itself, so after "Add" or "Mark unavailable" the next Tab started again from the top of a long menu.
 * Only when the focus is still lost: someone who moved on meanwhile keeps their place. A button that is gone
 * (the action removed it) has nothing to get back. Spread the result on the form (`onSubmitCapture`).
 */
export function useReturnFocus(pending: boolean) {
  const submitter = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (pending) return;
    const button = submitter.current;
    submitter.current = null;
    if (button?.isConnected && focusIsLost()) button.focus();
  }, [pending]);
  return {
    onSubmitCapture(event: FormEvent<HTMLFormElement>) {
      const by = (event.nativeEvent as SubmitEvent).submitter;
      submitter.current = by instanceof HTMLElement ? by : null;
    },
  };
}

/** The outcome of the last submit: green when it worked, red otherwise, with a link to what it made if any. */
export function ActionMessage({ state, className = "" }: { state: ActionState; className?: string }) {
  return (
    <p
      aria-live="polite"
      role="status"
      className={`text-sm ${state.ok ? "text-emerald-700" : "text-red-700"} ${className}`}
    >
      {state.message ?? ""}
      {state.link ? (
        <>
          {" "}
          <Link href={state.link.href} className="font-medium underline">
            {state.link.text}
          </Link>
        </>
      ) : null}
    </p>
  );
}
