"use client";

import type { DetailsHTMLAttributes, KeyboardEvent } from "react";

/**
 * Escape inside an open <details> closes it and puts the focus back on its summary, as Escape does for a menu or a
 * dialog: a native disclosure otherwise stays open until its summary is pressed again. Only the innermost open one
 * closes. Anything typed in its panel stays for the next time it opens.
 */
export function closeDetailsOnEscape(event: KeyboardEvent<HTMLDetailsElement>) {
  const details = event.currentTarget;
  if (event.key !== "Escape" || !details.open) return;
  event.stopPropagation();
  details.open = false;
  details.querySelector("summary")?.focus();
}

/**
 * A native <details> (it opens and closes without JavaScript) that Escape closes. Its first child is the <summary>;
 * server components pass both as children.
 */
export function Disclosure(props: Omit<DetailsHTMLAttributes<HTMLDetailsElement>, "onKeyDown">) {
  return <details {...props} onKeyDown={closeDetailsOnEscape} />;
}
