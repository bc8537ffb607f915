/**
 * The demo restaurants' zones and opening hours (weekday: 0 = Sunday, as restaurant_hours stores it). The three
 * the browser tests order from (Trattoria Luce, Sakura House, Taquería Sol) keep every hour open, so that those
 * tests pass at any time of day; the others show ordinary schedules, late nights and a holiday.
 */
type Week = readonly (readonly [weekdays: readonly number[], opens: string, closes: string])[];
export type DemoHours = { timeZone: string; week: Week; closedDays?: readonly string[] };

const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6] as const;
const AROUND_THE_CLOCK: Week = [[EVERY_DAY, "00:00", "24:00"]];

export const DEMO_HOURS: Record<string, DemoHours> = {
  "trattoria-luce": { timeZone: "Europe/Rome", week: AROUND_THE_CLOCK },
  "sakura-house": { timeZone: "Asia/Tokyo", week: AROUND_THE_CLOCK },
  "taqueria-sol": { timeZone: "America/Mexico_City", week: AROUND_THE_CLOCK },
  "le-petit-four": { timeZone: "Europe/Paris", week: [[[2, 3, 4, 5, 6], "07:30", "19:00"]] },
  "spice-route": {
    timeZone: "Europe/London",
    week: [
      [[1, 2, 3, 4, 5, 6], "12:00", "14:30"],
      [[1, 2, 3, 4, 5, 6], "17:30", "23:00"],
    ],
    closedDays: ["2026-12-25", "2026-12-26"],
  },
  "green-bowl": { timeZone: "America/Los_Angeles", week: [[[1, 2, 3, 4, 5], "08:00", "20:00"]] },
  "burger-barn": {
    timeZone: "America/New_York",
    week: [
      [[0, 1, 2, 3, 4], "11:00", "23:00"],
      [[5, 6], "11:00", "02:00"],
    ],
  },
  "pho-saigon": { timeZone: "Asia/Ho_Chi_Minh", week: [[EVERY_DAY, "06:00", "22:00"]] },
  "athena-grill": { timeZone: "Europe/Athens", week: [[[2, 3, 4, 5, 6, 0], "12:00", "23:30"]] },
  "seoul-kitchen": { timeZone: "Asia/Seoul", week: [[EVERY_DAY, "17:00", "03:00"]] },
};

/** The rows restaurant_hours gets for one demo restaurant. */
export const demoHourRows = (restaurantId: number, hours: DemoHours | undefined) =>
  (hours?.week ?? []).flatMap(([weekdays, opensAt, closesAt]) =>
    weekdays.map((weekday) => ({ restaurantId, weekday, opensAt, closesAt })),
  );
