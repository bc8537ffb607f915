import { calendarDay, DAY_MS } from "@/lib/dates";

/**
 * Opening times for people, in the restaurant's own zone (its hours are kept there), with Intl: the SQL of
 * lib/restaurants/hours.ts decides whether and when a restaurant opens, this only writes it down. On the 24-hour
 * clock, as the hours themselves are written ("Today 09:00–17:00") and entered by owners.
 */
type Part = "time" | "weekday" | "date";
const formats = new Map<string, Intl.DateTimeFormat>();
function formatIn(timeZone: string, part: Part) {
  const key = `${timeZone}|${part}`;
  let format = formats.get(key);
  if (!format) {
    const options: Record<Part, Intl.DateTimeFormatOptions> = {
      time: { hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
      weekday: { weekday: "short" },
      date: { weekday: "short", month: "short", day: "numeric" },
    };
    format = new Intl.DateTimeFormat("en-US", { ...options[part], timeZone });
    formats.set(key, format);
  }
  return format;
}

/** From this many days ahead a weekday alone could name two days ("Opens" looks two weeks ahead). */
const WEEKDAY_ALONE_DAYS = 6;

/** The day `instant` falls on in `timeZone`, as a day count: calendar days apart, whatever the clocks did between. */
const dayNumber = (instant: Date, timeZone: string) => Date.parse(calendarDay(instant, timeZone)) / DAY_MS;

/**
 * When `instant` is, in `timeZone`, said from `now`'s day there: "today at 17:00", "tomorrow at 09:00",
 * "Mon at 09:00" within the week, "Mon, Dec 14 at 09:00" six calendar days or more ahead, where the weekday alone
 * would be ambiguous. For "Opens …" and "It opens …". `relative: false` names the weekday even today and tomorrow:
 * for a reader in another zone, whose today may not be the restaurant's ("Opens tomorrow" read at 02:40 in New York
 * for 08:00 that morning in Los Angeles).
 */
export function formatOpening(
  instant: Date,
  timeZone: string,
  { now = new Date(), relative = true }: { now?: Date; relative?: boolean } = {},
) {
  const days = dayNumber(instant, timeZone) - dayNumber(now, timeZone);
  const day = sayDay(days, relative, (part) => formatIn(timeZone, part).format(instant));
  return `${day} at ${formatIn(timeZone, "time").format(instant)}`;
}

/**
 * A day `days` calendar days from today as formatOpening says it: "today", "tomorrow", else `name` gives its
 * weekday, or its date where the weekday alone would be ambiguous.
 */
function sayDay(days: number, relative: boolean, name: (part: "weekday" | "date") => string) {
  if (relative && days <= 0) return "today";
  if (relative && days === 1) return "tomorrow";
  return name(days < WEEKDAY_ALONE_DAYS ? "weekday" : "date");
}

/**
 * When an open restaurant closes, from closesAt's local wall-clock text (lib/restaurants/hours.ts), for "Open
 * until …": "22:00" today, else in formatOpening's words ("tomorrow at 03:00", "Sat at 03:00", "Mon, Dec 7 at
 * 09:00"); with `relative: false` the weekday even today ("Fri at 22:00"), as describeToday names it then. A run
 * ending at midnight ends at 24:00 of the day before, as the hours write it ("18:00–24:00" is "until 24:00", not
 * "until tomorrow at 00:00").
 */
export function formatClosing(
  localEnd: string,
  timeZone: string,
  { now = new Date(), relative = true }: { now?: Date; relative?: boolean } = {},
) {
  const [date = "", clock = ""] = localEnd.split("T");
  const atMidnight = clock === "00:00";
  // The wall-clock day as a UTC date, only to count days and name it (its weekday is the same in every zone).
  const day = new Date(Date.parse(`${date}T00:00:00Z`) - (atMidnight ? DAY_MS : 0));
  const time = atMidnight ? "24:00" : clock;
  const days = day.getTime() / DAY_MS - dayNumber(now, timeZone);
  if (relative && days <= 0) return time;
  return `${sayDay(days, relative, (part) => formatIn("UTC", part).format(day))} at ${time}`;
}

/** "(Europe/London time)" when the restaurant's zone is not the one the viewer's times are shown in; else "". */
export const zoneNote = (restaurantZone: string, viewerZone: string | null) =>
  restaurantZone === viewerZone ? "" : ` (${restaurantZone} time)`;

/**
 * Today's hours as todaysHours (lib/restaurants/hours.ts) gives them, for a label: null (no schedule: the switch
 * alone decides) stays null; "" is a day without hours. `day` names the restaurant's today: "today", or its weekday
 * ("Mon", `restaurantToday`) for a reader in another zone, beside an "Opens Mon at 11:00" that names it too.
 */
export function describeToday(todaysHours: string | null, openNow = false, day = "today"): string | null {
  if (todaysHours === null) return null;
  // Open on a day without hours of its own: last night's hours run past midnight (18:00–02:00). "Closed today"
  // beside "Open" would contradict the badge.
  if (todaysHours === "") return openNow ? `No more hours ${day}` : `Closed ${day}`;
  if (todaysHours === "00:00–24:00") return `Open 24 hours ${day}`;
  return `${day.charAt(0).toUpperCase()}${day.slice(1)} ${todaysHours}`;
}

/** The restaurant's today as describeToday names it: "today", or its weekday where `relative` is false. */
export const restaurantToday = (timeZone: string, { now = new Date(), relative = true } = {}) =>
  relative ? "today" : formatIn(timeZone, "weekday").format(now);

/** What the SQL of lib/restaurants/hours.ts says of a restaurant's opening, as its cards and page read it. */
export type OpeningFacts = {
  openNow: boolean;
  opensAt: Date | null;
  /** closesAt's local wall-clock end of the current opening, while open. */
  closesAt: string | null;
  todaysHours: string | null;
  timeZone: string;
};

/**
 * A restaurant's opening line: while open, when it closes; today's hours; while closed, the next opening ("Open
 * until 03:00 · Today 18:00–03:00", "Closed today · Opens tomorrow at 09:00"); null when there is nothing to say
 * (open, without a schedule). "Open until" comes first: after midnight on last night's hours, today's hours are
 * tonight's, and without it the line read as if tonight's hours were the ones open now.
 */
export function openingLine(r: OpeningFacts, { now = new Date(), relative = true } = {}): string | null {
  const parts = [
    r.openNow && r.closesAt ? `Open until ${formatClosing(r.closesAt, r.timeZone, { now, relative })}` : null,
    describeToday(r.todaysHours, r.openNow, restaurantToday(r.timeZone, { now, relative })),
    !r.openNow && r.opensAt ? `Opens ${formatOpening(r.opensAt, r.timeZone, { now, relative })}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : null;
}

/**
 * Whether a restaurant takes orders now, for the staff: open as customers see it (the switch and the hours), or
 * which of the two closes it. The switch alone said "Open" out of hours while customers saw "Closed".
 */
export const openState = ({ isOpen, openNow }: { isOpen: boolean; openNow: boolean }) =>
  openNow ? "Open" : isOpen ? "Closed (outside its hours)" : "Closed (switched off)";
