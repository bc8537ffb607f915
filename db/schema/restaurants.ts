import { sql } from "drizzle-orm";
import { boolean, check, integer, pgTable, text } from "drizzle-orm/pg-core";

import { createdAt, updatedAt } from "./users";

/** $500 and $10,000: far above any real fee or minimum, and far below what a sum of them could overflow. */
export const MAX_DELIVERY_FEE_CENTS = 50_000;
export const MAX_MIN_ORDER_CENTS = 1_000_000;

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
    // What the restaurant offers (at least one), and what a delivery costs: read inside checkout's transaction
    // and snapshotted onto the order, so a later change never alters a past order (decision 0019).
    offersPickup: boolean("offers_pickup").notNull().default(true),
    offersDelivery: boolean("offers_delivery").notNull().default(false),
    deliveryFeeCents: integer("delivery_fee_cents").notNull().default(0),
    // On the lines' subtotal, fees excluded: the restaurant's own takings.
    minOrderCents: integer("min_order_cents").notNull().default(0),
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
    check("restaurants_offers_something", sql`${t.offersPickup} or ${t.offersDelivery}`),
    check(
      "restaurants_delivery_fee_range",
      sql`${t.deliveryFeeCents} between 0 and ${sql.raw(String(MAX_DELIVERY_FEE_CENTS))}`,
    ),
    check("restaurants_min_order_range", sql`${t.minOrderCents} between 0 and ${sql.raw(String(MAX_MIN_ORDER_CENTS))}`),
    check("restaurants_time_zone_length", sql`char_length(${t.timeZone}) between 1 and 64`),
  ],
);

export type Restaurant = typeof restaurants.$inferSelect;
