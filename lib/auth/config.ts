import "server-only";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { anonymousCartId, forgetAnonymousCart } from "@/lib/cart/owner";
import { adoptAnonymousCart } from "@/lib/cart/queries";
import { authSecret } from "@/lib/env";
import { authenticate } from "./queries";
import { signInSchema } from "./schema";

// A function, so that nothing (the secret, the database) is read when `next build` imports this module.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  // The app serves itself (no proxy rewriting Host); Auth.js otherwise refuses non-Vercel production hosts.
  trustHost: true,
  // The credentials provider only works with JWT sessions. The token carries the user id and nothing that
  // can go stale: role and the disabled flag are read from the database on every request (lib/auth/session.ts).
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  logger: {
    // A wrong password is an expected outcome with its own message in the form, not a server error.
    error(error) {
      if (error.name === "CredentialsSignin") return;
      console.error("[auth]", error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) return null;
        return authenticate(parsed.data.email, parsed.data.password);
      },
    }),
  ],
  events: {
    // What a visitor put in their cart before signing in becomes their cart: nothing picked is lost.
    async signIn({ user }) {
      const anonymousId = await anonymousCartId();
      if (!anonymousId || !user.id) return;
      await adoptAnonymousCart({ userId: user.id, anonymousId });
      await forgetAnonymousCart();
    },
  },
  callbacks: {
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
}));
