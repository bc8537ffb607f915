"use client";

import { useEffect, useRef } from "react";

import { focusIsLost } from "@/components/ui/focus";

/**
 * What an action asks before it replaces the lines of the cart (an add from another restaurant, "Order again"),
 * and the button that says yes: it resends the form with `replace`. `compact` beside a menu item.
 */
export function ReplaceCartConfirm({
  message,
  label,
  pending,
  compact = false,
}: {
  message?: string;
  label: string;
  pending: boolean;
  compact?: boolean;
}) {
  // It takes the place of the button that was pressed ("Add", "Order again"), and that button's focus went with it:
  // the keyboard's focus goes to the question's answer rather than to the page itself.
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusIsLost()) button.current?.focus();
  }, []);
  return (
    <>
      <p
        role="alert"
        className={compact ? "max-w-56 text-right text-xs text-amber-800" : "max-w-md text-sm text-amber-800"}
      >
        {message}
      </p>
      <input type="hidden" name="replace" value="1" />
      <button
        ref={button}
        type="submit"
        disabled={pending}
        className={`rounded-lg bg-amber-800 text-sm font-semibold text-white hover:bg-amber-900 ${compact ? "px-3 py-1.5" : "px-4 py-2"}`}
      >
        {label}
      </button>
    </>
  );
}
