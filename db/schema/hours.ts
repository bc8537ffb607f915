import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, primaryKey, smallint, time } from "drizzle-orm/pg-core";

import { restaurants } from "./restaurants";

/**
 * A restaurant's weekly schedule, in its own time zone (restaurants.time_zone): one row per interval. `weekday` is
 * PostgreSQL's `extract(dow)`, 0 = Sunday. An interval whose end is not after its start runs past midnight
 * (18:00–02:00 belongs to the day it starts on); 24:00 ends at midnight. A restaurant with no rows keeps no
 * schedule: it is open whenever its switch is (docs/decisions/0018-opening-hours.md).
 */
export const restaurantHours = pgTable(
  "restaurant_hours",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    restaurantId: integer("restaurant_id")
      .notNull()
      .references(() => restaurants.id, { onDelete: "cascade" }),
    weekday: smallint("weekday").notNull(),
    opensAt: time("opens_at").notNull(),
    closesAt: time("closes_at").notNull(),
  },
  (t) => [
    index("restaurant_hours_restaurant_idx").on(t.restaurantId, t.weekday),
    check("restaurant_hours_weekday", sql`${t.weekday} between 0 and 6`),
    check("restaurant_hours_not_empty", sql`${t.opensAt} <> ${t.closesAt}`),
    check("restaurant_hours_opens_before_midnight", sql`${t.opensAt} < time '24:00'`),
  ],
);

/** Dates (in the restaurant's zone) on which none of its intervals start: holidays, closures. */
export const restaurantClosedDays = pgTable(
  "restaurant_closed_days",
  {
    restaurantId: integer("restaurant_id")
      .notNull()
      .references(() => restaurants.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
  },
  (t) => [primaryKey({ columns: [t.restaurantId, t.day] })],
);

export type RestaurantHoursRow = typeof restaurantHours.$inferSelect;
