import Link from "next/link";

import { OpenBadge, OpeningHours, type OpeningFacts } from "./opening-status";

type Card = OpeningFacts & {
  id: number;
  slug: string;
  name: string;
  cuisine: string;
  description: string;
  isFavorite?: boolean;
  /** The dish that made this restaurant a search result, if one did. */
  matchedDish?: string | null;
};

/** `cuisineHref`: where the cuisine leads (the same list filtered to it); without it the cuisine is plain text. */
export function RestaurantCard({ restaurant: r, cuisineHref }: { restaurant: Card; cuisineHref?: string }) {
  return (
    <li className="relative rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200 transition hover:ring-brand-600">
      <div className="flex items-baseline justify-between gap-2">
        <Link href={`/r/${r.slug}`} className="font-semibold after:absolute after:inset-0">
          {r.name}
        </Link>
        <OpenBadge openNow={r.openNow} className="text-xs" />
      </div>
      <p className="text-sm text-stone-500">
        {cuisineHref ? (
          // Above the card's whole-card link (after:inset-0), so that it can be clicked on its own.
          <Link
            href={cuisineHref}
            className="relative z-10 inline-flex min-h-6 items-center rounded-full px-1 text-stone-700 underline hover:text-brand-700"
          >
            {r.cuisine}
            <span className="sr-only"> (show only this cuisine)</span>
          </Link>
        ) : (
          r.cuisine
        )}
        {r.isFavorite ? (
          <span className="ml-2 text-rose-600" aria-label="favorite">
            ♥
          </span>
        ) : null}
      </p>
      <p className="mt-1 line-clamp-2 text-sm text-stone-700">{r.description}</p>
      <OpeningHours restaurant={r} className="mt-1 text-xs" />
      {r.matchedDish ? (
        <p className="mt-1 text-sm text-stone-700" data-testid="matched-dish">
          <span className="font-medium">matches:</span> {r.matchedDish}
        </p>
      ) : null}
    </li>
  );
}
