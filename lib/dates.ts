import { sql, type SQL, type SQLWrapper } from "drizzle-orm";

// One time zone for the whole app until users can pick theirs: server and tests agree on what "today" is.
export const APP_TIME_ZONE = "UTC";

/**
 * Times are shown with their zone's short name, so that a time is never ambiguous: in the viewer's time zone
 * (components/ui/local-time.tsx, decision 0013), except on the owner's pages (queue, past orders, kitchen ticket),
 * which show the restaurant's, the zone of its kitchen and of its days. Days: the customer's history, the admin's
 * order and audit filters and the orders export are the viewer's days (`zoneDayStart`), a restaurant's sales days,
 * today's figures, past orders' date filter and closed days are its own zone's, and the customers' rollups keep
 * days of APP_TIME_ZONE (decision 0006).
 */
const formats = new Map<
  string,
  { dateTime: Intl.DateTimeFormat; date: Intl.DateTimeFormat; isoDay: Intl.DateTimeFormat }
>();
/**
 * Formatters cost about 30 KB each, three per zone. Kept per zone name in lower case (Intl reads "europe/PARIS" as
 * Europe/Paris, so a client sending other spellings gets the same entry), for the zones seen most recently: a
 * process serving viewers in more zones than this makes some formatters again, rather than hold every zone's.
 */
const MAX_CACHED_ZONES = 200;
function formatsIn(timeZone: string) {
  const key = timeZone.toLowerCase();
  let found = formats.get(key);
  if (found) {
    // Map keeps insertion order: moved to the end, the least recently used zone stays first.
    formats.delete(key);
  } else {
    if (formats.size >= MAX_CACHED_ZONES) formats.delete(formats.keys().next().value!);
    found = {
      dateTime: new Intl.DateTimeFormat("en-US", {
        year: "numeric",
        month: "short",
        day: "numeric",
        hour: "numeric",
        minute: "2-digit",
        timeZoneName: "short",
        timeZone,
      }),
      date: new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone }),
      // en-CA writes a date as YYYY-MM-DD, the form of <input type="date"> and of date filters in URLs.
      isoDay: new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }),
    };
  }
  formats.set(key, found);
  return found;
}

export const formatDateTime = (date: Date, timeZone = APP_TIME_ZONE) => formatsIn(timeZone).dateTime.format(date);
export const formatDate = (date: Date, timeZone = APP_TIME_ZONE) => formatsIn(timeZone).date.format(date);
/** The calendar day containing `date` in `timeZone`, as YYYY-MM-DD. */
export const calendarDay = (date: Date, timeZone: string) => formatsIn(timeZone).isoDay.format(date);

