import "server-only";

import { and, eq, gt, lt, or, sql, type SQL } from "drizzle-orm";

import { getDb, getPrimaryDb } from "@/db/client";
import { auditLog, profiles, signInThrottles, users } from "@/db/schema";

/**
 * Sign-in throttling, kept in PostgreSQL so that every app instance shares it (decision 0007).
 * - per account (the email as typed, lower-cased, whether or not an account has it): 5 failures;
 * - per client address: 20 failures;
 * counted until the key has been quiet for 15 minutes (after its last failure and the end of its lock). Reaching the
 * limit locks the key for 30 s, and each further failure after a lock doubles it, up to 15 minutes. While a key is
 * locked, attempts are refused without checking the password (and without counting, so a lock cannot be extended
 * forever by the attacker's own refused tries).
 * Every attempt is counted BEFORE the password is checked, in one atomic upsert, so a burst of parallel guesses
 * cannot all slip past the check; a successful sign-in then clears the account and gives the address its try back.
 */
export const THROTTLE_RULES = {
  account: { limit: 5, windowSeconds: 15 * 60 },
  address: { limit: 20, windowSeconds: 15 * 60 },
} as const;
export const LOCKOUT_BASE_SECONDS = 30;
export const LOCKOUT_MAX_SECONDS = 15 * 60;

export type ThrottleKind = keyof typeof THROTTLE_RULES;
export type ThrottleKeys = { email: string; address: string | null };
export type Throttled = { kind: ThrottleKind; retryAfterSeconds: number };
export type ClaimedAttempt =
  { ok: true; keys: ThrottleKeys; addressLockedUntil: Date | null } | ({ ok: false } & Throttled);

const rule = (pick: (r: (typeof THROTTLE_RULES)[ThrottleKind]) => number) =>
  sql.raw(
    `(case "sign_in_throttles"."kind" when 'account' then ${pick(THROTTLE_RULES.account)} else ${pick(THROTTLE_RULES.address)} end)`,
  );

function keyRows({ email, address }: ThrottleKeys) {
  const rows: { kind: ThrottleKind; key: string }[] = [
    { kind: "account", key: email.trim().toLowerCase().slice(0, 300) },
  ];
  if (address) rows.push({ kind: "address", key: address.slice(0, 300) });
  return rows;
}

function matching(keys: ThrottleKeys): SQL {
  return or(...keyRows(keys).map((k) => and(eq(signInThrottles.kind, k.kind), eq(signInThrottles.key, k.key))))!;
}

/**
 * Read-only: the longest lock on these keys right now, or null. One statement, on the primary: a lock the last
 * attempt set there must answer the next one with 429 and Retry-After at once, not once a replica has replayed it.
 */
export async function checkSignInThrottle(keys: ThrottleKeys): Promise<Throttled | null> {
  const db = await getPrimaryDb();
  const rows = await db
    .select({
      kind: signInThrottles.kind,
      seconds: sql<number>`ceil(extract(epoch from ${signInThrottles.lockedUntil} - now()))::int`,
    })
    .from(signInThrottles)
    .where(and(matching(keys), gt(signInThrottles.lockedUntil, sql`now()`)));
  if (rows.length === 0) return null;
  const longest = rows.reduce((a, b) => (b.seconds > a.seconds ? b : a));
  return { kind: longest.kind as ThrottleKind, retryAfterSeconds: Math.max(1, longest.seconds) };
}

/**
 * Counts one attempt against every key, unless a key is locked: then against none. One upsert: the WHERE of DO
 * UPDATE is evaluated on the newest row version (after waiting for a concurrent attempt's row lock), so the count is
 * exact across instances. A refused attempt returns fewer rows than keys, which is how a refusal shows.
 */
