import "server-only";

import { and, asc, desc, eq, ilike, isNull, or, sql } from "drizzle-orm";

import { getDb } from "@/db/client";
import { favorites, menuCategories, menuItems, restaurants } from "@/db/schema";
import type { CartOwner } from "@/lib/cart/owner";
import { likePattern } from "@/lib/search";

import { encodeRestaurantCursor, type RestaurantCursor } from "./schema";

export const RESTAURANTS_PER_PAGE = 12;
const FAVORITES_ON_HOME = 12;

const card = {
  id: restaurants.id,
  slug: restaurants.slug,
  name: restaurants.name,
  cuisine: restaurants.cuisine,
  description: restaurants.description,
  isOpen: restaurants.isOpen,
};

const isFavoriteOf = (profileId: number | undefined) =>
  profileId === undefined
    ? sql<boolean>`false`
    : sql<boolean>`exists (select 1 from ${favorites} where ${favorites.profileId} = ${profileId} and ${favorites.restaurantId} = ${restaurants.id})`;

/**
 * The home page in one statement: a keyset page of restaurants matching the search (name, then id) and, for a
 * signed-in visitor, their favorites: two branches of one UNION ALL, told apart by `section`.
 */
export async function browseRestaurants({
  q,
  after,
  profileId,
}: {
  q?: string;
  after?: RestaurantCursor;
  profileId?: number;
}) {
  const db = await getDb();
  const search = q
    ? or(ilike(restaurants.name, likePattern(q)), ilike(restaurants.cuisine, likePattern(q)))
    : undefined;
  const keyset = after ? sql`(${restaurants.name}, ${restaurants.id}) > (${after.name}, ${after.id})` : undefined;
  const page = db
    .select({
      section: sql<"page" | "favorite">`'page'`.as("section"),
      ...card,
      isFavorite: isFavoriteOf(profileId).as("is_favorite"),
    })
    .from(restaurants)
    .where(and(search, keyset))
    .orderBy(asc(restaurants.name), asc(restaurants.id))
    .limit(RESTAURANTS_PER_PAGE + 1);
  const rows =
    profileId === undefined
      ? await page
      : await page.unionAll(
          db
            .select({
              section: sql<"page" | "favorite">`'favorite'`.as("section"),
              ...card,
              isFavorite: sql<boolean>`true`.as("is_favorite"),
            })
            .from(favorites)
            .innerJoin(restaurants, eq(restaurants.id, favorites.restaurantId))
            .where(eq(favorites.profileId, profileId))
            .orderBy(desc(favorites.createdAt), asc(restaurants.id))
            .limit(FAVORITES_ON_HOME),
        );
  const matches = rows.filter((r) => r.section === "page");
  const shown = matches.slice(0, RESTAURANTS_PER_PAGE);
  const last = shown.at(-1);
  return {
    restaurants: shown,
    favorites: rows.filter((r) => r.section === "favorite"),
    nextCursor: matches.length > RESTAURANTS_PER_PAGE && last ? encodeRestaurantCursor(last) : undefined,
  };
}

/**
 * A restaurant's page in one statement: details, the menu by category (deleted items left out, unavailable ones
 * kept and marked), whether the visitor favorited it, and which restaurant their cart is from (to ask before
 * replacing it).
 */
export async function getRestaurantPage({
  slug,
  profileId,
  cartOwner,
}: {
  slug: string;
  profileId?: number;
  cartOwner?: CartOwner | null;
}) {
  const db = await getDb();
  // The same owner rule as lib/cart/queries.ts ownerWhere, written over alias `c` for use inside `extras`.
  const cartWhere = !cartOwner
    ? sql`false`
    : "profileId" in cartOwner
      ? sql`c.profile_id = ${cartOwner.profileId}`
      : sql`c.id = ${cartOwner.anonymousId} and c.profile_id is null`;
  return db.query.restaurants.findFirst({
    where: eq(restaurants.slug, slug),
    columns: { id: true, slug: true, name: true, cuisine: true, description: true, address: true, isOpen: true },
    extras: {
      isFavorite: (profileId === undefined
        ? sql<boolean>`false`
        : sql<boolean>`exists (select 1 from favorites f where f.profile_id = ${profileId} and f.restaurant_id = ${restaurants.id})`
      ).as("is_favorite"),
      // Written by hand: see docs/decisions/0002-profile-read.md on aliases inside extras.
      cartRestaurantName: sql<
        string | null
      >`(select r.name from carts c join restaurants r on r.id = c.restaurant_id where ${cartWhere})`.as(
        "cart_restaurant_name",
      ),
    },
    with: {
      categories: {
        columns: { id: true, name: true },
        orderBy: [asc(menuCategories.position), asc(menuCategories.id)],
        with: {
          items: {
            columns: { id: true, name: true, description: true, priceCents: true, available: true },
            where: isNull(menuItems.deletedAt),
            orderBy: [asc(menuItems.position), asc(menuItems.id)],
          },
        },
      },
    },
  });
}

export type RestaurantPage = NonNullable<Awaited<ReturnType<typeof getRestaurantPage>>>;
