import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

import { countQueries } from "@/db/query-stats";
import {
  auditLog,
  passwordResetThrottles,
  passwordResetTokens,
  signInThrottles,
  users,
  userSessions,
} from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed/accounts";
import type { ActionState } from "@/lib/action";
import { setUserDisabled } from "@/lib/admin/roles";
import { changePassword } from "@/lib/auth/account";
import { authenticate, findActiveViewer } from "@/lib/auth/queries";
import { forgotPasswordAction, resetPasswordAction } from "@/lib/auth/reset-actions";
import { RESET_LINK_PROBLEMS, RESET_REQUESTED_MESSAGE } from "@/lib/auth/reset-schema";
import { RESET_THROTTLE_RULES } from "@/lib/auth/reset-throttle";
import { checkResetToken, hashResetToken } from "@/lib/auth/reset-tokens";
import { findSessionViewer } from "@/lib/auth/sessions";
import { attemptSignIn } from "@/lib/auth/sign-in";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createUser } from "../fixtures/factory";
import { openSession } from "../fixtures/open-session";
import { submit } from "../fixtures/session";

/**
 * Password reset through its two server actions, as a browser posts them: the neutral answer, the mail in the
 * outbox, single-use hashed tokens that expire after 30 minutes, older links replaced, every session ended,
 * throttling per email and per address, bad input. Time moves in the database, never slept through.
 */

// The request the actions read (next/headers), and the work they leave for after the response (next/server).
const request = { headers: new Headers() };
const afterTasks: (() => unknown)[] = [];
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [] }),
}));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: () => unknown) => void afterTasks.push(task),
}));

const outbox = mkdtempSync(path.join(tmpdir(), "platter-outbox-"));
vi.stubEnv("PLATTER_OUTBOX_DIR", outbox);
vi.stubEnv("AUTH_URL", "");
vi.stubEnv("SMTP_URL", "");
vi.spyOn(console, "info").mockImplementation(() => {});
afterAll(() => rmSync(outbox, { recursive: true, force: true }));

const ORIGIN = "http://127.0.0.1:3800";
let addresses = 0;
const newAddress = () => `192.0.2.${++addresses}`;

/** A browser at `address` talking to the app at ORIGIN (or at `host`). */
function from(address: string, host = "127.0.0.1:3800") {
  request.headers = new Headers({ host, "x-forwarded-for": address });
}

/** What was mailed to `to` (the outbox files' links, oldest first). */
function linksMailedTo(to: string): string[] {
  // <timestamp>-<to>.eml, then -2, -3 ... for more in the same millisecond.
  const order = (name: string) => `${name.slice(0, 24)}#${(/-(\d+)\.eml$/.exec(name)?.[1] ?? "1").padStart(3, "0")}`;
  return readdirSync(outbox)
    .filter((name) => name.endsWith(`-${to}.eml`) || /^-\d+\.eml$/.test(name.split(`-${to}`)[1] ?? ""))
    .sort((a, b) => order(a).localeCompare(order(b)))
    .map((name) => readFileSync(path.join(outbox, name), "utf8"))
    .map((eml) => /^(http:\/\/\S+\/reset-password\?token=\S+)\r?$/m.exec(eml)?.[1] ?? "no link");
}
const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;

async function runAfterTasks() {
  for (const task of afterTasks.splice(0)) await task();
}

async function forgot(email: string, fields: Record<string, string> = {}) {
  const state = await submit(forgotPasswordAction, { email, ...fields });
  await runAfterTasks();
  return state;
}

/** The reset action: its state, or the path it redirected to. */
async function reset(fields: Record<string, string | undefined>): Promise<ActionState | { redirectedTo: string }> {
  try {
    return await submit(resetPasswordAction, fields);
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? "");
    if (!digest.startsWith("NEXT_REDIRECT")) throw error;
    return { redirectedTo: digest.split(";")[2]! };
  }
}
const newPassword = (token: string, password = "a fresh passphrase") =>
  reset({ token, password, confirmPassword: password });

const NEUTRAL = { ok: true, message: RESET_REQUESTED_MESSAGE };
const DONE = { redirectedTo: "/sign-in?reset=done" };

