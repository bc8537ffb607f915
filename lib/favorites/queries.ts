import "server-only";

import { and, eq } from "drizzle-orm";

import { getDb } from "@/db/client";
import { favorites, restaurants } from "@/db/schema";

/** Sets (not toggles) whether a restaurant is a favorite, so that a repeated click leaves the state it asked for. */
export async function setFavorite({
  profileId,
  restaurantId,
  favorite,
}: {
  profileId: number;
  restaurantId: number;
  favorite: boolean;
}) {
  const db = await getDb();
  if (!favorite) {
    await db.delete(favorites).where(and(eq(favorites.profileId, profileId), eq(favorites.restaurantId, restaurantId)));
    return true;
  }
  const [restaurant] = await db
    .select({ id: restaurants.id })
    .from(restaurants)
    .where(eq(restaurants.id, restaurantId));
  if (!restaurant) return false;
  await db.insert(favorites).values({ profileId, restaurantId }).onConflictDoNothing();
  return true;
}
