/**
 * Opening times for people, in the restaurant's own zone (its hours are kept there), with Intl: the SQL of
 * lib/restaurants/hours.ts decides whether and when a restaurant opens, this only writes it down.
 */
const formats = new Map<string, Intl.DateTimeFormat>();
function weekdayTime(timeZone: string) {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { weekday: "short", hour: "numeric", minute: "2-digit", timeZone });
    formats.set(timeZone, format);
  }
  return format;
}

/** "Mon 9:00 AM": the weekday and wall-clock time of `instant` in `timeZone`. */
export const formatOpening = (instant: Date, timeZone: string) => weekdayTime(timeZone).format(instant);

/** "(Europe/London time)" when the restaurant's zone is not the one the viewer's times are shown in; else "". */
export const zoneNote = (restaurantZone: string, viewerZone: string | null) =>
  restaurantZone === viewerZone ? "" : ` (${restaurantZone} time)`;

/**
 * Today's hours as todaysHours (lib/restaurants/hours.ts) gives them, for a label: null (no schedule: the switch
 * alone decides) stays null; "" is a day without hours.
 */
export function describeToday(todaysHours: string | null): string | null {
  if (todaysHours === null) return null;
  if (todaysHours === "") return "Closed today";
  if (todaysHours === "00:00–24:00") return "Open 24 hours today";
  return `Today ${todaysHours}`;
}
