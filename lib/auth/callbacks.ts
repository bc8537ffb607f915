import "server-only";

import type { JWT } from "next-auth/jwt";

import { anonymousCartId, forgetAnonymousCart } from "@/lib/cart/cookie";
import { adoptAnonymousCart } from "@/lib/cart/queries";

import { findSessionViewer, revokeSession } from "./sessions";

/**
 * Auth.js' jwt callback. At sign-in it puts the id (sid) of the session row that authorize opened
 * (lib/auth/sign-in.ts) in the token. Every other read of
 * the token through Auth.js (GET /api/auth/session, auth()) asks the database: a revoked, expired or disabled
 * session gives null, so Auth.js answers `null` and clears the cookie instead of describing anyone.
 * (Pages do not come here: getViewer decodes the cookie and checks the session in its one statement.)
 */
export async function sessionToken({
  token,
  user,
  trigger,
}: {
  token: JWT;
  user?: { id?: string | null; sid?: string } | null;
  trigger?: "signIn" | "signUp" | "update";
}): Promise<JWT | null> {
  if (trigger === "signIn" || trigger === "signUp") {
    if (!user?.id || !user.sid) return null;
    return { ...token, sub: user.id, sid: user.sid };
  }
  if (typeof token.sub !== "string" || typeof token.sid !== "string") return null;
  const viewer = await findSessionViewer({ userId: token.sub, sessionId: token.sid });
  if (!viewer) return null;
  return { ...token, name: viewer.displayName, email: viewer.email };
}

/** Auth.js' signOut event: the session row ends, so a copy of the cookie taken before is worth nothing after. */
export async function endSession(message: { token?: JWT | null } | { session?: unknown }) {
  const token = "token" in message ? message.token : null;
  if (typeof token?.sub === "string" && typeof token.sid === "string") {
    await revokeSession({ userId: token.sub, sessionId: token.sid, reason: "sign_out" });
  }
}

/**
 * Auth.js' signIn event: what a visitor put in their cart before signing in becomes their cart, so nothing picked
 * is lost. Should that fail, the sign-in fails and no cookie will ever carry the session row authorize opened:
 * the row is ended, or the account's sessions list would show for weeks a device that nobody holds.
 */
export async function adoptCartAtSignIn({ user }: { user: { id?: string | null; sid?: string } }) {
  try {
    const anonymousId = await anonymousCartId();
    if (!anonymousId || !user.id) return;
    await adoptAnonymousCart({ userId: user.id, anonymousId });
    await forgetAnonymousCart();
  } catch (error) {
    if (user.id && user.sid) {
      await revokeSession({ userId: user.id, sessionId: user.sid, reason: "sign_in_failed" }).catch(() => {});
    }
    throw error;
  }
}
