"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

const COOKIE = "platter_tz";
const YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * Tells the server the browser's time zone, so that it renders times in it (components/ui/local-time.tsx). On a
 * first visit, or after travelling, the page was rendered in another zone: store the new one and render again.
 * `receivedZone` is what this request's cookie said: a page requested before the cookie was written (a quick first
 * click) renders again too, while a zone the server received and did not use is left alone. Renders nothing.
 */
export function TimeZoneCookie({ renderedZone, receivedZone }: { renderedZone: string; receivedZone: string | null }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === renderedZone) return;
    // The server had this zone and rendered another (a zone it does not know): stay in UTC, never reload forever.
    if (zone === receivedZone) return;
    const stored = `${COOKIE}=${encodeURIComponent(zone)}`;
    if (!document.cookie.split("; ").includes(stored)) {
      const secure = window.location.protocol === "https:" ? "; secure" : "";
      document.cookie = `${stored}; path=/; max-age=${YEAR_SECONDS}; samesite=lax${secure}`;
    }
    router.refresh();
  }, [renderedZone, receivedZone, router]);
  return null;
}
