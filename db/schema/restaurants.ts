import { sql } from "drizzle-orm";
import { boolean, check, integer, pgTable, text } from "drizzle-orm/pg-core";

import { createdAt, updatedAt } from "./users";

export const restaurants = pgTable(
  "restaurants",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    cuisine: text("cuisine").notNull(),
    address: text("address").notNull(),
    isOpen: boolean("is_open").notNull().default(true),
    /** IANA zone its opening hours are kept in (db/schema/hours.ts); validated against Intl and pg_timezone_names. */
    timeZone: text("time_zone").notNull().default("UTC"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("restaurants_slug_shape", sql`char_length(${t.slug}) <= 64 and ${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check("restaurants_name_length", sql`char_length(${t.name}) between 1 and 120`),
    check("restaurants_description_length", sql`char_length(${t.description}) <= 2000`),
    check("restaurants_cuisine_length", sql`char_length(${t.cuisine}) between 1 and 60`),
    check("restaurants_address_length", sql`char_length(${t.address}) between 1 and 300`),
    check("restaurants_time_zone_length", sql`char_length(${t.timeZone}) between 1 and 64`),
  ],
);

export type Restaurant = typeof restaurants.$inferSelect;
