import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";

import { restaurants } from "./restaurants";
import { createdAt, updatedAt } from "./users";

/** Upper bound for one item's price: 100,000.00. An order's total has its own bound (MAX_ORDER_TOTAL_CENTS). */
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
    // Two sections of one name on a menu (ignoring case) could not be told apart, by customers or in the editor.
    uniqueIndex("menu_categories_restaurant_name_key").on(t.restaurantId, sql`lower(${t.name})`),
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
    /** Null only for a deleted item whose category was deleted after it (decision 0004). */
    categoryId: integer("category_id"),
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
    check("menu_items_live_in_category", sql`${t.categoryId} is not null or ${t.deletedAt} is not null`),
  ],
);

export type MenuItem = typeof menuItems.$inferSelect;
export type MenuCategory = typeof menuCategories.$inferSelect;

/** Bounds that keep one item's options a short form, and one line's price inside an integer. */
export const MAX_OPTION_GROUPS_PER_ITEM = 10;
export const MAX_CHOICES_PER_GROUP = 20;
/** Upper bound for one choice's extra price: 1,000.00 (a unit with every choice, 300,000.00, stays inside int4). */
export const MAX_OPTION_DELTA_CENTS = 100_000;

/** MAX_CHOICES_PER_GROUP as a literal in the check's text: a constraint cannot take a parameter. */
const maxChoicesInCheck = sql.raw(String(MAX_CHOICES_PER_GROUP));

/**
 * A question an owner asks about an item ("Size", "Extras"): how many of its choices a customer picks, from
 * `minChoices` to `maxChoices` (`required` means at least one). Soft-deleted like items: a cart line may still
 * name its choices, and checkout must be able to say which one went away.
 */
export const menuOptionGroups = pgTable(
  "menu_option_groups",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    menuItemId: integer("menu_item_id")
      .notNull()
      .references(() => menuItems.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    required: boolean("required").notNull().default(false),
    minChoices: integer("min_choices").notNull().default(0),
    maxChoices: integer("max_choices").notNull().default(1),
    position: integer("position").notNull().default(0),
    deletedAt: timestamp("deleted_at", { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    index("menu_option_groups_item_position_idx").on(t.menuItemId, t.position),
    // Customers could not tell two live "Size" groups of one dish apart. The app checks first and says so; this
    // holds when two saves rename two groups to one name at once, which no check made before the write can see.
    uniqueIndex("menu_option_groups_item_name_key")
      .on(t.menuItemId, sql`lower(${t.name})`)
      .where(sql`${t.deletedAt} is null`),
    check("menu_option_groups_name_length", sql`char_length(${t.name}) between 1 and 60`),
    check(
      "menu_option_groups_choice_range",
      sql`${t.minChoices} >= 0 and ${t.maxChoices} between 1 and ${maxChoicesInCheck} and ${t.minChoices} <= ${t.maxChoices}`,
    ),
    check("menu_option_groups_required_min", sql`not ${t.required} or ${t.minChoices} >= 1`),
  ],
);

/**
 * One answer to a group ("Large", +200 cents). Soft-deleted, for the same reason as its group. `available` is the
 * owner's "sold out" switch, as on items: the choice stays on the menu, greyed out, and cannot be ordered meanwhile.
 */
export const menuOptionChoices = pgTable(
  "menu_option_choices",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    groupId: integer("group_id")
      .notNull()
      .references(() => menuOptionGroups.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    priceDeltaCents: integer("price_delta_cents").notNull().default(0),
    available: boolean("available").notNull().default(true),
    position: integer("position").notNull().default(0),
    deletedAt: timestamp("deleted_at", { withTimezone: true, precision: 3 }),
    createdAt: createdAt(),
  },
  (t) => [
    index("menu_option_choices_group_position_idx").on(t.groupId, t.position),
    check("menu_option_choices_name_length", sql`char_length(${t.name}) between 1 and 60`),
    check(
      "menu_option_choices_delta_range",
      sql`${t.priceDeltaCents} between 0 and ${sql.raw(String(MAX_OPTION_DELTA_CENTS))}`,
    ),
  ],
);

export type MenuOptionGroup = typeof menuOptionGroups.$inferSelect;
export type MenuOptionChoice = typeof menuOptionChoices.$inferSelect;
