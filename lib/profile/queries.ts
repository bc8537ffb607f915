import "server-only";

import { asc, desc, eq, sql } from "drizzle-orm";

import { getDb } from "@/db/client";
import { preparedPerDatabase } from "@/db/prepared";
import { favorites, MAX_SAVED_ADDRESSES, orders, profiles, restaurants } from "@/db/schema";
import type { Database } from "@/db/types";
import { savedAddressColumns, savedAddressOrder } from "@/lib/addresses/queries";
import type { Viewer } from "@/lib/auth/queries";
import { encodeCursor, type OrderCursor } from "@/lib/orders/cursor";
import { orderRowColumns, orderRowRelations, placedBefore } from "@/lib/orders/order-rows";
import { purchaseTotals } from "@/lib/orders/totals";
import { ofRestaurant, openNow } from "@/lib/restaurants/hours";

export const RECENT_ORDERS = 20;
const FAVORITES_SHOWN = 50;

/**
 * A restaurant in the profile's lists, "Open" only when the switch is on and it is within its hours: the rule of
 * lib/restaurants/hours.ts over a scalar subquery on the row (the rule speaks of an outer "restaurants", and a
 * nested relation has another alias), in the profile's one statement.
 */
const listedRestaurant = {
  columns: { id: true as const, slug: true as const, name: true as const, cuisine: true as const },
  extras: (r: typeof restaurants._.columns) => ({
    isOpen: ofRestaurant(r.id, openNow()).as("is_open"),
  }),
};

/**
 * One statement for the whole profile page: the profile, its user's role, its running totals (total purchase
 * and order count, kept by database triggers: docs/decisions/0006-rollups.md), the restaurants owned, the
 * favorites, the saved delivery addresses (at most MAX_SAVED_ADDRESSES), and one page of the order history with
 * its lines. Drizzle compiles the nested `with` into lateral
 * joins, each an index range of at most a page: nothing here grows with the length of the history.
 */
function profileStatement(db: Database, by: "id" | "slug", paged: boolean) {
  return db.query.profiles
    .findFirst({
      where: by === "id" ? eq(profiles.id, sql.placeholder("id")) : eq(profiles.slug, sql.placeholder("slug")),
      columns: { id: true, slug: true, displayName: true, createdAt: true },
      // The page lists FAVORITES_SHOWN favorites; the figure counts them all (primary key range, O(favorites)).
      extras: {
        favoriteCount: sql<number>`(select count(*)::int from favorites f where f.profile_id = ${profiles.id})`.as(
          "favorite_count",
        ),
      },
      with: {
        user: { columns: { role: true } },
        totals: { columns: { orderCount: true, totalCents: true } },
        ownedRestaurants: {
          columns: {},
          with: { restaurant: listedRestaurant },
          orderBy: (owner, { asc }) => [asc(owner.restaurantId)],
        },
        favorites: {
          columns: { createdAt: true },
          with: { restaurant: listedRestaurant },
          orderBy: [desc(favorites.createdAt), asc(favorites.restaurantId)],
          limit: FAVORITES_SHOWN,
        },
        addresses: {
          // The address book's columns (the compiler holds the two lists together), in the address book's order.
          columns: { id: true, label: true, address: true, isDefault: true } satisfies Record<
            keyof typeof savedAddressColumns,
            true
          >,
          orderBy: savedAddressOrder,
          limit: MAX_SAVED_ADDRESSES,
        },
        orderHistory: {
          columns: orderRowColumns,
          with: orderRowRelations,
          where: paged ? placedBefore(sql.placeholder("beforePlacedAt"), sql.placeholder("beforeId")) : undefined,
          orderBy: [desc(orders.placedAt), desc(orders.id)],
          // One more than shown: its presence says whether there is an older page.
          limit: RECENT_ORDERS + 1,
        },
      },
    })
    .prepare(`profile_by_${by}${paged ? "_paged" : ""}`);
}

/** The four shapes of the profile statement, each prepared once per database (db/prepared.ts). */
const profileStatements = {
  id: preparedPerDatabase((db) => profileStatement(db, "id", false)),
  idPaged: preparedPerDatabase((db) => profileStatement(db, "id", true)),
  slug: preparedPerDatabase((db) => profileStatement(db, "slug", false)),
  slugPaged: preparedPerDatabase((db) => profileStatement(db, "slug", true)),
};

type ProfileKey = { id: number } | { slug: string };

async function readProfile(key: ProfileKey, cursor: OrderCursor | undefined) {
  const db = await getDb();
  const before = cursor ? { beforePlacedAt: cursor.placedAt.toISOString(), beforeId: cursor.id } : {};
  if ("id" in key)
    return (cursor ? profileStatements.idPaged : profileStatements.id)(db).execute({ ...key, ...before });
  return (cursor ? profileStatements.slugPaged : profileStatements.slug)(db).execute({ ...key, ...before });
}

export type ProfileView = NonNullable<Awaited<ReturnType<typeof loadProfile>>>;

async function loadProfile(key: ProfileKey, cursor: OrderCursor | undefined) {
  const row = await readProfile(key, cursor);
  if (!row) return null;
  const { orderHistory, totals, ...rest } = row;
  return {
    ...rest,
    ...purchaseTotals(row.id, totals),
    orders: orderHistory.slice(0, RECENT_ORDERS),
    nextCursor: orderHistory.length > RECENT_ORDERS ? encodeCursor(orderHistory[RECENT_ORDERS - 1]!) : undefined,
  };
}

/**
 * The profile a viewer asked for, or null when it does not exist or is not theirs to see (a 404 either way).
 * A viewer sees their own profile; an admin sees anyone's.
 */
export async function getProfileForViewer({
  viewer,
  slug,
  cursor,
}: {
  viewer: Viewer;
  slug?: string;
  cursor?: OrderCursor;
}): Promise<ProfileView | null> {
  if (slug === undefined || slug === viewer.slug) return loadProfile({ id: viewer.profileId }, cursor);
  if (viewer.role !== "admin") return null;
  return loadProfile({ slug }, cursor);
}
