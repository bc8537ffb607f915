import { sql, type SQL } from "drizzle-orm";

// One time zone for the whole app until users can pick theirs: server and tests agree on what "today" is.
export const APP_TIME_ZONE = "UTC";

const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: APP_TIME_ZONE });
const dateOnly = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: APP_TIME_ZONE });

export const formatDateTime = (date: Date) => dateTime.format(date);
export const formatDate = (date: Date) => dateOnly.format(date);

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The last millisecond of the year 9999. Beyond it `Date#toISOString()` writes "+010000-01-01…", which the database
 * drivers send as is and PostgreSQL refuses: a timestamp from a URL (a cursor) must not be later than this.
 */
export const LATEST_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** A valid Date from 1970 to the end of the year 9999: the range a keyset cursor from a URL may name. */
export const isCursorInstant = (date: Date) => {
  const ms = date.getTime();
  return Number.isFinite(ms) && ms >= 0 && ms <= LATEST_INSTANT_MS;
};

// en-CA writes a date as YYYY-MM-DD, the form of <input type="date"> and of date filters in URLs.
const isoDay = new Intl.DateTimeFormat("en-CA", {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  timeZone: APP_TIME_ZONE,
});

/** The calendar day containing `date` in APP_TIME_ZONE, as YYYY-MM-DD: what every date filter means by a day. */
export const appDay = (date: Date) => isoDay.format(date);

/** Midnight starting a YYYY-MM-DD calendar day in APP_TIME_ZONE, as a timestamptz SQL fragment. */
export const dayStart = (day: string) => sql`(${day}::date::timestamp at time zone ${APP_TIME_ZONE})`;

/** Midnight ending a YYYY-MM-DD calendar day (the next day's start): ranges are [dayStart(from), dayAfter(to)). */
export const dayAfter = (day: string) => sql`((${day}::date + 1)::timestamp at time zone ${APP_TIME_ZONE})`;

export type AppDays = {
  /** The first and last calendar day (SQL `date`) in APP_TIME_ZONE; `lastDay` is the day containing `now`. */
  firstDay: SQL;
  lastDay: SQL;
  /** The window as timestamptz bounds, [start, end): midnight of firstDay to midnight after lastDay. */
  start: SQL;
  end: SQL;
};

/**
 * The `days` calendar days of APP_TIME_ZONE ending with the one containing `now`, as SQL fragments. Bounds are
 * dates converted `at time zone` APP_TIME_ZONE rather than `start + interval '1 day'`: that interval arithmetic
 * follows the database session's time zone, which would stretch or shrink a day around a DST change.
 */
export function appDays(now: Date, days = 1): AppDays {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`appDays needs a whole number of days, got ${days}`);
  const lastDay = sql`(${now.toISOString()}::timestamptz at time zone ${APP_TIME_ZONE})::date`;
  const firstDay = sql`(${lastDay} - ${days - 1}::int)`;
  return {
    firstDay,
    lastDay,
    start: sql`(${firstDay}::timestamp at time zone ${APP_TIME_ZONE})`,
    end: sql`((${lastDay} + 1)::timestamp at time zone ${APP_TIME_ZONE})`,
  };
}
