import "server-only";

import { createHash } from "node:crypto";
import { and, asc, eq, inArray, notInArray, sql, type SQL } from "drizzle-orm";

import { getDb } from "@/db/client";
import { profiles, restaurantOwners, restaurants, users, type UserRole } from "@/db/schema";
import type { Executor } from "@/db/types";
import type { Viewer } from "@/lib/auth/queries";
import { voidResetTokens } from "@/lib/auth/reset-tokens";
import { revokeUserSessions } from "@/lib/auth/sessions";
import type { Result } from "@/lib/errors";

import { recordAudit } from "./audit";
import { assertAdmin } from "./query-guard";

export type RoleChangeFailure = {
  reason:
    | "forbidden:self"
    /** The user is gone, or the caller is no longer an active admin (see lockCallerAndTarget). */
    | "not-found"
    | "conflict:last-admin"
    | "invalid:unknown-restaurant"
    | "invalid:owner-needs-restaurant"
    | "invalid:customer-owns-none"
    | "invalid:disabled-user"
    /** The role or the restaurants changed since the form was drawn (its `version`, roleFormVersion). */
    | "conflict:changed";
};
export type RoleChangeResult = Result<{ changed: boolean }, RoleChangeFailure>;

export type Locked = { userId: string; role: UserRole; disabled: boolean; checked: boolean };

/**
 * Locks the acting admin's and the target's user rows, always in users.id order so that two admins acting on each
 * other queue instead of deadlocking, and re-reads both after the wait: the viewer was read before the transaction,
 * and another admin may have demoted or disabled them meanwhile. null when either is gone or the caller is no longer
 * an active admin (then the change is refused as not found, like anything an admin may not touch).
 */
export async function lockCallerAndTarget(
  tx: Executor,
  viewer: Viewer,
  profileId: number,
  /** A condition the write also depends on, read in the same statement as `checked` so that it costs none of its own. */
  check: SQL<boolean> = sql<boolean>`true`,
): Promise<Locked | null> {
  const rows = await tx
    .select({
      profileId: profiles.id,
      userId: users.id,
      role: users.role,
      disabled: users.disabled,
      checked: check,
    })
    .from(users)
    .innerJoin(profiles, eq(profiles.userId, users.id))
    .where(inArray(profiles.id, [viewer.profileId, profileId]))
    .orderBy(asc(users.id))
    .for("update", { of: users });
  const caller = rows.find((r) => r.profileId === viewer.profileId);
  const target = rows.find((r) => r.profileId === profileId);
  if (!caller || caller.role !== "admin" || caller.disabled || !target) return null;
  return target;
}

/**
 * The platform must keep an active admin. With both rows locked and the caller an active admin who cannot be the
 * target, this cannot fail through these functions; it guards any path that changes roles some other way.
 */
async function isLastActiveAdmin(tx: Executor, target: Locked) {
  if (target.role !== "admin" || target.disabled) return false;
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.disabled, false)));
  return (row?.n ?? 0) <= 1;
}

/**
 * What the role form shows of a user (their role and the restaurants they own) as one text: the version a save from
 * that form must find. A save sets the restaurants to exactly the ones ticked, so a form drawn before another admin
 * made the user an owner of one more restaurant (on its page) took it away from them again, unseen.
 */
export const roleFormVersion = (role: UserRole, restaurantIds: readonly number[]) =>
  createHash("md5")
    .update(`${role}:${[...restaurantIds].sort((a, b) => a - b).join(",")}`)
    .digest("hex");

/** The user an admin is about to manage, with the restaurants they own; then every restaurant to choose from. */
export async function getUserForRoles({ viewer, slug }: { viewer: Viewer; slug: string }) {
  assertAdmin(viewer);
  const db = await getDb();
  const [target, allRestaurants] = await Promise.all([
    db.query.profiles.findFirst({
      where: eq(profiles.slug, slug),
      columns: { id: true, slug: true, displayName: true },
      with: {
        user: { columns: { email: true, role: true, disabled: true } },
        ownedRestaurants: { columns: { restaurantId: true }, orderBy: (o, { asc }) => [asc(o.restaurantId)] },
      },
    }),
    db
      .select({ id: restaurants.id, name: restaurants.name })
      .from(restaurants)
      .orderBy(asc(restaurants.name), asc(restaurants.id)),
  ]);
  if (!target) return null;
  const version = roleFormVersion(
    target.user.role,
    target.ownedRestaurants.map((o) => o.restaurantId),
  );
  return { target, restaurants: allRestaurants, version };
}

export type ManagedUser = NonNullable<Awaited<ReturnType<typeof getUserForRoles>>>;

/**
 * Sets a user's role. An owner's or an admin's restaurants become exactly `restaurantIds` (an admin runs a
 * restaurant only as one of its owners, decision 0004, and the form shows theirs ticked); a customer owns none. A
 * disabled account is given no restaurant, as addRestaurantOwner refuses too.
 * Admins cannot change their own role, and the caller is re-checked under lock: when two admins demote each other at
 * once, the second finds it is no longer an admin and changes nothing, so the platform never loses its last admin.
 * The change, the ownership rows, the audit entry and, when the role changes, the end of the user's sessions commit
 * in one transaction. Every request re-reads the role anyway; ending the sessions (decision 0007) also means a cookie
 * copied while they held the old role describes no one.
 */
