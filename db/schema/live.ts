import { bigint, index, integer, pgTable, timestamp } from "drizzle-orm/pg-core";

import { orderStatus } from "./orders";

/**
 * The durable log behind the live order streams (decision 0015): one row per order placed and per status change,
 * written by a trigger on orders in the same transaction as the change, which also sends the row as a NOTIFY on
 * `platter_order_events`. A stream that reconnects replays the rows after its Last-Event-ID from here. The ids
 * increase in commit order within a restaurant (the trigger serialises a restaurant's writers), so "after id N"
 * never skips an event of one restaurant or one order. Old rows are pruned (db/notifications.ts); no foreign keys,
 * so that the log costs the order write one narrow insert.
 */
export const orderEvents = pgTable(
  "order_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: integer("order_id").notNull(),
    restaurantId: integer("restaurant_id").notNull(),
    customerId: integer("customer_id").notNull(),
    status: orderStatus("status").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    // Replay for an owner's queue (one restaurant) and for a tracking page (one order): a range scan each.
    index("order_events_restaurant_idx").on(t.restaurantId, t.id),
    index("order_events_order_idx").on(t.orderId, t.id),
    index("order_events_created_idx").on(t.createdAt),
  ],
);

export type OrderEvent = typeof orderEvents.$inferSelect;
