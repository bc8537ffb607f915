import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";

import { isTimeZone } from "@/lib/dates";

/**
 * A restaurant's time zone, chosen from a list wherever it is set (the owner's hours form, the admin's new
 * restaurant form): the choices, the input's check, and the database's check, in one place.
 */

/**
 * The zones offered: UTC (which Intl lists under no name of its own), the IANA zones this runtime's Intl lists,
 * and the `current` zone wherever it sorts. Intl lists one name per zone, and on Node 20 an older one
 * (Asia/Saigon, not Asia/Ho_Chi_Minh; Europe/Kiev, not Europe/Kyiv): a zone stored (or a browser's zone spelled)
 * under the other name matched no option, the browser selected the first (UTC), and saving anything else on the
 * form moved the restaurant to UTC, its hours and its sales days with it.
 */
export function timeZones(current?: string): string[] {
  const listed = Intl.supportedValuesOf("timeZone");
  if (current === undefined || current === "UTC" || listed.includes(current)) return ["UTC", ...listed];
  return ["UTC", ...[...listed, current].sort()];
}

/**
 * Any zone name this runtime's Intl accepts, aliases included (what the forms offer, and what another name of a
 * listed zone is). Saving also checks that PostgreSQL knows the zone (`zoneKnownToDatabase`), since its database
 * may be older or newer.
 */
export const timeZoneSchema = z
  .string({ error: "Choose a time zone." })
  .max(64, "Choose a time zone from the list.")
  .refine(isTimeZone, "Choose a time zone from the list.");

/**
 * True when PostgreSQL knows `timeZone` by that name, and does not read it as an abbreviation first: `at time zone
 * 'CET'` is a fixed UTC+1 there, while Intl's CET keeps summer time, so hours and "opens at" would disagree. A
 * column of the statement that locks what the save writes, so the check costs no statement of its own.
 */
export const zoneKnownToDatabase = (timeZone: string): SQL<boolean> =>
  sql<boolean>`exists (select 1 from pg_timezone_names z where z.name = ${timeZone})
    and (${timeZone} = 'UTC' or not exists (select 1 from pg_timezone_abbrevs a where a.abbrev = upper(${timeZone})))`;

/** What a form says, next to the zone, when the database does not know it. */
export const UNKNOWN_ZONE_MESSAGE =
  "This server's database does not know that time zone by that name. Choose a city's zone from the list.";
