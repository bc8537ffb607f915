import "server-only";

import { and, asc, eq, sql, type SQLWrapper } from "drizzle-orm";

import { getDb } from "@/db/client";
import { restaurantClosedDays, restaurantHours, restaurants } from "@/db/schema";
import type { Viewer } from "@/lib/auth/queries";
import { NOT_FOUND, type Result } from "@/lib/errors";
import { zoneKnownToDatabase } from "@/lib/restaurants/time-zones";

import { formatMinutes, minutesOfDay, splitClosedDays, type HoursInput } from "./hours-schema";
import { lockOwnedRestaurant, outer, ownedRestaurantAt } from "./scope";

/**
 * What the hours form saves, as stored (the zone, every interval of the week, every closed day), as one text: the
 * version a save from that form must find. A save replaces all of it, so a form drawn before another tab's or a
 * co-owner's save put back what that save had changed: a closed day it had added was dropped, and the restaurant
 * took orders that day. `restaurantId` is the restaurant's id column, qualified (`outer`, or a relational query's
 * own alias), since inside this subquery an unqualified "id" would be the inner restaurant's.
 */
const hoursFormVersion = (restaurantId: SQLWrapper) =>
  sql<string>`(select md5(row(r.time_zone,
      (select array_agg(row(h.weekday, h.opens_at, h.closes_at) order by h.weekday, h.opens_at, h.closes_at)
        from restaurant_hours h where h.restaurant_id = r.id),
      (select array_agg(c.day order by c.day) from restaurant_closed_days c where c.restaurant_id = r.id))::text)
    from restaurants r where r.id = ${restaurantId})`;

/**
 * The hours editor of one of the viewer's restaurants, in one statement: its zone, its week and its closed days from
 * today on (today in its zone), or from yesterday when yesterday's night runs past midnight (splitClosedDays): past
 * ones close nothing, and leaving them out of the form drops them at its next save.
 */
export async function getHoursForOwner({ viewer, slug, now }: { viewer: Viewer; slug: string; now?: Date }) {
  const db = await getDb();
  const row = await db.query.restaurants.findFirst({
    where: ownedRestaurantAt(viewer, slug),
    columns: { id: true, slug: true, name: true, timeZone: true, isOpen: true },
    extras: { version: hoursFormVersion(restaurants.id).as("version") },
    with: {
      hours: {
        columns: { weekday: true, opensAt: true, closesAt: true },
        orderBy: [asc(restaurantHours.weekday), asc(restaurantHours.opensAt)],
      },
      closedDays: { columns: { day: true }, orderBy: [asc(restaurantClosedDays.day)] },
    },
  });
  if (!row) return undefined;
  const stored = row.closedDays.map(({ day }) => day);
  const week = row.hours.map((h) => ({
    weekday: h.weekday,
    opens: minutesOfDay(h.opensAt),
    closes: minutesOfDay(h.closesAt),
  }));
  return { ...row, closedDays: splitClosedDays(stored, row.timeZone, now, week).upcoming };
}

export type HoursEditor = NonNullable<Awaited<ReturnType<typeof getHoursForOwner>>>;

/** "conflict": the hours have changed since the form was drawn (its `version`); nothing was written. */
export type SaveHoursResult = Result<
  object,
  { reason: "not-found" } | { reason: "invalid:time-zone" } | { reason: "conflict" }
>;

/**
 * Replaces the zone, the week and the closed days of one of the viewer's restaurants, in one transaction. The
 * restaurant row is locked first (FOR NO KEY UPDATE, as menu writes do: decision 0004), with ownership in that
 * statement's WHERE and the zone's validity for PostgreSQL among its columns; a foreign id or a zone the database
 * does not know writes nothing. With the form's `version`, hours changed since it was drawn are not written
 * ("conflict"): compared in the statement after the lock, which sees every save that committed before it.
 */
export async function saveHours({
  viewer,
  input: { restaurantId, version, timeZone, week, closedDays },
}: {
  viewer: Viewer;
  input: HoursInput;
}): Promise<SaveHoursResult> {
  const db = await getDb();
  return db.transaction(async (tx): Promise<SaveHoursResult> => {
    const found = await lockOwnedRestaurant(tx, viewer, restaurantId, { zoneKnown: zoneKnownToDatabase(timeZone) });
    if (!found) return NOT_FOUND;
    if (!found.zoneKnown) return { ok: false, reason: "invalid:time-zone" };
    const [current] = await tx
      .update(restaurants)
      // updated_at stays: it is the version of the restaurant's details (lib/owner/queries.ts detailsVersion), which
      // this form does not write; moved here, it made every details form drawn before refuse to save, saying that
      // "these details were changed". (Set explicitly, so that the column's $onUpdate does not move it either.)
      .set({ timeZone, updatedAt: sql`${restaurants.updatedAt}` })
      .where(
        and(
          eq(restaurants.id, restaurantId),
          version === undefined ? undefined : sql`${hoursFormVersion(outer(restaurants.id))} = ${version}`,
        ),
      )
      .returning({ id: restaurants.id });
    if (!current) return { ok: false, reason: "conflict" };
    await tx.delete(restaurantHours).where(eq(restaurantHours.restaurantId, restaurantId));
    if (week.length > 0) {
      await tx.insert(restaurantHours).values(
        week.map(({ weekday, opens, closes }) => ({
          restaurantId,
          weekday,
          opensAt: formatMinutes(opens),
          closesAt: formatMinutes(closes),
        })),
      );
    }
    await tx.delete(restaurantClosedDays).where(eq(restaurantClosedDays.restaurantId, restaurantId));
    if (closedDays.length > 0) {
      await tx.insert(restaurantClosedDays).values(closedDays.map((day) => ({ restaurantId, day })));
    }
    return { ok: true };
  });
}
