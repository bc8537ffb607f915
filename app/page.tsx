import Link from "next/link";

import { getViewer } from "@/lib/auth/session";
import { browseRestaurants } from "@/lib/restaurants/queries";
import { browseSchema, decodeRestaurantCursor, SEARCH_MAX } from "@/lib/restaurants/schema";
import { QueryStats } from "@/components/layout/query-stats";
import { RestaurantCard } from "@/components/shop/restaurant-card";

type Browse = { q?: string; cuisine?: string; open?: "1"; after?: string };

/** The home page's address for a search, its filters and a page of results; empty values are left out. */
function browseHref(browse: Browse): string {
  const query = new URLSearchParams(Object.entries(browse).filter((entry): entry is [string, string] => !!entry[1]));
  return query.size ? `/?${query}` : "/";
}

export default async function HomePage({ searchParams }: PageProps<"/">) {
  const params = browseSchema.safeParse(await searchParams);
  const { q, cuisine, open } = params.success ? params.data : {};
  const after = params.success ? decodeRestaurantCursor(params.data.after, { search: Boolean(q) }) : null;
  const viewer = await getViewer();
  const page = await browseRestaurants({
    q: q || undefined,
    after: after ?? undefined,
    viewer,
    filters: { cuisine: cuisine || undefined, openNow: open === "1" },
  });
  const current = { q, cuisine, open };
  const filteredBy = [cuisine ? `${cuisine} cuisine` : "", open ? "open now" : ""].filter(Boolean).join(", ");
  const openToggle = open ? "bg-brand-700 text-white ring-brand-700" : "bg-white text-stone-800 ring-stone-300";

  return (
    <div className="space-y-8">
      <section className="rounded-2xl bg-brand-50 p-8 ring-1 ring-brand-100">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Good food, honest totals.</h1>
        <p className="mt-2 max-w-xl text-stone-700">
          Order from the restaurants around you and see exactly what you have spent, to the cent.
        </p>
        <form role="search" action="/" className="mt-5 flex max-w-lg gap-2">
          <label htmlFor="q" className="sr-only">
            Search restaurants and dishes
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={q}
            maxLength={SEARCH_MAX}
            placeholder="Sushi, pasta, phở, a restaurant…"
            className="min-w-0 flex-1 rounded-lg border border-stone-300 bg-white px-3 py-2"
          />
          {/* A new search keeps the filters that are on. */}
          {cuisine ? <input type="hidden" name="cuisine" value={cuisine} /> : null}
          {open ? <input type="hidden" name="open" value="1" /> : null}
          <button
            type="submit"
            className="rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700"
          >
            Search
          </button>
        </form>
        <div className="mt-3 flex flex-wrap items-center gap-3 text-sm">
          <form action="/" className="flex items-center gap-2">
            {q ? <input type="hidden" name="q" value={q} /> : null}
            {cuisine ? <input type="hidden" name="cuisine" value={cuisine} /> : null}
            {open ? null : <input type="hidden" name="open" value="1" />}
            <button
              type="submit"
              aria-pressed={Boolean(open)}
              className={`rounded-full px-3 py-1 font-medium ring-1 ${openToggle}`}
            >
              Open now
            </button>
          </form>
          {cuisine ? (
            <Link
              href={browseHref({ q, open })}
              className="rounded-full bg-white px-3 py-1 font-medium text-stone-800 ring-1 ring-stone-300"
            >
              {cuisine} <span aria-hidden="true">✕</span>
              <span className="sr-only">(remove this cuisine filter)</span>
            </Link>
          ) : (
            <span className="text-stone-700">Choose a cuisine on any restaurant to see only that cuisine.</span>
          )}
        </div>
        {after === null || !params.success ? (
          <p className="mt-2 text-sm text-red-700">That page link is not valid; showing the first page.</p>
        ) : null}
      </section>

      {page.favorites.length > 0 ? (
        <section aria-labelledby="favorites-heading">
          <h2 id="favorites-heading" className="mb-3 text-lg font-semibold">
            Your favorites
          </h2>
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {page.favorites.map((r) => (
              <RestaurantCard key={r.id} restaurant={r} />
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="restaurants-heading">
        {/* It repeats the query as typed (up to 60 characters), maybe one long word: it wraps inside the page. */}
        <h2 id="restaurants-heading" className="mb-3 text-lg font-semibold wrap-anywhere">
          {q ? `Restaurants matching “${q}”` : "Restaurants"}
          {filteredBy ? ` · ${filteredBy}` : ""}
        </h2>
        {page.dishesSearched ? null : (
          <p className="mb-3 text-sm text-stone-600" data-testid="search-hint">
            One character searches restaurants only: type another to search their dishes too.
          </p>
        )}
        {page.restaurants.length === 0 ? (
          <p className="text-stone-600">
            No restaurant matches your search{filteredBy ? " and filters" : ""}.{" "}
            {page.suggestion ? (
              <span data-testid="search-suggestion" className="wrap-anywhere">
                Did you mean{" "}
                <Link href={browseHref({ q: page.suggestion, cuisine, open })} className="text-brand-700 underline">
                  {page.suggestion}
                </Link>
                ?{" "}
              </span>
            ) : null}
            <Link href="/" className="text-brand-700 underline">
              Show all restaurants
            </Link>
          </p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {page.restaurants.map((r) => (
              <RestaurantCard key={r.id} restaurant={r} cuisineHref={browseHref({ q, cuisine: r.cuisine, open })} />
            ))}
          </ul>
        )}
        <nav aria-label="Restaurant pages" className="mt-4 flex justify-between text-sm">
          {after ? (
            <Link href={browseHref(current)} className="font-medium text-brand-700 underline">
              ← First page
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <Link
              href={browseHref({ ...current, after: page.nextCursor })}
              className="font-medium text-brand-700 underline"
            >
              More restaurants →
            </Link>
          ) : null}
        </nav>
      </section>
      <QueryStats />
    </div>
  );
}
