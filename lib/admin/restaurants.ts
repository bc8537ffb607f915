import "server-only";

import { and, asc, desc, eq, lt, sql } from "drizzle-orm";

import { getDb } from "@/db/client";
import { profiles, restaurantOwners, restaurants, users, type UserRole } from "@/db/schema";
import type { Executor } from "@/db/types";
import type { Viewer } from "@/lib/auth/queries";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { uniqueViolation } from "@/lib/db-errors";
import type { Result } from "@/lib/errors";
import { openNow } from "@/lib/restaurants/hours";
import { zoneKnownToDatabase } from "@/lib/restaurants/time-zones";
import { accountMatches, anyContainsText } from "@/lib/search";

import { recordAudit } from "./audit";
import { assertAdmin } from "./query-guard";
import { lockCallerAndTarget, type Locked } from "./roles";
import type { NewRestaurant } from "./schema";

export const RESTAURANTS_PAGE_SIZE = 50;
/** The owner picker shows this many matching users: a search, not a directory. */
export const OWNER_PICKER_LIMIT = 10;

export type CreateRestaurantResult = Result<
  { slug: string; id: number },
  { reason: "conflict:slug-taken" | "not-found" | "invalid:time-zone" }
>;

/**
 * A new restaurant and its audit entry, in one transaction. A slug already in use is a refusal, not a fault. The
 * caller's row is locked and re-read first, as for every other admin write (lockCallerAndTarget): another admin
 * may have disabled or demoted them since their session was checked. That statement also asks PostgreSQL whether
 * it knows the zone, as the owner's hours form does (Intl, which the input was checked against, may know others).
 */
export async function createRestaurant({
  viewer,
  restaurant,
}: {
  viewer: Viewer;
  restaurant: NewRestaurant;
}): Promise<CreateRestaurantResult> {
  assertAdmin(viewer);
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const caller = await lockCallerAndTarget(tx, viewer, viewer.profileId, zoneKnownToDatabase(restaurant.timeZone));
      if (!caller) return { ok: false, reason: "not-found" } as const;
      if (!caller.checked) return { ok: false, reason: "invalid:time-zone" } as const;
      // Switched off until its owner opens it: with no menu and no hours yet, "Open" led customers to an empty page.
      const [row] = await tx
        .insert(restaurants)
        .values({ ...restaurant, isOpen: false })
        .returning({ id: restaurants.id });
      await recordAudit(tx, {
        actor: viewer,
        action: "restaurant.create",
        details: { restaurantId: row!.id, name: restaurant.name, slug: restaurant.slug, timeZone: restaurant.timeZone },
      });
      return { ok: true, id: row!.id, slug: restaurant.slug } as const;
    });
  } catch (error) {
    if (uniqueViolation(error) === "restaurants_slug_unique") return { ok: false, reason: "conflict:slug-taken" };
    throw error;
  }
}

const ownerNames = sql<string[]>`coalesce((select array_agg(p.display_name order by p.display_name, p.id)
  from restaurant_owners ro join profiles p on p.id = ro.profile_id
  where ro.restaurant_id = ${sql.identifier("restaurants")}.id), '{}')`;

/** Every restaurant, newest first (the one just created on top), with its owners' names: one keyset page per statement. */
export async function listRestaurantsForAdmin({
  viewer,
  search,
  beforeId,
  limit = RESTAURANTS_PAGE_SIZE,
}: {
  viewer: Viewer;
  search?: string;
  beforeId?: number;
  limit?: number;
}) {
  assertAdmin(viewer);
  const db = await getDb();
  const rows = await db
    .select({
      id: restaurants.id,
      slug: restaurants.slug,
      name: restaurants.name,
      cuisine: restaurants.cuisine,
      isOpen: restaurants.isOpen,
      // What customers see now: the switch and the opening hours (the switch alone said "Open" out of hours).
      openNow: openNow(),
      owners: ownerNames,
    })
    .from(restaurants)
    .where(
      and(
        anyContainsText([restaurants.name, restaurants.slug], search),
        beforeId ? lt(restaurants.id, beforeId) : undefined,
      ),
    )
    .orderBy(desc(restaurants.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  return { rows: rows.slice(0, limit), nextBeforeId: more ? rows[limit - 1]!.id : undefined };
}

export type AdminRestaurantRow = Awaited<ReturnType<typeof listRestaurantsForAdmin>>["rows"][number];

/** One restaurant with its owners (name, email, role), for the page that manages them. */
export async function getRestaurantForAdmin({ viewer, slug }: { viewer: Viewer; slug: string }) {
  assertAdmin(viewer);
  const db = await getDb();
  return db.query.restaurants.findFirst({
    where: eq(restaurants.slug, slug),
    columns: { id: true, slug: true, name: true, cuisine: true, address: true, description: true, isOpen: true },
    extras: { openNow: openNow().as("open_now") },
    with: {
      owners: {
        columns: { createdAt: true },
        orderBy: (o, { asc }) => [asc(o.createdAt), asc(o.profileId)],
        with: {
          profile: {
            columns: { id: true, slug: true, displayName: true },
            with: { user: { columns: { email: true, role: true } } },
          },
        },
      },
    },
  });
}

export type AdminRestaurant = NonNullable<Awaited<ReturnType<typeof getRestaurantForAdmin>>>;

/**
 * Users an admin may pick as an owner, by display name or email: anyone enabled. Admins included: decision 0004 has
 * an admin run a restaurant only as one of its owners, made so here, where it is audited.
 */
export async function searchOwnerCandidates({ viewer, search }: { viewer: Viewer; search: string }) {
  assertAdmin(viewer);
  const db = await getDb();
  return db
    .select({ profileId: profiles.id, slug: profiles.slug, displayName: profiles.displayName, email: users.email })
    .from(profiles)
    .innerJoin(users, eq(users.id, profiles.userId))
    .where(and(accountMatches(profiles.id, search), eq(users.disabled, false)))
    .orderBy(asc(profiles.displayName), asc(profiles.id))
    .limit(OWNER_PICKER_LIMIT);
}

export type OwnerChangeFailure = {
  reason: "not-found" | "invalid:unknown-restaurant" | "invalid:disabled-user";
};
export type OwnerChangeResult = Result<{ changed: boolean }, OwnerChangeFailure>;

type OwnerChange = { viewer: Viewer; restaurantId: number; profileId: number };

/**
 * Runs one ownership change in a transaction with the caller's and the target's rows locked and re-checked like a
 * role change (lockCallerAndTarget): adding and removing an owner must refuse and serialise the same way.
 */
async function changeOwnership(
  { viewer, profileId }: OwnerChange,
  change: (tx: Executor, target: Locked) => Promise<OwnerChangeResult>,
): Promise<OwnerChangeResult> {
  assertAdmin(viewer);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const target = await lockCallerAndTarget(tx, viewer, profileId);
    if (!target) return { ok: false, reason: "not-found" } as const;
    return change(tx, target);
  });
}

