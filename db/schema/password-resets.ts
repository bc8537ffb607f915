import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

import { users } from "./users";

const at = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * "Forgot your password?" links (decision 0017). The link carries 32 random bytes; only their SHA-256 (hex) is
 * kept, so a copy of this table opens no account. A user has at most one outstanding (unused) token: a new
 * request replaces it in place (the partial unique index), so an older link stops working. Used tokens stay as a
 * record until pruned.
 */
export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique("password_reset_tokens_token_hash_key"),
    createdAt: at("created_at").notNull().defaultNow(),
    expiresAt: at("expires_at").notNull(),
    usedAt: at("used_at"),
  },
  (t) => [
    // One outstanding token per user; also the user_id index of the foreign key for the outstanding rows.
    uniqueIndex("password_reset_tokens_one_outstanding")
      .on(t.userId)
      .where(sql`${t.usedAt} is null`),
    index("password_reset_tokens_user_idx").on(t.userId),
    // Pruning old rows.
    index("password_reset_tokens_expires_idx").on(t.expiresAt),
    check("password_reset_tokens_hash_shape", sql`${t.tokenHash} ~ '^[0-9a-f]{64}$'`),
    check("password_reset_tokens_expiry", sql`${t.expiresAt} > ${t.createdAt}`),
  ],
);

/**
 * Reset requests per email (as typed, lower-cased, whether or not an account has it) and per client address, in
 * fixed windows that start with a key's first request. See lib/auth/reset-throttle.ts for the limits.
 */
export const passwordResetThrottles = pgTable(
  "password_reset_throttles",
  {
    kind: text("kind").notNull(),
    key: text("key").notNull(),
    requests: integer("requests").notNull().default(0),
    windowStartedAt: at("window_started_at").notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.key] }),
    index("password_reset_throttles_window_idx").on(t.windowStartedAt),
    check("password_reset_throttles_kind", sql`${t.kind} in ('email', 'address')`),
    check("password_reset_throttles_key_length", sql`char_length(${t.key}) between 1 and 300`),
    check("password_reset_throttles_requests", sql`${t.requests} >= 0`),
  ],
);

export type PasswordResetToken = typeof passwordResetTokens.$inferSelect;
