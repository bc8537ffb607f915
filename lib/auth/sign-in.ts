import "server-only";

import { authenticate } from "./queries";
import {
  claimSignInAttempt,
  pruneSignInThrottles,
  recordSignInEvent,
  settleSuccessfulAttempt,
  type ThrottleKind,
} from "./throttle";

export type SignInOutcome =
  | { ok: true; user: { id: string; email: string; name: string | null } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; kind: ThrottleKind; retryAfterSeconds: number };

/**
 * One sign-in attempt, for every entry point (the form's action and POST /api/auth/callback/credentials both reach
 * it through the credentials provider's authorize). Throttled first, then the password; the answers for an unknown
 * email and a wrong password are the same, and so are their counters.
 */
export async function attemptSignIn({
  email,
  password,
  address,
}: {
  email: string;
  password: string;
  address: string | null;
}): Promise<SignInOutcome> {
  const keys = { email, address };
  const claim = await claimSignInAttempt(keys);
  if (!claim.ok) {
    await recordSignInEvent("auth.sign_in_throttled", {
      ...keys,
      details: { lockedKey: claim.kind, retryAfterSeconds: claim.retryAfterSeconds },
    });
    return { ok: false, reason: "throttled", kind: claim.kind, retryAfterSeconds: claim.retryAfterSeconds };
  }
  const user = await authenticate(email, password);
  if (!user) {
    await recordSignInEvent("auth.sign_in_failed", keys);
    // Old, quiet keys are forgotten now and then, by whoever happens to fail.
    if (Math.random() < 0.02) await pruneSignInThrottles();
    return { ok: false, reason: "invalid" };
  }
  await settleSuccessfulAttempt(claim);
  return { ok: true, user };
}
