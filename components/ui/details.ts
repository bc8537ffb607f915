import type { KeyboardEvent } from "react";

/**
 * Escape inside an open <details> closes it and puts the focus back on its summary, as Escape does for a menu or a
 * dialog: a native disclosure keeps its panel open until its summary is pressed again. Spread on the <details> as
 * its onKeyDown. Anything typed in the panel stays for the next time it opens.
 */
export function closeDetailsOnEscape(event: KeyboardEvent<HTMLDetailsElement>) {
  const details = event.currentTarget;
  if (event.key !== "Escape" || !details.open) return;
  details.open = false;
  details.querySelector("summary")?.focus();
}
