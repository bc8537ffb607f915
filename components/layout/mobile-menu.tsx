"use client";

import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/**
 * The header's links on narrow screens: a native <details> disclosure, so it opens without JavaScript. Keyed on
 * the path so that following one of its links (a client-side navigation, which keeps the layout) closes it.
 */
export function MobileMenu({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  return (
    <details key={pathname} className="group sm:hidden">
      <summary className="cursor-pointer list-none nav-link text-sm [&::-webkit-details-marker]:hidden">
        Menu <span aria-hidden="true">{"\u2630"}</span>
      </summary>
      <div className="absolute inset-x-0 top-full z-10 border-b border-stone-200 bg-white px-4 py-2 shadow-md">
        {children}
      </div>
    </details>
  );
}
