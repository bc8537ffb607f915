import "server-only";

import { and, eq } from "drizzle-orm";

import { getDb, getPrimaryDb } from "@/db/client";
import { users } from "@/db/schema";

import { hashPassword, verifyPassword } from "./password";
import type { Viewer } from "./queries";
import { voidResetTokens } from "./reset-tokens";
import type { ChangePasswordInput } from "./schema";
import { revokeUserSessions } from "./sessions";
import { claimSignInAttempt, recordSignInEvent, recordThrottledAttempt, settleSuccessfulAttempt } from "./throttle";

export type ChangePasswordResult =
  | { ok: true; signedOut: number }
  | { ok: false; reason: "wrong-password" | "not-found" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Changes the viewer's password after checking the current one, ends every other session of theirs (someone
 * who knew the old password may hold one) and voids any reset link not yet used. Wrong current passwords count
 * against the account's sign-in throttle, so a borrowed session cannot be used to guess the password faster than
 * the sign-in form allows. The password is
 * read on the primary, and replaced only if it is still the one checked: a reset that lands meanwhile wins, and this
 * change answers as a wrong current password, which it now is (or as a session ended, if the account was disabled).
 */
export async function changePassword({
  viewer,
  input,
  address = null,
}: {
  viewer: Viewer;
  input: Pick<ChangePasswordInput, "currentPassword" | "newPassword">;
  /** The client's, for the audit log only: the per-address sign-in limit is not charged from a signed-in page. */
  address?: string | null;
}): Promise<ChangePasswordResult> {
  const keys = { email: viewer.email, address: null };
  const claim = await claimSignInAttempt(keys);
  if (!claim.ok) {
    // Recorded as a refused sign-in is: guesses at the current password are guesses at the account's password.
    await recordThrottledAttempt({ ...keys, address }, claim, "password_change");
    return { ok: false, reason: "throttled", retryAfterSeconds: claim.retryAfterSeconds };
  }
  const db = await getPrimaryDb();
  const user = await db.query.users.findFirst({
    where: eq(users.id, viewer.userId),
    columns: { passwordHash: true, disabled: true },
  });
  if (!user || user.disabled) return { ok: false, reason: "not-found" };
  const current = user.passwordHash;
  if (!current || !(await verifyPassword(current, input.currentPassword))) {
    await recordSignInEvent("auth.sign_in_failed", { ...keys, address, details: { via: "password_change" } });
    return { ok: false, reason: "wrong-password" };
  }
  await settleSuccessfulAttempt(claim);
  const passwordHash = await hashPassword(input.newPassword);
  const signedOut = await db.transaction(async (tx) => {
    const changed = await tx
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, viewer.userId), eq(users.passwordHash, current), eq(users.disabled, false)))
      .returning({ id: users.id });
    if (!changed.length) {
      // Disabled meanwhile: the session has ended, which is what to say, not that the password is wrong.
      const [now] = await tx.select({ disabled: users.disabled }).from(users).where(eq(users.id, viewer.userId));
      return !now || now.disabled ? "not-found" : "wrong-password";
    }
    // A reset link asked for before (perhaps by whoever knew the old password) would set the password again.
    await voidResetTokens(tx, viewer.userId);
    // Recorded with the sessions it ended, in the same statement: an account taken over shows who changed what.
    return revokeUserSessions(tx, {
      userId: viewer.userId,
      exceptSessionId: viewer.sessionId,
      reason: "password_change",
      audit: { action: "auth.password_change", sessionId: viewer.sessionId, details: { address } },
    });
  });
  if (typeof signedOut === "string") return { ok: false, reason: signedOut };
  return { ok: true, signedOut };
}

/**
 * "Sign out everywhere else" (keeps the viewer's own session) or everywhere, recorded in the audit log in the same
 * statement (`auth.sign_out_everywhere`, with the other sessions ended and whether this one was kept). Returns how
 * many were ended.
 */
export async function signOutSessions({
  viewer,
  keepCurrent,
  address = null,
}: {
  viewer: Viewer;
  keepCurrent: boolean;
  address?: string | null;
}): Promise<number> {
  const db = await getDb();
  // One statement, in a transaction only so that it runs on the primary and hands the reader its write's position
  // (revokeUserSessions says why).
  return db.transaction((tx) =>
    revokeUserSessions(tx, {
      userId: viewer.userId,
      exceptSessionId: keepCurrent ? viewer.sessionId : undefined,
      reason: "sign_out_everywhere",
      audit: {
        action: "auth.sign_out_everywhere",
        sessionId: viewer.sessionId,
        details: { address, keptThisSession: keepCurrent },
      },
    }),
  );
}
