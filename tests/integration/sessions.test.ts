import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { countQueries } from "@/db/query-stats";
import { userSessions, users as usersTable } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed/accounts";
import { listAuditLog } from "@/lib/admin/audit";
import { describeAuditEntry } from "@/lib/admin/audit-text";
import { changeUserRole, setUserDisabled } from "@/lib/admin/roles";
import { changePassword, signOutSessions } from "@/lib/auth/account";
import { endSession, sessionToken } from "@/lib/auth/callbacks";
import { hashPassword } from "@/lib/auth/password";
import { authenticate, findActiveViewer } from "@/lib/auth/queries";
import { createSession, findSessionViewer, listOpenSessions } from "@/lib/auth/sessions";
import { attemptSignIn } from "@/lib/auth/sign-in";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createOwner, createRestaurant, createUser } from "../fixtures/factory";
import { untilWaitingOnLocks } from "../fixtures/locks";
import { openSession } from "../fixtures/open-session";

/**
 * Revocable sessions: the JWT carries a session id, and the one per-request statement (findSessionViewer) refuses
 * a session that was signed out, revoked by a disable / role change / password change, idle for a week or older
 * than 30 days. Timestamps are moved in the database, never slept through.
 */
describe.each(DRIVERS)("sessions on %s", (driver) => {
  const db = freshDatabase(driver);

  async function signedIn(role: "customer" | "owner" | "admin" = "customer") {
    const { user, profile } = await createUser(db(), { role });
    const sessionId = await openSession(user.id, { userAgent: "vitest", address: "203.0.113.9" });
    return { user, profile, sessionId, viewer: (await findSessionViewer({ userId: user.id, sessionId }))! };
  }
  const live = (userId: string, sessionId: string) => findSessionViewer({ userId, sessionId });
  type Moved = { [K in "createdAt" | "lastSeenAt"]?: SQL };
  const setSession = (sessionId: string, values: Moved) =>
    db().update(userSessions).set(values).where(eq(userSessions.id, sessionId));

  it("checks the session, the user and the role in ONE statement, touching last_seen_at at most once a minute", async () => {
    const { user, sessionId, profile } = await signedIn();
    await setSession(sessionId, { lastSeenAt: sql`now() - interval '5 minutes'` });
    const first = await countQueries(() => live(user.id, sessionId));
    expect(first.count).toBe(1);
    expect(first.result).toMatchObject({ userId: user.id, profileId: profile.id, role: "customer", sessionId });
    const [touched] = await db()
      .select({ age: sql<number>`extract(epoch from now() - ${userSessions.lastSeenAt})::int` })
      .from(userSessions)
      .where(eq(userSessions.id, sessionId));
    expect(touched!.age).toBeLessThan(5);

    await setSession(sessionId, { lastSeenAt: sql`now() - interval '30 seconds'` });
    expect((await countQueries(() => live(user.id, sessionId))).count).toBe(1);
    const [kept] = await db()
      .select({ age: sql<number>`extract(epoch from now() - ${userSessions.lastSeenAt})::int` })
      .from(userSessions)
      .where(eq(userSessions.id, sessionId));
    expect(kept!.age).toBeGreaterThanOrEqual(29);
  });

  it("refuses a session id that is unknown or belongs to someone else", async () => {
    const ana = await signedIn();
    const bob = await signedIn();
    expect(await live(ana.user.id, bob.sessionId)).toBeNull();
    expect(await live(ana.user.id, "x".repeat(43))).toBeNull();
  });

  it("sign-out ends that session only; the old token then describes no one (/api/auth/session answers null)", async () => {
    const { user } = await createUser(db());
    const signedIn = await attemptSignIn({ email: user.email, password: DEMO_PASSWORD, address: null });
    if (!signedIn.ok) throw new Error("sign-in refused");
    const token = (await sessionToken({
      token: { sub: user.id, name: "n", email: "e" },
      user: signedIn.user,
      trigger: "signIn",
    }))!;
    expect(token.sid).toEqual(signedIn.user.sid);
    // Without a session opened by authorize, there is no token at all.
    expect(await sessionToken({ token: {}, user: { id: user.id }, trigger: "signIn" })).toBeNull();
    const other = await openSession(user.id);
    expect(await sessionToken({ token })).toMatchObject({ sub: user.id, sid: token.sid });

    // Someone else's user id with this sid revokes nothing.
    const stranger = await createUser(db());
    await endSession({ token: { sub: stranger.user.id, sid: token.sid } });
    expect(await live(user.id, token.sid as string)).not.toBeNull();

    await endSession({ token });
    expect(await live(user.id, token.sid as string)).toBeNull();
    expect(await sessionToken({ token })).toBeNull();
    expect(await live(user.id, other)).not.toBeNull();
    // A token from before sessions existed (no sid) is no session either.
    expect(await sessionToken({ token: { sub: user.id } })).toBeNull();
  });

  /**
   * Runs `run` while another transaction has changed the user's row and not committed (a reset, a password change
   * or a disable in flight), and commits that change once `run` waits for it. PGlite has one session, where nothing
   * runs concurrently: there the change simply commits first.
   */
  async function againstChangeInFlight<T>(userId: string, change: SQL, run: () => Promise<T>): Promise<T> {
    if (driver === "pglite") {
      await db().execute(sql`update users set ${change} where id = ${userId}`);
      return run();
    }
    let changed!: () => void;
    let commit!: () => void;
    const isChanged = new Promise<void>((resolve) => (changed = resolve));
    const committed = new Promise<void>((resolve) => (commit = resolve));
    const writer = db().transaction(async (tx) => {
      await tx.execute(sql`update users set ${change} where id = ${userId}`);
      changed();
      await committed;
    });
    await isChanged;
    const running = run();
    await untilWaitingOnLocks(db(), 1);
    commit();
    await writer;
    return running;
  }
  const passwordHashOf = async (userId: string) =>
    (await db().query.users.findFirst({ where: (u, { eq }) => eq(u.id, userId), columns: { passwordHash: true } }))!
      .passwordHash!;
  const sessionsOf = async (userId: string) =>
    (
      await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(userSessions)
        .where(eq(userSessions.userId, userId))
    )[0]!.n;

  it("opens no session from a password that was replaced, or for an account disabled, while it was being checked", async () => {
    const { user } = await createUser(db());
    const checked = await passwordHashOf(user.id);
    await db()
      .update(usersTable)
      .set({ passwordHash: await hashPassword("a fresh passphrase") })
      .where(eq(usersTable.id, user.id));
    expect(await createSession({ userId: user.id, credential: checked })).toBeNull();
    const current = await passwordHashOf(user.id);
    await db().update(usersTable).set({ disabled: true }).where(eq(usersTable.id, user.id));
    expect(await createSession({ userId: user.id, credential: current })).toBeNull();
    expect(await createSession({ userId: user.id, credential: null })).toBeNull();
    expect(await sessionsOf(user.id)).toBe(0);
  });

  it("a sign-in racing a reset waits for it, then refuses: no session outlives the reset", async () => {
    const { user } = await createUser(db());
    const checked = await passwordHashOf(user.id);
    const fresh = await hashPassword("a fresh passphrase");
    const sid = await againstChangeInFlight(user.id, sql`password_hash = ${fresh}`, () =>
      createSession({ userId: user.id, credential: checked }),
    );
    expect(sid).toBeNull();
    expect(await sessionsOf(user.id)).toBe(0);
    expect(await attemptSignIn({ email: user.email, password: DEMO_PASSWORD, address: null })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("a password change racing a reset leaves the reset's password, and says the current password is wrong", async () => {
    const { user } = await createUser(db());
    const sessionId = await openSession(user.id);
    const viewer = (await findSessionViewer({ userId: user.id, sessionId }))!;
    const reset = await hashPassword("the reset's passphrase");
    const result = await againstChangeInFlight(user.id, sql`password_hash = ${reset}`, () =>
      changePassword({ viewer, input: { currentPassword: DEMO_PASSWORD, newPassword: "the attacker's passphrase" } }),
    );
    expect(result).toEqual({ ok: false, reason: "wrong-password" });
    expect(await passwordHashOf(user.id)).toBe(reset);
  });

  it("disabling ends every session and re-enabling revives none; a new sign-in works", async () => {
    const admin = await signedIn("admin");
    const carol = await signedIn();
    const second = await openSession(carol.user.id);
    expect(await setUserDisabled({ viewer: admin.viewer, profileId: carol.profile.id, disabled: true })).toEqual({
      ok: true,
      changed: true,
    });
    expect(await live(carol.user.id, carol.sessionId)).toBeNull();
    expect(await live(carol.user.id, second)).toBeNull();
    expect(await sessionToken({ token: { sub: carol.user.id, sid: carol.sessionId } })).toBeNull();

    expect(await setUserDisabled({ viewer: admin.viewer, profileId: carol.profile.id, disabled: false })).toEqual({
      ok: true,
      changed: true,
    });
    expect(await live(carol.user.id, carol.sessionId)).toBeNull();
    expect(await live(carol.user.id, second)).toBeNull();
    const fresh = await openSession(carol.user.id);
    expect(await live(carol.user.id, fresh)).toMatchObject({ userId: carol.user.id });
  });

  it("a disabled user's live-looking session row still gives no viewer", async () => {
    const dan = await signedIn();
    await db().execute(sql`update users set disabled = true where id = ${dan.user.id}`);
    expect(await live(dan.user.id, dan.sessionId)).toBeNull();
  });

  it("a role change (demotion) ends the user's sessions; the admin's own session is untouched", async () => {
    const admin = await signedIn("admin");
    const { restaurant } = await createRestaurant(db());
    const owner = await createOwner(db(), [restaurant.id]);
    const ownerSession = await openSession(owner.user.id);
    expect((await live(owner.user.id, ownerSession))?.role).toBe("owner");
    expect(await changeUserRole({ viewer: admin.viewer, profileId: owner.profile.id, role: "customer" })).toEqual({
      ok: true,
      changed: true,
    });
    expect(await live(owner.user.id, ownerSession)).toBeNull();
    expect(await live(admin.user.id, admin.sessionId)).not.toBeNull();
    const [row] = await db().select().from(userSessions).where(eq(userSessions.id, ownerSession));
    expect(row).toMatchObject({ revokedReason: "role_change" });
  });

  it("a password change keeps this session, ends the others, and needs the current password", async () => {
    const erin = await signedIn();
    const phone = await openSession(erin.user.id);
    const laptop = await openSession(erin.user.id);

    const wrong = await changePassword({
      viewer: erin.viewer,
      input: { currentPassword: "not it", newPassword: "a brand new secret" },
    });
    expect(wrong).toEqual({ ok: false, reason: "wrong-password" });
    expect(await live(erin.user.id, phone)).not.toBeNull();

    const changed = await changePassword({
      viewer: erin.viewer,
      input: { currentPassword: DEMO_PASSWORD, newPassword: "a brand new secret" },
    });
    expect(changed).toEqual({ ok: true, signedOut: 2 });
    expect(await live(erin.user.id, erin.sessionId)).not.toBeNull();
    expect(await live(erin.user.id, phone)).toBeNull();
    expect(await live(erin.user.id, laptop)).toBeNull();
    expect(await authenticate(erin.user.email, DEMO_PASSWORD)).toBeNull();
    expect(await authenticate(erin.user.email, "a brand new secret")).toMatchObject({ id: erin.user.id });
  });

  it("records a password change, a wrong current password and signing out everywhere as an admin reads them", async () => {
    const admin = await signedIn("admin");
    const gil = await signedIn();
    const [phone, stale] = [await openSession(gil.user.id), await openSession(gil.user.id)];
    await setSession(stale, { lastSeenAt: sql`now() - interval '8 days'` });
    const address = "198.51.100.7";
    const read = async (action?: "auth.password_change" | "auth.sign_out_everywhere" | "auth.sign_in_failed") =>
      (await listAuditLog({ viewer: admin.viewer, zone: "UTC", filter: { action, actor: gil.user.email } })).entries;
    const input = { currentPassword: DEMO_PASSWORD, newPassword: "a brand new secret" };

    expect(
      await changePassword({ viewer: gil.viewer, input: { ...input, currentPassword: "not it" }, address }),
    ).toEqual({ ok: false, reason: "wrong-password" });
    // Stored as a failed sign-in (no actor: it shares the sign-in throttle), shown as what it was.
    const [wrong] = (
      await listAuditLog({ viewer: admin.viewer, zone: "UTC", filter: { action: "auth.sign_in_failed" } })
    ).entries;
    expect(wrong).toMatchObject({ details: { via: "password_change", address }, target: { email: gil.user.email } });
    expect(describeAuditEntry(wrong!)).toMatchObject({
      label: "Wrong current password (password change)",
      facts: [
        { label: "Email", value: gil.user.email },
        { label: "Address", value: address },
      ],
    });
    expect(await read()).toEqual([]);

    // The stale session is closed too, but it was no longer a way in: not counted.
    expect(await changePassword({ viewer: gil.viewer, input, address })).toEqual({ ok: true, signedOut: 1 });
    const [changed] = await read("auth.password_change");
    expect(changed).toMatchObject({
      actorProfileId: gil.profile.id,
      targetProfileId: gil.profile.id,
      details: { address, otherSessionsEnded: 1 },
    });
    expect(describeAuditEntry(changed!)).toEqual({
      label: "Password changed",
      sentence: `${gil.profile.displayName} changed their password, which signed out 1 other session.`,
      facts: [{ label: "Address", value: address }],
    });
    expect(await live(gil.user.id, phone)).toBeNull();

    await openSession(gil.user.id);
    await openSession(gil.user.id);
    expect(await signOutSessions({ viewer: gil.viewer, keepCurrent: true, address })).toBe(2);
    expect(await signOutSessions({ viewer: gil.viewer, keepCurrent: false })).toBe(1);
    const [everywhere, elsewhere] = await read("auth.sign_out_everywhere");
    expect([elsewhere!.details, everywhere!.details]).toEqual([
      { address, keptThisSession: true, otherSessionsEnded: 2 },
      { address: null, keptThisSession: false, otherSessionsEnded: 0 },
    ]);
    expect([describeAuditEntry(elsewhere!).sentence, describeAuditEntry(everywhere!).sentence]).toEqual([
      `${gil.profile.displayName} signed out everywhere else: 2 other sessions, keeping the session they used.`,
      `${gil.profile.displayName} signed out everywhere: the session they used and no other sessions.`,
    ]);
    expect((await read()).map((e) => e.action)).toEqual([
      "auth.sign_out_everywhere",
      "auth.sign_out_everywhere",
      "auth.password_change",
    ]);
  });

  it("signs out everywhere else, then everywhere; lists only open sessions with this one among them", async () => {
    const fay = await signedIn();
    const other = await openSession(fay.user.id);
    const stale = await openSession(fay.user.id);
    await setSession(stale, { lastSeenAt: sql`now() - interval '8 days'` });
    expect((await listOpenSessions({ viewer: fay.viewer })).map((s) => s.id).sort()).toEqual(
      [fay.sessionId, other].sort(),
    );

    expect(await signOutSessions({ viewer: fay.viewer, keepCurrent: true })).toBe(1);
    expect(await live(fay.user.id, other)).toBeNull();
    expect(await live(fay.user.id, fay.sessionId)).not.toBeNull();
    expect(await signOutSessions({ viewer: fay.viewer, keepCurrent: false })).toBe(1);
    expect(await live(fay.user.id, fay.sessionId)).toBeNull();
    const open = await db()
      .select()
      .from(userSessions)
      .where(and(eq(userSessions.userId, fay.user.id), isNull(userSessions.revokedAt)));
    // The idle one is closed too (not counted above: it had already ended).
    expect(open).toEqual([]);
  });

  it("expires after 7 idle days and 30 days after sign-in however active", async () => {
    const gus = await signedIn();
    await setSession(gus.sessionId, { lastSeenAt: sql`now() - interval '6 days 23 hours'` });
    expect(await live(gus.user.id, gus.sessionId)).not.toBeNull();
    await setSession(gus.sessionId, { lastSeenAt: sql`now() - interval '7 days 1 minute'` });
    expect(await live(gus.user.id, gus.sessionId)).toBeNull();

    const hal = await signedIn();
    await setSession(hal.sessionId, { createdAt: sql`now() - interval '29 days 23 hours'`, lastSeenAt: sql`now()` });
    expect(await live(hal.user.id, hal.sessionId)).not.toBeNull();
    await setSession(hal.sessionId, { createdAt: sql`now() - interval '30 days 1 minute'`, lastSeenAt: sql`now()` });
    expect(await live(hal.user.id, hal.sessionId)).toBeNull();
    // An expired session is not brought back by the touch.
    const [row] = await db().select().from(userSessions).where(eq(userSessions.id, gus.sessionId));
    expect(Date.now() - row!.lastSeenAt.getTime()).toBeGreaterThan(7 * 24 * 3600 * 1000);
  });

  it("keeps findActiveViewer(userId) for tests and scripts (no session involved)", async () => {
    const { user } = await createUser(db());
    expect(await findActiveViewer(user.id)).toMatchObject({ userId: user.id });
  });
});
