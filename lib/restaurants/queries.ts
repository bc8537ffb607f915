import "server-only";
import { asc } from "drizzle-orm";
import { getDb } from "@/db/client";
import { restaurants } from "@/db/schema";

export async function listRestaurants({ limit = 24 }: { limit?: number } = {}) {
  const db = await getDb();
  return db
    .select({
      id: restaurants.id,
      slug: restaurants.slug,
      name: restaurants.name,
      cuisine: restaurants.cuisine,
      description: restaurants.description,
      isOpen: restaurants.isOpen,
    })
    .from(restaurants)
    .orderBy(asc(restaurants.name), asc(restaurants.id))
    .limit(limit);
}
