import { APP_TIME_ZONE } from "@/lib/dates";

// en-CA writes a date as YYYY-MM-DD, the form of <input type="date"> and of the export's range.
const isoDay = new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: APP_TIME_ZONE });

/** The calendar day containing `date` in APP_TIME_ZONE, as YYYY-MM-DD: what the exports' date ranges mean by a day. */
export const appDay = (date: Date) => isoDay.format(date);
