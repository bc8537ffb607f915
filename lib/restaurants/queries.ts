import "server-only";

import { and, asc, desc, eq, isNull, sql, type SQLWrapper } from "drizzle-orm";

import { getDb } from "@/db/client";
import { preparedPerDatabase } from "@/db/prepared";
import { favorites, menuCategories, menuItems, menuOptionChoices, menuOptionGroups, restaurants } from "@/db/schema";
import type { Database } from "@/db/types";
import type { Viewer } from "@/lib/auth/queries";
import type { CartHolder } from "@/lib/cart/cookie";

import { closesAt, instantFromDb, nextOpening, openNow, todaysHours } from "./hours";
import { encodeRestaurantCursor, type RestaurantCursor } from "./schema";
import { searchesDishes, searchHits } from "./search";
import { suggestSwappedQuery } from "./suggest";

export const RESTAURANTS_PER_PAGE = 12;
const FAVORITES_ON_HOME = 12;

/** A card's columns; `at`: the instant its opening status is for (now() unless a test names one). */
const card = (at?: Date) => ({
  id: restaurants.id,
  slug: restaurants.slug,
  name: restaurants.name,
  cuisine: restaurants.cuisine,
  description: restaurants.description,
  isOpen: restaurants.isOpen,
  timeZone: restaurants.timeZone,
  openNow: openNow(at).as("open_now"),
  opensAt: nextOpening(at).as("opens_at"),
  todaysHours: todaysHours(at).as("todays_hours"),
  closesAt: closesAt(at).as("closes_at"),
});

type Key = SQLWrapper | string | number | null;

const isFavoriteOf = (viewerProfileId: Key | undefined) =>
  viewerProfileId === undefined
    ? sql<boolean>`false`
    : sql<boolean>`exists (select 1 from ${favorites}
        where ${favorites.profileId} = ${viewerProfileId} and ${favorites.restaurantId} = ${restaurants.id})`;

export type RestaurantFilters = { cuisine?: string; openNow?: boolean };

/** The page's filters as conditions on `restaurants`: a cuisine (any case) and "open now" (`at`, else now()). */
const filterRestaurants = (cuisine: Key | undefined, open: boolean, at?: Date) =>
  and(
    cuisine !== undefined ? sql`lower(${restaurants.cuisine}) = lower(${cuisine})` : undefined,
    open ? openNow(at) : undefined,
  );

/**
 * What a home page statement looks like: which parts it has. Each shape is one statement, prepared once (below);
 * the values (`HomeValues`) are its parameters.
 */
type HomeShape = {
  search: boolean;
  /** A search of dishes as well as restaurants (searchesDishes: two characters or more). */
  dishes: boolean;
  after: boolean;
  viewer: boolean;
  cuisine: boolean;
  openNow: boolean;
};
type HomeValues = {
  q: string | SQLWrapper;
  afterName: Key;
  afterId: Key;
  afterRank: Key;
  viewerProfileId: Key;
  cuisine: Key;
};

/**
 * The home page's statement of one shape: a keyset page of restaurants (by name, then id; with a search, the
 * matches by rank, then name and id, each with the dish that matched) and, for a signed-in visitor, their
 * favorites: two branches of one UNION ALL, told apart by `section`. The page's filters apply to the listing and
 * to the search alike (the favorites section shows them all); "open now" is the switch and the hours, by the same
 * rule as the cards' badge.
 */
function homeQuery(db: Database, shape: HomeShape, values: HomeValues, at?: Date) {
  const filter = filterRestaurants(shape.cuisine ? values.cuisine : undefined, shape.openNow, at);
  const viewerProfileId = shape.viewer ? values.viewerProfileId : undefined;
  const noMatch = {
    rank: sql<number | null>`null::int`.as("rank"),
    matchedDish: sql<string | null>`null::text`.as("matched_dish"),
  };
  let page;
  if (shape.search) {
    const ranked = searchHits(db, values.q, { dishes: shape.dishes });
    const cursor = sql`(-${values.afterRank}::int, ${values.afterName}::text, ${values.afterId}::int)`;
    const keyset = shape.after ? sql`(-${ranked.rank}, ${restaurants.name}, ${restaurants.id}) > ${cursor}` : undefined;
    page = db
      .select({
        section: sql<"page" | "favorite">`'page'`.as("section"),
        ...card(at),
        isFavorite: isFavoriteOf(viewerProfileId).as("is_favorite"),
        rank: sql<number | null>`${ranked.rank}`.as("rank"),
        matchedDish: sql<string | null>`${ranked.matchedDish}`.as("matched_dish"),
      })
      .from(restaurants)
      .innerJoin(ranked, eq(ranked.restaurantId, restaurants.id))
      .where(and(keyset, filter))
      .orderBy(desc(ranked.rank), asc(restaurants.name), asc(restaurants.id))
      .limit(RESTAURANTS_PER_PAGE + 1);
  } else {
    const keyset = shape.after
      ? sql`(${restaurants.name}, ${restaurants.id}) > (${values.afterName}::text, ${values.afterId}::int)`
      : undefined;
    page = db
      .select({
        section: sql<"page" | "favorite">`'page'`.as("section"),
        ...card(at),
        isFavorite: isFavoriteOf(viewerProfileId).as("is_favorite"),
        ...noMatch,
      })
      .from(restaurants)
      .where(and(keyset, filter))
      .orderBy(asc(restaurants.name), asc(restaurants.id))
      .limit(RESTAURANTS_PER_PAGE + 1);
  }
  if (viewerProfileId === undefined) return page;
  return page.unionAll(
    db
      .select({
        section: sql<"page" | "favorite">`'favorite'`.as("section"),
        ...card(at),
        isFavorite: sql<boolean>`true`.as("is_favorite"),
        ...noMatch,
      })
      .from(favorites)
      .innerJoin(restaurants, eq(restaurants.id, favorites.restaurantId))
      .where(sql`${favorites.profileId} = ${viewerProfileId}::int`)
      .orderBy(desc(favorites.createdAt), asc(restaurants.id))
      .limit(FAVORITES_ON_HOME),
  );
}

