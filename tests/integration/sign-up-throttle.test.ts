import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";

import { auditLog, users } from "@/db/schema";
import { signUpAction } from "@/lib/auth/actions";
import { signUp as signUpDirectly } from "@/lib/auth/sign-up";
import { THROTTLE_RULES } from "@/lib/auth/throttle";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createUser } from "../fixtures/factory";
import { submit } from "../fixtures/session";

// The client address the next sign-up comes from (x-forwarded-for, as a proxy in front writes it).
const client = vi.hoisted(() => ({ address: "203.0.113.60" }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock("next/headers", async () => ({
  ...(await import("../fixtures/next-headers")).nextHeadersMock,
  headers: async () => new Headers({ host: "localhost:3000", "x-forwarded-for": client.address }),
}));
vi.mock("@/lib/auth/config", async () => (await import("../fixtures/fuzzed-auth")).fuzzedAuth);

const TAKEN = { email: ["An account with this email already exists. Sign in instead?"] };

/**
 * Sign-up's "already exists" says whether an email has an account, which sign-in never says: each one counts as a
 * failed sign-in, so the sign-in throttle bounds how fast anyone can ask (decision 0007).
 */
describe.each(DRIVERS)("sign-up with a taken email on %s", (driver) => {
  const db = freshDatabase(driver);
  let n = 0;
  const signUp = (email: string) =>
    submit(signUpAction, { name: "Prober", email, password: "a long passphrase", callbackUrl: "/" });

  it("counts against the email: its 6th ask is refused for a while, and audited as what it was", async () => {
    client.address = `203.0.113.${++n}`;
    const { user, profile } = await createUser(db());
    for (let i = 0; i < THROTTLE_RULES.account.limit; i++) {
      client.address = `198.51.100.${++n}`; // from anywhere: the email's count is its own
      expect((await signUp(user.email)).fieldErrors).toEqual(TAKEN);
    }
    const refused = await signUp(user.email);
    expect(refused.fieldErrors).toBeUndefined();
    expect(refused.message).toMatch(/^Too many attempts, try again in \d+ s\.$/);
    const audited = await db()
      .select({ action: auditLog.action, via: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.targetProfileId, profile.id))
      .orderBy(auditLog.id);
    // The refusal too, as sign-in's are: "Sign-up refused (too many attempts)".
    expect(audited.map((row) => row.action)).toEqual([
      ...Array<string>(THROTTLE_RULES.account.limit).fill("auth.sign_in_failed"),
      "auth.sign_in_throttled",
    ]);
    expect(audited.every((row) => (row.via as { via?: string }).via === "sign_up")).toBe(true);
    expect(audited.at(-1)!.via).toMatchObject({ lockedKey: "account", retryAfterSeconds: expect.any(Number) });
  });

  it("counts against the address across emails, then refuses even a new email there, creating nothing", async () => {
    client.address = `192.0.2.${++n}`;
    for (let i = 0; i < THROTTLE_RULES.address.limit; i++) {
      const { user } = await createUser(db());
      expect((await signUp(user.email)).fieldErrors).toEqual(TAKEN);
    }
    const fresh = `fresh-${driver}-${n}@example.test`;
    expect((await signUp(fresh)).message).toMatch(/^Too many attempts, try again in \d+ s\.$/);
    expect(await db().select().from(users).where(eq(users.email, fresh))).toEqual([]);

    // From another address the same new email signs up and is signed in (the redirect).
    client.address = `192.0.2.${++n}`;
    await expect(signUp(fresh)).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT;/) });
    expect(await db().select({ email: users.email }).from(users).where(eq(users.email, fresh))).toEqual([
      { email: fresh },
    ]);
  });
});

// PGlite runs one statement at a time: the burst interleaves on the real server only.
describe("a burst of sign-ups from one address, on postgres", () => {
  const db = freshDatabase("postgres");

  it("tells no more emails apart than the address may ask about, and creates nothing once refused", async () => {
    const address = "203.0.113.250";
    const taken = await Promise.all(Array.from({ length: 30 }, async () => (await createUser(db())).user.email));
    const free = Array.from({ length: 30 }, (_, i) => `burst-${i}@example.test`);
    const outcomes = await Promise.all(
      [...taken, ...free].map(async (email) => ({
        email,
        outcome: await signUpDirectly({ input: { name: "Prober", email, password: "a long passphrase" }, address }),
      })),
    );
    // "Too many attempts" is the neutral answer: it is given before anything is looked at, taken email or not. Any
    // other answer says whether the email has an account ("already exists", or an account made for a free one).
    const toldApart = outcomes.filter(({ outcome }) => outcome.ok || outcome.reason !== "throttled");
    // Each answer that tells counts against the address until it locks (a free email gives its try back once its
    // account exists, so a few more may be told while the burst is still asking).
    expect(toldApart.length).toBeLessThanOrEqual(THROTTLE_RULES.address.limit + 5);
    // A refused sign-up, taken or free, created nothing and hashed nothing.
    const refusedFree = outcomes.filter(({ email, outcome }) => free.includes(email) && !outcome.ok);
    for (const { email } of refusedFree) {
      expect(await db().select().from(users).where(eq(users.email, email))).toEqual([]);
    }
  });
});
