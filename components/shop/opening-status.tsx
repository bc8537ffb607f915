import { openingLine, zoneNote, type OpeningFacts } from "@/lib/restaurants/hours-format";
import { viewerTimeZone } from "@/lib/time-zone";

export type { OpeningFacts };

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
 * The restaurant's opening line (openingLine), in its own zone, which is named when it is not the one the viewer's
 * times are shown in. Nothing for a restaurant without a schedule that is open.
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
  const line = openingLine(r, { relative: r.timeZone === viewerZone });
  if (line === null) return null;
  return (
    <p className={`text-stone-600 ${className}`} data-testid="opening-hours">
      {line}
      {zoneNote(r.timeZone, viewerZone)}
    </p>
  );
}
