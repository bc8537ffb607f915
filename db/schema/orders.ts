import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";

import { menuItems, menuOptionChoices } from "./menus";
import { profiles } from "./profiles";
import { restaurants } from "./restaurants";

export const orderStatus = pgEnum("order_status", ["placed", "preparing", "ready", "completed", "cancelled"]);
export type OrderStatus = (typeof orderStatus.enumValues)[number];

/**
 * Orders still on their way: the owner's queue and open counts, the customer's order page (which refreshes while
 * one is open), and the seeds' recent orders. orders_open_queue_idx below writes the same list out, as DDL must.
 */
export const OPEN_STATUSES = ["placed", "preparing", "ready"] as const satisfies readonly OrderStatus[];

export const MAX_LINE_QUANTITY = 99;

export const fulfilment = pgEnum("fulfilment", ["pickup", "delivery"]);
export type Fulfilment = (typeof fulfilment.enumValues)[number];

export const MAX_ORDER_NOTE_LENGTH = 500;
export const MAX_ADDRESS_LENGTH = 300;

/**
 * An order's stored total: the sum of its lines, quantity x snapshotted unit price. Whatever writes an order
 * (checkout, seeds, fixtures) derives `total_cents` through this, so the reconciliation has nothing to find.
 * Exact in JavaScript: a cart's lines are bounded (50 x 99 x MAX_PRICE_CENTS < 2^53).
 */
export const linesTotalCents = (lines: readonly { quantity: number; unitPriceCents: number }[]) =>
  lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);

/**
 * The total purchase of an order: its lines plus its snapshotted delivery fee (decision 0019). What every writer
 * stores in `total_cents`; the deferred trigger `orders_total_equals_lines` refuses anything else at commit.
 */
export const orderTotalCents = (
  lines: readonly { quantity: number; unitPriceCents: number }[],
  deliveryFeeCents: number,
) => linesTotalCents(lines) + deliveryFeeCents;

/**
 * The most one order may come to: 1,000,000.00. total_cents is an int4 (up to 21,474,836.47), and a cart is not
 * otherwise bounded so low (50 lines of 99 units of 100,000.00 plus options), so checkout refuses a larger total
 * with a reason (lib/orders/review.ts) instead of failing at the insert. Sums of totals are bigint everywhere.
 */
export const MAX_ORDER_TOTAL_CENTS = 100_000_000;

export const orders = pgTable(
  "orders",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    // Exactly one customer per order, so an order can never count in two users' totals.
    customerId: integer("customer_id")
      .notNull()
      .references(() => profiles.id, { onDelete: "restrict" }),
    restaurantId: integer("restaurant_id")
      .notNull()
      .references(() => restaurants.id, { onDelete: "restrict" }),
    status: orderStatus("status").notNull().default("placed"),
    // Lines + delivery fee: what the customer paid (decision 0019). At most MAX_ORDER_TOTAL_CENTS.
    totalCents: integer("total_cents").notNull(),
    // Snapshots of how the order is handed over, taken from the restaurant and the customer's saved address at
    // checkout: editing either later leaves the order as it was placed.
    fulfilment: fulfilment("fulfilment").notNull().default("pickup"),
    deliveryFeeCents: integer("delivery_fee_cents").notNull().default(0),
    deliveryAddress: text("delivery_address"),
    note: text("note").notNull().default(""),
    idempotencyKey: text("idempotency_key").notNull(),
    // Millisecond precision so that a (placed_at, id) keyset cursor survives a round trip through a JS Date.
    placedAt: timestamp("placed_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    unique("orders_customer_idempotency_key").on(t.customerId, t.idempotencyKey),
    // Ascending on purpose: Drizzle's .desc() means DESC NULLS LAST, which cannot serve the pages'
    // `order by placed_at desc, id desc` (NULLS FIRST); an ascending index read backwards can.
    index("orders_customer_placed_idx").on(t.customerId, t.placedAt, t.id),
    // The history filtered by restaurant, and the restaurants a customer has ordered from.
    index("orders_customer_restaurant_placed_idx").on(t.customerId, t.restaurantId, t.placedAt, t.id),
    // A restaurant's orders newest first, keyset on (placed_at, id): the owner's past orders (and the id makes the
    // keyset's tie-break an index condition rather than a sort).
    index("orders_restaurant_placed_idx").on(t.restaurantId, t.placedAt, t.id),
    // The same list filtered by one status ("cancelled", "completed"): O(page) however rare or common the status.
    index("orders_restaurant_status_placed_idx").on(t.restaurantId, t.status, t.placedAt, t.id),
    // Date-range reads across all customers (the admin's orders export pages through it by (placed_at, id)).
    index("orders_placed_idx").on(t.placedAt, t.id),
    // The owners' queue: a restaurant's open orders, oldest first.
    index("orders_open_queue_idx")
      .on(t.restaurantId, t.placedAt, t.id)
      .where(sql`${t.status} in ('placed', 'preparing', 'ready')`),
    // Cancelled orders, 1 in 20: without these, a page of them for one customer (the admin's orders, filtered by
    // customer), for one customer at one restaurant (the owner's past orders, searched by name), or for everyone
    // reads past the other 19 in 20, and a whale's whole history when she cancels little. Partial, so each is a
    // twentieth of a full index. Open orders have orders_open_queue_idx; completed ones are most of any history.
    index("orders_customer_cancelled_idx")
      .on(t.customerId, t.placedAt, t.id)
      .where(sql`${t.status} = 'cancelled'`),
    index("orders_customer_restaurant_cancelled_idx")
      .on(t.customerId, t.restaurantId, t.placedAt, t.id)
      .where(sql`${t.status} = 'cancelled'`),
    index("orders_cancelled_idx")
      .on(t.placedAt, t.id)
      .where(sql`${t.status} = 'cancelled'`),
    check("orders_total_nonnegative", sql`${t.totalCents} >= 0`),
    check("orders_idempotency_key_length", sql`char_length(${t.idempotencyKey}) between 8 and 100`),
    check("orders_delivery_fee_nonnegative", sql`${t.deliveryFeeCents} >= 0`),
    // A delivery has an address and a pickup has neither an address nor a fee.
    check(
      "orders_fulfilment_shape",
      sql`case when ${t.fulfilment} = 'delivery' then ${t.deliveryAddress} is not null
          else ${t.deliveryAddress} is null and ${t.deliveryFeeCents} = 0 end`,
    ),
    check(
      "orders_delivery_address_length",
      sql`${t.deliveryAddress} is null or char_length(${t.deliveryAddress}) between 1 and ${sql.raw(String(MAX_ADDRESS_LENGTH))}`,
    ),
    check("orders_note_length", sql`char_length(${t.note}) <= ${sql.raw(String(MAX_ORDER_NOTE_LENGTH))}`),
    // placed_at picks the order's rollup days; 'infinity' has no day (the item-name lookup of migration 0018
    // cannot bound its search by it). The app always writes now(); this keeps a hand-written row honest too.
    check("orders_placed_at_finite", sql`isfinite(${t.placedAt})`),
  ],
);