/**
 * Records a made ownership change, first moving the target to `role` when the change moves them between customer and
 * owner: role and ownership change together, and their sessions end as for any role change (decision 0007).
 */
async function recordOwnerChange(
  tx: Executor,
  { viewer, restaurantId, profileId }: OwnerChange,
  target: Locked,
  action: "restaurant.owner_add" | "restaurant.owner_remove",
  role: UserRole | null,
): Promise<OwnerChangeResult> {
  if (role) {
    await tx.update(users).set({ role }).where(eq(users.id, target.userId));
    await revokeUserSessions(tx, { userId: target.userId, reason: "role_change" });
  }
  await recordAudit(tx, {
    actor: viewer,
    action,
    targetProfileId: profileId,
    details: { restaurantId, ...(role ? { from: target.role, to: role } : {}) },
  });
  return { ok: true, changed: true } as const;
}

/**
 * Makes a user one of a restaurant's owners. A customer becomes an owner (role and ownership in the same
 * transaction, their sessions ended as for any role change, decision 0007), so that the owner tools open for them;
 * an owner keeps their other restaurants, and an admin stays an admin (the owner tools serve admins for the
 * restaurants they own, decision 0004). Locked and re-checked like a role change (lockCallerAndTarget).
 */
export async function addRestaurantOwner(args: OwnerChange): Promise<OwnerChangeResult> {
  const { restaurantId, profileId } = args;
  return changeOwnership(args, async (tx, target) => {
    // The picker offers active users only; a hand-made form naming a disabled one is refused the same way.
    if (target.disabled) return { ok: false, reason: "invalid:disabled-user" } as const;
    const [restaurant] = await tx
      .select({ id: restaurants.id })
      .from(restaurants)
      .where(eq(restaurants.id, restaurantId))
      .for("share");
    if (!restaurant) return { ok: false, reason: "invalid:unknown-restaurant" } as const;
    const added = await tx
      .insert(restaurantOwners)
      .values({ profileId, restaurantId })
      .onConflictDoNothing()
      .returning({ id: restaurantOwners.restaurantId });
    const promoted = target.role === "customer";
    if (added.length === 0 && !promoted) return { ok: true, changed: false } as const;
    return recordOwnerChange(tx, args, target, "restaurant.owner_add", promoted ? "owner" : null);
  });
}

/**
 * Removes one owner from one restaurant. An owner left with no restaurant becomes a customer, as the role form would
 * have it (an owner needs at least one restaurant, decision 0005), with their sessions ended.
 */
export async function removeRestaurantOwner(args: OwnerChange): Promise<OwnerChangeResult> {
  const { restaurantId, profileId } = args;
  return changeOwnership(args, async (tx, target) => {
    const removed = await tx
      .delete(restaurantOwners)
      .where(and(eq(restaurantOwners.profileId, profileId), eq(restaurantOwners.restaurantId, restaurantId)))
      .returning({ id: restaurantOwners.restaurantId });
    if (removed.length === 0) return { ok: true, changed: false } as const;
    const [left] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(restaurantOwners)
      .where(eq(restaurantOwners.profileId, profileId));
    const demoted = target.role === "owner" && (left?.n ?? 0) === 0;
    return recordOwnerChange(tx, args, target, "restaurant.owner_remove", demoted ? "customer" : null);
  });
}

/** Every restaurant's id and name, by name: the choices of a filter. */
export async function listRestaurantChoices({ viewer }: { viewer: Viewer }) {
  assertAdmin(viewer);
  const db = await getDb();
  return db
    .select({ id: restaurants.id, name: restaurants.name })
    .from(restaurants)
    .orderBy(asc(restaurants.name), asc(restaurants.id));
}
