import "server-only";

import { eq, sql } from "drizzle-orm";

import { getDb, getPrimaryDb } from "@/db/client";
import { profiles, users, type UserRole } from "@/db/schema";
import { slugify, withSuffix } from "@/db/slug";
import { uniqueViolation } from "@/lib/db-errors";

import { hashPassword, verifyPassword } from "./password";
import type { SignUpInput } from "./schema";

export type Viewer = {
  userId: string;
  email: string;
  role: UserRole;
  profileId: number;
  slug: string;
  displayName: string;
  /** The session this request came with (lib/auth/sessions.ts); absent for viewers built outside a request. */
  sessionId?: string;
  /** Items in their cart, read with the session (the header's count); absent outside a request. */
  cartItemCount?: number;
};

/**
 * A user's viewer as the database says now (role, disabled flag, profile), WITHOUT a session check: for tests,
 * scripts and benchmarks. Requests go through getViewer (lib/auth/session.ts), which checks the session as well
 * (findSessionViewer) in the same single statement.
 */
export async function findActiveViewer(userId: string): Promise<Viewer | null> {
  const db = await getDb();
  const user = await db.query.users.findFirst({
    where: eq(users.id, userId),
    columns: { id: true, email: true, role: true, disabled: true },
    with: { profile: { columns: { id: true, slug: true, displayName: true } } },
  });
  if (!user || user.disabled || !user.profile) return null;
  return {
    userId: user.id,
    email: user.email,
    role: user.role,
    profileId: user.profile.id,
    slug: user.profile.slug,
    displayName: user.profile.displayName,
  };
}

/**
 * Checks an email and password. Unknown email, wrong password and disabled account all look the same. Read on the
 * primary: a replica may still hold a password that a reset has just replaced. `credential` is the hash the
 * password matched, for the session to be opened only while it is still the account's (createSession).
 */
export async function authenticate(email: string, password: string) {
  const db = await getPrimaryDb();
  const user = await db.query.users.findFirst({
    where: eq(sql`lower(${users.email})`, email.toLowerCase()),
    columns: { id: true, email: true, name: true, passwordHash: true, disabled: true },
  });
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!ok || !user?.passwordHash || user.disabled) return null;
  return { id: user.id, email: user.email, name: user.name, credential: user.passwordHash };
}

/** Creates the user and their profile in one transaction. */
export async function createAccount(input: SignUpInput): Promise<{ ok: true } | { ok: false; reason: "email-taken" }> {
  const db = await getDb();
  const passwordHash = await hashPassword(input.password);
  const base = slugify(input.name) || "diner";
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = attempt === 0 ? base : withSuffix(base, crypto.randomUUID().slice(0, 6));
    try {
      await db.transaction(async (tx) => {
        const [user] = await tx
          .insert(users)
          .values({ email: input.email, name: input.name, passwordHash })
          .returning({ id: users.id });
        await tx.insert(profiles).values({ userId: user!.id, slug, displayName: input.name });
      });
      return { ok: true };
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint === "users_email_lower_key") return { ok: false, reason: "email-taken" };
      if (constraint !== "profiles_slug_unique") throw error;
    }
  }
  throw new Error("could not find a free profile slug");
}
