import "server-only";

import { createAccount } from "./queries";
import type { SignUpInput } from "./schema";
import { checkSignInThrottle, claimSignInAttempt, recordSignInEvent, recordThrottledAttempt } from "./throttle";

export type SignUpOutcome =
  { ok: true } | { ok: false; reason: "email-taken" } | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * A new customer account. "Email taken" tells whether an email has an account, which sign-in's answers never do: each
 * such answer counts as a failed sign-in (per email and per address) and is audited (`via: "sign_up"`), so the
 * sign-in throttle bounds how fast anyone can ask. While either key is locked nothing is created, nor a password
 * hashed. A successful sign-up counts nothing.
 */
export async function signUp({
  input,
  address,
}: {
  input: SignUpInput;
  address: string | null;
}): Promise<SignUpOutcome> {
  const keys = { email: input.email, address };
  const locked = await checkSignInThrottle(keys);
  if (locked) {
    await recordThrottledAttempt(keys, locked, "sign_up");
    return { ok: false, reason: "throttled", retryAfterSeconds: locked.retryAfterSeconds };
  }
  const created = await createAccount(input);
  if (created.ok) return created;
  const claim = await claimSignInAttempt(keys);
  if (!claim.ok) {
    await recordThrottledAttempt(keys, claim, "sign_up");
    return { ok: false, reason: "throttled", retryAfterSeconds: claim.retryAfterSeconds };
  }
  await recordSignInEvent("auth.sign_in_failed", { ...keys, details: { via: "sign_up" } });
  return created;
}
