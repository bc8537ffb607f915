import "server-only";

import { createAccount } from "./queries";
import type { SignUpInput } from "./schema";
import { claimSignInAttempt, recordSignInEvent, recordThrottledAttempt, settleSuccessfulAttempt } from "./throttle";

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
  // Counted BEFORE the account is looked for, in the throttle's one atomic upsert, as a sign-in is. Checked first
  // and counted after, a burst of sign-ups all passed the check before any was counted: every free email of the
  // burst got an account and every taken one an answer (its "too many attempts" only ever came after "taken"), so
  // one burst told apart as many emails as it held, however few the address may ask about.
  const claim = await claimSignInAttempt(keys);
  if (!claim.ok) {
    await recordThrottledAttempt(keys, claim, "sign_up");
    return { ok: false, reason: "throttled", retryAfterSeconds: claim.retryAfterSeconds };
  }
  const created = await createAccount(input);
  if (created.ok) {
    // Not a failure: the try is given back, as a correct password's is.
    await settleSuccessfulAttempt(claim);
    return created;
  }
  await recordSignInEvent("auth.sign_in_failed", { ...keys, details: { via: "sign_up" } });
  return created;
}