const HOME_PLACEHOLDERS: HomeValues = {
  q: sql.placeholder("q"),
  afterName: sql.placeholder("afterName"),
  afterId: sql.placeholder("afterId"),
  afterRank: sql.placeholder("afterRank"),
  viewerProfileId: sql.placeholder("viewerProfileId"),
  cuisine: sql.placeholder("cuisine"),
};

/**
 * Each shape's statement as every request asks for it (the database's now), prepared once per database
 * (db/prepared.ts). A search too: both of its ways to find candidates are trigram index scans whatever the words,
 * so the plan PostgreSQL keeps fits every query (decision 0023; tests/integration/search-plans.test.ts checks the
 * generic plans), and a search stops paying for its SQL to be built, parsed and planned on every call.
 */
const preparedHome = new Map<string, ReturnType<typeof preparedHomeOfShape>>();
const preparedHomeOfShape = (shape: HomeShape, name: string) =>
  preparedPerDatabase((db) => homeQuery(db, shape, HOME_PLACEHOLDERS).prepare(name));

function preparedHomeQuery(db: Database, shape: HomeShape) {
  const name = `home_${Object.entries(shape)
    .filter(([, on]) => on)
    .map(([part]) => part)
    .join("_")}`;
  let prepared = preparedHome.get(name);
  if (!prepared) {
    prepared = preparedHomeOfShape(shape, name);
    preparedHome.set(name, prepared);
  }
  return prepared(db);
}

/**
 * The home page in one statement: a page of restaurants or of a search's matches, and the visitor's favorites
 * (`viewer`; null or absent for anonymous visitors). See homeQuery.
 */
export async function browseRestaurants({
  q,
  after,
  viewer,
  filters = {},
  at,
}: {
  q?: string;
  after?: RestaurantCursor;
  viewer?: Viewer | null;
  filters?: RestaurantFilters;
  /** The instant "open now" is about; the database's now() unless a test names one. */
  at?: Date;
}) {
  const db = await getDb();
  const shape: HomeShape = {
    search: Boolean(q),
    dishes: q ? searchesDishes(q) : false,
    // A search pages by its rank: a cursor without one starts it over (app/page.tsx refuses such cursors anyway).
    after: q ? after?.rank !== undefined : Boolean(after),
    viewer: Boolean(viewer),
    cuisine: Boolean(filters.cuisine),
    openNow: Boolean(filters.openNow),
  };
  const values: HomeValues = {
    q: q ?? "",
    afterName: after?.name ?? null,
    afterId: after?.id ?? null,
    afterRank: after?.rank ?? null,
    viewerProfileId: viewer?.profileId ?? null,
    cuisine: filters.cuisine ?? null,
  };
  const fetched = at ? await homeQuery(db, shape, values, at) : await preparedHomeQuery(db, shape).execute(values);
  const rows = fetched.map(({ opensAt, ...row }) => ({ ...row, opensAt: instantFromDb(opensAt) }));
  const matches = rows.filter((r) => r.section === "page");
  const shown = matches.slice(0, RESTAURANTS_PER_PAGE);
  const last = shown.at(-1);
  // A first page that found nothing looks for the query with two letters swapped: one statement more, only then.
  const suggestion =
    q && !shape.after && shown.length === 0
      ? await suggestSwappedQuery(db, q, filterRestaurants(filters.cuisine || undefined, shape.openNow, at))
      : undefined;
  return {
    restaurants: shown,
    /** False for a one-letter search, which looks at restaurants only (searchesDishes). */
    dishesSearched: shape.dishes || !q,
    favorites: rows.filter((r) => r.section === "favorite"),
    /** For a search that found nothing: the query with two letters swapped that finds something ("Did you mean"). */
    suggestion,
    nextCursor:
      matches.length > RESTAURANTS_PER_PAGE && last
        ? encodeRestaurantCursor({ name: last.name, id: last.id, ...(q ? { rank: last.rank ?? 0 } : {}) })
        : undefined,
  };
}