describe.each(DRIVERS)("password reset on %s", (driver) => {
  const db = freshDatabase(driver);
  beforeEach(() => from(newAddress()));

  const tokenRows = (userId: string) =>
    db().select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, userId));

  it("mails a link whose token is stored only as its SHA-256; the link works once and sets the password", async () => {
    const { user } = await createUser(db());
    expect(await forgot(user.email.toUpperCase())).toEqual(NEUTRAL);
    const [link] = linksMailedTo(user.email);
    expect(link).toMatch(new RegExp(`^${ORIGIN}/reset-password\\?token=[A-Za-z0-9_-]{43}$`));
    const token = tokenOf(link!);

    const [row] = await tokenRows(user.id);
    expect(row!.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(30 * 60 * 1000);
    expect(row!.usedAt).toBeNull();
    expect(await checkResetToken(hashResetToken(token))).toEqual({ status: "valid", email: user.email });

    expect(await newPassword(token)).toEqual(DONE);
    expect(await authenticate(user.email, "a fresh passphrase")).toMatchObject({ id: user.id });
    expect(await authenticate(user.email, DEMO_PASSWORD)).toBeNull();
    expect((await tokenRows(user.id))[0]!.usedAt).not.toBeNull();

    // Single use: the same link again changes nothing.
    expect(await newPassword(token, "another passphrase")).toEqual({ message: RESET_LINK_PROBLEMS.used });
    expect(await authenticate(user.email, "a fresh passphrase")).toMatchObject({ id: user.id });
    expect(await checkResetToken(hashResetToken(token))).toEqual({ status: "used" });
  });

  it("ends every session of the account, and only that account's, in the reset's transaction; audits it", async () => {
    const { user, profile } = await createUser(db());
    const other = await createUser(db());
    const sessions = await Promise.all([1, 2, 3].map(() => openSession(user.id)));
    const bystander = await openSession(other.user.id);
    await forgot(user.email);
    expect(await newPassword(tokenOf(linksMailedTo(user.email)[0]!))).toEqual(DONE);

    for (const sessionId of sessions) expect(await findSessionViewer({ userId: user.id, sessionId })).toBeNull();
    expect(await findSessionViewer({ userId: other.user.id, sessionId: bystander })).not.toBeNull();
    const revoked = await db().select().from(userSessions).where(eq(userSessions.userId, user.id));
    expect(revoked.map((s) => s.revokedReason)).toEqual(["password_reset", "password_reset", "password_reset"]);

    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.password_reset"), eq(auditLog.targetProfileId, profile.id)));
    expect(entry).toMatchObject({
      actorProfileId: profile.id,
      targetProfileId: profile.id,
      details: { email: user.email, sessionsEnded: 3 },
    });
    expect(JSON.stringify(entry)).not.toContain("a fresh passphrase");
  });

  it("refuses a link 30 minutes after it was sent, with its own message, and changes nothing", async () => {
    const { user } = await createUser(db());
    await forgot(user.email);
    const token = tokenOf(linksMailedTo(user.email)[0]!);
    const age = (minutes: number) =>
      db()
        .update(passwordResetTokens)
        .set({
          createdAt: sql`now() - ${minutes} * interval '1 minute'`,
          expiresAt: sql`now() + ${30 - minutes} * interval '1 minute'`,
        })
        .where(eq(passwordResetTokens.userId, user.id));

    await age(29);
    expect(await checkResetToken(hashResetToken(token))).toMatchObject({ status: "valid" });
    await age(31);
    expect(await checkResetToken(hashResetToken(token))).toEqual({ status: "expired" });
    expect(await newPassword(token)).toEqual({ message: RESET_LINK_PROBLEMS.expired });
    expect(await authenticate(user.email, DEMO_PASSWORD)).toMatchObject({ id: user.id });
    expect((await tokenRows(user.id))[0]!.usedAt).toBeNull();

    // A new request gives a new, working link.
    await forgot(user.email);
    const fresh = tokenOf(linksMailedTo(user.email)[1]!);
    expect(await newPassword(fresh)).toEqual(DONE);
  });

  it("a new request replaces the outstanding link: the older one stops working", async () => {
    const { user } = await createUser(db());
    await forgot(user.email);
    await forgot(user.email);
    const [older, newer] = linksMailedTo(user.email).map(tokenOf);
    expect(older).not.toBe(newer);
    expect(await tokenRows(user.id)).toHaveLength(1);
    expect(await newPassword(older!)).toEqual({ message: RESET_LINK_PROBLEMS.unknown });
    expect(await newPassword(newer!)).toEqual(DONE);
  });

  it("of two submits of one link at once, exactly one sets its password", async () => {
    const { user } = await createUser(db());
    await forgot(user.email);
    const token = tokenOf(linksMailedTo(user.email)[0]!);
    const outcomes = await Promise.all([
      newPassword(token, "first passphrase"),
      newPassword(token, "second passphrase"),
    ]);
    expect(outcomes.filter((o) => "redirectedTo" in o)).toHaveLength(1);
    expect(outcomes.filter((o) => "message" in o)).toEqual([{ message: RESET_LINK_PROBLEMS.used }]);
    const winner = outcomes[0] && "redirectedTo" in outcomes[0] ? "first passphrase" : "second passphrase";
    expect(await authenticate(user.email, winner)).toMatchObject({ id: user.id });
  });

  it("answers an unknown or disabled address exactly as a known one, with the same statements, and mails neither", async () => {
    const { user } = await createUser(db());
    const disabled = await createUser(db());
    await db().update(users).set({ disabled: true }).where(eq(users.id, disabled.user.id));
    const unknown = `nobody-${Date.now()}@example.test`;

    const counted = async (email: string) => {
      from(newAddress());
      const { result, count } = await countQueries(() => submit(forgotPasswordAction, { email }));
      await runAfterTasks();
      return { result, count };
    };
    const known = await counted(user.email);
    expect(await counted(unknown)).toEqual(known);
    expect(await counted(disabled.user.email)).toEqual(known);
    expect(known).toEqual({ result: NEUTRAL, count: 2 });

    expect(linksMailedTo(user.email)).toHaveLength(1);
    expect(linksMailedTo(unknown)).toEqual([]);
    expect(linksMailedTo(disabled.user.email)).toEqual([]);
    expect(await tokenRows(disabled.user.id)).toEqual([]);
  });

  it("a disabled account's outstanding link stops working", async () => {
    const { user } = await createUser(db());
    await forgot(user.email);
    const token = tokenOf(linksMailedTo(user.email)[0]!);
    await db().update(users).set({ disabled: true }).where(eq(users.id, user.id));
    expect(await newPassword(token)).toEqual({ message: RESET_LINK_PROBLEMS.unknown });
  });

  it("an admin's disable ends the outstanding link for good: re-enabled within its 30 minutes, it stays dead", async () => {
    const { user, profile } = await createUser(db());
    const admin = await createUser(db(), { role: "admin" });
    const adminViewer = (await findActiveViewer(admin.user.id))!;
    await forgot(user.email);
    const token = tokenOf(linksMailedTo(user.email)[0]!);
    for (const disabled of [true, false]) {
      expect(await setUserDisabled({ viewer: adminViewer, profileId: profile.id, disabled })).toEqual({
        ok: true,
        changed: true,
      });
    }
    expect(await newPassword(token)).toEqual({ message: RESET_LINK_PROBLEMS.unknown });
    expect(await tokenRows(user.id)).toEqual([]);
  });

  it("a password change on the account page ends the outstanding link: it cannot set the password again", async () => {
    const { user } = await createUser(db());
    await forgot(user.email);
    const token = tokenOf(linksMailedTo(user.email)[0]!);
    const sessionId = await openSession(user.id);
    const viewer = (await findSessionViewer({ userId: user.id, sessionId }))!;
    expect(
      await changePassword({ viewer, input: { currentPassword: DEMO_PASSWORD, newPassword: "the owner's new one" } }),
    ).toEqual({ ok: true, signedOut: 0 });
    expect(await newPassword(token, "whoever held the link")).toEqual({ message: RESET_LINK_PROBLEMS.unknown });
    expect(await authenticate(user.email, "the owner's new one")).toMatchObject({ id: user.id });
    expect(await tokenRows(user.id)).toEqual([]);
  });

  it("sends at most 3 mails per email in 15 minutes, from any address, with the same answer after", async () => {
    const { user } = await createUser(db());
    for (let i = 0; i < RESET_THROTTLE_RULES.email.limit + 2; i++) {
      from(newAddress());
      expect(await forgot(user.email)).toEqual(NEUTRAL);
    }
    expect(linksMailedTo(user.email)).toHaveLength(3);
    // The refused requests issued nothing: the third link still works.
    const third = tokenOf(linksMailedTo(user.email)[2]!);

    await db()
      .update(passwordResetThrottles)
      .set({ windowStartedAt: sql`now() - interval '15 minutes 1 second'` })
      .where(and(eq(passwordResetThrottles.kind, "email"), eq(passwordResetThrottles.key, user.email)));
    expect(await forgot(user.email)).toEqual(NEUTRAL);
    expect(linksMailedTo(user.email)).toHaveLength(4);
    expect(await newPassword(third)).toEqual({ message: RESET_LINK_PROBLEMS.unknown });
  });

  it("sends nothing more to anyone from an address after 20 requests in 15 minutes; other addresses are unaffected", async () => {
    const { user } = await createUser(db());
    const address = newAddress();
    from(address);
    for (let i = 0; i < RESET_THROTTLE_RULES.address.limit; i++) await forgot(`spray-${i}-${address}@example.test`);
    expect(await forgot(user.email)).toEqual(NEUTRAL);
    expect(linksMailedTo(user.email)).toEqual([]);
    from(newAddress());
    await forgot(user.email);
    expect(linksMailedTo(user.email)).toHaveLength(1);
  });

  it("never builds a link from a Host header it does not trust", async () => {
    const { user } = await createUser(db());
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    from(newAddress(), "evil.example");
    expect(await forgot(user.email)).toEqual(NEUTRAL);
    request.headers.set("host", "127.0.0.1:3800");
    request.headers.set("x-forwarded-host", "evil.example");
    expect(await forgot(user.email)).toEqual(NEUTRAL);
    expect(linksMailedTo(user.email)).toEqual([]);
    expect(log).toHaveBeenCalledWith(expect.stringContaining("set AUTH_URL"));
    log.mockRestore();
    // localhost is trusted: a link there reaches nobody but the machine it was asked from.
    from(newAddress(), "localhost:3000");
    await forgot(user.email);
    expect(linksMailedTo(user.email)[0]).toMatch(/^http:\/\/localhost:3000\/reset-password\?token=/);
  });

  it("lifts the account's sign-in lock: whoever holds the mailbox may sign in with the new password at once", async () => {
    const { user } = await createUser(db());
    for (let i = 0; i < 6; i++) await attemptSignIn({ email: user.email, password: "wrong", address: null });
    expect(await attemptSignIn({ email: user.email, password: DEMO_PASSWORD, address: null })).toMatchObject({
      reason: "throttled",
    });
    await forgot(user.email);
    expect(await newPassword(tokenOf(linksMailedTo(user.email)[0]!))).toEqual(DONE);
    expect(
      await db()
        .select()
        .from(signInThrottles)
        .where(and(eq(signInThrottles.kind, "account"), eq(signInThrottles.key, user.email))),
    ).toEqual([]);
    expect(await attemptSignIn({ email: user.email, password: "a fresh passphrase", address: null })).toMatchObject({
      ok: true,
    });
  });

  it("explains bad input in the form, never a 500, and writes nothing", async () => {
    const { user } = await createUser(db());
    const counts = async () =>
      Promise.all([
        db().$count(passwordResetTokens),
        db().$count(passwordResetThrottles),
        db().$count(auditLog),
        db().$count(userSessions, sql`${userSessions.revokedAt} is not null`),
      ]);
    const before = await counts();

    const emailError = async (email: string | undefined) =>
      ((await forgot(email as string)) as ActionState).fieldErrors?.email?.[0];
    expect(await emailError("")).toBe("Enter your email address.");
    expect(await emailError(undefined)).toBe("Enter your email address.");
    expect(await emailError(`${user.email}\u0000`)).toMatch(/valid email/);
    expect(await emailError("\u0000".repeat(50))).toMatch(/valid email/);
    expect(await emailError(`${"a".repeat(10_000)}@example.test`)).toBe("That email address is too long.");
    const repeated = new FormData();
    repeated.append("email", user.email);
    repeated.append("email", user.email);
    expect((await forgotPasswordAction({}, repeated)).fieldErrors?.email).toBeDefined();
    for (const body of [null, undefined, "email=x", { email: user.email }]) {
      expect(await forgotPasswordAction({}, body as unknown as FormData)).toEqual({
        message: "This form could not be read. Reload the page and try again.",
      });
      expect(await resetPasswordAction({}, body as unknown as FormData)).toEqual({
        message: "This form could not be read. Reload the page and try again.",
      });
    }

    const password = "a fresh passphrase";
    const withToken = (token: string | undefined) => reset({ token, password, confirmPassword: password });
    expect(await withToken(undefined)).toEqual({ message: RESET_LINK_PROBLEMS.missing });
    expect(await withToken("")).toEqual({ message: RESET_LINK_PROBLEMS.missing });
    for (const token of ["abc", "\u0000".repeat(43), "A".repeat(10_000), `${"A".repeat(42)}=`, "A".repeat(43)]) {
      expect(await withToken(token)).toEqual({ message: RESET_LINK_PROBLEMS.unknown });
    }
    const valid = "A".repeat(43);
    expect(await reset({ token: valid, password: "short", confirmPassword: "short" })).toMatchObject({
      fieldErrors: { password: ["Use at least 8 characters."] },
    });
    expect(await reset({ token: valid, password, confirmPassword: "something else" })).toMatchObject({
      fieldErrors: { confirmPassword: ["The two passwords do not match."] },
    });
    expect(await reset({ token: valid, password: "x".repeat(10_000), confirmPassword: "x" })).toMatchObject({
      fieldErrors: { password: ["Use at most 200 characters."] },
    });
    expect(
      await reset({ token: valid, password: "a\u0000b".repeat(4), confirmPassword: "a\u0000b".repeat(4) }),
    ).toEqual({ message: RESET_LINK_PROBLEMS.unknown });
    expect(await counts()).toEqual(before);
  });

  it("statement budgets: a request is 2 statements (1 throttled); the link's page 1; a reset the same for 1 session or 20", async () => {
    const requestCounts: number[] = [];
    const resetCounts: number[] = [];
    for (const sessions of [1, 20]) {
      const { user } = await createUser(db());
      for (let i = 0; i < sessions; i++) await openSession(user.id);
      from(newAddress());
      requestCounts.push((await countQueries(() => submit(forgotPasswordAction, { email: user.email }))).count);
      await runAfterTasks();
      const token = tokenOf(linksMailedTo(user.email)[0]!);
      // The page the link opens reads it in one statement (app/(auth)/reset-password/page.tsx).
      const { result: link, count: pageCount } = await countQueries(() => checkResetToken(hashResetToken(token)));
      expect([link.status, pageCount]).toEqual(["valid", 1]);
      const { result, count } = await countQueries(() => newPassword(token));
      expect(result).toEqual(DONE);
      resetCounts.push(count);
    }
    expect(requestCounts).toEqual([2, 2]);
    expect(resetCounts[0]).toBe(resetCounts[1]);
    expect(resetCounts[0]).toBe(7);
    // A dead link costs one statement (and no password hashing).
    expect((await countQueries(() => newPassword("B".repeat(43)))).count).toBe(1);

    const { user } = await createUser(db());
    for (let i = 0; i < RESET_THROTTLE_RULES.email.limit; i++) await forgot(user.email);
    expect((await countQueries(() => submit(forgotPasswordAction, { email: user.email }))).count).toBe(1);
    await runAfterTasks();
  });
});
