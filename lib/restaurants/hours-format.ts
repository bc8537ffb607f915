import { calendarDay, DAY_MS } from "@/lib/dates";

/**
 * Opening times for people, in the restaurant's own zone (its hours are kept there), with Intl: the SQL of
 * lib/restaurants/hours.ts decides whether and when a restaurant opens, this only writes it down.
 */
const formats = new Map<string, Intl.DateTimeFormat>();
function formatIn(timeZone: string, withDate: boolean) {
  const key = `${timeZone}|${withDate}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      weekday: "short",
      ...(withDate ? { month: "short", day: "numeric" } : {}),
      hour: "numeric",
      minute: "2-digit",
      timeZone,
    });
    formats.set(key, format);
  }
  return format;
}

/** From this many days ahead a weekday alone could name two days ("Opens at" looks two weeks ahead). */
const WEEKDAY_ALONE_DAYS = 6;

/** The day `instant` falls on in `timeZone`, as a day count: calendar days apart, whatever the clocks did between. */
const dayNumber = (instant: Date, timeZone: string) => Date.parse(calendarDay(instant, timeZone)) / DAY_MS;

/**
 * "Mon 9:00 AM": the weekday and wall-clock time of `instant` in `timeZone`; "Mon, Dec 14, 9:00 AM" when it falls
 * six calendar days or more after `now`'s day there, where the weekday alone would be ambiguous.
 */
export const formatOpening = (instant: Date, timeZone: string, now: Date = new Date()) =>
  formatIn(timeZone, dayNumber(instant, timeZone) - dayNumber(now, timeZone) >= WEEKDAY_ALONE_DAYS).format(instant);

/** "(Europe/London time)" when the restaurant's zone is not the one the viewer's times are shown in; else "". */
export const zoneNote = (restaurantZone: string, viewerZone: string | null) =>
  restaurantZone === viewerZone ? "" : ` (${restaurantZone} time)`;

/**
 * Today's hours as todaysHours (lib/restaurants/hours.ts) gives them, for a label: null (no schedule: the switch
 * alone decides) stays null; "" is a day without hours.
 */
export function describeToday(todaysHours: string | null, openNow = false): string | null {
  if (todaysHours === null) return null;
  // Open on a day without hours of its own: last night's hours run past midnight (18:00–02:00). "Closed today"
  // beside "Open" would contradict the badge.
  if (todaysHours === "") return openNow ? "No more hours today" : "Closed today";
  if (todaysHours === "00:00–24:00") return "Open 24 hours today";
  return `Today ${todaysHours}`;
}

/**
 * Whether a restaurant takes orders now, for the staff: open as customers see it (the switch and the hours), or
 * which of the two closes it. The switch alone said "Open" out of hours while customers saw "Closed".
 */
export const openState = ({ isOpen, openNow }: { isOpen: boolean; openNow: boolean }) =>
  openNow ? "Open" : isOpen ? "Closed (outside its hours)" : "Closed (switched off)";
