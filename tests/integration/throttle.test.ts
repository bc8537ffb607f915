import { and, desc, eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";

import { countQueries } from "@/db/query-stats";
import { auditLog, signInThrottles } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed/accounts";
import { changePassword } from "@/lib/auth/account";
import { findActiveViewer } from "@/lib/auth/queries";
import {
  authRequestProblem,
  credentialsKeys,
  malformedJsonBody,
  tooManyAttempts,
  unservedAuthEndpoint,
} from "@/lib/auth/route-guard";
import { attemptSignIn, type SignInOutcome } from "@/lib/auth/sign-in";
import { THROTTLE_RULES } from "@/lib/auth/throttle";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createUser } from "../fixtures/factory";

/**
 * Sign-in throttling in PostgreSQL: 5 failures per account, 20 per client address, then locks of 30 s doubling to
 * 15 min; the same answers for unknown accounts; a success clears the account. Time moves in the database.
 */
describe.each(DRIVERS)("sign-in throttle on %s", (driver) => {
  const db = freshDatabase(driver);
  let n = 0;
  const address = () => `198.51.100.${++n}`;
  const attempt = (email: string, password: string, from: string | null) =>
    attemptSignIn({ email, password, address: from });
  const fail = async (email: string, from: string, times: number) => {
    const outcomes: SignInOutcome["ok"][] = [];
    for (let i = 0; i < times; i++) outcomes.push((await attempt(email, "wrong password", from)).ok);
    return outcomes;
  };
  const shape = (outcome: SignInOutcome) => (outcome.ok ? "ok" : outcome.reason);
  const row = async (kind: "account" | "address", key: string) =>
    (
      await db()
        .select()
        .from(signInThrottles)
        .where(and(eq(signInThrottles.kind, kind), eq(signInThrottles.key, key)))
    )[0];
  const expireLock = (kind: "account" | "address", key: string) =>
    db()
      .update(signInThrottles)
      .set({ lockedUntil: sql`now() - interval '1 second'` })
      .where(and(eq(signInThrottles.kind, kind), eq(signInThrottles.key, key)));

  it("locks an account after 5 failures, refuses even the right password with a retry-after, and audits without secrets", async () => {
    const { user, profile } = await createUser(db());
    const from = address();
    expect(await fail(user.email, from, THROTTLE_RULES.account.limit)).toEqual([false, false, false, false, false]);
    const locked = await attempt(user.email.toUpperCase(), DEMO_PASSWORD, from);
    expect(locked).toMatchObject({ ok: false, reason: "throttled", kind: "account" });
    const seconds = (locked as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(seconds).toBeGreaterThan(25);
    expect(seconds).toBeLessThanOrEqual(30);

    const entries = await db().select().from(auditLog).where(eq(auditLog.targetProfileId, profile.id));
    expect(entries.filter((e) => e.action === "auth.sign_in_failed")).toHaveLength(5);
    expect(entries.filter((e) => e.action === "auth.sign_in_throttled")).toHaveLength(1);
    expect(entries[0]!.details).toMatchObject({ email: user.email, address: from });
    const written = JSON.stringify(entries);
    expect(written).not.toContain("wrong password");
    expect(written).not.toContain(DEMO_PASSWORD);
    expect(written).not.toMatch(/at .*\.ts:\d+/);

    // Once the lock is over, the right password works and clears the account's counter.
    await expireLock("account", user.email);
    expect(await attempt(user.email, DEMO_PASSWORD, from)).toMatchObject({ ok: true });
    expect(await row("account", user.email)).toBeUndefined();
  });

  it("counts an account's failures from any address, while each address may still sign in to other accounts", async () => {
    const { user } = await createUser(db());
    const other = await createUser(db());
    const [a, b] = [address(), address()];
    await fail(user.email, a, 3);
    await fail(user.email, b, 2);
    expect(shape(await attempt(user.email, DEMO_PASSWORD, a))).toBe("throttled");
    expect(shape(await attempt(user.email, DEMO_PASSWORD, b))).toBe("throttled");
    expect(shape(await attempt(user.email, DEMO_PASSWORD, address()))).toBe("throttled");
    expect(shape(await attempt(other.user.email, DEMO_PASSWORD, a))).toBe("ok");
  });

  it("locks a client address after 20 failures across accounts; other addresses are unaffected", async () => {
    const { user } = await createUser(db());
    const from = address();
    for (let i = 0; i < THROTTLE_RULES.address.limit; i++) {
      expect(shape(await attempt(`spray-${i}@example.test`, "guess", from))).toBe("invalid");
    }
    expect(await attempt(user.email, DEMO_PASSWORD, from)).toMatchObject({
      ok: false,
      reason: "throttled",
      kind: "address",
    });
    expect(shape(await attempt(user.email, DEMO_PASSWORD, address()))).toBe("ok");
  });

  it("counts nothing for an attempt a lock refused: the right password tried behind a locked address locks no account", async () => {
    const { user } = await createUser(db());
    const shared = address();
    // Someone else behind the same address (an office, a phone network) sprays guesses until it is locked.
    for (let i = 0; i < THROTTLE_RULES.address.limit; i++)
      await attempt(`spray-${n}-${i}@example.test`, "guess", shared);
    // The account's owner, behind it too, tries their right password a few times: refused, the password unchecked.
    for (let i = 0; i < THROTTLE_RULES.account.limit + 1; i++) {
      expect(await attempt(user.email, DEMO_PASSWORD, shared)).toMatchObject({ reason: "throttled", kind: "address" });
    }
    // Nothing was held against the account: from home they sign in at once.
    expect(shape(await attempt(user.email, DEMO_PASSWORD, address()))).toBe("ok");
    expect(await row("account", user.email)).toBeUndefined();

    // Nor against the address while the account is the one locked: retrying a locked account (locked by a guesser
    // elsewhere) does not lock its owner's own address.
    const home = address();
    await fail(user.email, address(), THROTTLE_RULES.account.limit);
    for (let i = 0; i < THROTTLE_RULES.address.limit + 1; i++) {
      expect(await attempt(user.email, DEMO_PASSWORD, home)).toMatchObject({ reason: "throttled", kind: "account" });
    }
    expect(await row("address", home)).toBeUndefined();
  });

  it("answers an unknown email exactly as an existing account with a wrong password", async () => {
    const { user } = await createUser(db());
    const from = address();
    const known: string[] = [];
    const unknown: string[] = [];
    for (let i = 0; i < 7; i++) known.push(shape(await attempt(user.email, "wrong password", from)));
    for (let i = 0; i < 7; i++) unknown.push(shape(await attempt("nobody-here@example.test", "wrong password", from)));
    expect(unknown).toEqual(known);
    expect(known).toEqual(["invalid", "invalid", "invalid", "invalid", "invalid", "throttled", "throttled"]);
    const [k, u] = [await row("account", user.email), await row("account", "nobody-here@example.test")];
    expect(u).toMatchObject({ failures: k!.failures, lockouts: k!.lockouts });
  });

  it("resets the account on success, and gives the address back the successful try", async () => {
    const { user } = await createUser(db());
    const from = address();
    await fail(user.email, from, 4);
    expect(shape(await attempt(user.email, DEMO_PASSWORD, from))).toBe("ok");
    expect(await row("account", user.email)).toBeUndefined();
    expect((await row("address", from))!.failures).toBe(4);
    expect(await fail(user.email, from, 4)).toEqual([false, false, false, false]);
    expect(shape(await attempt(user.email, "wrong password", from))).toBe("invalid");
    expect(shape(await attempt(user.email, DEMO_PASSWORD, from))).toBe("throttled");
  });

  it("doubles the lock after each further failure up to 15 minutes, and forgets a key quiet for 15 minutes", async () => {
    const { user } = await createUser(db());
    const from = address();
    await fail(user.email, from, 5);
    const locks: number[] = [];
    for (let i = 0; i < 7; i++) {
      const [{ seconds }] = (await db()
        .select({ seconds: sql<number>`round(extract(epoch from ${signInThrottles.lockedUntil} - now()))::int` })
        .from(signInThrottles)
        .where(and(eq(signInThrottles.kind, "account"), eq(signInThrottles.key, user.email)))) as [{ seconds: number }];
      locks.push(seconds);
      await expireLock("account", user.email);
      expect(shape(await attempt(user.email, "wrong password", from))).toBe("invalid");
    }
    expect(locks.map((s) => Math.round(s / 10) * 10)).toEqual([30, 60, 120, 240, 480, 900, 900]);

    await db()
      .update(signInThrottles)
      .set({ lockedUntil: sql`now() - interval '16 minutes'`, lastFailureAt: sql`now() - interval '31 minutes'` })
      .where(and(eq(signInThrottles.kind, "account"), eq(signInThrottles.key, user.email)));
    expect(shape(await attempt(user.email, "wrong password", from))).toBe("invalid");
    expect(await row("account", user.email)).toMatchObject({ failures: 1, lockouts: 0, lockedUntil: null });
  });

  it("keeps a key at the longest lock while its guesses go on: a 15-minute lock sitting out is no quiet key", async () => {
    const { user } = await createUser(db());
    const from = address();
    // As time passes: the key's times move back by `seconds` (refused attempts meanwhile count nothing anyway).
    const passTime = (seconds: number) =>
      db()
        .update(signInThrottles)
        .set({
          lastFailureAt: sql`${signInThrottles.lastFailureAt} - ${seconds} * interval '1 second'`,
          lockedUntil: sql`${signInThrottles.lockedUntil} - ${seconds} * interval '1 second'`,
        })
        .where(and(eq(signInThrottles.kind, "account"), eq(signInThrottles.key, user.email)));
    await fail(user.email, from, 5);
    const locks: (number | null)[] = [];
    for (let i = 0; i < 8; i++) {
      const [{ seconds }] = (await db()
        .select({ seconds: sql<number | null>`round(extract(epoch from ${signInThrottles.lockedUntil} - now()))::int` })
        .from(signInThrottles)
        .where(and(eq(signInThrottles.kind, "account"), eq(signInThrottles.key, user.email)))) as [
        { seconds: number | null },
      ];
      locks.push(seconds);
      // The guesser waits out the lock exactly, and tries once more.
      await passTime((seconds ?? 0) + 1);
      expect(shape(await attempt(user.email, "wrong password", from))).toBe("invalid");
    }
    // Before: the 15-minute lock's end was 15 minutes after the last counted failure, so the key read as quiet, all
    // was forgotten and the guesser had 5 more tries and the ladder again (10 guesses per 30 minutes, for ever).
    expect(locks.map((s) => (s === null ? null : Math.round(s / 10) * 10))).toEqual([
      30, 60, 120, 240, 480, 900, 900, 900,
    ]);
  });

  it("lets at most 5 of 15 simultaneous guesses reach the password check", async () => {
    const { user } = await createUser(db());
    const outcomes = await Promise.all(
      Array.from({ length: 15 }, (_, i) => attempt(user.email, `guess ${i}`, address())),
    );
    expect(outcomes.filter((o) => shape(o) === "invalid")).toHaveLength(5);
    expect(outcomes.filter((o) => shape(o) === "throttled")).toHaveLength(10);
  });

  it("the guard answers 429 for a locked client address too, whatever account it tries, and audits it as over HTTP", async () => {
    const { user } = await createUser(db());
    const from = address();
    for (let i = 0; i < THROTTLE_RULES.address.limit; i++) await attempt(`spray-${i}@example.test`, "guess", from);
    const answer = await tooManyAttempts({ email: user.email, address: from });
    expect(answer?.status).toBe(429);
    expect(Number(answer?.headers.get("retry-after"))).toBeGreaterThan(0);
    // The same account from another address is not locked: the lock is the address's.
    expect(await tooManyAttempts({ email: user.email, address: address() })).toBeNull();
    const audited = await db()
      .select({ action: auditLog.action, details: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.action, "auth.sign_in_throttled"))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audited[0]?.details).toMatchObject({ lockedKey: "address", via: "http" });
    expect(JSON.stringify(audited[0]?.details)).not.toContain("guess");
  });

  it("counts wrong current passwords on the password form against the account, and audits its refusal", async () => {
    const { user, profile } = await createUser(db());
    const viewer = (await findActiveViewer(user.id))!;
    const from = address();
    const change = (currentPassword: string) =>
      changePassword({ viewer, input: { currentPassword, newPassword: "a brand new secret" }, address: from });
    for (let i = 0; i < THROTTLE_RULES.account.limit; i++) {
      expect(await change("wrong password")).toEqual({ ok: false, reason: "wrong-password" });
    }
    // 3 statements, as a refused sign-in: the claim, the lock's remaining time, and the audit row.
    expect(await countQueries(() => change(DEMO_PASSWORD))).toMatchObject({
      result: { ok: false, reason: "throttled" },
      count: 3,
    });
    const refused = await db()
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.targetProfileId, profile.id), eq(auditLog.action, "auth.sign_in_throttled")));
    // Before, a refused change wrote nothing, where a refused sign-in is on the record.
    expect(refused).toEqual([
      { details: expect.objectContaining({ via: "password_change", address: from, lockedKey: "account" }) },
    ]);
    expect(JSON.stringify(refused)).not.toContain(DEMO_PASSWORD);
  });

  it("keys the credentials endpoint's guard only by an address sign-in accepts: a NUL byte is no key, not a 500", async () => {
    const post = (body: URLSearchParams | string, type: string) =>
      new NextRequest("http://127.0.0.1/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": type },
        body,
      });
    const form = "application/x-www-form-urlencoded";
    for (const email of ["\u0000", "a\u0000@example.com", "x".repeat(300) + "@example.com", "not an email", " "]) {
      expect(await credentialsKeys(post(new URLSearchParams({ email, password: "x" }), form)), email).toBeNull();
      expect(await credentialsKeys(post(JSON.stringify({ email }), "application/json")), email).toBeNull();
    }
    expect(await credentialsKeys(post(new URLSearchParams({ email: " Ann@Example.com " }), form))).toMatchObject({
      email: "ann@example.com",
    });
  });

  it("the credentials endpoint's guard answers 429 with Retry-After while locked", async () => {
    const { user } = await createUser(db());
    const from = address();
    const post = () =>
      new NextRequest("http://127.0.0.1/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": `${from}, 10.0.0.1` },
        body: new URLSearchParams({ email: user.email.toUpperCase(), password: "x", csrfToken: "t" }),
      });
    const keys = await credentialsKeys(post());
    expect(keys).toEqual({ email: user.email, address: from });
    expect(await tooManyAttempts(keys!)).toBeNull();
    await fail(user.email, from, 5);
    const answer = await tooManyAttempts(keys!);
    expect(answer?.status).toBe(429);
    expect(Number(answer?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await answer?.json()).toMatchObject({
      error: "TooManyAttempts",
      message: expect.stringMatching(/^Too many attempts, try again in \d+ s\.$/),
    });
  });

  it("keys a repeated email field as Auth.js reads it, the last: an unlocked email named first does not dodge the 429", async () => {
    const { user } = await createUser(db());
    const from = address();
    await fail(user.email, address(), THROTTLE_RULES.account.limit);
    const keys = await credentialsKeys(
      new NextRequest("http://127.0.0.1/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": from },
        body: new URLSearchParams([
          ["email", `unlocked-${n}@example.test`],
          ["email", user.email],
          ["password", "x"],
          ["csrfToken", "t"],
        ]),
      }),
    );
    expect(keys).toEqual({ email: user.email, address: from });
    expect((await tooManyAttempts(keys!))?.status).toBe(429);
  });
});

