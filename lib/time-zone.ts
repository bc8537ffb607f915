import "server-only";

import { cookies } from "next/headers";
import { cache } from "react";

import { APP_TIME_ZONE, isTimeZone } from "@/lib/dates";

/** The browser's time zone, written by components/layout/time-zone-script.tsx: not a secret, not a session. */
export const TIME_ZONE_COOKIE = "platter_tz";

/**
 * The zone this request's cookie named, as it was spelled and whether or not this runtime knows it (null: none),
 * for the component that writes the cookie: it must not write again a zone the server received and could not use
 * ("+05:30", which a browser may report), or it would reload for ever. The script escapes it (a cookie can be
 * planted by a neighbouring site); longer than any zone name, it is nobody's zone and the browser overwrites it.
 */
export const receivedTimeZone = cache(async (): Promise<string | null> => {
  const value = (await cookies()).get(TIME_ZONE_COOKIE)?.value;
  return value && value.length <= 64 ? value : null;
});

/**
 * The zone this request's times are shown in: the browser's, once it has told us; APP_TIME_ZONE (UTC) before.
 * As the browser spells it: PostgreSQL receives it too (day filters), and Node's ICU would rename current zones
 * to their old names (Asia/Kolkata to Asia/Calcutta), which a PostgreSQL without the zone database's backward
 * links does not know. Other spellings of one zone cost formatters, which lib/dates.ts keeps a bounded number of.
 */
export const viewerTimeZone = cache(async (): Promise<string> => {
  const value = await receivedTimeZone();
  return value && isTimeZone(value) ? value : APP_TIME_ZONE;
});
