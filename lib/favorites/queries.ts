import "server-only";

import { and, eq } from "drizzle-orm";

import { getDb } from "@/db/client";
import { favorites, restaurants } from "@/db/schema";
import type { Viewer } from "@/lib/auth/queries";
import { NOT_FOUND, type Result } from "@/lib/errors";

/**
 * Sets (not toggles) whether a restaurant is one of the viewer's favorites, so that a repeated click leaves the
 * state it asked for. "not-found" when there is no such restaurant to favor.
 */
export async function setFavorite({
  viewer,
  restaurantId,
  favorite,
}: {
  viewer: Viewer;
  restaurantId: number;
  favorite: boolean;
}): Promise<Result<object, { reason: "not-found" }>> {
  const { profileId } = viewer;
  const db = await getDb();
  if (!favorite) {
    await db.delete(favorites).where(and(eq(favorites.profileId, profileId), eq(favorites.restaurantId, restaurantId)));
    return { ok: true };
  }
  const [restaurant] = await db
    .select({ id: restaurants.id })
    .from(restaurants)
    .where(eq(restaurants.id, restaurantId));
  if (!restaurant) return NOT_FOUND;
  await db.insert(favorites).values({ profileId, restaurantId }).onConflictDoNothing();
  return { ok: true };
}