describe("malformed callback URLs", () => {
  const get = (url: string, cookie?: string) =>
    authRequestProblem(new NextRequest(url, { headers: cookie ? { cookie } : {} }));

  it.each(["abc", "//evil.example", "https://evil.example/x", "javascript:alert(1)", "/\t/evil.example", "/\\evil"])(
    "answers %j with a 400, not Auth.js' 500",
    (value) => {
      expect(get(`http://127.0.0.1/api/auth/signin?callbackUrl=${encodeURIComponent(value)}`)?.status).toBe(400);
    },
  );

  it("checks every value of a repeated callbackUrl: Auth.js reads the last one", () => {
    expect(get("http://127.0.0.1/api/auth/signout?callbackUrl=%2F&callbackUrl=%2B011888-08")?.status).toBe(400);
    expect(get("http://127.0.0.1/api/auth/signin?callbackUrl=%2F&callbackUrl=%2Forders")).toBeNull();
  });

  it("lets same-site paths through, and clears a broken callback-url cookie", () => {
    expect(get("http://127.0.0.1/api/auth/signin?callbackUrl=%2Forders")).toBeNull();
    expect(get("http://127.0.0.1/api/auth/session", "authjs.callback-url=http%3A%2F%2F127.0.0.1%2Forders")).toBeNull();
    const broken = get("http://127.0.0.1/api/auth/session", "authjs.callback-url=abc");
    expect(broken?.status).toBe(400);
    expect(broken?.headers.get("set-cookie")).toMatch(/^authjs\.callback-url=;.*Max-Age=0/);
  });
});