export const orderLines = pgTable(
  "order_lines",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    // Nullable and SET NULL: the snapshot below is the record; the link is only a convenience for reorders.
    menuItemId: integer("menu_item_id").references(() => menuItems.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    unitPriceCents: integer("unit_price_cents").notNull(),
    quantity: integer("quantity").notNull(),
    /**
     * The item's own price when ordered, before options: unit_price_cents = base_price_cents + the line's option
     * deltas, which the reconciliation proves. Null on lines written before options existed (and by bulk loads
     * without options): their base is their unit price.
     */
    basePriceCents: integer("base_price_cents"),
    /** The customer's note for the kitchen, as typed (lib/cart/schema.ts bounds it). */
    instructions: text("instructions").notNull().default(""),
  },
  (t) => [
    index("order_lines_order_id_idx").on(t.orderId),
    index("order_lines_menu_item_id_idx").on(t.menuItemId),
    check("order_lines_quantity_range", sql`${t.quantity} between 1 and ${sql.raw(String(MAX_LINE_QUANTITY))}`),
    check("order_lines_unit_price_nonnegative", sql`${t.unitPriceCents} >= 0`),
    check("order_lines_name_length", sql`char_length(${t.name}) between 1 and 120`),
    check(
      "order_lines_base_price_range",
      sql`${t.basePriceCents} is null or ${t.basePriceCents} between 0 and ${t.unitPriceCents}`,
    ),
    check("order_lines_instructions_length", sql`char_length(${t.instructions}) <= 200`),
  ],
);

/**
 * The options a line was ordered with, snapshotted like its name and price: later menu edits change nothing here.
 * `choice_id` only lets a reorder find the same choice again (set null if it is ever hard-deleted).
 */
export const orderLineOptions = pgTable(
  "order_line_options",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    orderLineId: integer("order_line_id")
      .notNull()
      .references(() => orderLines.id, { onDelete: "cascade" }),
    choiceId: integer("choice_id").references(() => menuOptionChoices.id, { onDelete: "set null" }),
    groupName: text("group_name").notNull(),
    choiceName: text("choice_name").notNull(),
    priceDeltaCents: integer("price_delta_cents").notNull(),
  },
  (t) => [
    index("order_line_options_line_idx").on(t.orderLineId),
    index("order_line_options_choice_idx").on(t.choiceId),
    check("order_line_options_delta_nonnegative", sql`${t.priceDeltaCents} >= 0`),
    check(
      "order_line_options_names_length",
      sql`char_length(${t.groupName}) between 1 and 60 and char_length(${t.choiceName}) between 1 and 60`,
    ),
  ],
);

export const orderStatusEvents = pgTable(
  "order_status_events",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    fromStatus: orderStatus("from_status"),
    toStatus: orderStatus("to_status").notNull(),
    actorProfileId: integer("actor_profile_id").references(() => profiles.id, { onDelete: "set null" }),
    reason: text("reason"),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    index("order_status_events_order_id_idx").on(t.orderId, t.createdAt),
    index("order_status_events_actor_idx").on(t.actorProfileId),
    check("order_status_events_reason_length", sql`${t.reason} is null or char_length(${t.reason}) <= 500`),
  ],
);

export type Order = typeof orders.$inferSelect;
export type OrderLine = typeof orderLines.$inferSelect;
export type OrderLineOption = typeof orderLineOptions.$inferSelect;
