import "server-only";

import type { JWT } from "next-auth/jwt";
import { headers } from "next/headers";

import { clientAddress } from "./client-address";
import { createSession, findSessionViewer, revokeSession } from "./sessions";

async function requestDetails() {
  try {
    const h = await headers();
    return { userAgent: h.get("user-agent"), address: clientAddress(h) };
  } catch {
    // Outside a request (tests, scripts) there is nothing to record.
    return { userAgent: null, address: null };
  }
}

/**
 * Auth.js' jwt callback. At sign-in it opens a session row and puts its id (sid) in the token. Every other read of
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
  user?: { id?: string | null } | null;
  trigger?: "signIn" | "signUp" | "update";
}): Promise<JWT | null> {
  if (trigger === "signIn" || trigger === "signUp") {
    if (!user?.id) return null;
    const sid = await createSession({ userId: user.id, ...(await requestDetails()) });
    return { ...token, sub: user.id, sid };
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
