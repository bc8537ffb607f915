import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";

import { MAX_ADDRESS_LENGTH } from "./orders";
import { profiles } from "./profiles";
import { createdAt } from "./users";

/** A customer keeps at most this many addresses: a bounded list, shown whole, never paginated. */
export const MAX_SAVED_ADDRESSES = 10;
export const MAX_ADDRESS_LABEL_LENGTH = 40;

/**
 * A customer's saved delivery addresses. Orders copy the text at checkout (orders.delivery_address), so deleting
 * or editing an address never changes a placed order.
 */
export const customerAddresses = pgTable(
  "customer_addresses",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    profileId: integer("profile_id")
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    address: text("address").notNull(),
    isDefault: boolean("is_default").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    index("customer_addresses_profile_idx").on(t.profileId, t.id),
    // At most one default per customer.
    uniqueIndex("customer_addresses_one_default")
      .on(t.profileId)
      .where(sql`${t.isDefault}`),
    check(
      "customer_addresses_label_length",
      sql`char_length(${t.label}) between 1 and ${sql.raw(String(MAX_ADDRESS_LABEL_LENGTH))}`,
    ),
    check(
      "customer_addresses_address_length",
      sql`char_length(${t.address}) between 1 and ${sql.raw(String(MAX_ADDRESS_LENGTH))}`,
    ),
  ],
);

export type CustomerAddress = typeof customerAddresses.$inferSelect;
