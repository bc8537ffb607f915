import { formatDate, formatDateTime } from "@/lib/dates";
import { viewerTimeZone } from "@/lib/time-zone";

type TimeProps = { date: Date; dateOnly?: boolean };

/**
 * An instant in a given time zone, with the zone said: lists pass the viewer's zone, read once for all rows; the
 * owner's pages pass the restaurant's (decision 0013).
 */
export function Time({ date, zone, dateOnly = false }: TimeProps & { zone: string }) {
  return <time dateTime={date.toISOString()}>{dateOnly ? formatDate(date, zone) : formatDateTime(date, zone)}</time>;
}

/**
 * An instant in the viewer's time zone, rendered on the server (no flash, nothing to hydrate) from the zone the
 * browser put in a cookie; in UTC, and said so, until it has.
 */
export async function LocalTime(props: TimeProps) {
  return <Time {...props} zone={await viewerTimeZone()} />;
}
