"use client";

import { useEffect } from "react";

/**
 * The reorder note (/cart?reorder=N) tells what the reorder just did: it is compared with the cart as the page
 * renders it, so once the customer changes the cart a line they removed would read as "no longer available". Shown
 * once, it leaves the address: a reload, and every cart action after it (they re-render the address in the bar),
 * render the cart without it. Next.js' router follows history.replaceState.
 */
export function ForgetReorder() {
  useEffect(() => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has("reorder")) return;
    url.searchParams.delete("reorder");
    window.history.replaceState(null, "", `${url.pathname}${url.search}${url.hash}`);
  }, []);
  return null;
}
