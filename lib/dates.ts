// One time zone for the whole app until users can pick theirs: server and tests agree on what "today" is.
export const APP_TIME_ZONE = "UTC";

const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: APP_TIME_ZONE });
const dateOnly = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: APP_TIME_ZONE });

export const formatDateTime = (date: Date) => dateTime.format(date);
export const formatDate = (date: Date) => dateOnly.format(date);