export async function changeUserRole({
  viewer,
  profileId,
  role,
  restaurantIds = [],
  version,
}: {
  viewer: Viewer;
  profileId: number;
  role: UserRole;
  restaurantIds?: number[];
  /** The form's roleFormVersion; absent, the save overwrites whatever is. */
  version?: string;
}): Promise<RoleChangeResult> {
  assertAdmin(viewer);
  // Owners and admins may own restaurants (decision 0004: an admin runs one only as one of its owners); a customer
  // owns none, and asking for both is refused rather than half done. The form shows an admin's restaurants ticked,
  // so saving it unchanged must keep them.
  if (role === "customer" && restaurantIds.length > 0) return { ok: false, reason: "invalid:customer-owns-none" };
  if (profileId === viewer.profileId) return { ok: false, reason: "forbidden:self" };
  const wanted = [...new Set(restaurantIds)].sort((a, b) => a - b);
  if (role === "owner" && wanted.length === 0) return { ok: false, reason: "invalid:owner-needs-restaurant" };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const target = await lockCallerAndTarget(tx, viewer, profileId);
    if (!target) return { ok: false, reason: "not-found" } as const;
    if (wanted.length > 0) {
      const found = await tx.select({ id: restaurants.id }).from(restaurants).where(inArray(restaurants.id, wanted));
      if (found.length !== wanted.length) return { ok: false, reason: "invalid:unknown-restaurant" } as const;
    }
    const owned = await tx
      .select({ id: restaurantOwners.restaurantId })
      .from(restaurantOwners)
      .where(eq(restaurantOwners.profileId, profileId));
    const before = owned.map((o) => o.id).sort((a, b) => a - b);
    // Read after the target's lock, which every role and ownership change takes: any change committed before it.
    if (version !== undefined && version !== roleFormVersion(target.role, before))
      return { ok: false, reason: "conflict:changed" } as const;
    const added = wanted.filter((id) => !before.includes(id));
    const removed = before.filter((id) => !wanted.includes(id));
    if (target.disabled && added.length > 0) return { ok: false, reason: "invalid:disabled-user" } as const;
    if (target.role === role && added.length === 0 && removed.length === 0)
      return { ok: true, changed: false } as const;
    if (role !== "admin" && (await isLastActiveAdmin(tx, target)))
      return { ok: false, reason: "conflict:last-admin" } as const;

    if (target.role !== role) {
      await tx.update(users).set({ role }).where(eq(users.id, target.userId));
      await revokeUserSessions(tx, { userId: target.userId, reason: "role_change" });
    }
    if (removed.length > 0) {
      await tx
        .delete(restaurantOwners)
        .where(
          and(
            eq(restaurantOwners.profileId, profileId),
            wanted.length ? notInArray(restaurantOwners.restaurantId, wanted) : undefined,
          ),
        );
    }
    if (added.length > 0) {
      await tx.insert(restaurantOwners).values(added.map((restaurantId) => ({ profileId, restaurantId })));
    }
    await recordAudit(tx, {
      actor: viewer,
      action: "user.role_change",
      targetProfileId: profileId,
      details: { from: target.role, to: role, restaurantsAdded: added, restaurantsRemoved: removed },
    });
    return { ok: true, changed: true } as const;
  });
}

/**
 * Disables or re-enables an account. Disabling ends every session of theirs (decision 0007), so re-enabling later
 * revives none of the old cookies: they sign in again. Sign-in refuses a disabled account. Admins cannot disable
 * themselves, and the caller is re-checked under lock (see changeUserRole), which keeps at least one admin able to
 * sign in.
 */
export async function setUserDisabled({
  viewer,
  profileId,
  disabled,
}: {
  viewer: Viewer;
  profileId: number;
  disabled: boolean;
}): Promise<RoleChangeResult> {
  assertAdmin(viewer);
  if (profileId === viewer.profileId) return { ok: false, reason: "forbidden:self" };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const target = await lockCallerAndTarget(tx, viewer, profileId);
    if (!target) return { ok: false, reason: "not-found" } as const;
    if (target.disabled === disabled) return { ok: true, changed: false } as const;
    if (disabled && (await isLastActiveAdmin(tx, target))) return { ok: false, reason: "conflict:last-admin" } as const;
    await tx.update(users).set({ disabled }).where(eq(users.id, target.userId));
    if (disabled) await revokeUserSessions(tx, { userId: target.userId, reason: "disabled" });
    // On disable, and again on enable: a reset request that read the account just before the disable committed
    // stores its link after the disable's delete, and that link would work once the account is back.
    await voidResetTokens(tx, target.userId);
    await recordAudit(tx, {
      actor: viewer,
      action: disabled ? "user.disable" : "user.enable",
      targetProfileId: profileId,
    });
    return { ok: true, changed: true } as const;
  });
}
