import { sql } from "drizzle-orm";
import { bigint, date, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

import { profiles } from "./profiles";
import { restaurants } from "./restaurants";

/*
 * Rollups: running totals kept by database triggers (migration 0004, docs/decisions/0006-rollups.md) so that a
 * page reads a handful of rows instead of summing a history. Order lines stay the source of truth: the triggers
 * apply each statement's delta in the same transaction, direct writes to these tables are refused, and
 * `platter_rollup_drift()` / `npm run db:reconcile` compare every row with a fresh sum of the lines.
 *
 * Money counts non-cancelled orders only, as every total in the app does (lib/orders/totals.ts). A day is the
 * calendar day of `placed_at` in the app's time zone (`platter_app_day`, lib/dates.ts).
 */

// mode "bigint": exact through both drivers; pages convert with centsFromDb, which refuses what a number cannot hold.
const cents = (name: string) =>
  bigint(name, { mode: "bigint" })
    .notNull()
    .default(sql`0`);
const count = (name: string) => integer(name).notNull().default(0);

/** One row per profile (created with it): total purchase, order count, cancelled count. */
export const customerTotals = pgTable(
  "customer_totals",
  {
    customerId: integer("customer_id")
      .primaryKey()
      .references(() => profiles.id, { onDelete: "cascade" }),
    orderCount: count("order_count"),
    cancelledCount: count("cancelled_count"),
    totalCents: cents("total_cents"),
  },
  // Admin users sorted by total: read backwards, (total desc, id desc) is this index's order.
  (t) => [index("customer_totals_total_idx").on(t.totalCents, t.customerId)],
);

/** A customer's orders per day: the history's date filters. */
export const customerDayTotals = pgTable(
  "customer_day_totals",
  {
    customerId: integer("customer_id")
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    orderCount: count("order_count"),
    totalCents: cents("total_cents"),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.day] })],
);

/** A customer's orders per restaurant and day: the history's restaurant filter, with or without dates. */
export const customerRestaurantDayTotals = pgTable(
  "customer_restaurant_day_totals",
  {
    customerId: integer("customer_id")
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    restaurantId: integer("restaurant_id")
      .notNull()
      .references(() => restaurants.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    orderCount: count("order_count"),
    totalCents: cents("total_cents"),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.restaurantId, t.day] })],
);

/** A restaurant's orders per day: owner dashboard and sales, admin revenue. */
export const restaurantDayTotals = pgTable(
  "restaurant_day_totals",
  {
    restaurantId: integer("restaurant_id")
      .notNull()
      .references(() => restaurants.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    orderCount: count("order_count"),
    totalCents: cents("total_cents"),
  },
  (t) => [primaryKey({ columns: [t.restaurantId, t.day] }), index("restaurant_day_totals_day_idx").on(t.day)],
);

/**
 * A restaurant's items sold per day: the sales page's top items. `itemKey` is the menu item, or for a line whose
 * item was deleted, its name snapshot (lib/owner/sales.ts). `name` is the name of the latest counted line under that
 * key that day (migration 0018), checked by the reconciliation like the sums.
 */
export const restaurantItemDayTotals = pgTable(
  "restaurant_item_day_totals",
  {
    restaurantId: integer("restaurant_id")
      .notNull()
      .references(() => restaurants.id, { onDelete: "cascade" }),
    day: date("day").notNull(),
    itemKey: text("item_key").notNull(),
    name: text("name").notNull(),
    quantity: bigint("quantity", { mode: "bigint" })
      .notNull()
      .default(sql`0`),
    totalCents: cents("total_cents"),
  },
  (t) => [primaryKey({ columns: [t.restaurantId, t.day, t.itemKey] })],
);

/**
 * Who has ordered from each restaurant (any order, cancelled ones too), with the customer's name as search compares
 * it (platter_search_text(profiles.display_name), migration 0025): the owner's past-orders name search reads the
 * restaurant's own customers here, in customer order, instead of matching every profile of the platform and
 * probing each one's orders. Kept by triggers like the sums above, and reconciled like them.
 */
export const restaurantCustomers = pgTable(
  "restaurant_customers",
  {
    restaurantId: integer("restaurant_id")
      .notNull()
      .references(() => restaurants.id, { onDelete: "cascade" }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    searchName: text("search_name").notNull(),
  },
  // The primary key serves the search, one restaurant's customers in id order; migration 0025 makes it INCLUDE
  // search_name (Drizzle cannot say so), so the search never reads the table. The index serves a rename's update.
  (t) => [
    primaryKey({ columns: [t.restaurantId, t.customerId] }),
    index("restaurant_customers_customer_idx").on(t.customerId),
  ],
);