describe("malformed JSON bodies", () => {
  const post = (body: string, type = "application/json") =>
    malformedJsonBody(
      new NextRequest("http://127.0.0.1/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": type },
        body,
      }),
    );

  it.each(["{", "-", "\u0000", "", '{"email": "a@b.c",}'])(
    "answers %j with a 400 before Auth.js logs a stack trace",
    async (body) => {
      const answer = await post(body);
      expect(answer?.status).toBe(400);
      expect(await answer?.json()).toEqual({ error: "MalformedBody", message: "The request body is not valid JSON." });
    },
  );

  it("lets JSON that parses and every form through to Auth.js, whose own checks answer them", async () => {
    expect(await post('{"email":"a@platter.test","password":"x"}')).toBeNull();
    expect(await post("{", "application/x-www-form-urlencoded")).toBeNull();
  });
});

describe("Auth.js endpoints this app does not serve", () => {
  const call = async (method: "GET" | "POST", path: string) => {
    const route = await import("@/app/api/auth/[...nextauth]/route");
    return route[method](new NextRequest(`http://127.0.0.1${path}`, { method }));
  };

  it("answers 404 or 405 before Auth.js, whose answer was a 500 'Configuration' page", async () => {
    for (const [method, path] of [
      ["GET", "/api/auth/signin/nope"],
      ["POST", "/api/auth/signin/nope"],
      ["POST", "/api/auth/callback/nope"],
      ["GET", "/api/auth/callback/%00"],
      ["GET", "/api/auth/webauthn-options/credentials"],
      ["POST", "/api/auth/foo"],
    ] as const) {
      const answer = await call(method, path);
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(await answer.json()).toEqual({ error: "NotFound", message: "No such sign-in endpoint." });
    }
    const get = await call("GET", "/api/auth/callback/credentials");
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
  });

  it("sends whoever lands on Auth.js' error page, whatever it says, to the sign-in page", async () => {
    const answer = await call("GET", "/api/auth/error?error=Configuration");
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe("/sign-in");
  });

  it("passes the endpoints it serves on to Auth.js (the browser tests sign in and out through them)", () => {
    for (const [method, path] of [
      ["GET", "/api/auth/session"],
      ["GET", "/api/auth/csrf"],
      ["GET", "/api/auth/providers"],
      ["GET", "/api/auth/signin"],
      ["GET", "/api/auth/signout"],
      ["POST", "/api/auth/session"],
      ["POST", "/api/auth/signin/credentials"],
      ["POST", "/api/auth/callback/credentials"],
      ["POST", "/api/auth/signout"],
    ] as const) {
      expect(
        unservedAuthEndpoint(new NextRequest(`http://127.0.0.1${path}`, { method })),
        `${method} ${path}`,
      ).toBeNull();
    }
  });
});
