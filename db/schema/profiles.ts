import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

import { restaurants } from "./restaurants";
import { createdAt, updatedAt, users } from "./users";

export const profiles = pgTable(
  "profiles",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    userId: text("user_id")
      .notNull()
      .unique()
      .references(() => users.id, { onDelete: "cascade" }),
    slug: text("slug").notNull().unique(),
    displayName: text("display_name").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("profiles_slug_shape", sql`char_length(${t.slug}) <= 64 and ${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check("profiles_display_name_length", sql`char_length(${t.displayName}) between 1 and 80`),
    // The admin's users table sorted by name.
    index("profiles_lower_name_idx").on(sql`lower(${t.displayName})`, t.id),
  ],
);

export const restaurantOwners = pgTable(
  "restaurant_owners",
  {
    profileId: integer("profile_id")
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    restaurantId: integer("restaurant_id")
      .notNull()
      .references(() => restaurants.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.restaurantId] }),
    index("restaurant_owners_restaurant_id_idx").on(t.restaurantId),
  ],
);

export const favorites = pgTable(
  "favorites",
  {
    profileId: integer("profile_id")
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    restaurantId: integer("restaurant_id")
      .notNull()
      .references(() => restaurants.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.restaurantId] }),
    index("favorites_restaurant_id_idx").on(t.restaurantId),
    // Ascending, read backwards: see orders_customer_placed_idx.
    index("favorites_profile_created_idx").on(t.profileId, t.createdAt, t.restaurantId),
  ],
);

export type Profile = typeof profiles.$inferSelect;
