import { describeToday, formatOpening, restaurantToday, zoneNote } from "@/lib/restaurants/hours-format";
import { viewerTimeZone } from "@/lib/time-zone";

export type OpeningFacts = {
  openNow: boolean;
  opensAt: Date | null;
  todaysHours: string | null;
  timeZone: string;
};

/** Open or closed: the switch and the hours, as SQL decided (lib/restaurants/hours.ts). */
export function OpenBadge({
  openNow,
  label = "Open",
  className = "",
}: {
  openNow: boolean;
  label?: string;
  className?: string;
}) {
  return (
    <span className={`font-medium ${openNow ? "text-emerald-700" : "text-stone-600"} ${className}`}>
      {openNow ? label : "Closed"}
    </span>
  );
}

/**
 * Today's hours and, while closed, the next opening, in the restaurant's own zone, which is named when it is not
 * the one the viewer's times are shown in. Nothing for a restaurant without a schedule that is open.
 */
export async function OpeningHours({
  restaurant: r,
  className = "",
}: {
  restaurant: OpeningFacts;
  className?: string;
}) {
  // "Today" and "tomorrow" only where the viewer's day is the restaurant's: elsewhere, the weekday.
  const viewerZone = await viewerTimeZone();
  const relative = r.timeZone === viewerZone;
  const note = zoneNote(r.timeZone, viewerZone);
  const parts = [
    describeToday(r.todaysHours, r.openNow, restaurantToday(r.timeZone, { relative })),
    !r.openNow && r.opensAt ? `Opens ${formatOpening(r.opensAt, r.timeZone, { relative })}` : null,
  ].filter(Boolean);
  if (parts.length === 0) return null;
  return (
    <p className={`text-stone-600 ${className}`} data-testid="opening-hours">
      {parts.join(" · ")}
      {note}
    </p>
  );
}
