import "server-only";

import { authenticate } from "./queries";
import { createSession } from "./sessions";
import {
  claimSignInAttempt,
  pruneSignInThrottles,
  recordSignInEvent,
  recordThrottledAttempt,
  settleSuccessfulAttempt,
  type ThrottleKind,
} from "./throttle";

export type SignInOutcome =
  | { ok: true; user: { id: string; email: string; name: string | null; sid: string } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; kind: ThrottleKind; retryAfterSeconds: number };

/**
 * One sign-in attempt, for every entry point (the form's action and POST /api/auth/callback/credentials both reach
 * it through the credentials provider's authorize). Throttled first, then the password; the answers for an unknown
 * email and a wrong password are the same, and so are their counters. A success opens the session row (its id goes
 * into the cookie, lib/auth/callbacks.ts), unless the password changed or the account was disabled while it was
 * being checked: that attempt fails like a wrong password, since the password it gave is no longer the account's.
 */
export async function attemptSignIn({
  email,
  password,
  address,
  userAgent = null,
}: {
  email: string;
  password: string;
  address: string | null;
  userAgent?: string | null;
}): Promise<SignInOutcome> {
  const keys = { email, address };
  const claim = await claimSignInAttempt(keys);
  if (!claim.ok) {
    await recordThrottledAttempt(keys, claim);
    return { ok: false, reason: "throttled", kind: claim.kind, retryAfterSeconds: claim.retryAfterSeconds };
  }
  const user = await authenticate(email, password);
  const sid = user && (await createSession({ userId: user.id, credential: user.credential, userAgent, address }));
  if (!user || !sid) {
    await recordSignInEvent("auth.sign_in_failed", keys);
    // Old, quiet keys are forgotten now and then, by whoever happens to fail.
    if (Math.random() < 0.02) await pruneSignInThrottles();
    return { ok: false, reason: "invalid" };
  }
  await settleSuccessfulAttempt(claim);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, sid } };
}
