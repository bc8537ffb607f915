import "server-only";

import { lt, sql } from "drizzle-orm";

import { getDb } from "@/db/client";
import { passwordResetThrottles } from "@/db/schema";

/**
 * Password reset requests, counted in PostgreSQL so that every app instance shares the count (decision 0017):
 * per email (as typed, lower-cased, whether or not an account has it) and per client address, in a fixed window
 * that starts with the key's first request. Past the limit the visitor gets the same answer, but no mail is sent:
 * the limits protect inboxes from being flooded through the form, and the mail server from the app.
 */
export const RESET_THROTTLE_RULES = {
  email: { limit: 3, windowSeconds: 15 * 60 },
  address: { limit: 20, windowSeconds: 15 * 60 },
} as const;

export type ResetThrottleKind = keyof typeof RESET_THROTTLE_RULES;

const byKind = (pick: (rule: (typeof RESET_THROTTLE_RULES)[ResetThrottleKind]) => number) =>
  sql.raw(
    `(case "password_reset_throttles"."kind" when 'email' then ${pick(RESET_THROTTLE_RULES.email)} ` +
      `else ${pick(RESET_THROTTLE_RULES.address)} end)`,
  );

/**
 * Counts one request against the email and the address, in ONE upsert (exact under concurrency: each key's row
 * is locked while it is counted). Returns the kinds that are over their limit now; empty means the request may go.
 */
export async function countResetRequest({
  email,
  address,
}: {
  email: string;
  address: string | null;
}): Promise<ResetThrottleKind[]> {
  const db = await getDb();
  const t = passwordResetThrottles;
  const keys: { kind: ResetThrottleKind; key: string }[] = [{ kind: "email", key: email.slice(0, 300) }];
  if (address) keys.push({ kind: "address", key: address.slice(0, 300) });
  const windowOver = sql`${t.windowStartedAt} <= now() - ${byKind((r) => r.windowSeconds)} * interval '1 second'`;
  const rows = await db
    .insert(t)
    .values(keys.map((k) => ({ ...k, requests: 1, windowStartedAt: sql`now()` })))
    .onConflictDoUpdate({
      target: [t.kind, t.key],
      set: {
        // Capped: a flood must not overflow the integer.
        requests: sql`case when ${windowOver} then 1 else least(${t.requests} + 1, 1000000) end`,
        windowStartedAt: sql`case when ${windowOver} then now() else ${t.windowStartedAt} end`,
      },
    })
    .returning({ kind: t.kind, over: sql<boolean>`${t.requests} > ${byKind((r) => r.limit)}` });
  return rows.filter((row) => row.over).map((row) => row.kind as ResetThrottleKind);
}

/** Forgets windows that ended a day ago (run after the response, see reset-actions.ts). */
export async function pruneResetThrottles() {
  const db = await getDb();
  await db
    .delete(passwordResetThrottles)
    .where(lt(passwordResetThrottles.windowStartedAt, sql`now() - interval '1 day'`));
}