export async function claimSignInAttempt(keys: ThrottleKeys): Promise<ClaimedAttempt> {
  const db = await getDb();
  const t = signInThrottles;
  // Quiet since the last failure or the end of the key's lock, whichever is later: a lock sat out is no quiet time
  // (refused attempts are not counted), or the 15-minute lock would end exactly as the key turned quiet, and the
  // guesser would start again from 5 free tries and a 30 s lock.
  const quiet = sql`greatest(${t.lastFailureAt}, ${t.lockedUntil}) < now() - ${rule((r) => r.windowSeconds)} * interval '1 second'`;
  const failures = sql`(case when ${quiet} then 0 else ${t.failures} end) + 1`;
  const lockouts = sql`(case when ${quiet} then 0 else ${t.lockouts} end)`;
  const reached = sql`${failures} >= ${rule((r) => r.limit)}`;
  const wanted = keyRows(keys);
  const pairs = sql.join(
    wanted.map((k) => sql`(${k.kind}::text, ${k.key}::text)`),
    sql`, `,
  );
  // An attempt a lock refuses counts against no key, the unlocked ones included: its password is never checked, so
  // counting it only held the refusal against someone else. Without this, the right password tried a few times
  // behind a locked shared address locked its owner's account (and retrying a locked account locked the owner's
  // address). A lock committed by a concurrent attempt after this statement's snapshot is still seen by that key's
  // own row (the WHERE of DO UPDATE); the other key may then be counted once, as before.
  const noKeyLocked = sql`not exists (select 1 from sign_in_throttles l
    where (l.kind, l.key) in (${pairs}) and l.locked_until > now())`;
  const claimed = await db
    .insert(t)
    .select(
      db
        // Every column, in the table's order (Drizzle's insert … select requires it).
        .select({
          kind: sql<string>`v.kind`.as("kind"),
          key: sql<string>`v.key`.as("key"),
          failures: sql<number>`1`.as("failures"),
          lockouts: sql<number>`0`.as("lockouts"),
          lastFailureAt: sql<Date>`now()`.as("last_failure_at"),
          lockedUntil: sql<Date | null>`null::timestamptz`.as("locked_until"),
        })
        .from(sql`(values ${pairs}) as v(kind, key)`)
        .where(noKeyLocked),
    )
    .onConflictDoUpdate({
      target: [t.kind, t.key],
      set: {
        failures,
        lockouts: sql`${lockouts} + (case when ${reached} then 1 else 0 end)`,
        lockedUntil: sql`case when ${reached}
          then now() + least(${LOCKOUT_BASE_SECONDS} * power(2, ${lockouts}), ${LOCKOUT_MAX_SECONDS}) * interval '1 second' end`,
        lastFailureAt: sql`now()`,
      },
      setWhere: sql`${t.lockedUntil} is null or ${t.lockedUntil} <= now()`,
    })
    .returning({ kind: t.kind, lockedUntil: t.lockedUntil });
  if (claimed.length === wanted.length) {
    return { ok: true, keys, addressLockedUntil: claimed.find((c) => c.kind === "address")?.lockedUntil ?? null };
  }
  // Refused: a key was locked, and no key was counted.
  const throttled = await checkSignInThrottle(keys);
  return { ok: false, ...(throttled ?? { kind: "account", retryAfterSeconds: LOCKOUT_BASE_SECONDS }) };
}

/**
 * After a correct password: the account starts afresh, and the address gets back the try it was charged (and
 * loses the lock that very try may have set), so people signing in behind one shared address do not add up.
 */
export async function settleSuccessfulAttempt(claim: Extract<ClaimedAttempt, { ok: true }>) {
  const db = await getDb();
  const [account, address] = keyRows(claim.keys);
  const t = signInThrottles;
  await db.transaction(async (tx) => {
    await tx.delete(t).where(and(eq(t.kind, "account"), eq(t.key, account!.key)));
    if (!address) return;
    const undoLock = claim.addressLockedUntil
      ? sql`${t.lockedUntil} = ${claim.addressLockedUntil.toISOString()}::timestamptz`
      : sql`false`;
    await tx
      .update(t)
      .set({
        failures: sql`greatest(${t.failures} - 1, 0)`,
        lockouts: sql`case when ${undoLock} then greatest(${t.lockouts} - 1, 0) else ${t.lockouts} end`,
        lockedUntil: sql`case when ${undoLock} then null else ${t.lockedUntil} end`,
      })
      .where(and(eq(t.kind, "address"), eq(t.key, address.key)));
  });
}

/** Forgets keys that have been quiet for a day and are not locked (called now and then by sign-in). */
export async function pruneSignInThrottles() {
  const db = await getDb();
  await db
    .delete(signInThrottles)
    .where(
      and(
        lt(signInThrottles.lastFailureAt, sql`now() - interval '1 day'`),
        or(sql`${signInThrottles.lockedUntil} is null`, lt(signInThrottles.lockedUntil, sql`now()`)),
      ),
    );
}

export type SignInAuditAction = "auth.sign_in_failed" | "auth.sign_in_throttled";

/**
 * Writes a failed or refused sign-in to the audit log: the email as typed (lower-cased), the address, and for a
 * refusal which key was locked and for how long. Never a password, never a stack trace. The target is the account's
 * profile when one has that email (a subquery: no extra round trip, and nothing about it reaches the visitor).
 */
export async function recordSignInEvent(
  action: SignInAuditAction,
  { email, address, details = {} }: ThrottleKeys & { details?: Record<string, unknown> },
) {
  const db = await getDb();
  const key = email.trim().toLowerCase().slice(0, 300);
  await db.insert(auditLog).values({
    actorProfileId: null,
    action,
    targetProfileId: sql`(select ${profiles.id} from ${profiles} join ${users} on ${users.id} = ${profiles.userId}
      where lower(${users.email}) = ${key})`,
    details: { email: key, address, ...details },
  });
}

/**
 * A refused attempt on the record (`auth.sign_in_throttled`): which key was locked and for how long, and the way it
 * came (`via`: the password form, the sign-up form, the HTTP endpoint; none for the sign-in form).
 */
export const recordThrottledAttempt = (keys: ThrottleKeys, { kind, retryAfterSeconds }: Throttled, via?: string) =>
  recordSignInEvent("auth.sign_in_throttled", {
    ...keys,
    details: { ...(via ? { via } : {}), lockedKey: kind, retryAfterSeconds },
  });
