import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

import { users } from "./users";

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * One row per sign-in. The JWT cookie carries the row's id (`sid`), and every request's viewer statement checks
 * the row, so a session ends when the row says so: sign-out, password change, role change, disable, "sign out
 * everywhere", idle or absolute expiry (decision 0007). Rows are never deleted by the app; revoked_at ends them.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    // Random and opaque (crypto.randomBytes, base64url), never derived from the user or the time.
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: at("created_at").notNull().defaultNow(),
    lastSeenAt: at("last_seen_at").notNull().defaultNow(),
    revokedAt: at("revoked_at"),
    revokedReason: text("revoked_reason"),
    userAgent: text("user_agent"),
    address: text("address"),
  },
  (t) => [
    index("user_sessions_user_created_idx").on(t.userId, t.createdAt),
    check("user_sessions_id_length", sql`char_length(${t.id}) between 20 and 100`),
    check("user_sessions_user_agent_length", sql`${t.userAgent} is null or char_length(${t.userAgent}) <= 300`),
    check("user_sessions_address_length", sql`${t.address} is null or char_length(${t.address}) <= 100`),
  ],
);

/**
 * Failed sign-in attempts per account (the email as typed, lower-cased, whether or not it exists) and per client
 * address, shared by every app instance. See lib/auth/throttle.ts for the rules.
 */
export const signInThrottles = pgTable(
  "sign_in_throttles",
  {
    kind: text("kind").notNull(),
    key: text("key").notNull(),
    failures: integer("failures").notNull().default(0),
    lockouts: integer("lockouts").notNull().default(0),
    lastFailureAt: at("last_failure_at").notNull().defaultNow(),
    lockedUntil: at("locked_until"),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.key] }),
    // Pruning old rows.
    index("sign_in_throttles_last_failure_idx").on(t.lastFailureAt),
    check("sign_in_throttles_kind", sql`${t.kind} in ('account', 'address')`),
    check("sign_in_throttles_key_length", sql`char_length(${t.key}) between 1 and 300`),
    check("sign_in_throttles_counts", sql`${t.failures} >= 0 and ${t.lockouts} >= 0`),
  ],
);

export type UserSession = typeof userSessions.$inferSelect;
