import { sql } from "drizzle-orm";
import { boolean, check, foreignKey, index, integer, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";

import { restaurants } from "./restaurants";
import { createdAt, updatedAt } from "./users";

/** Upper bound for one item's price: 100,000.00. Keeps 99 x price x 50 lines inside a 32-bit order total. */
export const MAX_PRICE_CENTS = 10_000_000;

export const menuCategories = pgTable(
  "menu_categories",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    restaurantId: integer("restaurant_id")
      .notNull()
      .references(() => restaurants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    position: integer("position").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    index("menu_categories_restaurant_position_idx").on(t.restaurantId, t.position),
    // Lets menu_items prove that its category belongs to the same restaurant.
    unique("menu_categories_id_restaurant_key").on(t.id, t.restaurantId),
    check("menu_categories_name_length", sql`char_length(${t.name}) between 1 and 80`),
    check("menu_categories_position_range", sql`${t.position} >= 0`),
  ],
);

export const menuItems = pgTable(
  "menu_items",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    restaurantId: integer("restaurant_id").notNull(),
    categoryId: integer("category_id").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    priceCents: integer("price_cents").notNull(),
    available: boolean("available").notNull().default(true),
    position: integer("position").notNull().default(0),
    deletedAt: timestamp("deleted_at", { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // No action (checked at statement end) so that deleting a restaurant cascades through both tables;
    // a category alone cannot be dropped while items point at it (items are soft-deleted instead).
    foreignKey({
      name: "menu_items_category_fk",
      columns: [t.categoryId, t.restaurantId],
      foreignColumns: [menuCategories.id, menuCategories.restaurantId],
    }).onDelete("no action"),
    foreignKey({
      name: "menu_items_restaurant_fk",
      columns: [t.restaurantId],
      foreignColumns: [restaurants.id],
    }).onDelete("cascade"),
    index("menu_items_restaurant_id_idx").on(t.restaurantId),
    index("menu_items_category_position_idx").on(t.categoryId, t.restaurantId, t.position),
    check("menu_items_price_range", sql`${t.priceCents} between 0 and ${sql.raw(String(MAX_PRICE_CENTS))}`),
    check("menu_items_name_length", sql`char_length(${t.name}) between 1 and 120`),
    check("menu_items_description_length", sql`char_length(${t.description}) <= 1000`),
    check("menu_items_position_range", sql`${t.position} >= 0`),
  ],
);

export type MenuItem = typeof menuItems.$inferSelect;
export type MenuCategory = typeof menuCategories.$inferSelect;
