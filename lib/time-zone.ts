import "server-only";

import { cookies } from "next/headers";
import { cache } from "react";

import { APP_TIME_ZONE, canonicalTimeZone, isZoneShaped } from "@/lib/dates";

/** The browser's time zone, written by components/layout/time-zone-script.tsx: not a secret, not a session. */
export const TIME_ZONE_COOKIE = "platter_tz";

/**
 * The zone this request's cookie named, as it was spelled and whether or not this runtime knows it, for the
 * component that writes the cookie (it must not write again a zone the server received and could not use). Null
 * when there is none, or when the cookie holds something no zone is named like: the page carries this value back
 * into a script, and the browser then overwrites the cookie with its real zone.
 */
export const receivedTimeZone = cache(async (): Promise<string | null> => {
  const value = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  return isZoneShaped(value) ? value : null;
});

/** The zone this request's times are shown in: the browser's, once it has told us; APP_TIME_ZONE (UTC) before. */
export const viewerTimeZone = cache(async (): Promise<string> => {
  return canonicalTimeZone(await receivedTimeZone()) ?? APP_TIME_ZONE;
});
