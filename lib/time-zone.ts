import "server-only";

import { cookies } from "next/headers";
import { cache } from "react";

import { APP_TIME_ZONE, isTimeZone } from "@/lib/dates";

/** The browser's time zone, written by components/layout/time-zone-script.tsx: not a secret, not a session. */
export const TIME_ZONE_COOKIE = "platter_tz";

/** The zone this request's cookie named, usable or not (null: none yet), for the component that writes it. */
export const receivedTimeZone = cache(
  async (): Promise<string | null> => (await cookies()).get(TIME_ZONE_COOKIE)?.value ?? null,
);

/** The zone this request's times are shown in: the browser's, once it has told us; APP_TIME_ZONE (UTC) before. */
export const viewerTimeZone = cache(async (): Promise<string> => {
  const value = await receivedTimeZone();
  return value && isTimeZone(value) ? value : APP_TIME_ZONE;
});
