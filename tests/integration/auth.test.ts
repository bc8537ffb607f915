import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { profiles, users } from "@/db/schema";
import { DEMO_PASSWORD, DEMO_PASSWORD_HASH } from "@/db/seed/accounts";
import { verifyPassword } from "@/lib/auth/password";
import { authenticate, createAccount } from "@/lib/auth/queries";
import { signUpSchema } from "@/lib/auth/schema";

import { DRIVERS, freshDatabase } from "../fixtures/db";

describe.each(DRIVERS)("accounts on %s", (driver) => {
  const db = freshDatabase(driver);
  const signUp = (name: string, email: string, password = "correct horse") =>
    createAccount(signUpSchema.parse({ name, email, password }));

  it("signs up with a hashed password and a profile, then signs in", async () => {
    expect(await signUp("Zoë O'Brien", "Zoe@Example.test")).toEqual({ ok: true });
    const [user] = await db().select().from(users).where(eq(users.email, "zoe@example.test"));
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user?.role).toBe("customer");
    const [profile] = await db().select().from(profiles).where(eq(profiles.userId, user!.id));
    expect(profile).toMatchObject({ slug: "zoe-o-brien", displayName: "Zoë O'Brien" });
    expect(await authenticate("ZOE@example.test", "correct horse")).toMatchObject({ id: user!.id });
  });

  it("refuses a duplicate email whatever its case, and writes nothing", async () => {
    await signUp("First", "dup@example.test");
    expect(await signUp("Second", "DUP@example.test")).toEqual({ ok: false, reason: "email-taken" });
    expect(await db().select().from(profiles).where(eq(profiles.displayName, "Second"))).toHaveLength(0);
  });

  it("gives two people with the same name different profile slugs", async () => {
    await signUp("Sam Same", "sam1@example.test");
    await signUp("Sam Same", "sam2@example.test");
    const rows = await db().select({ slug: profiles.slug }).from(profiles).where(eq(profiles.displayName, "Sam Same"));
    expect(new Set(rows.map((r) => r.slug)).size).toBe(2);
  });

  it("gives a long name's second holder a slug that fits, even where the cut falls on a dash", async () => {
    // Its slug is 55 a's, a dash and 8 b's: cut at 56 characters for a suffix, it ended on the dash ("--", a 500).
    const name = `${"a".repeat(55)} ${"b".repeat(8)}`;
    expect(await signUp(name, "long1@example.test")).toEqual({ ok: true });
    expect(await signUp(name, "long2@example.test")).toEqual({ ok: true });
    const rows = await db().select({ slug: profiles.slug }).from(profiles).where(eq(profiles.displayName, name));
    expect(rows.map((r) => r.slug).sort()).toEqual([
      expect.stringMatching(/^a{55}-b-[0-9a-f]{6}$/),
      `${"a".repeat(55)}-${"b".repeat(8)}`,
    ]);
  });

  it("refuses a name holding half of a surrogate pair, which the drivers would store as U+FFFD, and creates nothing", async () => {
    // What signUpAction does with a form: the schema, then the account. A lone surrogate is no text PostgreSQL can
    // hold (lib/validation.ts isStorableText); postgres.js and PGlite encode it as U+FFFD, so "Ann\uD800" was saved
    // as "Ann\uFFFD" and shown so on the profile, the admin's lists and every owner's queue and ticket.
    for (const [i, name] of ["Ann\uD800", "\uDC00Bob", "Cy\uDBFF\uDBFF"].entries()) {
      const email = `half-${i}@example.test`;
      const parsed = signUpSchema.safeParse({ name, email, password: "correct horse" });
      if (parsed.success) await createAccount(parsed.data);
      const created = await db()
        .select({ displayName: profiles.displayName })
        .from(profiles)
        .innerJoin(users, eq(users.id, profiles.userId))
        .where(eq(users.email, email));
      expect(created, JSON.stringify(name)).toEqual([]);
      expect(parsed.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
        ["name", "Remove invisible or control characters."],
      ]);
    }
  });

  it("does not tell an unknown email from a wrong password, and refuses disabled accounts", async () => {
    await signUp("Wendy", "wendy@example.test");
    expect(await authenticate("wendy@example.test", "wrong password")).toBeNull();
    expect(await authenticate("nobody@example.test", "correct horse")).toBeNull();
    await db().update(users).set({ disabled: true }).where(eq(users.email, "wendy@example.test"));
    expect(await authenticate("wendy@example.test", "correct horse")).toBeNull();
  });

  it("ships a demo password hash that verifies", async () => {
    expect(await verifyPassword(DEMO_PASSWORD_HASH, DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(DEMO_PASSWORD_HASH, "not-the-password")).toBe(false);
    expect(await verifyPassword(null, DEMO_PASSWORD)).toBe(false);
  });
});
