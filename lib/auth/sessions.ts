import "server-only";

import { randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, lt, ne, sql, type SQL } from "drizzle-orm";

import { getDb, getPrimaryDb } from "@/db/client";
import { preparedPerDatabase } from "@/db/prepared";
import { auditLog, profiles, users, userSessions } from "@/db/schema";
import type { Executor } from "@/db/types";
import { profileCartItemCount } from "@/lib/cart/count";

// Every page and action reads the viewer's session through here, and sign-in writes it: the read-your-writes hooks
// must be registered before the first statement of any request (decision 0014).
import "@/lib/consistency";

import type { Viewer } from "./queries";

/** A session ends after a week without a request, and 30 days after sign-in whatever happens (decision 0007). */
export const SESSION_IDLE_SECONDS = 7 * 24 * 60 * 60;
export const SESSION_ABSOLUTE_SECONDS = 30 * 24 * 60 * 60;
/** last_seen_at is written at most this often, so most requests only read the row. */
export const SESSION_TOUCH_SECONDS = 60;

export type RevokeReason =
  | "sign_out"
  | "sign_out_everywhere"
  | "password_change"
  | "password_reset"
  | "role_change"
  | "disabled"
  | "sign_in_failed";

const secondsAgo = (seconds: number) => sql`now() - ${sql.raw(`interval '${Math.trunc(seconds)} seconds'`)}`;

/** Seen within the idle timeout, signed in within the absolute lifetime. */
const withinTimeouts = () =>
  and(
    gt(userSessions.lastSeenAt, secondsAgo(SESSION_IDLE_SECONDS)),
    gt(userSessions.createdAt, secondsAgo(SESSION_ABSOLUTE_SECONDS)),
  );

/** Not revoked, and within both timeouts. */
const isLive = () => and(isNull(userSessions.revokedAt), withinTimeouts());

const clip = (value: string | null | undefined, max: number) => (value ? value.slice(0, max) : null);

/**
 * Opens a session row at sign-in; its id goes into the JWT as `sid`. null when the account is disabled, or when
 * `credential` (the password hash the sign-in was checked against) is no longer the account's: a reset, a password
 * change or a disable that committed while the password was being checked must not be outlived by a session opened
 * from the old one. The user row is read FOR SHARE, so such a change either waits for this row to commit, and then
 * revokes it with the others, or has committed before this statement reads the row, which then refuses.
 * `credential: null` skips the password condition (tests and scripts that open sessions without one).
 */
export async function createSession({
  userId,
  credential,
  userAgent,
  address,
}: {
  userId: string;
  credential: string | null;
  userAgent?: string | null;
  address?: string | null;
}): Promise<string | null> {
  const db = await getDb();
  const id = randomBytes(32).toString("base64url");
  const opened = await db
    .insert(userSessions)
    .select(
      db
        // Every column, in the table's order (Drizzle's insert … select requires it).
        .select({
          id: sql<string>`${id}::text`.as("id"),
          userId: users.id,
          createdAt: sql<Date>`now()`.as("created_at"),
          lastSeenAt: sql<Date>`now()`.as("last_seen_at"),
          revokedAt: sql<Date | null>`null::timestamptz`.as("revoked_at"),
          revokedReason: sql<string | null>`null::text`.as("revoked_reason"),
          userAgent: sql<string | null>`${clip(userAgent, 300)}::text`.as("user_agent"),
          address: sql<string | null>`${clip(address, 100)}::text`.as("address"),
        })
        .from(users)
        .where(
          and(
            eq(users.id, userId),
            eq(users.disabled, false),
            credential === null ? undefined : eq(users.passwordHash, credential),
          ),
        )
        .for("share"),
    )
    .returning({ id: userSessions.id });
  return opened.length ? id : null;
}

export type SessionViewer = Viewer & { sessionId: string };

/** The viewer as a session check reads it; the header's cart count rides on it instead of adding a statement. */
const sessionViewerColumns = {
  userId: users.id,
  email: users.email,
  role: users.role,
  profileId: profiles.id,
  slug: profiles.slug,
  displayName: profiles.displayName,
  cartItemCount: profileCartItemCount(sql`${profiles.id}`),
};

/** The request's session, live; its ids are placeholders of the prepared check below (db/prepared.ts). */
const thisLiveSession = and(
  eq(userSessions.id, sql.placeholder("sessionId")),
  eq(userSessions.userId, sql.placeholder("userId")),
  isLive(),
);

/**
 * The per-request check, in ONE statement: the session row is live, its user enabled, and the viewer (role,
 * profile) as the database says now. A data-modifying CTE touches last_seen_at when it is more than a minute
 * old; PostgreSQL runs it whether or not the main query reads it, and both see the same snapshot.
 */