/**
 * The same holder rule as lib/cart/queries.ts holderWhere, written over alias `c` for use inside `extras`: the
 * customer's cart, or the visitor's anonymous one; with both null, no cart.
 */
const cartOf = (profileId: Key, anonymousId: Key) =>
  sql`(c.profile_id = ${profileId} or (c.id = ${anonymousId} and c.profile_id is null))`;

type PageKeys = { slug: SQLWrapper | string; viewerProfileId: Key; holderProfileId: Key; anonymousCartId: Key };

/**
 * A restaurant's page in one statement: details, the menu by category (deleted items left out, unavailable ones
 * kept and marked), whether the visitor favorited it, and which other restaurant their cart is from, if any (to warn
 * that adding here will ask before replacing it).
 */
function restaurantPageQuery(
  db: Database,
  { slug, viewerProfileId, holderProfileId, anonymousCartId }: PageKeys,
  at?: Date,
) {
  return db.query.restaurants.findFirst({
    where: eq(restaurants.slug, slug),
    columns: {
      id: true,
      slug: true,
      name: true,
      cuisine: true,
      description: true,
      address: true,
      isOpen: true,
      timeZone: true,
    },
    extras: {
      openNow: openNow(at).as("open_now"),
      opensAt: nextOpening(at).as("opens_at"),
      todaysHours: todaysHours(at).as("todays_hours"),
      closesAt: closesAt(at).as("closes_at"),
      // A null profile (no viewer) matches no favorite.
      isFavorite:
        sql<boolean>`exists (select 1 from favorites f where f.profile_id = ${viewerProfileId} and f.restaurant_id = ${restaurants.id})`.as(
          "is_favorite",
        ),
      // The restaurant the visitor's cart is from, named when it is another one than this: told apart by id, since
      // names are not unique (a chain's branches share theirs). Written by hand: see
      // docs/decisions/0002-profile-read.md on aliases inside extras. A cart with no lines is no cart to warn about:
      // adding replaces it without asking.
      cartElsewhere: sql<
        string | null
      >`(select r.name from carts c join restaurants r on r.id = c.restaurant_id where ${cartOf(holderProfileId, anonymousCartId)}
        and c.restaurant_id <> ${restaurants.id} and exists (select 1 from cart_items ci where ci.cart_id = c.id))`.as(
        "cart_elsewhere",
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
            with: {
              // The options form of each item: live groups and choices, in the owner's order.
              optionGroups: {
                columns: { id: true, name: true, minChoices: true, maxChoices: true },
                where: isNull(menuOptionGroups.deletedAt),
                orderBy: [asc(menuOptionGroups.position), asc(menuOptionGroups.id)],
                with: {
                  choices: {
                    columns: { id: true, name: true, priceDeltaCents: true, available: true },
                    where: isNull(menuOptionChoices.deletedAt),
                    orderBy: [asc(menuOptionChoices.position), asc(menuOptionChoices.id)],
                  },
                },
              },
            },
          },
        },
      },
    },
  });
}

/** The page as every request asks for it (the database's now), prepared once per database (db/prepared.ts). */
const preparedRestaurantPage = preparedPerDatabase((db) =>
  restaurantPageQuery(db, {
    slug: sql.placeholder("slug"),
    // Typed, so that a null for "no viewer" or "no cart" has a type when the statement is prepared.
    viewerProfileId: sql`${sql.placeholder("viewerProfileId")}::int`,
    holderProfileId: sql`${sql.placeholder("holderProfileId")}::int`,
    anonymousCartId: sql`${sql.placeholder("anonymousCartId")}::uuid`,
  }).prepare("restaurant_page"),
);

export async function getRestaurantPage({
  slug,
  viewer,
  cartHolder,
  at,
}: {
  slug: string;
  viewer?: Viewer | null;
  cartHolder?: CartHolder | null;
  /** The instant the opening status is for; the database's now() unless a test names one. */
  at?: Date;
}) {
  const db = await getDb();
  const keys = {
    slug,
    viewerProfileId: viewer?.profileId ?? null,
    holderProfileId: cartHolder && "profileId" in cartHolder ? cartHolder.profileId : null,
    anonymousCartId: cartHolder && "anonymousId" in cartHolder ? cartHolder.anonymousId : null,
  };
  const row = at ? await restaurantPageQuery(db, keys, at) : await preparedRestaurantPage(db).execute(keys);
  return row && { ...row, opensAt: instantFromDb(row.opensAt) };
}

export type RestaurantPage = NonNullable<Awaited<ReturnType<typeof getRestaurantPage>>>;
