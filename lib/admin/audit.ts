import "server-only";

import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";

import { getDb } from "@/db/client";
import { auditLog, profiles, users } from "@/db/schema";
import type { Executor } from "@/db/types";
import type { Viewer } from "@/lib/auth/queries";
import { withinInstants, zoneDayRange } from "@/lib/dates";
import { accountMatches } from "@/lib/search";

import type { KnownAuditAction } from "./audit-text";
import { encodeAuditCursor, type AuditCursor } from "./cursor";
import { assertAdmin } from "./query-guard";

export const AUDIT_PAGE_SIZE = 50;

/** Names match the table's check constraint (^[a-z]+(\.[a-z_]+)+$). */
export type AuditAction =
  | "user.role_change"
  | "user.disable"
  | "user.enable"
  | "export.users"
  | "export.orders"
  // An export that stopped part-way: its "export.*" entry becomes this one (lib/admin/export.ts).
  | "export.failed"
  // Restaurants and their owners (lib/admin/restaurants.ts): details.restaurantId names the restaurant.
  | "restaurant.create"
  | "restaurant.owner_add"
  | "restaurant.owner_remove";

/** Written inside the caller's transaction, so the change and its record commit or fail together. Returns the entry's id. */
export async function recordAudit(
  db: Executor,
  entry: { actor: Viewer; action: AuditAction; targetProfileId?: number; details?: Record<string, unknown> },
): Promise<number> {
  const [row] = await db
    .insert(auditLog)
    .values({
      actorProfileId: entry.actor.profileId,
      action: entry.action,
      targetProfileId: entry.targetProfileId ?? null,
      details: entry.details ?? {},
    })
    .returning({ id: auditLog.id });
  return row!.id;
}

export type AuditFilter = {
  /** Part of the acting admin's display name or email. */
  actor?: string;
  action?: KnownAuditAction;
  /** Whole days of the zone listAuditLog is given, both ends inclusive. */
  from?: string;
  to?: string;
};

const actor = alias(profiles, "actor");
const actorUser = alias(users, "actor_user");
const target = alias(profiles, "target");
const targetUser = alias(users, "target_user");

/** The ids of restaurants an entry's details mention (restaurantId, restaurantsAdded, restaurantsRemoved). */
const restaurantIdsIn = (details: SQL) =>
  sql`array(select (v #>> '{}')::numeric::int from (
    select jsonb_path_query(${details}, 'lax $.restaurantId ? (@.type() == "number")') as v
    union all select jsonb_path_query(${details}, 'lax $.restaurantsAdded[*] ? (@.type() == "number")')
    union all select jsonb_path_query(${details}, 'lax $.restaurantsRemoved[*] ? (@.type() == "number")')
  ) ids)`;

/**
 * The audit log, newest first, one keyset page per statement with what a reader needs instead of ids: the actor's and
 * target's names and emails, and the names of the restaurants the details mention (a restaurant since renamed shows
 * its name today; one since deleted is missing and is shown by its number).
 */
export async function listAuditLog({
  viewer,
  before,
  filter = {},
  zone,
}: {
  viewer: Viewer;
  before?: AuditCursor;
  filter?: AuditFilter;
  /** The zone whose calendar days the filter's `from` and `to` name: the viewer's (lib/time-zone.ts). */
  zone: string;
}) {
  assertAdmin(viewer);
  const db = await getDb();
  const details = sql`${sql.identifier("audit_log")}.${sql.identifier("details")}`;
  const actorSearch = filter.actor?.trim();
  const rows = await db
    .select({
      id: auditLog.id,
      createdAt: auditLog.createdAt,
      action: auditLog.action,
      details: auditLog.details,
      actorProfileId: auditLog.actorProfileId,
      targetProfileId: auditLog.targetProfileId,
      actorSlug: actor.slug,
      actorName: actor.displayName,
      actorEmail: actorUser.email,
      targetSlug: target.slug,
      targetName: target.displayName,
      targetEmail: targetUser.email,
      restaurantNames: sql<Record<string, string>>`(select coalesce(jsonb_object_agg(r.id::text, r.name), '{}'::jsonb)
        from restaurants r where r.id = any(${restaurantIdsIn(details)}))`.mapWith(auditLog.details),
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorProfileId))
    .leftJoin(actorUser, eq(actorUser.id, actor.userId))
    .leftJoin(target, eq(target.id, auditLog.targetProfileId))
    .leftJoin(targetUser, eq(targetUser.id, target.userId))
    .where(
      and(
        before
          ? sql`(${auditLog.createdAt}, ${auditLog.id}) < (${before.createdAt.toISOString()}::timestamptz, ${before.id})`
          : undefined,
        filter.action ? eq(auditLog.action, filter.action) : undefined,
        ...withinInstants(auditLog.createdAt, zoneDayRange(filter.from, filter.to, zone)),
        accountMatches(auditLog.actorProfileId, actorSearch),
      ),
    )
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  const entries = rows.slice(0, AUDIT_PAGE_SIZE).map((r) => ({
    id: r.id,
    createdAt: r.createdAt,
    action: r.action,
    details: r.details,
    actorProfileId: r.actorProfileId,
    targetProfileId: r.targetProfileId,
    restaurantNames: (r.restaurantNames ?? {}) as Record<string, string>,
    actor: r.actorSlug ? { slug: r.actorSlug, displayName: r.actorName!, email: r.actorEmail ?? "" } : null,
    target: r.targetSlug ? { slug: r.targetSlug, displayName: r.targetName!, email: r.targetEmail ?? "" } : null,
  }));
  const last = rows.length > AUDIT_PAGE_SIZE ? rows[AUDIT_PAGE_SIZE - 1] : undefined;
  return { entries, nextCursor: last ? encodeAuditCursor(last) : undefined };
}

export type AuditEntryView = Awaited<ReturnType<typeof listAuditLog>>["entries"][number];
