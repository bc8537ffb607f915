"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

const COOKIE = "platter_tz";
const YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * Tells the server the browser's time zone, so that it renders times in it (components/ui/local-time.tsx). On a
 * first visit, or after travelling, the page was rendered in another zone: store the new one and render again,
 * once. Renders nothing.
 */
export function TimeZoneCookie({ renderedZone }: { renderedZone: string }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === renderedZone) return;
    // Already stored but not used (a zone the server does not know): render in UTC rather than reload forever.
    const stored = `${COOKIE}=${encodeURIComponent(zone)}`;
    if (document.cookie.split("; ").includes(stored)) return;
    const secure = window.location.protocol === "https:" ? "; secure" : "";
    document.cookie = `${stored}; path=/; max-age=${YEAR_SECONDS}; samesite=lax${secure}`;
    router.refresh();
  }, [renderedZone, router]);
  return null;
}
