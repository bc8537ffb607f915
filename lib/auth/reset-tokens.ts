import "server-only";

import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lt, or, sql } from "drizzle-orm";

import { getDb } from "@/db/client";
import { executeRows } from "@/db/rows";
import { auditLog, passwordResetTokens, profiles, signInThrottles, users } from "@/db/schema";
import type { Executor } from "@/db/types";

import { hashPassword } from "./password";
import { RESET_TOKEN_MINUTES } from "./reset-schema";
import { revokeUserSessions } from "./sessions";

/** 32 random bytes for the link, and the SHA-256 (hex) that is all the database keeps of them. */
export function newResetToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashResetToken(token) };
}

export const hashResetToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/**
 * Stores `tokenHash` as the outstanding reset token of the enabled account with this email, replacing an older
 * one (whose link then stops working). ONE statement, whether or not such an account exists, so that an unknown
 * email costs the same as a known one. Returns the account's address to mail, or null.
 */
export async function issueResetToken({
  email,
  tokenHash,
}: {
  email: string;
  tokenHash: string;
}): Promise<{ userId: string; email: string } | null> {
  const db = await getDb();
  // Raw SQL: Drizzle's insert ... select wants every column, the identity too. No enabled account with this
  // email: no row is selected, so nothing is inserted, and the statement is the same.
  const [issued] = await executeRows<{ userId: string; email: string }>(
    db,
    sql`insert into password_reset_tokens (user_id, token_hash, expires_at)
      select u.id, ${tokenHash}::text, now() + ${sql.raw(`interval '${RESET_TOKEN_MINUTES} minutes'`)}
      from users u where lower(u.email) = ${email.toLowerCase()} and not u.disabled
      on conflict (user_id) where used_at is null
      do update set token_hash = excluded.token_hash, created_at = now(), expires_at = excluded.expires_at
      returning user_id as "userId", (select u.email from users u where u.id = password_reset_tokens.user_id) as email`,
  );
  return issued ?? null;
}

/**
 * Ends the account's outstanding reset link, in the caller's transaction: when it is disabled or enabled again.
 * Hidden while the account is disabled, the link would otherwise work again once an admin re-enabled it, within
 * its 30 minutes.
 */
export async function voidResetTokens(tx: Executor, userId: string) {
  await tx
    .delete(passwordResetTokens)
    .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
}

export type ResetTokenStatus = "valid" | "used" | "expired" | "unknown";

/**
 * What a reset link's token is worth now, and the account's email when it is valid (the form names the account).
 * One statement. A token of a disabled account, or one replaced by a newer request, is "unknown".
 */
export async function checkResetToken(
  tokenHash: string,
  executor?: Executor,
): Promise<{ status: "valid"; email: string } | { status: Exclude<ResetTokenStatus, "valid"> }> {
  const db = executor ?? (await getDb());
  const t = passwordResetTokens;
  const [row] = await db
    .select({
      email: users.email,
      used: sql<boolean>`${t.usedAt} is not null`,
      expired: sql<boolean>`${t.expiresAt} <= now()`,
    })
    .from(t)
    .innerJoin(users, eq(users.id, t.userId))
    .where(and(eq(t.tokenHash, tokenHash), eq(users.disabled, false)))
    .limit(1);
  if (!row) return { status: "unknown" };
  if (row.used) return { status: "used" };
  if (row.expired) return { status: "expired" };
  return { status: "valid", email: row.email };
}

export type ResetOutcome =
  { ok: true; email: string; signedOut: number } | { ok: false; reason: Exclude<ResetTokenStatus, "valid"> };

/**
 * Sets a new password with a reset token. The token is checked first (one statement, so a dead link costs no
 * password hashing); then, in ONE transaction: the token is claimed (used_at, only if still unused and unexpired:
 * of two submits at once exactly one wins), the password hash is replaced, every session of the account ends,
 * the account's sign-in lock is lifted (whoever holds the mailbox has proved enough) and the audit log records it.
 */
export async function resetPassword({
  token,
  password,
  address,
}: {
  token: string;
  password: string;
  address: string | null;
}): Promise<ResetOutcome> {
  const tokenHash = hashResetToken(token);
  const before = await checkResetToken(tokenHash);
  if (before.status !== "valid") return { ok: false, reason: before.status };
  const passwordHash = await hashPassword(password);
  const db = await getDb();
  const t = passwordResetTokens;
  return db.transaction(async (tx): Promise<ResetOutcome> => {
    // The account's row first, as a password change and a disable take it before they touch its reset tokens:
    // claiming the token first, a reset used during a password change deadlocked with it and one of them failed.
    await tx
      .select({ id: users.id })
      .from(users)
      .innerJoin(t, eq(t.userId, users.id))
      .where(eq(t.tokenHash, tokenHash))
      .for("no key update", { of: users });
    const [claimed] = await tx
      .update(t)
      .set({ usedAt: sql`now()` })
      .where(and(eq(t.tokenHash, tokenHash), isNull(t.usedAt), gt(t.expiresAt, sql`now()`)))
      .returning({ userId: t.userId });
    if (!claimed) {
      // Another submit of the same link got there first, or the link expired a moment ago.
      const now = await checkResetToken(tokenHash, tx);
      return { ok: false, reason: now.status === "valid" ? "used" : now.status };
    }
    const [user] = await tx
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, claimed.userId), eq(users.disabled, false)))
      .returning({ email: users.email });
    // Disabled since the check: the claimed token is spent, and nothing else changes.
    if (!user) return { ok: false, reason: "unknown" };
    const signedOut = await revokeUserSessions(tx, { userId: claimed.userId, reason: "password_reset" });
    await tx
      .delete(signInThrottles)
      .where(and(eq(signInThrottles.kind, "account"), eq(signInThrottles.key, user.email.toLowerCase())));
    const profileId = sql`(select ${profiles.id} from ${profiles} where ${profiles.userId} = ${claimed.userId})`;
    await tx.insert(auditLog).values({
      actorProfileId: profileId,
      action: "auth.password_reset",
      targetProfileId: profileId,
      details: { email: user.email, address, sessionsEnded: signedOut },
    });
    return { ok: true, email: user.email, signedOut };
  });
}

/** Forgets tokens that were used or expired more than a day ago (run after the response, see reset-actions.ts). */
export async function pruneResetTokens() {
  const db = await getDb();
  const t = passwordResetTokens;
  await db
    .delete(t)
    .where(or(lt(t.expiresAt, sql`now() - interval '1 day'`), lt(t.usedAt, sql`now() - interval '1 day'`)));
}
