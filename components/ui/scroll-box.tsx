import type { ReactNode } from "react";

/**
 * A box that scrolls sideways on its own when what it holds (a wide table) is wider than the screen, instead of the
 * whole page. It is a labelled, focusable region so keyboard users can scroll it too, and `relative` so that
 * screen-reader-only text inside (absolutely positioned) is clipped with it rather than widening the page.
 */
export function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className="relative overflow-x-auto rounded-xl bg-white shadow-sm ring-1 ring-stone-200"
    >
      {children}
    </div>
  );
}
