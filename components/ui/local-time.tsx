import { formatDate, formatDateTime } from "@/lib/dates";
import { viewerTimeZone } from "@/lib/time-zone";

/**
 * An instant in the viewer's time zone, rendered on the server (no flash, nothing to hydrate) from the zone the
 * browser put in a cookie; in UTC, and said so, until it has.
 */
export async function LocalTime({ date, dateOnly = false }: { date: Date; dateOnly?: boolean }) {
  const zone = await viewerTimeZone();
  return (
    <time dateTime={date.toISOString()} data-time-zone={zone}>
      {dateOnly ? formatDate(date, zone) : formatDateTime(date, zone)}
    </time>
  );
}