/** An IANA zone name this runtime knows ("Europe/Paris"), as a browser reports it; anything else is not one. */
export function isTimeZone(value: string | undefined): value is string {
  if (!value || value.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-]*(\/[A-Za-z0-9_+\-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/**
 * The first instant of the calendar day `day` (YYYY-MM-DD) in `zone`, found with Intl alone: the earliest
 * millisecond whose calendar day there is `day` or later, since a zone's dates never run backwards. Where 00:00
 * happens twice (clocks back at midnight: Atlantic/Azores) that is the first, as `dayStart` takes it in SQL; a day
 * a zone skipped (Pacific/Apia, 2011-12-30) starts where the next one does. Every zone's offset lies within 16 h
 * of UTC, so the search starts there: about 27 steps of a cached formatter.
 * For the viewer's zone, which comes from a cookie: computed here, the zone never reaches SQL, where PostgreSQL
 * may not know a name Node knows, or read it as an abbreviation with another meaning (IST).
 */
export function zoneDayStart(day: string, zone: string): Date {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  let before = midnightUtc - 16 * HOUR_MS;
  let from = midnightUtc + 16 * HOUR_MS;
  while (from - before > 1) {
    const middle = Math.floor((before + from) / 2);
    if (calendarDay(new Date(middle), zone) >= day) from = middle;
    else before = middle;
  }
  return new Date(from);
}

/**
 * The instants [start, end) of the days `from` to `to` (either open) in `zone`, for comparing timestamps. A start
 * on or before 1970-01-01, or an end on 9999-12-31, bounds nothing (every order lies in isCursorInstant's range)
 * and is left out: past those a Date no longer prints as a timestamp PostgreSQL reads. An end before 1970 ends
 * before everything, at the epoch.
 */
export function zoneDayRange(from: string | undefined, to: string | undefined, zone: string) {
  return {
    start: from && from > "1970-01-01" ? zoneDayStart(from, zone) : undefined,
    end: to && to < "9999-12-31" ? (to < "1970-01-01" ? new Date(0) : zoneDayStart(addDays(to, 1), zone)) : undefined,
  };
}

/**
 * Conditions keeping the timestamps `column` within [start, end) (a zoneDayRange): none, one or two, to spread into
 * a WHERE. Only instants reach SQL, never the viewer's zone.
 */
export function withinInstants(column: SQLWrapper, { start, end }: { start?: Date; end?: Date }): SQL[] {
  return [
    ...(start ? [sql`${column} >= ${start.toISOString()}::timestamptz`] : []),
    ...(end ? [sql`${column} < ${end.toISOString()}::timestamptz`] : []),
  ];
}

/** The calendar day `days` after (or, negative, before) a YYYY-MM-DD day. */
export const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

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

/**
 * [start, end) (either open) cut at UTC midnights, where the customers' rollup days begin (APP_TIME_ZONE is UTC):
 * the whole UTC days inside it, `whole` = [from, to) as YYYY-MM-DD (either open; null when there is none), and the
 * partial days left at either end, each less than a day, as instants. The head runs from the start to the first
 * midnight (or to the end, if that comes first), the tail from the last midnight (never before the head's end) to
 * the end; an empty one is left out, so that a range of UTC days has none. A start on 31 December 9999 (UTC) has
 * no midnight after it that a Date prints as PostgreSQL reads: its head is left open instead.
 */
export function splitAtUtcDays(start: Date | undefined, end: Date | undefined) {
  const lo = start?.getTime() ?? -Infinity;
  const hi = end?.getTime() ?? Infinity;
  const ceilMidnight = Math.ceil(lo / DAY_MS) * DAY_MS;
  const firstMidnight = ceilMidnight > LATEST_INSTANT_MS ? Infinity : ceilMidnight;
  const lastMidnight = Math.floor(hi / DAY_MS) * DAY_MS;
  const headEnd = Math.min(firstMidnight, hi);
  const parts = [
    ...(start ? [{ from: lo, to: headEnd }] : []),
    ...(end ? [{ from: Math.max(lastMidnight, start ? headEnd : lastMidnight), to: hi }] : []),
  ];
  const day = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : undefined);
  return {
    whole: firstMidnight < lastMidnight ? { from: day(firstMidnight), to: day(lastMidnight) } : null,
    partial: parts
      .filter((part) => part.from < part.to)
      .map((part) => ({ from: new Date(part.from), to: Number.isFinite(part.to) ? new Date(part.to) : undefined })),
  };
}

/** The calendar day containing `date` in APP_TIME_ZONE, as YYYY-MM-DD: a day of the customers' rollups. */
export const appDay = (date: Date) => calendarDay(date, APP_TIME_ZONE);

/**
 * A zone for the day helpers below: a name, or SQL naming one (a restaurant's `time_zone`, whose days are its sales
 * days: decision 0006).
 */
export type Zone = string | SQL;

/**
 * The zones whose days start first (UTC+14) and end last (UTC−12; POSIX names count the sign the other way): any
 * zone's day D lies within [dayStart(D, EARLIEST_DAY_ZONE), dayAfter(D, LATEST_DAY_ZONE)).
 */
export const EARLIEST_DAY_ZONE = "Etc/GMT-14";
export const LATEST_DAY_ZONE = "Etc/GMT+12";

/**
 * The first instant of a calendar day (an SQL date) in `zone`. Dates are converted `at time zone` rather than by
 * adding `interval '1 day'`, whose arithmetic follows the database session's zone and would stretch or shrink a
 * day around a DST change. Where clocks go back at midnight (Atlantic/Azores, America/Havana) 00:00 happens twice
 * and `at time zone` takes the second; the day then starts an hour earlier, as platter_zone_day counts it.
 */
function startOf(date: SQL, zone: Zone): SQL {
  const midnight = sql`(${date}::timestamp at time zone ${zone})`;
  const hourBefore = sql`(${midnight} - interval '1 hour')`;
  return sql`(case when (${hourBefore} at time zone ${zone})::date = ${date} then ${hourBefore} else ${midnight} end)`;
}

/** The first instant of a YYYY-MM-DD calendar day in `zone`, as a timestamptz SQL fragment. */
export const dayStart = (day: string, zone: Zone) => startOf(sql`${day}::date`, zone);

/** The first instant after a YYYY-MM-DD calendar day (the next day's start): ranges are [dayStart(from), dayAfter(to)). */
export const dayAfter = (day: string, zone: Zone) => startOf(sql`(${day}::date + 1)`, zone);

/**
 * The first and last calendar day (SQL `date`) of the `days` days of `zone` ending with the one containing `now`
 * (a restaurant's zone: its sales days, decision 0006).
 */
export function zoneDays(now: Date, days: number, zone: Zone): { firstDay: SQL; lastDay: SQL } {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`zoneDays needs a whole number of days, got ${days}`);
  const lastDay = sql`(${now.toISOString()}::timestamptz at time zone ${zone})::date`;
  return { firstDay: sql`(${lastDay} - ${days - 1}::int)`, lastDay };
}
