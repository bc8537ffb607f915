import "server-only";

import type { Mail } from "@/lib/mail";

import { resetLink, resetMail } from "./reset-link";
import { countResetRequest, type ResetThrottleKind } from "./reset-throttle";
import { issueResetToken, newResetToken } from "./reset-tokens";

export type ResetRequestOutcome = { mail: Mail | null; throttled: ResetThrottleKind[] };

/**
 * A "forgot your password?" request for `email` (already validated and lower-cased). Counts it against the email
 * and the client address; within the limits, stores a new token for the enabled account with that email, if
 * any, and returns the mail to send. The caller answers the same whatever comes back (decision 0017): an unknown,
 * disabled or throttled address gets no mail, and costs the same statements as a known one (unless throttled).
 * `origin` is where the link points (resetLinkOrigin); null means no link may be made, so nothing is issued.
 */
export async function requestPasswordReset({
  email,
  address,
  origin,
}: {
  email: string;
  address: string | null;
  origin: string | null;
}): Promise<ResetRequestOutcome> {
  const { token, tokenHash } = newResetToken();
  const throttled = await countResetRequest({ email, address });
  if (throttled.length > 0) return { mail: null, throttled };
  if (!origin) {
    console.error(
      "[reset] no password reset link was made: set AUTH_URL (or PLATTER_ALLOWED_HOSTS) to the site's address",
    );
    return { mail: null, throttled };
  }
  const account = await issueResetToken({ email, tokenHash });
  return { mail: account ? resetMail({ to: account.email, link: resetLink(origin, token) }) : null, throttled };
}
