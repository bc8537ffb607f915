import { z } from "zod";

import { addDays, calendarDay as dayIn } from "@/lib/dates";
import { timeZoneSchema } from "@/lib/restaurants/time-zones";
import { calendarDay, formVersion, hasUnsafeCharacters, recordId, UNSAFE_TEXT_MESSAGE } from "@/lib/validation";

import { WEEK } from "./hours-week";

export const MAX_INTERVALS_PER_DAY = 6;
export const MAX_CLOSED_DAYS = 100;

/** Minutes since midnight of "HH:MM"; 24:00 (1440) only as an end. */
export type Interval = { opens: number; closes: number };

const TIME = /^(\d{1,2}):(\d{2})$/;
const minutes = (value: string, { end }: { end: boolean }): number | string => {
  const match = TIME.exec(value);
  if (!match) return `"${value}" is not a time: use 24-hour times like 09:00.`;
  const [h, m] = [Number(match[1]), Number(match[2])];
  if (m > 59 || h > 24 || (h === 24 && (m > 0 || !end))) {
    return `"${value}" is not a time of day: hours go from 00 to 23, minutes from 00 to 59.`;
  }
  return h * 60 + m;
};

export const formatMinutes = (total: number) =>
  `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;

/**
 * One day's intervals as typed: "09:00-14:00, 18:00-02:00" (empty: closed that day). An end not after its start
 * runs past midnight, so it must be the day's last interval; intervals must not overlap.
 */
const daySchema = z
  .string({ error: "Enter the hours as text, like 09:00-17:00." })
  .optional()
  .transform((value, ctx): Interval[] => {
    const fail = (message: string) => {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    };
    const text = (value ?? "").trim();
    if (text.length > 200) return fail("Use at most 200 characters.");
    if (hasUnsafeCharacters(text)) return fail(UNSAFE_TEXT_MESSAGE);
    if (text === "") return [];
    const parts = text.split(",").map((part) => part.trim());
    if (parts.length > MAX_INTERVALS_PER_DAY) return fail(`Use at most ${MAX_INTERVALS_PER_DAY} intervals a day.`);
    const intervals: Interval[] = [];
    for (const part of parts) {
      const ends = part.split(/\s*[-–]\s*/);
      if (ends.length !== 2) return fail(`"${part}" is not an interval: write it like 09:00-17:00.`);
      const opens = minutes(ends[0]!, { end: false });
      const closes = minutes(ends[1]!, { end: true });
      if (typeof opens === "string") return fail(opens);
      if (typeof closes === "string") return fail(closes);
      if (opens === closes % 1440 && closes !== 1440)
        return fail(`${part} ends when it starts: give it some length (all day is 00:00-24:00).`);
      intervals.push({ opens, closes });
    }
    intervals.sort((a, b) => a.opens - b.opens);
    // Past midnight, an interval lasts until the day's end as far as this day's others are concerned.
    const dayEnd = (i: Interval) => (i.closes <= i.opens ? 1440 : i.closes);
    for (let i = 1; i < intervals.length; i++) {
      if (intervals[i]!.opens < dayEnd(intervals[i - 1]!)) return fail("Intervals overlap: give each its own time.");
    }
    return intervals;
  });

/** Closed dates, separated by commas or spaces: "2026-12-25, 2026-12-26". */
const closedDaysSchema = z
  .string({ error: "Enter dates like 2026-12-25." })
  .optional()
  .transform((value, ctx): string[] => {
    const text = (value ?? "").trim();
    if (text.length > 2000) {
      ctx.addIssue({ code: "custom", message: "Use at most 2000 characters." });
      return z.NEVER;
    }
    const days = [...new Set(text.split(/[\s,]+/).filter(Boolean))].sort();
    if (days.length > MAX_CLOSED_DAYS) {
      ctx.addIssue({ code: "custom", message: `List at most ${MAX_CLOSED_DAYS} closed days.` });
      return z.NEVER;
    }
    for (const day of days) {
      const parsed = calendarDay.safeParse(day);
      if (!parsed.success) {
        const shown = hasUnsafeCharacters(day) ? "A date" : `"${day.slice(0, 20)}"`;
        ctx.addIssue({ code: "custom", message: `${shown}: ${parsed.error.issues[0]?.message}` });
        return z.NEVER;
      }
    }
    return days;
  });

/**
 * Closed days split at today in `zone`: `past` ones (before today) would close nothing, so an owner cannot add one,
 * and the form leaves those stored out, which drops them at the next save. Today is `now`'s calendar day in the zone
 * by Intl, never by an offset: at 20:00 UTC on 30 November it is already 1 December in Asia/Tokyo, and a closed day
 * lasts until its own midnight there. Yesterday is not past when its weekday keeps a night past midnight
 * (`week`, weekdaysPastMidnight): a closed day cancels the intervals that start on it, so yesterday's still closes
 * the rest of its 18:00–03:00 this morning, and dropping it at a save after midnight opened that night again.
 */
export function splitClosedDays(
  days: readonly string[],
  zone: string,
  now = new Date(),
  week: readonly WeekInterval[] = [],
) {
  const today = dayIn(now, zone);
  const yesterday = addDays(today, -1);
  const weekday = new Date(`${yesterday}T00:00:00Z`).getUTCDay();
  const first = weekdaysPastMidnight(week).has(weekday) ? yesterday : today;
  return { today, past: days.filter((day) => day < first), upcoming: days.filter((day) => day >= first) };
}

/** An interval of the week (weekday: 0 = Sunday), as saved. */
export type WeekInterval = Interval & { weekday: number };

/** The weekdays with an interval that ends after the following midnight (18:00-02:00; not 18:00-00:00 nor -24:00). */
const weekdaysPastMidnight = (week: readonly WeekInterval[]) =>
  new Set(week.filter(({ opens, closes }) => closes > 0 && closes < opens).map(({ weekday }) => weekday));

/** "HH:MM" or "HH:MM:SS" (as PostgreSQL writes a time) as minutes since midnight. */
export const minutesOfDay = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * The week's intervals with their weekdays, from the parsed fields. A weekday with a mistake (a string still, in the
 * refinement that explains closed days beside it) has none.
 */
const weekOf = (days: Record<string, unknown>): WeekInterval[] =>
  WEEK.flatMap(({ field, dow }) => {
    const intervals = days[field];
    return Array.isArray(intervals) ? (intervals as Interval[]).map((interval) => ({ weekday: dow, ...interval })) : [];
  });

const pastDaysMessage = (past: string[], today: string, zone: string) =>
  `${past.join(", ")} ${past.length === 1 ? "is" : "are"} in the past (today is ${today} in ${zone}): ` +
  `remove ${past.length === 1 ? "it" : "them"}.`;

export const hoursSchema = z
  .object({
    restaurantId: recordId(),
    /** The hours as the form drew them (lib/owner/hours.ts hoursFormVersion); absent, the save overwrites whatever is. */
    version: formVersion,
    timeZone: timeZoneSchema,
    closedDays: closedDaysSchema,
    ...Object.fromEntries(WEEK.map(({ field }) => [field, daySchema])),
  })
  .superRefine(
    ({ timeZone, closedDays, ...days }, ctx) => {
      // Today in the zone submitted with them, not the stored one: the owner may be changing it in this save; and
      // the week submitted with them.
      const { today, past } = splitClosedDays(closedDays, timeZone, new Date(), weekOf(days));
      if (past.length > 0) {
        ctx.addIssue({ code: "custom", path: ["closedDays"], message: pastDaysMessage(past, today, timeZone) });
      }
    },
    // Even beside a weekday's mistake, so that both are explained at once; but only on a form (no issue at its
    // root) whose zone and dates passed: today needs a zone Intl knows, and Intl throws on any other.
    {
      when: ({ issues }) =>
        !issues.some(({ path = [] }) => path[0] === undefined || path[0] === "timeZone" || path[0] === "closedDays"),
    },
  )
  .transform(({ restaurantId, version, timeZone, closedDays, ...days }): HoursInput => ({
    restaurantId,
    version,
    timeZone,
    closedDays,
    week: weekOf(days),
  }));

/** A saved week: `version` (the form's) absent, the save overwrites whatever is (lib/owner/hours.ts). */
export type HoursInput = {
  restaurantId: number;
  version?: string;
  timeZone: string;
  closedDays: string[];
  week: WeekInterval[];
};
