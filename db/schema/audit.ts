import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

import { profiles } from "./profiles";

/** Admin actions and exports: who, when, what. Rows are only ever inserted. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    actorProfileId: integer("actor_profile_id").references(() => profiles.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    targetProfileId: integer("target_profile_id").references(() => profiles.id, { onDelete: "set null" }),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [
    // Ascending, read backwards by the newest-first log: see orders_customer_placed_idx.
    index("audit_log_created_idx").on(t.createdAt, t.id),
    index("audit_log_actor_idx").on(t.actorProfileId),
    index("audit_log_target_idx").on(t.targetProfileId),
    check("audit_log_action_shape", sql`${t.action} ~ '^[a-z]+(\\.[a-z_]+)+$'`),
  ],
);

export type AuditEntry = typeof auditLog.$inferSelect;
