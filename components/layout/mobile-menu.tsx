"use client";

import { usePathname } from "next/navigation";
import { useRef, type ReactNode } from "react";

import { closeDetailsOnEscape } from "@/components/ui/disclosure";

/**
 * The header's links on narrow screens: a native <details> disclosure, so it opens without JavaScript. Keyed on
 * the path so that following one of its links (a client-side navigation, which keeps the layout) closes it. Its
 * panel lies over the page, so it also closes on Escape (focus back on "Menu") and when focus leaves it: a
 * keyboard user tabbing past its last link would otherwise land on a control hidden under it.
 */
export function MobileMenu({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const menu = useRef<HTMLDetailsElement>(null);
  const close = () => {
    if (menu.current) menu.current.open = false;
  };
  return (
    <details
      key={pathname}
      ref={menu}
      className="group sm:hidden"
      onKeyDown={closeDetailsOnEscape}
      onBlur={(event) => {
        // Only when focus moves to something else on the page (Tab): a click that focuses nothing (Safari does
        // not focus a link it follows) must not close the panel under the link being clicked.
        const next = event.relatedTarget as Node | null;
        if (next && !event.currentTarget.contains(next)) close();
      }}
    >
      <summary className="cursor-pointer list-none nav-link text-sm [&::-webkit-details-marker]:hidden">
        Menu <span aria-hidden="true">{"\u2630"}</span>
      </summary>
      <div className="absolute inset-x-0 top-full z-10 border-b border-stone-200 bg-white px-4 py-2 shadow-md">
        {children}
      </div>
    </details>
  );
}
