import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";

import { menuItems } from "./menus";
import { profiles } from "./profiles";
import { restaurants } from "./restaurants";
import { createdAt, updatedAt } from "./users";

/**
 * One cart per signed-in profile (profile_id unique), or an anonymous one found through an httpOnly cookie
 * holding its id (profile_id null) until its visitor signs in and adopts it. One restaurant per cart.
 * Carts hold ids and quantities only: prices are read from the menu whenever the cart is shown or checked out.
 */
export const carts = pgTable(
  "carts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    profileId: integer("profile_id")
      .unique()
      .references(() => profiles.id, { onDelete: "cascade" }),
    restaurantId: integer("restaurant_id")
      .notNull()
      .references(() => restaurants.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("carts_restaurant_id_idx").on(t.restaurantId), index("carts_updated_at_idx").on(t.updatedAt)],
);

export const MAX_CART_LINES = 50;
/** A note for the kitchen on one cart or order line ("no onions"). */
export const MAX_INSTRUCTIONS_LENGTH = 200;

/**
 * A cart line is an item with a set of choices and a note: the same item with other choices (or another note) is
 * another line, and the same item, choices and note add up. `choice_ids` is the sorted, distinct set of chosen
 * menu_option_choices ids (no foreign key for an array: checkout re-checks every id against the current menu).
 */
export const cartItems = pgTable(
  "cart_items",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    cartId: uuid("cart_id")
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    menuItemId: integer("menu_item_id")
      .notNull()
      .references(() => menuItems.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
    choiceIds: integer("choice_ids")
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    instructions: text("instructions").notNull().default(""),
    addedAt: timestamp("added_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique("cart_items_line_key").on(t.cartId, t.menuItemId, t.choiceIds, t.instructions),
    index("cart_items_menu_item_id_idx").on(t.menuItemId),
    check("cart_items_quantity_range", sql`${t.quantity} between 1 and 99`),
    check(
      "cart_items_instructions_length",
      sql`char_length(${t.instructions}) <= ${sql.raw(String(MAX_INSTRUCTIONS_LENGTH))}`,
    ),
    check("cart_items_choice_count", sql`cardinality(${t.choiceIds}) <= 200`),
  ],
);
