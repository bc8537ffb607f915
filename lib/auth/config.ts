import "server-only";

import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";

import { authSecret } from "@/lib/env";

import { adoptCartAtSignIn, endSession, sessionToken } from "./callbacks";
import { clientAddress } from "./client-address";
import { sameSiteRedirect } from "./redirect-target";
import { signInSchema } from "./schema";
import { SESSION_ABSOLUTE_SECONDS } from "./sessions";
import { attemptSignIn } from "./sign-in";

/** Thrown by authorize while the account or address is locked; the form and the route read retryAfterSeconds. */
export class ThrottledSignIn extends CredentialsSignin {
  override code = "throttled";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

/**
 * Outcomes a visitor causes, not faults of the server: a wrong password, a refused or malformed callback URL, a
 * missing CSRF token, an undecodable cookie. Compared by `type` (a static string) because a production build
 * renames classes, so `name` is not reliable.
 */
const EXPECTED = new Set(["CredentialsSignin", "InvalidCallbackUrl", "MissingCSRF", "JWTSessionError", "InvalidCheck"]);

// A function, so that nothing (the secret, the database) is read when `next build` imports this module.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  // The app serves itself (no proxy rewriting Host); Auth.js otherwise refuses non-Vercel production hosts.
  trustHost: true,
  // The credentials provider only works with JWT sessions. The token carries the user id and a session id (sid);
  // the session row, the role and the disabled flag are read from the database on every request
  // (lib/auth/session.ts), so a session ends when its row says so (decision 0007).
  session: { strategy: "jwt", maxAge: SESSION_ABSOLUTE_SECONDS },
  pages: { signIn: "/sign-in" },
  logger: {
    // Expected failures are answered (a message in the form, a 4xx) and recorded in the audit log where they
    // matter; they are not server errors, and a stack trace per wrong password floods the log.
    error(error) {
      const type = (error as { type?: string }).type ?? error.name;
      if (type === "CredentialsSignin") return;
      if (EXPECTED.has(type)) {
        // One line, with the cause's message (a database error behind a JWTSessionError still shows).
        const cause = (error.cause as { err?: unknown } | undefined)?.err;
        console.warn(`[auth] ${type}${cause instanceof Error ? `: ${cause.message}` : ""}`);
        return;
      }
      console.error("[auth]", error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        const outcome = await attemptSignIn({
          ...parsed.data,
          address: clientAddress(request.headers),
          userAgent: request.headers.get("user-agent"),
        });
        if (outcome.ok) return outcome.user;
        if (outcome.reason === "throttled") throw new ThrottledSignIn(outcome.retryAfterSeconds);
        return null;
      },
    }),
  ],
  events: {
    // What a visitor put in their cart before signing in becomes their cart: nothing picked is lost.
    signIn: adoptCartAtSignIn,
    // Sign-out ends the session row, so a copy of the cookie taken before is worth nothing afterwards.
    signOut: endSession,
  },
  callbacks: {
    // Only same-site paths, whatever Auth.js was handed (a malformed value must not become a 500).
    redirect: sameSiteRedirect,
    // Puts the session row authorize opened into the token at sign-in; checks it on every other read
    // (lib/auth/callbacks.ts).
    jwt: sessionToken,
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
}));