const sessionCheck = preparedPerDatabase((db) => {
  // last_seen_at is written at most once a minute, so most requests only read the row.
  const touch = db
    .update(userSessions)
    .set({ lastSeenAt: sql`now()` })
    .where(and(thisLiveSession, lt(userSessions.lastSeenAt, secondsAgo(SESSION_TOUCH_SECONDS))))
    .returning({ id: userSessions.id });
  const touched = db.$with("touched_session", { id: userSessions.id }).as(touch.getSQL());
  return db
    .with(touched)
    .select(sessionViewerColumns)
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .innerJoin(profiles, eq(profiles.userId, users.id))
    .where(and(thisLiveSession, eq(users.disabled, false)))
    .limit(1)
    .prepare("session_check");
});

/**
 * Read on the primary even when the request's other reads go to a replica: a revocation (sign-out, sign out
 * everywhere, a disable, a password change) is written there, and the cookie it ends belongs to someone who did
 * not write it, so no read-your-writes position would keep that reader off a replica that has not replayed it
 * yet. The check is one key lookup; the page's own reads stay on the replica (decision 0014).
 */
export async function findSessionViewer(ids: { userId: string; sessionId: string }): Promise<SessionViewer | null> {
  const [row] = await sessionCheck(await getPrimaryDb()).execute(ids);
  return row ? { ...row, sessionId: ids.sessionId } : null;
}

/** Ends one session (sign-out). Only that user's row: a sid alone never revokes someone else's session. */
export async function revokeSession({
  userId,
  sessionId,
  reason,
}: {
  userId: string;
  sessionId: string;
  reason: RevokeReason;
}) {
  const db = await getDb();
  await db
    .update(userSessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId), isNull(userSessions.revokedAt)));
}

/** What a user does to their own account's security, recorded by revokeUserSessions (lib/admin/audit-text.ts words it). */
export type AccountAuditAction = "auth.password_change" | "auth.sign_out_everywhere";

/**
 * The user's own record of a change that ended sessions: `sessionId` is the session they made it from, so that
 * the entry can count the others it ended (`otherSessionsEnded`).
 */
export type AccountAudit = { action: AccountAuditAction; sessionId?: string; details: Record<string, unknown> };

/**
 * Ends every open session of a user, except `exceptSessionId` when given. Takes the caller's transaction, so that
 * a disable, role change or password change and the revocation commit together. Returns how many were live.
 * With `audit`, the same statement writes the user's own audit entry (actor and target: their profile) with the
 * number of their other live sessions it ended: a data-modifying CTE, so the entry costs no round trip and commits
 * with the revocation or not at all. The caller runs it in a transaction: on the primary, whose commit hands the
 * reader its read-your-writes position (a statement starting with WITH is not recognised as a write outside one).
 */
export async function revokeUserSessions(
  executor: Executor,
  {
    userId,
    exceptSessionId,
    reason,
    audit,
  }: { userId: string; exceptSessionId?: string; reason: RevokeReason; audit?: AccountAudit },
): Promise<number> {
  const revoke = executor
    .update(userSessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(
      and(
        eq(userSessions.userId, userId),
        isNull(userSessions.revokedAt),
        exceptSessionId ? ne(userSessions.id, exceptSessionId) : undefined,
      ),
    );
  if (!audit) {
    const rows = await revoke.returning({ wasLive: sql<boolean>`${withinTimeouts()}` });
    // Expired rows are closed too (so no change of timeouts can revive them), but only live ones are reported.
    return rows.filter((row) => row.wasLive).length;
  }
  const revoked = executor
    .$with("revoked", { id: userSessions.id, wasLive: sql<boolean>`was_live`.as("was_live") })
    .as(revoke.returning({ id: userSessions.id, wasLive: sql<boolean>`${withinTimeouts()}`.as("was_live") }).getSQL());
  const counted = (condition: SQL) => sql`(select count(*)::int from ${revoked} where ${condition})`;
  const live = sql`${revoked.wasLive}`;
  const other = audit.sessionId ? ne(revoked.id, audit.sessionId) : undefined;
  const profileId = sql`(select ${profiles.id} from ${profiles} where ${profiles.userId} = ${userId})`;
  const [entry] = await executor
    .with(revoked)
    .insert(auditLog)
    .values({
      actorProfileId: profileId,
      action: audit.action,
      targetProfileId: profileId,
      details: sql`${JSON.stringify(audit.details)}::jsonb
        || jsonb_build_object('otherSessionsEnded', ${counted(and(live, other)!)})`,
    })
    .returning({ ended: sql<number>`${counted(live)}` });
  return entry!.ended;
}

export const MAX_LISTED_SESSIONS = 50;

/** The viewer's open sessions, most recently used first (the account page). */
export async function listOpenSessions({ viewer }: { viewer: Viewer }) {
  const db = await getDb();
  return db
    .select({
      id: userSessions.id,
      createdAt: userSessions.createdAt,
      lastSeenAt: userSessions.lastSeenAt,
      userAgent: userSessions.userAgent,
      address: userSessions.address,
    })
    .from(userSessions)
    .where(and(eq(userSessions.userId, viewer.userId), isLive()))
    .orderBy(desc(userSessions.lastSeenAt), desc(userSessions.id))
    .limit(MAX_LISTED_SESSIONS);
}

export type OpenSession = Awaited<ReturnType<typeof listOpenSessions>>[number];
