import { sql, type SQL } from "drizzle-orm";

// One time zone for the whole app until users can pick theirs: server and tests agree on what "today" is.
export const APP_TIME_ZONE = "UTC";

const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: APP_TIME_ZONE });
const dateOnly = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: APP_TIME_ZONE });

export const formatDateTime = (date: Date) => dateTime.format(date);
export const formatDate = (date: Date) => dateOnly.format(date);

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
